"""Issue 19 item 21: one walk per province through the pages, step by step in the order its manual (the seed) runs
them, asserting at each step what the seed says the person sees there and the hand-over to the next step: the
candidate's pages on a 360 px phone, the offices' pages in the profile's review order. Steps other tests walk in
depth (registration's errors, the photo's checks, the notices' editing, the 登记表's locking) are walked quickly;
the point is their order. Files other than the photo go through the API (tests/support/applying.py)."""
from __future__ import annotations

import re

import httpx
import journey
import site_people
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import confirm_and_agree, sign_in, upload
from support import applying
from support.applying import ok
from support.pictures import pictures

WINDOW = "本次毕业申请时间：2026-11-01 00:00 至 2027-01-15 17:00（北京时间）"      # the tests' batch: the demo's
ONSITE = "12 月 20 日至 24 日 9:00–17:00，武汉市教育考试院一楼大厅，带身份证原件。"
须知 = "社会考生在本系统填写毕业申请，请认真阅读本须知后再申报。"
合肥 = "合肥市考生请按合肥市教育考试院的通知办理毕业申请。"
PHOTO_WINDOW = {"opens": "2026-11-01T00:00", "closes": "2027-01-10T17:00"}       # closes before the application


def tag(page, task: str):
    return page.locator(f"[data-tag={task}]")


def signed_out_then_in(page, url: str, identifier: str, kind_label: str, fill_captcha) -> None:
    """The candidate signs in on the sign-in page (the walk's browser forgets the session the fixture gave it)."""
    page.context.clear_cookies()
    sign_in(page, url, identifier, applying.PASSWORD, fill_captcha, kind_label)


def status(page, url: str, text: str, steps: list[str]) -> None:
    page.goto(url + "/apply/status.html")
    settled(page)
    expect(page.locator("[data-fill=status_text]")).to_have_text(text)
    expect(page.locator("[data-step]")).to_have_text(steps)


def test_湖北_seeds_000_001_register_activate_apply_print_then_现场确认_and_three_offices(people, teams, table,
                                                                                 fill_captcha):
    """Seed 000: 马上注册 (邮箱, 确认密码, 安全问题) → 登录 → 在籍注册 (使用协议; 姓名、证件号码、准考证 → 激活考籍成功)
    → 毕业申请 shows its start and end → the major → 核实基本信息 → 毕业条件判定 → 提交 → 打印毕业生申请表 → told of
    现场确认 → 现场确认; seed 001: then 市（州）、主考院校、省自考办 三级会审."""
    with as_province("hubei"):
        _, page, staff, url = people("hubei")          # (the fixture's candidate is left aside: this one registers)
        eligible = {k: v for k, v in applying.ELIGIBLE[0].items() if k not in site_people.RECORD_FIELDS}
        person = site_people.record(table, "hubei", **eligible)
        city = teams("hubei")["city"]
        ok(city.put(f"/api/apply/staff/notices/onsite/{person.office}", json={"text": ONSITE}))
        try:
            page.context.clear_cookies()
            page.goto(url + "/register.html")
            page.get_by_label("邮箱").fill(person.email)
            page.get_by_label("设置密码").fill(site_people.PASSWORD)
            confirm_and_agree(page, site_people.PASSWORD)
            page.get_by_label("安全问题", exact=True).fill("我的小学校名？")
            page.get_by_label("安全问题答案").fill("红旗小学")
            fill_captcha(page)
            page.get_by_role("button", name="注册").click()
            expect(page.get_by_role("heading", name="注册成功")).to_be_focused()
            sign_in(page, url, person.email, site_people.PASSWORD, fill_captcha)
            expect(page.locator("#activate-first")).to_be_visible()            # no 考籍管理 before 在籍注册
            page.get_by_role("link", name="在籍注册").first.click()
            page.get_by_label("姓名").fill(person.name)
            page.get_by_label("身份证号").fill(person.id_number)
            page.get_by_label("准考证号").fill(person.exam_no)
            page.get_by_role("button", name="激活考籍").click()
            page.wait_for_url("**/me.html")
            settled(page)
            expect(tag(page, "activate")).to_have_text("已完成")
            expect(page.locator("#window-dates")).to_have_text(WINDOW)      # seen on entering 毕业申请
            journey.choose_major(page, person.majors[0])
            journey.fill_sections(page, "hubei", "13912345678")             # 核实基本信息, then the contact
            journey.task(page, "毕业条件审核（课程顶替）")                       # 毕业条件判定
            expect(page.locator("main")).to_contain_text("符合毕业条件")
            expect(page.locator("#notices")).to_be_hidden()                 # 现场确认's notice: once submitted
            reference = journey.submit(page)
            stages = ["市(州)自考办审核", "主考院校审核", "省自考办审核"]
            status(page, url, "待现场确认", [stages[0] + "（当前步骤）", *stages[1:]])   # seed 000 step 14
            journey.download(page, "毕业生申请表")                             # printed and signed for 现场确认
            page.goto(url + "/me.html")
            settled(page)
            expect(page.locator("#notices")).to_contain_text("武汉市：现场确认的时间和地点")
            expect(page.locator("#notices")).to_contain_text(ONSITE)

            journey.onsite(staff["city"], url, person.exam_no)            # 现场确认 first, at the city office
            status(page, url, "待市(州)自考办审核", [stages[0] + "（当前步骤）", *stages[1:]])   # 申请完成, 等待办理
            for stage in (("city", "city_review"), ("university", "university_review"),
                          ("province", "province_review")):
                journey.decide(staff[stage[0]], url, person.exam_no, {"id": stage[1]})
            status(page, url, "审核通过", [s + "（已完成）" for s in stages])
            expect(page.locator("[data-fill=reference]")).to_have_text(reference)
        finally:
            ok(city.put(f"/api/apply/staff/notices/onsite/{person.office}", json={"text": ""}))


def test_安徽_seed_002_photo_first_then_the_application_the_city_and_the_会审(people, teams, table, fill_captcha):
    """Seed 002 二.1: 毕业申请照片上传 first, reviewed by the city (相片审核通过 before anything else) → 毕业申请: the
    major and the contact, the 登记表's parts → 保存申请 (已受理, 等待市级教育考试机构审核) → the city's 初审 → 主考院校
    和省级教育考试机构会审 → the 毕业生登记表."""
    with as_province("anhui"):
        me, page, staff, url = people("anhui")
        team, office = teams("anhui"), me.who["office"]
        batch = ok(team["province"].get("/api/apply/staff/review"))["current_batch"]
        ok(team["province"].put(f"/api/apply/staff/batches/{batch}/photo-window", json=PHOTO_WINDOW))
        ok(team["city"].put(f"/api/apply/staff/notices/office/{office}", json={"text": 合肥}))
        try:
            _anhui(me, page, staff, url, fill_captcha)
        finally:     # later tests' 安徽 candidates on this stack: no photo deadline, no 合肥 notice
            applying.without_photo_window(table, batch)
            ok(team["city"].put(f"/api/apply/staff/notices/office/{office}", json={"text": ""}))


def _anhui(me, page, staff, url: str, fill_captcha) -> None:
    exam_no = me.who["exam_no"]
    signed_out_then_in(page, url, exam_no, "准考证号", fill_captcha)
    expect(page.locator("#notices")).to_contain_text(合肥)               # 合肥's candidates: its own notice
    expect(page.locator("#window-dates")).to_have_text(WINDOW)
    first = page.locator("#tasks > li").first
    expect(first).to_have_attribute("data-task", "photo")                # 提交毕业生电子相片 comes first, with
    expect(first).to_contain_text("相片上传截止：2027-01-10 17:00（北京时间）")   # its own earlier deadline
    journey.task(page, "上传毕业证照片")
    upload(page, "photo", "photo.jpg", pictures("portraits").compliant_jpeg())
    page.goto(url + "/me.html")
    settled(page)
    expect(tag(page, "photo")).to_have_text("等待市级教育考试机构审核")
    photos = staff["city"]
    photos.goto(url + "/staff/photos.html")
    settled(photos)
    photos.get_by_role("button", name=re.compile(f"^通过.*{exam_no}")).click()
    expect(photos.locator("#decided")).to_contain_text("已通过")
    page.reload()
    settled(page)
    expect(tag(page, "photo")).to_have_text("已通过")                     # 考生通过相片审核后 …

    journey.choose_major(page, me.who["majors"][0])                      # … 选择需要申请毕业的专业
    journey.fill_sections(page, "anhui", me.who["phone"])
    journey.submit(page)
    stages = ["市级教育考试机构初审", "主考院校与省级教育考试机构会审"]
    status(page, url, "待市级教育考试机构初审", [stages[0] + "（当前步骤）", stages[1]])

    journey.decide(staff["city"], url, exam_no, {"id": "city_review"})
    journey.opinion(staff["university"], url, exam_no)                   # 由各主考院校和省级教育考试机构进行会审
    journey.decide(staff["province"], url, exam_no, {"id": "joint_review"})
    status(page, url, "审核通过", [s + "（已完成）" for s in stages])
    journey.download(page, "毕业生登记表")


def test_重庆_seed_003_须知_公告_materials_初审_fee_then_the_city(people, teams, fill_captcha):
    """Seed 003: 毕业申请须知 before anything → 申请毕业 → the host university's 公告 on the application page → 信息采集
    (简历, 身份证, 自我鉴定, 签名) → 提交初审 → 主考学校初审 → 交费 → 市自考办审核, then the 30 working days."""
    with as_province("chongqing"):
        me, page, staff, url = people("chongqing")
        team, exam_no = teams("chongqing"), me.who["exam_no"]
        ok(team["province"].put("/api/apply/staff/notices/province/-", json={"text": 须知}))
        host = None
        try:
            signed_out_then_in(page, url, exam_no, "准考证号", fill_captcha)
            notices = page.locator("#notices")
            expect(notices.locator("h3")).to_have_text(["重庆市教育考试院：毕业申请须知"])   # read before starting
            expect(tag(page, "major")).to_have_text("未开始")
            expect(page.locator("#window-dates")).to_have_text(WINDOW)
            journey.choose_major(page, me.who["majors"][0])
            host = ok(me.get("/api/apply/application"))["application"]["host_universities"][0]
            ok(team["university"].put(f"/api/apply/staff/notices/university/{host}", json={"text": "按公告申请。"}))
            page.reload()
            settled(page)
            expect(notices.locator("h3")).to_have_text(["重庆市教育考试院：毕业申请须知", f"{host}：公告"])
            journey.fill_sections(page, "chongqing", me.who["phone"])       # 简历, 自我鉴定 (300–500 字)
            applying.upload_files(me, "chongqing")                          # 身份证正反面, 签名 (pages: elsewhere)
            journey.submit(page)                                            # 提交初审
            stages = ["主考学校初审", "缴纳毕业审定费", "市自考办审核"]
            status(page, url, "待主考学校初审", [stages[0] + "（当前步骤）", *stages[1:]])

            journey.decide(staff["university"], url, exam_no, {"id": "university_review"})
            status(page, url, "待缴纳毕业审定费", [stages[0] + "（已完成）", stages[1] + "（当前步骤）", stages[2]])
            expect(page.locator("[data-rows=messages]")).to_contain_text("（北京时间） 前缴纳毕业审定费")   # by when
            journey.pay(page, url)
            expect(page.locator("[data-fill=status_text]")).to_have_text("待市自考办审核")
            journey.decide(staff["province"], url, exam_no, {"id": "city_review"})
            status(page, url, "审核通过", [s + "（已完成）" for s in stages])
            expect(page.locator("main")).to_contain_text("至少还需要 30 个工作日才可以领取毕业证书")
        finally:
            ok(team["province"].put("/api/apply/staff/notices/province/-", json={"text": ""}))
            if host:
                ok(team["university"].put(f"/api/apply/staff/notices/university/{host}", json={"text": ""}))


def test_山西_seed_004_office_and_major_submit_then_the_photo_system_approval_fee_and_登记表(people, fill_captcha):
    """Seed 004: 准考证号 (or 身份证号) + 密码 (the 在籍考生's identity already 认证通过)
    → 1 毕业申请区县 and 地址 → 2 the major → 3 提交 → 4 毕业照片系统线上认证 → 5 系统审核通过 → 6 支付
    → 8–10 毕业生登记表 filled and exported → the county records it handed in and does its 复核."""
    with as_province("shanxi"):
        me, page, staff, url = people("shanxi")
        exam_no = me.who["exam_no"]
        signed_out_then_in(page, url, exam_no, "准考证号", fill_captcha)
        expect(tag(page, "identity")).to_have_text("已通过")
        expect(page.locator("#window-dates")).to_have_text(WINDOW)
        journey.task(page, "选择申请专业")
        expect(page.get_by_label("毕业申请区县")).to_have_value(me.who["office"])       # the record's, preselected
        page.get_by_label("通讯地址").fill("太原市小店区长风街 1 号")
        page.locator(f"input[name=plan_id][value='{me.who['majors'][0]}']").check()
        journey.save(page)
        journey.fill_sections(page, "shanxi", me.who["phone"])
        last = page.locator("#tasks > li").last                              # not before submitting: after it
        expect(last).to_have_attribute("data-task", "photo")
        expect(tag(page, "photo")).to_have_text("提交后上传")                  # asked for, not 选填
        expect(last).to_contain_text("照片通过系统认证后，申请才能系统审核通过并缴费")
        journey.submit(page)
        stages = ["县(市、区)招办审核", "网上缴费", "提交毕业生登记表", "招办复核"]
        status(page, url, "待县(市、区)招办审核", [stages[0] + "（当前步骤）", *stages[1:]])
        expect(page.get_by_role("button", name="去缴费")).to_be_hidden()     # 采集完成并且认证通过后方可进行支付

        journey.task(page, "提交后上传毕业照片")
        passed = upload(page, "photo", "photo.jpg", pictures("portraits").compliant_jpeg())
        expect(passed.locator("[data-result]")).to_contain_text("系统认证通过")
        county = staff["county"]                                             # the county sees it in its words
        county.goto(f"{url}/staff/application.html?exam_no={exam_no}")
        settled(county)
        expect(county.locator("#photo figcaption")).to_have_text("毕业照片：系统线上认证通过")
        status(page, url, "系统审核通过，待网上缴费",
               [stages[0] + "（已完成）", stages[1] + "（当前步骤）", *stages[2:]])
        journey.pay(page, url)
        expect(page.locator("[data-fill=status_text]")).to_have_text("待提交毕业生登记表")
        page.get_by_role("link", name="填写《毕业生登记表》并导出").click()
        page.wait_for_url("**/apply/fill-form.html")
        settled(page)
        page.get_by_role("button", name="导出登记表（PDF）").click()           # 保存并导出PDF, as often as needed
        link = page.get_by_role("link", name=re.compile("打开《毕业生登记表》"))
        expect(link).to_be_focused()
        assert httpx.get(link.evaluate("a => a.href")).content.startswith(b"%PDF")
        journey.decide(county, url, exam_no, {"id": "registration_form"})     # 交回《毕业生登记表》
        journey.decide(county, url, exam_no, {"id": "county_final"})
        status(page, url, "审核通过", [s + "（已完成）" for s in stages])


def test_山西_the_county_page_says_the_photo_failed_系统线上认证_and_who_passed_it_by_人工审核(people, teams):
    """Seed 004 step 4's other way: a photo that keeps failing 系统线上认证 goes to the county's 人工审核; the county's
    page of the application then says both in those words (what the candidate's photo page says too)."""
    with as_province("shanxi"):
        me, _, staff, url = people("shanxi")
        exam_no = me.who["exam_no"]
        ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
        applying.fill_sections(me, "shanxi")
        ok(applying.submit(me))
        failed = applying.checked(me, applying.small_jpeg())                   # no face: the check fails it
        ok(me.post(f"/api/photo/uploads/{failed['upload_id']}/manual-review"))
        ok(teams("shanxi")["county"].post(f"/api/photo/staff/queue/{exam_no}",
                                          json={"decision": "approve", "upload_id": failed["upload_id"]}))
        county = staff["county"]
        county.goto(f"{url}/staff/application.html?exam_no={exam_no}")
        settled(county)
        caption = county.locator("#photo figcaption")
        expect(caption).to_contain_text("毕业照片：系统线上认证未通过：")
        expect(caption).to_contain_text("；县(市、区)招办人工审核通过")
