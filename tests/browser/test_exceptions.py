"""An exception walked through the pages by two people at 360 px (湖北, the provincial office): the first finds the
candidate on the staff application page, asks in <section id="exceptions"> to count the one missing course as
passed with a reason (told what is missing first, then shown the verdict it would give), and sees it waiting; the
second finds it on 待批准的操作 with that verdict and approves it; then both the staff page and the candidate's audit
say in words what was done and why, and the history names both steps. axe-core on every state reached."""
from __future__ import annotations

import journey
from conftest import as_province, settled, watch
from playwright.sync_api import expect
from steps import axe, summary_items
from support import applying
from support.applying import short_of_one_course


def test_one_officer_asks_and_a_second_approves_then_both_pages_show_it(browser, site, portal, table, teams):
    with as_province("hubei"):
        url = site("hubei")
        me, plan, course = short_of_one_course(portal, table)
        second = applying.staff(portal, table, "site-hubei-province-2", "province")
        contexts = [journey.browser_for(browser, url, who, phone=True, bypass_csp=True)
                    for who in (teams("hubei")["province"], second, me)]
        errors = [watch(c) for c in contexts]
        asker, approver, candidate = (c.new_page() for c in contexts)
        try:
            asker.goto(url + "/staff/application.html")
            settled(asker)
            asker.get_by_label("准考证号").fill(me.who["exam_no"])
            asker.get_by_role("button", name="查找").click()
            section = asker.locator("#exceptions")
            # (the whole application loads first: on a loaded machine it takes longer than the default 5 s)
            expect(asker.locator("[data-record]")).to_be_visible(timeout=60_000)
            section.get_by_role("button", name="查看或提出特殊处理").click()     # none yet: loads when asked for
            expect(asker.locator("#exceptions-title")).to_be_focused()         # the button goes; focus stays there
            expect(section).to_contain_text("该考生没有特殊处理")
            section.get_by_role("button", name="提交，待另一位工作人员批准").click()
            assert set(summary_items(asker)) == {"请选择要认定或免除的要求",
                                                 "请填写特殊处理的原因（会记入办理记录，考生也能看到）"}
            section.get_by_label("处理方式").select_option("force_complete")
            section.get_by_label("要认定或免除的要求").select_option(course)
            section.get_by_label("原因", exact=True).fill("档案核对：该课程成绩漏录")
            section.get_by_role("button", name="预览审核结论").click()
            expect(section).to_contain_text("批准后将为“符合毕业条件”", timeout=30_000)
            assert axe(asker) == []
            section.get_by_role("button", name="提交，待另一位工作人员批准").click()
            expect(asker.locator("#decided")).to_be_focused(timeout=30_000)
            expect(section).to_contain_text("待另一位工作人员批准")
            expect(section.get_by_role("button", name="批准，使其生效")).to_have_count(0)   # not by the one who asked
            assert axe(asker) == []

            approver.goto(url + "/staff/approvals.html")
            settled(approver)
            waiting = approver.locator("#pending-exceptions")
            item = waiting.locator("li", has_text=me.who["exam_no"])
            expect(item).to_contain_text("批准后的审核结论：符合毕业条件", timeout=30_000)
            expect(item).to_contain_text("档案核对：该课程成绩漏录")
            assert axe(approver) == []
            item.get_by_role("button", name="批准，使其生效").click()
            expect(approver.locator("#decided")).to_be_focused(timeout=30_000)
            # (other tests of this worker may have left requests of their own waiting: only this one must go)
            expect(waiting.locator("li", has_text=me.who["exam_no"])).to_have_count(0)
            assert axe(approver) == []

            asker.reload()
            settled(asker)
            asker.get_by_label("准考证号").fill(me.who["exam_no"])
            asker.get_by_role("button", name="查找").click()
            expect(section).to_contain_text("已批准，已生效", timeout=30_000)             # one asked: shown unasked
            expect(asker.locator("#history")).to_contain_text("提出特殊处理")
            expect(asker.locator("#history")).to_contain_text("批准特殊处理（生效）")
            expect(asker.locator("#verdicts")).to_contain_text("符合毕业条件")

            candidate.goto(url + "/eligibility/audit.html?plan=" + plan)
            settled(candidate)
            shown = candidate.locator("[data-section=exceptions]")
            expect(shown).to_contain_text("认定", timeout=30_000)
            expect(shown).to_contain_text("合格。原因：档案核对：该课程成绩漏录")
            assert axe(candidate) == []
        finally:
            for c in contexts:
                c.close()
        assert not [e for found in errors for e in found]
