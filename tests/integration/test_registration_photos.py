"""`biye import-photos`: the offices' 报名照片, judged all at once before anything is stored, printed on 湖北's
申请表 (the province collects no graduation photo online: "使用报名照片"), with the candidate's 情况说明 beside the
rest of what they wrote (issue 19 item 17)."""
from __future__ import annotations

import io
import subprocess
import sys

from PIL import Image
from support.applying import candidate, ok, pdf_text, submit
from support.pictures import pictures

from functions.common.aws import s3_client
from functions.common.dynamo import keys

P = pictures("portraits")
FORM = "/api/apply/application/forms/application_form"


def import_photos(folder, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "functions.cli", "import-photos", str(folder), *more],
                          capture_output=True, text=True, timeout=120)


def with_exif(data: bytes) -> bytes:
    out, image = io.BytesIO(), Image.open(io.BytesIO(data))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"                       # Make
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def printed_images(me) -> int:
    pdf = me.get(ok(me.get(FORM))["url"]).content
    listed = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=False).stdout
    return max(0, len(listed.decode().splitlines()) - 2)


def test_every_bad_file_is_named_and_nothing_is_stored(portal, table, tmp_path):
    first, second = candidate(portal, table, "420100"), candidate(portal, table, "420100")
    good = tmp_path / f"{first.who['exam_no']}.jpg"
    good.write_bytes(P.compliant_jpeg())
    (tmp_path / "张三.jpg").write_bytes(P.compliant_jpeg())
    png = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(png, "PNG")
    (tmp_path / f"{second.who['exam_no']}.jpg").write_bytes(png.getvalue())
    (tmp_path / "420100999999.jpg").write_bytes(P.compliant_jpeg())
    tiny = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(tiny, "JPEG")
    (tmp_path / f"{second.who['exam_no']}.jpeg").write_bytes(tiny.getvalue())
    refused = import_photos(tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert lines[-1] == "共 4 个文件有问题，未导入任何照片。", lines
    said = dict(line.split("：", 1) for line in lines[:-1])
    assert said == {"张三.jpg": "文件名应为 12 位准考证号加 .jpg（如 420100000001.jpg）",
                    f"{second.who['exam_no']}.jpg": "不是 JPEG 图片",
                    "420100999999.jpg": "没有这个准考证号的考籍记录（请先导入考生记录）",
                    f"{second.who['exam_no']}.jpeg": "图片为 60×80 像素，应在 120×160 到 4000×4000 像素之间"}
    assert "Item" not in table.get_item(Key=keys.registration_photo(first.who["exam_no"]))


def test_the_申请表_prints_the_imported_photo_without_its_metadata_and_the_情况说明(portal, table, tmp_path, stack):
    me = candidate(portal, table, "420100")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1037号"}))
    ok(me.put("/api/apply/application/statement", json={"text": "本人曾用名李四，2015年改为现名。"}))
    ok(submit(me))
    assert printed_images(me) == 0                      # no photo yet: the box stays empty
    (tmp_path / f"{me.who['exam_no']}.jpg").write_bytes(with_exif(P.compliant_jpeg()))
    assert import_photos(tmp_path, "--dry-run").stdout.strip() == "核对通过：1 张报名照片可以导入（--dry-run，未写入）"
    assert "Item" not in table.get_item(Key=keys.registration_photo(me.who["exam_no"]))
    done = import_photos(tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "已导入 1 张报名照片", done.stderr
    item = table.get_item(Key=keys.registration_photo(me.who["exam_no"]))["Item"]
    stored = s3_client().get_object(Bucket=stack.physical_ids["UploadsBucket"], Key=item["object_key"])["Body"].read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert printed_images(me) == 1
    text = pdf_text(me, "application_form")
    assert "情况说明" in text and "本人曾用名李四，2015年改为现名。" in text.replace("\n", "")


def test_the_demo_prints_a_drawn_outline_where_the_province_prints_the_registration_photo(portal, table, stack):
    """`make run` (infra/local/run.prepare) gives 湖北's demo candidates an outline to print, stored as an import is."""
    from infra.demo.photos import store_demo_photos
    me = candidate(portal, table, "420100")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    ok(me.put("/api/apply/application/contact", json={"phone": me.who["phone"], "address": "武汉市洪山区珞喻路1037号"}))
    ok(submit(me))
    assert store_demo_photos(table, s3_client(), stack.physical_ids["UploadsBucket"], [me.who["exam_no"]]) == 1
    assert printed_images(me) == 1
