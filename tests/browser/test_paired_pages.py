"""安徽 本、专科专业一并申请 on the pages (issue 18 item 4), the candidate on a 360 px phone: with the 专科 submitted,
the status page offers the 本科 beside it; the city passes the 专科 on its page, the candidate chooses and submits the
本科 there, both applications keep their own status; the city's list shows both, and the 本科's page names the
专科 it rests on. axe 0 at each state."""
from __future__ import annotations

import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import ELIGIBLE, fill_in, ok, submit
from support.applying import staff as staff_member
from support.portal_client import serving

AH = "anhui"
_BY_MAJOR = {c["majors"][0]: c for c in ELIGIBLE}
ASSOCIATE, BACHELOR = "JS-530601-2024R", "JS-050101-2024R"      # 工商企业管理 (专科), 汉语言文学 (专升本)
# Both majors passed, no diploma: the 本科 rests on the 专科 applied for beside it (the 本科's record otherwise; the
# person's own identifiers are the new candidate's).
OWN = ("exam_no", "office", "phone", "id_number", "demo_case")
BOTH = {**{k: v for k, v in _BY_MAJOR[BACHELOR].items() if k not in OWN}, "majors": [ASSOCIATE, BACHELOR],
        "prior_education": [], "attempts": [*_BY_MAJOR[ASSOCIATE]["attempts"], *_BY_MAJOR[BACHELOR]["attempts"]]}


def test_the_bachelor_is_applied_for_beside_the_passed_associate(people, teams, portal, table):
    # the eligibility function reads the profile too (the 本科 rests on the 专科 where it pairs them)
    with as_province(AH), serving("eligibility", AH):
        me, page, staff, url = people(AH, **BOTH)
        exam_no = me.who["exam_no"]
        ok(me.put("/api/apply/application/major", json={"plan_id": ASSOCIATE}))
        fill_in(me, AH, reviewer=teams(AH)["city"])
        ok(submit(me))
        city = staff["city"]
        journey.decide(city, url, exam_no, {"id": "city_review"})

        page.goto(url + "/apply/status.html")
        settled(page)
        paired = page.locator("#paired")
        expect(paired).to_be_visible()
        expect(paired).to_contain_text("以本次专科专业毕业审核通过为前提")
        assert axe(page) == []
        page.get_by_label("本科专业", exact=True).select_option(BACHELOR)
        page.get_by_role("button", name="选择本科专业").click()
        expect(paired.locator("[data-fill=paired_major]")).to_contain_text("汉语言文学")
        expect(page.locator("#decided")).to_contain_text("本科专业的申请已更新")
        settled(page)
        page.get_by_role("button", name="提交本科专业毕业申请").click()
        expect(paired.locator("[data-fill=paired_status]")).to_have_text("已受理，待市级教育考试机构初审")
        settled(page)
        expect(page.locator("[data-fill=major]").first).to_contain_text("工商企业管理")     # the 专科 stays
        assert axe(page) == []
        mine = ok(me.get("/api/apply/application"))
        assert (mine["application"]["plan_id"], mine["paired"]["plan_id"]) == (ASSOCIATE, BACHELOR)
        assert mine["paired"]["status"] == "in_review"

        city.goto(url + "/staff/queue.html")
        settled(city)
        rows = city.locator("[data-rows=applications]")
        expect(rows.get_by_role("link", name=f"（{exam_no}）（一并申请的本科）")).to_be_visible()
        rows.get_by_role("link", name=f"（{exam_no}）（一并申请的本科）").click()
        settled(city)
        expect(city.locator("[data-paired-with]")).to_contain_text("本科以同批次专科专业（工商企业管理")
        assert axe(city) == []

        # the 本科 passes its own review (the city, then 会审: its host's 同意 and the province), and its printed
        # form is downloaded from its own section, not the 专科's
        one, pair = f"/api/apply/staff/applications/{exam_no}", {"pair": "bachelor"}
        ok(teams(AH)["city"].post(f"{one}/decision", json={"stage": "city_review", "decision": "approve"}, params=pair))
        host = ok(teams(AH)["city"].get(one, params=pair))["application"]["host_universities"]
        for who in (staff_member(portal, table, "paired-page-host", "university", universities=host),
                    teams(AH)["province"]):
            ok(who.post(f"{one}/decision", json={"stage": "joint_review", "decision": "approve"}, params=pair))
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(paired.locator("[data-fill=paired_status]")).to_have_text("审核通过")
        paired.get_by_role("button", name="下载本科专业的《毕业生登记表》").click()
        link = paired.get_by_role("link", name="打开本科专业的《毕业生登记表》（PDF，链接 5 分钟内有效）")
        expect(link).to_be_focused()
        assert "registration_form" in link.get_attribute("href")
        assert axe(page) == []
