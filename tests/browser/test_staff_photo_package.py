"""学信网's photo package from the batches page: 安徽's provincial office presses the button beside the graduates
CSV and sees the zip's link (the standard photos inside) and, in words, who was left out and why; 湖北, which
takes no photo online, has no such button; a city's office has neither export of full ID numbers (issue 15 item 7).
axe-core on the state it reaches."""
from __future__ import annotations

import contextlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

import httpx
import journey
from conftest import as_province, settled
from playwright.sync_api import expect
from steps import axe
from support.applying import OFFICES, candidate, fill_in, ok, submit

from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.eligibility.importer import import_directory

BUTTON = "导出电子注册照片（ZIP，报学信网）"


@contextlib.contextmanager
def batches_page(browser, url: str, who, **options):
    """The batches page as `who` sees it on a phone."""
    context = journey.browser_for(browser, url, who, phone=True, **options)
    try:
        page = context.new_page()
        page.goto(url + "/staff/batches.html")
        settled(page)
        yield page
    finally:
        context.close()


def graduate(portal, table, team):
    me = candidate(portal, table, OFFICES["anhui"], province="anhui")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "anhui", reviewer=team["city"])
    ok(submit(me))
    for stage, role in (("city_review", "city"), ("joint_review", "university"), ("joint_review", "province")):
        ok(team[role].post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                           json={"stage": stage, "decision": "approve"}))
    return me


def test_the_province_downloads_the_photo_package_and_reads_who_was_left_out(browser, site, portal, table, teams,
                                                                             stack):
    with as_province("anhui"):
        url, team = site("anhui"), teams("anhui")
        kept, gone = graduate(portal, table, team), graduate(portal, table, team)
        photo = table.get_item(Key=keys.current_upload(gone.who["exam_no"], "photo"))["Item"]
        stack.client("s3").delete_object(Bucket=stack.physical_ids["UploadsBucket"], Key=photo["object_key"])
        with batches_page(browser, url, team["province"]) as page:
            expect(page.get_by_role("button", name="保存申请时间")).to_be_visible()     # its settings, as before
            page.get_by_role("button", name=BUTTON).click()
            link = page.locator("[data-zip]")
            expect(link).to_be_focused()
            expect(link).to_contain_text("张照片，链接 5 分钟内有效")
            names = zipfile.ZipFile(io.BytesIO(httpx.get(link.evaluate("a => a.href")).content)).namelist()
            assert f"{kept.who['id_number']}.jpg" in names and f"{gone.who['id_number']}.jpg" not in names
            left_out = page.locator("[data-list=left-out]")
            expect(left_out).to_contain_text(f"{gone.who['name']}（准考证号 {gone.who['exam_no']}）："
                                             "照片文件已不在存储中，请考生重新上传")
            assert kept.who["exam_no"] not in left_out.inner_text()
            expect(page.locator("[data-fill=photos]")).to_contain_text("已全部处理")
            assert axe(page) == []


@contextlib.contextmanager
def an_empty_batch_open(table):
    """A later batch imported as `biye import` does (so it is the open one) with no application in it; the batches
    as they were afterwards (the reference index restored, the batch deleted) for the other tests of this worker."""
    index = table.get_item(Key=keys.reference_index())["Item"]
    later = {"id": "ANHUI-2027H1", "name": "2027年上半年毕业申请", "graduation_date": "2027-06-30",
             "prior_edu_cutoff": "2027-06-30", "windows": {}}
    try:
        with tempfile.TemporaryDirectory() as directory:
            (Path(directory) / "batches").mkdir()
            (Path(directory) / "batches" / "later.json").write_text(json.dumps(later, ensure_ascii=False))
            import_directory(Store(table), Path(directory))
        yield later
    finally:
        table.put_item(Item=index)
        table.delete_item(Key=keys.batch(later["id"]))


def test_a_province_with_no_graduate_is_told_so_and_offered_no_empty_zip(browser, site, table, teams):
    """Before: a link to download a zip of 0 photos, and "共 0 名毕业生，已处理 0 名，已全部处理". (Only the provincial
    office exports photos, and it sees every graduate of the open batch: a batch with none is opened for this.)"""
    with as_province("anhui"), an_empty_batch_open(table) as batch:
        url = site("anhui")
        with batches_page(browser, url, teams("anhui")["province"]) as page:
            expect(page.locator("[data-batches]")).to_contain_text(batch["name"])
            page.get_by_role("button", name=BUTTON).click()
            said = page.locator("[data-fill=photos]")
            expect(said).to_have_text("本批次还没有审核通过的毕业生，没有照片可导出。")
            expect(said).to_be_focused()
            expect(page.locator("[data-zip]")).to_be_hidden()
            assert axe(page) == []


def test_a_citys_batches_page_offers_neither_export_of_full_id_numbers(browser, site, teams):
    """Issue 15 item 7: the graduates CSV and the photo package are the provincial office's; a city's office counts
    its applications and is told who exports the rest (before: both buttons, and the exports answered)."""
    with as_province("anhui"):
        url = site("anhui")
        with batches_page(browser, url, teams("anhui")["city"]) as page:
            expect(page.get_by_role("button", name="统计各阶段人数")).to_be_visible()
            expect(page.get_by_role("button", name="导出毕业生名单（CSV，报学信网）")).to_be_hidden()
            expect(page.get_by_role("button", name=BUTTON)).to_be_hidden()
            expect(page.get_by_role("button", name="保存申请时间")).to_be_hidden()
            expect(page.locator("main")).to_contain_text("只能由省级教育考试机构导出")
            assert axe(page) == []


def test_a_province_that_takes_no_photo_has_no_package_button(browser, site, teams):
    with as_province("hubei"):
        url = site("hubei")
        with batches_page(browser, url, teams("hubei")["province"]) as page:
            expect(page.get_by_role("button", name="导出毕业生名单（CSV，报学信网）")).to_be_visible()
            expect(page.get_by_role("button", name=BUTTON)).to_have_count(0)
