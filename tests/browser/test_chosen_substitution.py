"""湖北's 课程顶替 walked on a 360 px phone (seed step 11): the audit page lists the plan's rule table in words, each
rule marked usable or why not; the candidate chooses a rule, then passed courses, then the course they replace; a
choice that does not fit the rule is refused in words; a fitting one is applied and the audit changes at once; the
done 顶替 is deleted again. 山西's 英语(二) credit pool the same way: too few credits refused, enough applied.
安徽's 替代课程 (未通过课程处理): the failed course's list in words, one not yet passed refused with the course to
take, a passed one applied, the audit 符合, then submitted; staff read how the 顶替 came to apply.
axe-core on the states it reaches, and no sideways scrolling."""
from __future__ import annotations

import journey
import pytest
from conftest import as_province, settled
from playwright.sync_api import expect
from site_people import C09, candidate
from steps import axe, summary_items

PLAN = "HB-OLDPLAN-FRAGMENT"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# 03708 and 03709 may replace 00004 (both of them), 09092 replaces 00077; 04183/04184 (for 00021) are not passed.
PASSED = [{"code": c, "session": "2024-10", "score": 70} for c in ("03708", "03709", "09092")]
R1 = ("用已通过的 03708中国近现代史纲要（2学分）、03709马克思主义基本原理概论（4学分）这2门课程中的全部2门（共6学分）"
      "顶替 00004毛泽东思想概论（4学分）")


@pytest.fixture
def audit_page(portal, table, context, sign_in):
    person, me = candidate(table, "hubei", registered_on="2019-03-01", flags={}, prior_education=[],
                           attempts=PASSED, majors=[PLAN])
    sign_in(context, portal.url, me)
    page = context.new_page()
    page.goto(f"{portal.url}/eligibility/audit.html?plan={PLAN}")
    settled(page)
    return page


def rule_row(page, words: str):
    return page.locator("[data-list=rules] li").filter(has_text=words)


def test_the_rule_table_then_a_refused_choice_then_an_applied_one_then_deleted(audit_page):
    page = audit_page
    rules = page.locator("[data-section=rules]")
    expect(rules).to_be_visible()
    expect(rule_row(page, R1)).to_contain_text("可以使用")
    expect(rule_row(page, "00021高等数学(二)")).to_contain_text(
        "不能使用的原因：04183概率论与数理统计(经管类)还没有合格成绩；04184线性代数(经管类)还没有合格成绩")
    expect(rules).not_to_contain_text("HB-")                       # rules by what they do, not their identifiers
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []

    page.get_by_role("button", name="提交课程顶替").click()
    assert summary_items(page) == ["请选择一条顶替规则"]
    page.get_by_label(R1).check()
    page.get_by_label("03708中国近现代史纲要（2学分）", exact=True).check()
    page.get_by_label("00004毛泽东思想概论（4学分）", exact=True).check()
    page.get_by_role("button", name="提交课程顶替").click()
    settled(page)
    assert summary_items(page) == ["该顶替不符合规则：须选择2门课程中的2门"]   # one of two: 与规则不一致则提交失败
    expect(page.locator("[data-list=choices] li")).to_have_count(0)
    assert axe(page) == []

    page.get_by_label("03709马克思主义基本原理概论（4学分）", exact=True).check()
    page.get_by_role("button", name="提交课程顶替").click()
    done = page.locator("#applied-now")
    expect(done).to_be_focused()
    expect(done).to_contain_text("已应用这条课程顶替。现在的结论：")
    expect(page.locator("[data-list=choices] li")).to_contain_text(
        "用已通过的 中国近现代史纲要 03708、马克思主义基本原理概论 03709 顶替 毛泽东思想概论 00004")
    expect(page.locator("[data-rows=courses]")).to_contain_text("顶替")
    expect(rule_row(page, R1)).to_contain_text("已应用")
    expect(page.locator("[data-list=findings]")).not_to_contain_text("00004毛泽东思想概论 缺少专业毕业课程")
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []

    page.locator("[data-list=choices]").get_by_role("button", name="删除").click()
    expect(done).to_contain_text("已删除这条课程顶替")
    expect(rule_row(page, R1)).to_contain_text("可以使用")
    expect(page.locator("[data-list=findings]")).to_contain_text("00004毛泽东思想概论 缺少专业毕业课程")


def test_shanxi_courses_of_at_least_14_credits_replace_english_two(site, table, context, sign_in):
    record = {k: v for k, v in C09["candidate"].items() if k != "applied_substitutions"}
    person, me = candidate(table, "shanxi", **record, majors=[C09["graduate_under"]])
    url = site("shanxi")
    sign_in(context, url, me)
    page = context.new_page()
    page.goto(f"{url}/eligibility/audit.html?plan={C09['graduate_under']}")
    settled(page)
    pool = "从您已通过的课程中选择，总学分不少于14学分，顶替 00015英语(二)（14学分）"
    expect(rule_row(page, pool)).to_contain_text("可以使用")
    page.get_by_label(pool).check()
    for course in ("00321中国文化概论（5学分）", "27108多媒体技术（5学分）", "00015英语(二)（14学分）"):
        page.get_by_label(course, exact=True).check()
    page.get_by_role("button", name="提交课程顶替").click()
    settled(page)
    assert summary_items(page) == ["该顶替不符合规则：顶替课程总学分不能小于14分（所选课程共10分）"]
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []
    page.get_by_label("00054管理学原理（6学分）", exact=True).check()
    page.get_by_role("button", name="提交课程顶替").click()
    expect(page.locator("#applied-now")).to_contain_text("现在的结论：经系统初步判断，您符合毕业申请条件")
    expect(rule_row(page, pool)).to_contain_text("已应用")


@pytest.mark.parametrize("province, rules, suggestion", [("hubei", True, True), ("shanxi", True, True),
                                                          ("anhui", False, True), ("chongqing", False, False)])
def test_only_a_province_whose_profile_offers_顶替_shows_it(built, province, rules, suggestion):
    """application.substitution: candidate_rules (湖北) and credit_pool (山西) show the rule table; 重庆 (none)
    promises no 顶替 at all; 安徽's 未通过课程处理 (per_course) is 免考 and 替代课程, not this table."""
    html = (built[province] / "eligibility" / "audit.html").read_text(encoding="utf-8")
    assert ("课程顶替规则" in html) is rules and ("swap.js" in html) is rules
    per_course = province == "anhui"                                 # 安徽's 未通过课程处理: its 替代课程 list
    assert ("未通过课程处理：替代课程" in html) is per_course and ("replace.js" in html) is per_course
    assert ("一键应用建议的顶替" in html) is suggestion
    tasks = (built[province] / "me.html").read_text(encoding="utf-8")       # nor does the task list promise it
    assert ("毕业条件审核（课程顶替）" in tasks) is suggestion and ("一步应用课程顶替" in tasks) is suggestion


AH_PLAN = "AH-BK-FRAGMENT"
# 00023 高等数学(工本) failed; 00020 高等数学(一) (on the plan's list for it) passed, 00022 高等数学(工专) not taken.
AH_ATTEMPTS = [{"code": c, "session": "2024-10", "score": s} for c, s in
               (("03708", 72), ("02324", 66), ("00020", 75), ("00023", 45))]


def test_anhui_a_failed_course_replaced_by_a_替代课程_then_submitted(people, screenshot):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", {"bypass_csp": True}, majors=[AH_PLAN], attempts=AH_ATTEMPTS,
                                      registered_on="2019-03-01", exemptions=[], transfers=[])
        page.goto(f"{url}/eligibility/audit.html?plan={AH_PLAN}")
        settled(page)
        section = page.locator("[data-section=replacements]")
        expect(section).to_contain_text("00023高等数学(工本)（10学分）还没有通过，可以选择下列替代课程之一："
                                        "00020高等数学(一)（已合格，可以选择）；00022高等数学(工专)（还没有合格成绩，"
                                        "须先参加 00022高等数学(工专) 的考试并合格）")
        expect(page.locator("[data-verdict]")).to_have_text("暂不符合")
        assert page.evaluate(OVERFLOW) <= 0
        assert axe(page) == []

        page.get_by_label("00023高等数学(工本)（10学分）", exact=True).check()
        page.get_by_label("00022高等数学(工专)（10学分，还没有合格成绩）", exact=True).check()
        page.get_by_role("button", name="提交替代课程").click()
        settled(page)
        assert summary_items(page) == ["替代课程：00022高等数学(工专)还没有合格成绩，须先参加该课程的考试并合格，"
                                       "才能替代00023高等数学(工本)"]          # no false promise
        expect(page.locator("[data-list=choices] li")).to_have_count(0)
        screenshot(page, "audit-replacement-refused", desktop=False)
        assert axe(page) == []

        page.get_by_label("00020高等数学(一)（6学分，已合格）", exact=True).check()
        page.get_by_role("button", name="提交替代课程").click()
        done = page.locator("#applied-now")
        expect(done).to_be_focused()
        expect(done).to_contain_text("已应用这门替代课程。现在的结论：经系统初步判断，您符合毕业申请条件")
        expect(section).to_contain_text("00023高等数学(工本)（10学分）已由替代课程 00020高等数学(一) 顶替")
        expect(page.locator("form[data-replace]")).to_be_hidden()      # nothing left to handle
        expect(page.locator("[data-rows=courses]")).to_contain_text("顶替")
        assert page.evaluate(OVERFLOW) <= 0
        assert axe(page) == []

        journey.ready_to_submit("anhui", me, page, staff, url)
        journey.submit(page)
        city = staff["city"]
        city.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
        settled(city)
        expect(city.locator("[data-list=applied]")).to_have_text("以「高等数学(一)」顶替「高等数学(工本)」（考生申请的替代课程）")
