"""现场确认's photo (湖北, issue 19 item 17): the office that confirms on site takes the candidate's photo when the
record came without a 报名照片, or in place of the imported one; the 申请表 prints the newest, and the staff page
shows it and where it came from. The photo goes through the same file checks as an imported one, and only the
candidate's own office may send it."""
from __future__ import annotations

import io
import subprocess

from PIL import Image
from support.applying import candidate, ok, onsite_photo, refused, staff, submit
from support.pictures import pictures
from test_registration_photos import FORM, import_photos, printed_images

from functions.common.dynamo import keys

P = pictures("portraits")
PAGE = "/api/apply/staff/applications/{}"


def submitted(portal, table):
    me = candidate(portal, table, "420100")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1037号"}))
    ok(submit(me))
    return me


def test_the_office_takes_the_photo_on_site_and_the_申请表_prints_it(portal, table):
    me = submitted(portal, table)
    exam_no = me.who["exam_no"]
    city = staff(portal, table, "onsite-city", "city", ["420100"])
    page = ok(city.get(PAGE.format(exam_no)))
    assert page.get("registration_photo") is None and printed_images(me) == 0
    kept = ok(onsite_photo(city, exam_no, P.compliant_jpeg()))
    assert kept["source_name"] == "现场确认时拍摄的照片"
    assert printed_images(me) == 1
    shown = ok(city.get(PAGE.format(exam_no)))["registration_photo"]
    assert shown == {"source": "onsite_photo", "source_name": "现场确认时拍摄的照片",
                     "url": f"/api/apply/staff/applications/{exam_no}/files/registration_photo"}
    picture = city.get(shown["url"], follow_redirects=True)
    assert picture.status_code == 200 and Image.open(io.BytesIO(picture.content)).format == "JPEG"
    history = ok(city.get(PAGE.format(exam_no)))["history"]
    assert any(h["what"] == "现场确认时拍摄照片" and h["actor"].get("role") == "city" for h in history)
    ok(city.post(f"/api/apply/staff/applications/{exam_no}/onsite"))


def test_an_imported_报名照片_is_what_prints_and_what_the_page_names(portal, table, tmp_path):
    me = submitted(portal, table)
    exam_no = me.who["exam_no"]
    city = staff(portal, table, "onsite-city", "city", ["420100"])
    ok(onsite_photo(city, exam_no, P.compliant_jpeg()))
    (tmp_path / f"{exam_no}.jpg").write_bytes(P.compliant_jpeg())
    assert import_photos(tmp_path).returncode == 0
    shown = ok(city.get(PAGE.format(exam_no)))["registration_photo"]
    assert shown["source"] == "registration_photo" and shown["source_name"] == "报名照片（随考籍导入）"
    assert printed_images(me) == 1


def printed_sizes(me) -> list[str]:
    """The width×height of each image the 申请表 prints (pdfimages -list: columns 4 and 5)."""
    pdf = me.get(ok(me.get(FORM))["url"]).content
    listed = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=False).stdout
    return ["×".join(line.split()[3:5]) for line in listed.decode().splitlines()[2:]]


def test_a_photo_the_office_takes_after_an_import_replaces_it_on_the_申请表(portal, table, tmp_path):
    """The office takes a photo on site because the imported 报名照片 will not do: the newest one prints, and the
    staff page names it as what the form prints."""
    me = submitted(portal, table)
    exam_no = me.who["exam_no"]
    (tmp_path / f"{exam_no}.jpg").write_bytes(P.compliant_jpeg())                      # 480×640
    assert import_photos(tmp_path).returncode == 0
    assert printed_sizes(me) == ["480×640"]
    city = staff(portal, table, "onsite-city", "city", ["420100"])
    smaller = io.BytesIO()
    Image.open(io.BytesIO(P.compliant_jpeg())).resize((360, 480)).save(smaller, "JPEG")
    ok(onsite_photo(city, exam_no, smaller.getvalue()))
    shown = ok(city.get(PAGE.format(exam_no)))["registration_photo"]
    assert shown["source"] == "onsite_photo" and shown["source_name"] == "现场确认时拍摄的照片"
    assert printed_sizes(me) == ["360×480"]


def test_another_office_and_other_roles_are_answered_as_if_there_were_no_such_application(portal, table):
    me = submitted(portal, table)
    exam_no = me.who["exam_no"]
    for other in (staff(portal, table, "onsite-other", "city", ["420500"]),
                  staff(portal, table, "onsite-province", "province")):
        refused(onsite_photo(other, exam_no, P.compliant_jpeg()), 404)
    assert "Item" not in table.get_item(Key=keys.onsite_photo(exam_no))


def test_a_file_that_is_no_photo_is_refused_in_words_and_nothing_is_kept(portal, table):
    me = submitted(portal, table)
    exam_no = me.who["exam_no"]
    city = staff(portal, table, "onsite-city", "city", ["420100"])
    started = city.post(f"/api/photo/staff/onsite/{exam_no}", json={"filename": "scan.pdf", "size": 3000})
    said = refused(started, 422, "file")
    assert said["message"] == "现场照片应为 JPEG 图片（.jpg）"
    png = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(png, "PNG")
    said = refused(onsite_photo(city, exam_no, png.getvalue()), 422, "file")
    assert said["message"] == "现场照片：不是 JPEG 图片，请重新拍摄上传"
    assert "Item" not in table.get_item(Key=keys.onsite_photo(exam_no))
    assert printed_images(me) == 0


def test_in_the_same_second_the_photo_written_last_prints(table):
    """Times are whole seconds: an import and the office's photo in the same second tied, and the one read first
    printed (the two tests above failed that way under load, one in each direction)."""
    from functions.apply.forms.store import registration_photo
    from functions.common.aws import s3_client
    from functions.common.settings import Settings
    from functions.photo import registration_photos as photos
    s3, bucket, second = s3_client(), Settings.from_env().uploads_bucket, 1_790_000_000
    imported = photos.Photo("420199000977", P.compliant_jpeg())
    photos.store(table, s3, bucket, imported, second)
    table.put_item(Item=photos.onsite_item(imported, "checked/onsite.jpg", second, "staff-1"))
    assert registration_photo(table, imported.exam_no)["kind"] == "onsite_photo"
    photos.store(table, s3, bucket, imported, second)
    assert registration_photo(table, imported.exam_no)["kind"] == "registration_photo"
