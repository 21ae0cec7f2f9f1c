"""湖北's 专业方向 walked on a 360 px phone (seed step 6: 如果此专业下有多个方面，请选择专业毕业方向): choosing a
major with several 方向 asks for one (a major without asks nothing), saving without one is refused in words, the
chosen 方向's courses are the ones the audit reads, the check page and the status page name it, the application is
submitted, and the staff application page names it too. The audit page says which 方向 it judged, and its 顶替
suggestion and rule table are the chosen 方向's: the demo rule HB-D1 (27882 顶替 供应链管理方向's 13675) is suggested
and usable in 供应链管理方向, not usable in 市场营销方向, saying why. axe-core on the states it reaches, no sideways
scrolling."""
from __future__ import annotations

import journey
from conftest import settled
from playwright.sync_api import expect
from steps import axe, summary_items
from support import applying

PLAN = "HB-DIRECTION-DEMO"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# the courses every 方向 shares and 市场营销方向's, and 27882 生产管理 (HB-D1's source); 供应链管理方向's not taken
PASSED = [{"code": c, "session": "2024-10", "score": 70}
          for c in ("15040", "15042", "00144", "00058", "07992", "27882")]
RULE = "27882生产管理（6学分）顶替 13675供应链管理"


def test_hubei_a_major_with_several_方向_asks_for_one_then_submitted(people):
    me, page, staff, url = people("hubei", {"bypass_csp": True}, majors=[PLAN], attempts=PASSED, flags={},
                                  registered_on="2019-03-01", prior_education=[], exemptions=[], transfers=[])
    page.goto(url + "/me.html")
    settled(page)
    journey.task(page, "选择申请专业")
    question = page.locator("#direction-field")
    expect(question).to_be_hidden()                                  # nothing asked before the major is chosen
    page.locator(f"input[name=plan_id][value='{PLAN}']").check()
    expect(question).to_be_visible()
    expect(question.get_by_role("group", name="请选择专业毕业方向")).to_be_visible()
    page.get_by_role("button", name="保存并继续").click()
    assert summary_items(page) == ["请选择专业毕业方向"]
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []

    page.get_by_label("供应链管理方向", exact=True).check()           # its courses are not passed
    journey.save(page)
    page.goto(url + "/apply/check.html")
    settled(page)
    expect(page.locator("[data-fill=major]").first).to_contain_text("专业毕业方向：供应链管理方向")
    expect(page.locator("#error-summary")).to_contain_text("13675")  # the chosen 方向's course is missing
    assert axe(page) == []

    page.goto(f"{url}/eligibility/audit.html?plan={PLAN}")          # the chosen 方向, not the closest (市场营销方向)
    settled(page)
    expect(page.locator("[data-fill=judged]")).to_have_text("按所选的专业方向「供应链管理方向」判断")
    expect(page.locator("#suggestion")).to_contain_text("用已通过的 生产管理 27882 顶替 供应链管理 13675")
    rule = page.locator("[data-list=rules] li").filter(has_text=RULE)
    expect(rule).to_contain_text("可以使用")
    expect(page.locator("[data-fill=rules-judged]")).to_have_text("按所选的专业方向「供应链管理方向」判断。")
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []

    journey.choose_major(page, PLAN, "市场营销方向")
    page.goto(f"{url}/eligibility/audit.html?plan={PLAN}")
    settled(page)
    expect(page.locator("[data-fill=judged]")).to_have_text("按所选的专业方向「市场营销方向」判断")
    expect(rule).to_contain_text("不能使用的原因：所顶替的课程不是专业方向「市场营销方向」要求的课程")
    expect(page.locator("#suggestion")).to_be_hidden()
    journey.fill_sections(page, "hubei", me.who["phone"])
    applying.upload_files(me, "hubei")
    journey.submit(page)
    page.goto(url + "/apply/status.html")
    settled(page)
    expect(page.locator("[data-fill=major]").first).to_contain_text("专业毕业方向：市场营销方向")
    assert page.evaluate(OVERFLOW) <= 0
    assert axe(page) == []

    city = staff["city"]
    city.goto(f"{url}/staff/application.html?exam_no={me.who['exam_no']}")
    settled(city)
    expect(city.locator("[data-fill=major]").first).to_contain_text("专业毕业方向：市场营销方向")
