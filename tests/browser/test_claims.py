"""安徽's 免考 claim walked through the pages: the candidate finds the 免考 page from the audit, is told what is
missing (no course, no certificate), uploads the CET certificate, claims 13000 英语（专升本） with it, and submits;
the city (the office the profile names) opens the claim in <section id="claims"> of the staff application page,
refuses it with a reason, and the candidate reads the reason; a second claim is verified there. axe-core on the
states these reach."""
from __future__ import annotations

from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items, upload
from support.applying import ELIGIBLE, fill_in, ok, small_jpeg, submit

COURSE = "13000"
SOURCE = next(c for c in ELIGIBLE if any(a["code"] == COURSE for a in c["attempts"]))
# The record's results without 13000: what keeps the candidate from graduating (kept with the plan they belong to).
RESULTS = {k: SOURCE[k] for k in ("majors", "flags", "registered_on", "prior_education", "thesis", "exemptions",
                                  "transfers")} | {"attempts": [a for a in SOURCE["attempts"] if a["code"] != COURSE]}


def claim_on_the_page(page, url: str, first: bool = True) -> None:
    page.goto(url + "/apply/claims.html")
    settled(page)
    if first:
        page.get_by_role("button", name="提交免考申请").click()
        assert summary_items(page) == ["请选择申请免考的课程", "请选择所持证书"]
        page.get_by_label("申请免考的课程").select_option(COURSE)
        page.get_by_label("所持证书").select_option("CET-4 certificate")
        page.get_by_role("button", name="提交免考申请").click()
        settled(page)
        assert "请先上传免考证书" in " ".join(summary_items(page))      # the certificate first
    upload(page, "certificate", "cet4.jpg", small_jpeg())
    expect(page.locator("[data-current=certificate]")).to_contain_text("证书已上传")
    page.get_by_label("申请免考的课程").select_option(COURSE)
    page.get_by_label("所持证书").select_option("CET-4 certificate")
    page.get_by_role("button", name="提交免考申请").click()
    expect(page.locator("#claims-now")).to_be_focused()
    expect(page.locator("[data-list=claims]")).to_contain_text("待审核")


def decide_on_the_staff_page(page, url: str, exam_no: str, refuse_with: str | None) -> None:
    page.goto(url + "/staff/application.html")
    settled(page)
    page.get_by_label("准考证号").fill(exam_no)
    page.get_by_role("button", name="查找").click()
    claims = page.locator("#claims")
    expect(claims.get_by_role("button", name="查看并审核免考申请")).to_be_hidden()   # a waiting claim: shown unasked
    expect(claims).to_contain_text("英语(专升本)（13000），凭大学英语四级（CET-4）合格证书")
    expect(claims.get_by_role("link", name="下载考生上传的证书（5 分钟内有效）")).to_be_visible()
    assert axe(page) == []
    if refuse_with:
        claims.get_by_role("button", name="不通过").click()
        expect(page.locator("#error-summary")).to_contain_text("请填写不通过的原因")
        claims.get_by_label("不通过的原因（不通过时必填，考生会看到）").fill(refuse_with)
        claims.get_by_role("button", name="不通过").click()
        expect(claims).to_contain_text("原因：" + refuse_with)
    else:
        claims.get_by_role("button", name="核实通过").click()
        expect(claims).to_contain_text("已核实通过")


def test_a_claim_from_the_page_refused_by_the_city_with_a_reason_then_verified(people, teams):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", options={"bypass_csp": True}, **RESULTS)
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        page.goto(url + "/eligibility/audit.html?plan=" + me.who["majors"][0])
        settled(page)
        page.get_by_role("link", name="可以申请免考").click()
        settled(page)
        claim_on_the_page(page, url)
        assert axe(page) == []
        decide_on_the_staff_page(staff["city"], url, me.who["exam_no"], "证书图片模糊，无法辨认姓名")
        page.reload()
        settled(page)
        expect(page.locator("[data-list=claims]")).to_contain_text("未通过的原因：证书图片模糊，无法辨认姓名")

        claim_on_the_page(page, url, first=False)     # claimed again, and submitted while pending
        fill_in(me, "anhui", reviewer=teams("anhui")["city"])
        ok(submit(me))
        page.reload()
        settled(page)
        expect(page.locator("[data-closed]")).to_be_visible()
        decide_on_the_staff_page(staff["city"], url, me.who["exam_no"], None)
        assert ok(me.get(f"/api/eligibility/audits/{me.who['majors'][0]}"))["verdict"] == "ELIGIBLE"
