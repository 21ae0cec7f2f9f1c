"""Uploads through the pages: the file goes by presigned POST straight to (moto's) S3 with a progress bar, then the
check shows every finding at once; the auto-fixed photo is previewed and taken only when accepted; documents;
山西's identity check by photos, with the manual review when it fails."""
from __future__ import annotations

import re

import httpx
import photos
import pytest
import site_people
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe, summary_items, upload
from support import applying


@pytest.fixture
def candidate_page(site, context, sign_in, table):
    """candidate_page(province, path) → (person, page) signed in on that province's site."""
    def make(province: str, path: str):
        person, me = site_people.candidate(table, province)
        url = site(province)
        sign_in(context, url, me)
        page = context.new_page()
        page.goto(url + path)
        settled(page)
        return person, page
    return make


def test_anhui_photo_every_finding_at_once_then_the_auto_fixed_preview_accepted(candidate_page, screenshot):
    with as_province("anhui"):
        person, page = candidate_page("anhui", "/photo.html")
        expect(page.locator("[data-current]")).to_have_text("您还没有上传照片。")
        expect(page.locator("main")).to_contain_text("宽 480 × 高 640 像素")
        page.get_by_role("button", name="上传并检查").click()
        assert summary_items(page) == ["请选择要上传的照片"]
        upload(page, "photo", "photo.gif", b"GIF89a" + b"0" * 100, "image/gif")
        assert summary_items(page) == ["照片的文件扩展名应为 .jpg、.jpeg、.png，现为“.gif”"]
        expect(page.locator("#photo-file-error")).to_contain_text("扩展名")
        result = upload(page, "photo", "我的照片.jpg", photos.small_face_photo()).locator("[data-result]")
        expect(result).to_be_focused()
        heading = result.locator("h3").first
        expect(heading).to_have_text(re.compile(r"^发现 \d+ 个问题$"))
        found = result.locator(".findings").first.locator("li")
        expect(found).to_have_count(int(heading.inner_text().split()[1]))
        for words in ("眼睛位置离上边沿太远", "脸部在照片中太小"):     # every finding at once, with what to do
            expect(found.filter(has_text=words).locator(".hint")).to_be_visible()
        expect(result.get_by_role("img", name="自动调整后的照片预览")).to_be_visible()
        settled(page)
        screenshot(page, "photo-fix-offered")
        result.get_by_role("button", name="采用调整后的照片").click()
        expect(result).to_contain_text("已采用自动调整后的照片。")
        expect(page.locator("[data-current]")).to_contain_text("已通过检查，等待工作人员审核")
        expect(page.locator("[data-current]")).to_contain_text("自动调整后的照片")
        shown = page.get_by_role("img", name="我当前的照片")
        expect(shown).to_be_visible()
        assert httpx.get(shown.evaluate("img => img.src")).content[:3] == b"\xff\xd8\xff"   # the stored photo


def test_shanxi_photo_that_meets_the_rules_passes_at_once(candidate_page):
    with as_province("shanxi"):
        person, page = candidate_page("shanxi", "/photo.html")
        form = upload(page, "photo", "photo.jpg", photos.compliant_photo())
        expect(form.locator("[data-result]")).to_contain_text("文件符合要求，已保存。")
        # its automatic check is the 系统线上认证 (said so): no staff review unless the candidate asks for 人工审核
        expect(form.locator("[data-result]")).to_contain_text("系统认证通过")
        expect(page.locator("[data-current]")).to_contain_text("系统认证通过")
        expect(page.locator("[data-current]")).not_to_contain_text("等待工作人员审核")


@pytest.mark.parametrize("province,kinds,asked", [
    ("hubei", ["diploma", "filing_form"], []),       # for 前置学历管理's manual path: a 本科 application's
    ("anhui", ["other", "appraisal", "filing_form"], ["other"]),
    ("chongqing", ["id_front", "id_back", "diploma", "filing_form", "identity_change", "signature", "other"],
     ["id_front", "id_back", "signature", "other"]),   # 毕业证书、备案表: only on the manual 前置学历 path
    ("shanxi", ["old_course_cards", "diploma"], []),   # the two identity pictures have their own page
])
def test_documents_only_what_the_candidate_is_asked_for(province, kinds, asked, candidate_page, screenshot):
    """Every kind the province takes is on the page, but only those asked of this candidate (no major chosen
    yet) are shown, each marked 必填 or 选填; where none is, the page says so (issue 19 item 13)."""
    with as_province(province):
        person, page = candidate_page(province, "/documents.html")
        assert [f.get_attribute("data-upload") for f in page.locator("form[data-upload]").all()] == kinds
        assert [f.get_attribute("data-upload") for f in page.locator("form[data-upload]:visible").all()] == asked
        none = page.locator("[data-asked-none]")
        if not asked:
            expect(none).to_be_visible()
            return
        expect(none).to_be_hidden()
        expect(page.locator("#other-title" if "other" in asked else f"#{asked[0]}-title")).to_contain_text(
            "选填" if "other" in asked else "必填")
        kind = asked[-1]
        if province == "chongqing":     # over 50 KB: made to fit, measured, taken only when confirmed (item 12)
            expect(page.locator("#id_front-title")).to_contain_text("必填")
            expect(page.locator(f"#{kind}-file-hint")).to_contain_text("较大的图片会自动缩小，您确认后才保存")
            form = upload(page, kind, "big.jpg", applying.large_card_photo())
            offer = form.locator("[data-fix]")
            expect(offer).to_contain_text("原文件")
            expect(offer).to_contain_text("2400×1600 像素")
            expect(offer).to_contain_text("自动缩小后")
            assert axe(page) == []
            offer.get_by_role("button", name="采用缩小后的文件").click()
            expect(offer).to_contain_text("已采用缩小后的文件")
            expect(page.locator(f"[data-current={kind}]")).to_contain_text("已上传")
        form = upload(page, kind, "证书.jpg", photos.compliant_photo())
        expect(form.locator("[data-result]")).to_contain_text("已通过检查")
        current = page.locator(f"[data-current={kind}]")
        expect(current).to_contain_text("已上传")
        settled(page)
        screenshot(page, f"documents-{province}", desktop=province == "chongqing")


def upload_both(page, with_card: bool, record: dict | None = None) -> None:
    """The card's two pictures; with `record`, the card prints that candidate's name and number (the check reads
    them and compares them with the record)."""
    for kind, data in (("id_front", photos.id_card_front(record)),
                       ("id_holding", photos.holding_id_card(with_card, record))):
        expect(upload(page, kind, f"{kind}.jpg", data).locator("[data-result]")).to_contain_text("已通过检查")


def test_shanxi_identity_check_by_photos_then_the_manual_review(candidate_page, screenshot):
    with as_province("shanxi"):
        person, page = candidate_page("shanxi", "/identity.html")
        status = page.locator("[data-identity]")
        expect(status).to_contain_text("未开始")
        page.get_by_role("button", name="开始身份认证").click()
        assert summary_items(page)[0].startswith("请先上传“身份证人像面”和“手持身份证照”")
        summary_link = page.locator("#error-summary a").first
        summary_link.click()
        expect(page.get_by_label("选择身份证人像面文件")).to_be_focused()
        upload_both(page, with_card=False)
        page.get_by_role("button", name="开始身份认证").click()
        expect(status).to_be_focused()
        expect(status).to_contain_text("未通过")
        expect(status.locator(".findings li").first).to_be_visible()
        settled(page)
        screenshot(page, "identity-failed")
        page.get_by_role("button", name="申请人工审核").click()
        expect(status).to_contain_text("等待报名点审核")
        expect(page.get_by_role("button", name="开始身份认证")).to_be_hidden()


def test_shanxi_identity_check_passes_with_a_card_in_hand(candidate_page):
    with as_province("shanxi"):
        person, page = candidate_page("shanxi", "/identity.html")
        upload_both(page, with_card=True, record={"name": person.name, "id_number": person.id_number})
        page.get_by_role("button", name="开始身份认证").click()
        expect(page.locator("[data-identity]")).to_contain_text("身份认证已通过。")


@pytest.mark.parametrize("province,missing", [("hubei", ["/photo.html", "/identity.html"]),
                                              ("chongqing", ["/photo.html", "/identity.html", "/activate.html"])])
def test_a_step_the_province_does_not_take_has_no_page(province, missing, site):
    for path in missing:
        assert httpx.get(site(province) + path).status_code == 404
