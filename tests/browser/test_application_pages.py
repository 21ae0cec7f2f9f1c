"""The application's pages when something is wrong or changes: a section's errors in the same words in the summary
and next to the field, the live count of 字 against 重庆's 300–500; check answers listing what is missing, each
line linked to its page; a rejection read with its reason, changed and submitted again; a withdrawal; the manual
前置学历 path after 学信网 finds nothing; 山西's identity check reviewed by hand on the staff page. axe-core checks the
states these reach (their contexts bypass the CSP only so axe can be injected; the journeys in test_application.py
run under it)."""
from __future__ import annotations

import json
import re

import journey
import photos
from conftest import ROOT, as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items, upload
from support import applying

from functions.profiles.vocabulary import is_bachelor

AXE = {"bypass_csp": True}
PLANS = ROOT / "data" / "reference" / "plans"


def applying_for_本科() -> dict:
    """An eligible demo candidate whose major graduates to a 本科 (so the application asks for 前置学历)."""
    return next(c for c in applying.ELIGIBLE
                if is_bachelor(json.loads((PLANS / f"{c['majors'][0]}.json").read_text("utf-8"))["level"]))


def with_a_major(people, province: str, **changes):
    """A new candidate of the province who has chosen a major on its page (the CSP bypassed for axe)."""
    me, page, staff, url = people(province, AXE, **changes)
    page.goto(url + "/me.html")
    journey.choose_major(page, me.who["majors"][0])
    return me, page


def test_sections_answer_in_the_same_words_in_the_summary_and_by_the_field(people):
    with as_province("chongqing"):
        me, page = with_a_major(people, "chongqing")
        journey.task(page, "填写联系方式")
        page.get_by_label("手机号").fill("1390000")
        page.get_by_role("button", name="保存并继续").click()
        [message] = summary_items(page)
        expect(page.locator("[id='contact.phone-error']")).to_contain_text(message)
        assert axe(page) == []
        journey.task(page, "填写自我鉴定")
        area, count = page.get_by_label("自我鉴定"), page.locator("#self_assessment-count")
        area.fill("我" * 120 + " \n" + "学" * 30)
        expect(count).to_have_text("已输入 150 字，至少还需 150 字")
        page.get_by_role("button", name="保存并继续").click()
        assert summary_items(page) == [
            "自我鉴定应为 300–500 字，现有 150 字（汉字、字母、数字、标点各计 1 字，空格和换行不计）"]
        area.fill("好" * 501)
        expect(count).to_have_text("超出 1 字（最多 500 字）")
        journey.task(page, "填写简历")
        for key, value in (("from", "2016-09"), ("to", "2019-06"), ("unit", "某中学"), ("role", "学生")):
            page.locator(f"[name='resume[0].{key}']").fill(value)
        for key, value in (("from", "2020-09"), ("to", "至今"), ("unit", "某公司"), ("role", "职员")):
            page.locator(f"[name='resume[1].{key}']").fill(value)
        page.get_by_role("button", name="保存并继续").click()
        [gap] = summary_items(page)
        assert "断档" in gap and "待业" in gap
        expect(page.locator("[id='resume[1].from-error']")).to_contain_text("断档")
        assert axe(page) == []


def test_check_answers_lists_what_is_missing_each_linked_to_its_page(people):
    with as_province("anhui"):
        me, page = with_a_major(people, "anhui")
        journey.task(page, "核对并提交")
        items = summary_items(page)
        missing_contact = "请填写联系方式：手机号必填，通讯地址和邮政编码可不填"
        assert items[0] == missing_contact and any("简历" in i for i in items) and any("照片" in i for i in items)
        expect(page.get_by_role("button", name="确认并提交申请")).to_have_count(0)      # not offered while blocked
        assert axe(page) == []
        page.locator("#error-summary").get_by_role("link", name=missing_contact).click()
        page.wait_for_url("**/apply/contact.html?from=check")
        page.get_by_label("手机号").fill(me.who["phone"])
        page.get_by_role("button", name="保存并继续").click()
        page.wait_for_url("**/apply/check.html")
        settled(page)
        assert missing_contact not in summary_items(page)
        expect(page.locator("[data-fill='contact.phone']")).to_have_text(me.who["phone"])


def test_a_rejection_with_its_reason_changed_and_submitted_again(people, screenshot):
    with as_province("anhui"):
        me, page, staff, url = people("anhui", AXE)
        data = journey.ready_to_submit("anhui", me, page, staff, url)
        first = journey.submit(page)
        stage, reason = data["review"]["stages"][0], data["review"]["reject_reasons"][0]
        journey.decide(staff[stage["role"]], url, me.who["exam_no"], stage, approve=False, reason=reason)
        expect(staff[stage["role"]].locator("#decided")).to_contain_text("已退回")
        assert axe(staff[stage["role"]]) == []
        page.goto(url + "/apply/status.html")
        settled(page)
        expect(page.locator("#rejected")).to_contain_text(reason)
        expect(page.locator("[data-rows=messages] tr").first).to_contain_text(reason)
        screenshot(page, "status-rejected")
        assert axe(page) == []
        page.get_by_role("link", name="修改申请信息").click()
        page.wait_for_url("**/me.html")
        journey.task(page, "填写联系方式")
        page.get_by_label("通讯地址（选填）").fill("合肥市蜀山区某路2号")
        journey.save(page)
        assert journey.submit(page) == first          # the same application, submitted again
        expect(page.locator("[data-fill=next_step]")).to_contain_text(stage["name"])


def test_withdrawn_while_nobody_has_decided(people):
    with as_province("hubei"):
        me, page, staff, url = people("hubei")
        journey.ready_to_submit("hubei", me, page, staff, url)
        journey.submit(page)
        page.goto(url + "/apply/status.html")
        page.get_by_role("link", name="撤回申请").click()
        page.wait_for_url("**/apply/withdraw.html")
        settled(page)
        page.get_by_role("button", name="撤回申请").click()
        page.wait_for_url("**/me.html")
        settled(page)
        expect(page.locator("[data-tag=check]")).to_have_text("可以提交")
        expect(page.locator("#standing")).to_be_hidden()


def test_the_manual_前置学历_path_after_学信网_finds_nothing(people):
    with as_province("chongqing"):
        me, page = with_a_major(people, "chongqing", like=applying_for_本科(), prior_education=[])
        journey.task(page, "前置学历")
        page.get_by_role("button", name="开始核验").click()
        status = page.locator("#prior-status")
        expect(status).to_be_focused()
        expect(status).to_contain_text("学信网未查到您的前置学历")
        page.get_by_role("button", name="提交人工核查").click()
        uploads = [f"请上传{name}：前置学历人工核查需要它"
                   for name in ("前置学历毕业证书", "教育部学历证书电子注册备案表")]
        assert summary_items(page) == ["请填写毕业学校", "请填写证书编号", "请填写毕业时间"]
        page.get_by_label("毕业学校").fill("重庆示例职业学院")
        page.get_by_label("证书编号").fill("123456201806000201")
        page.get_by_label("毕业时间").fill("2018-06-30")
        page.get_by_role("button", name="提交人工核查").click()
        assert summary_items(page) == uploads
        for kind in ("diploma", "filing_form"):
            form = upload(page, kind, f"{kind}.jpg", applying.small_jpeg())
            expect(form.locator("[data-result]")).to_contain_text("已通过检查")
        page.get_by_role("button", name="提交人工核查").click()
        expect(status).to_contain_text("等待工作人员核查")
        assert axe(page) == []
        journey.task(page, "核对并提交")
        expect(page.locator("[data-fill=prior_education]")).to_have_text("已提交材料，等待人工核查")


def test_山西_staff_review_a_failed_identity_check_by_hand(browser, site, portal, table, teams):
    from support.applying import OFFICES
    with as_province("shanxi"):
        url = site("shanxi")
        me = applying.candidate(portal, table, OFFICES["shanxi"], province="shanxi")
        applying.upload(me, photos.id_card_front(me.who), "id_front")
        applying.upload(me, photos.holding_id_card(with_card=False, record=me.who), "id_holding")
        assert applying.ok(me.post("/api/photo/identity/check"))["status"] == "failed"
        applying.ok(me.post("/api/photo/identity/manual"))
        context = journey.browser_for(browser, url, teams("shanxi")["county"], phone=False, **AXE)
        try:
            page = context.new_page()
            page.goto(url + "/staff/identity.html")
            settled(page)
            entry = page.locator(".queue > li").filter(has_text=me.who["exam_no"])
            expect(entry).to_contain_text(me.who["id_number"])
            expect(entry.get_by_role("img")).to_have_count(2)
            # beside the pictures: what the check read on the card, how alike the faces are, and why it failed
            expect(entry).to_contain_text(f"证件上读到：姓名 {me.who['name']}，公民身份号码 {me.who['id_number']}")
            expect(entry).to_contain_text("人脸相似度（证件人像与手持照片）：0.")
            expect(entry.locator("ul li")).to_contain_text(["手持身份证照：没有找到手持身份证上的人像"])
            assert axe(page) == []
            entry.get_by_role("button", name=re.compile("^退回")).click()
            message = "退回身份认证请填写原因（至少 2 个字），考生会看到这条原因"
            assert summary_items(page) == [message]
            expect(entry.locator(".error-message")).to_contain_text(message)
            entry.get_by_role("button", name=re.compile("^通过")).click()
            expect(page.locator("#decided")).to_contain_text("已通过")
        finally:
            context.close()
        assert applying.ok(me.get("/api/photo/identity"))["status"] == "verified"
