"""学信网 checks of manual 前置学历 claims in the browser (issue 16 item 3), in 重庆 where the host university records
them: from the staff application page's link the university opens the claim with its 在线验证码 and refuses it with a
reason (asked for it first), and the candidate reads the reason and what to do on their 前置学历 page at 360 px; in
bulk the university exports
the pending claims, imports a file with bad rows (every one listed with its line number, nothing stored), then the
good file. axe-core on the states these reach."""
from __future__ import annotations

import csv
import io

from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support.applying import fill_in, ok, prior_by_hand, submit

from infra.demo.generate import generate

SLOW = 120_000    # ms: an answer that reads many key ranges (moto, on a loaded shared machine)
NO_PRIOR = next(c for c in generate("hubei") if c["demo_case"] == "no_prior_education")


def claimed(people, code: str):
    me, page, staff, url = people("chongqing", options={"bypass_csp": True}, like=NO_PRIOR)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    prior_by_hand(me, code)
    fill_in(me, "chongqing")
    ok(submit(me))
    return me, page, staff, url


def test_a_claim_refused_on_the_application_page_and_the_rest_imported(people, tmp_path):
    with as_province("chongqing"):
        me, page, staff, url = claimed(people, "A1B2C3D4E5F6")
        other, _, _, _ = claimed(people, "Z9Y8X7W6V5U4")
        university = staff["university"]
        university.set_viewport_size({"width": 1280, "height": 900})
        university.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
        settled(university)
        university.locator("#prior").get_by_role("link", name="学信网核对（在线验证码 A1B2C3D4E5F6）").click()
        university.wait_for_url("**/staff/prior-education.html?exam_no=*")
        settled(university)
        claim = university.locator("#claim")
        expect(claim).to_contain_text("A1B2C3D4E5F6", timeout=SLOW)
        expect(claim).to_contain_text("待核对")
        assert axe(university) == []
        claim.get_by_role("button", name="核对不通过").click()
        assert summary_items(university) == ["请填写不通过的原因（考生会看到）"]
        claim.get_by_label("不通过的原因（不通过时必填，考生会看到）").fill("在线验证码查询结果为另一人的学历")
        claim.get_by_role("button", name="核对不通过").click()
        expect(university.locator("#decided")).to_contain_text("已记录：学信网核对不通过。", timeout=SLOW)
        expect(university.locator("#decided")).to_be_focused()
        expect(claim).to_contain_text("学信网核对不通过")
        expect(claim).to_contain_text("在线验证码查询结果为另一人的学历")
        expect(claim.get_by_role("button", name="学信网核对通过")).to_be_hidden()

        page.goto(url + "/apply/prior-education.html")
        settled(page)
        expect(page.locator("#prior-status")).to_contain_text("在线验证码查询结果为另一人的学历")
        expect(page.locator("#prior-status")).to_contain_text("重新提交")
        assert axe(page) == []

        university.get_by_role("button", name="导出待核对名单").click()
        expect(university.locator("[data-exported]")).to_contain_text("待核对", timeout=SLOW)
        with university.expect_download() as got:
            university.get_by_role("link", name="下载 CSV 文件").click()
        rows = list(csv.reader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
        mine = next(r for r in rows if r[0] == other.who["exam_no"])
        assert me.who["exam_no"] not in [r[0] for r in rows] and mine[7] == "Z9Y8X7W6V5U4"
        assert axe(university) == []

        def imported(*lines: list[str]):
            out = io.StringIO()
            csv.writer(out).writerows([rows[0], *lines])
            path = tmp_path / "answers.csv"
            path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
            university.get_by_label("填好核对结果的 CSV 文件").set_input_files(str(path))
            university.get_by_role("button", name="导入核对结果").click()
        imported(mine[:8] + ["不通过", ""], ["0501", "", "", "", "", "", "", "", "通过", ""])
        assert summary_items(university) == ["第 2 行：核对结果为不通过时须填写原因（考生会看到）",
                                             "第 3 行：准考证号应为 12 位数字，现为“0501”"]
        assert axe(university) == []
        imported(mine[:8] + ["通过", ""])
        expect(university.locator("#imported")).to_contain_text("已导入：通过 1 人，不通过 0 人。", timeout=SLOW)
        assert ok(other.get("/api/apply/application/check"))["prior_education"]["status"] == "verified"
