"""学信网's photo package through the running portal, with 安徽's rules (the city reviews photos, then the joint
review): graduates walked from upload to approval through the real pages' API, their photos through the real
detector. The zip holds one `<身份证号>.jpg` per graduate whose photo meets the national standard, the answer names
the rest (name, 准考证号, the reason in words), the batch's audit log has the export, another city's office gets
none of them, and every bad request is a Chinese 4xx naming the field.
"""
from __future__ import annotations

import io
import zipfile
from urllib.parse import parse_qs, urlparse

import httpx
import numpy as np
import pytest
from PIL import Image
from support.applying import candidate, fill_in, ok, refused, staff, submit
from support.portal_client import serving

from functions.common.audit_log import entries
from functions.common.dynamo import keys
from functions.photo.checks.photo import check_photo
from functions.photo.checks.xuexin import XUEXIN_RULES

EXPORT = "/api/photo/staff/exports/photos"
HERE, THERE = "340800", "340300"        # 安庆市, 蚌埠市: no other test's graduates are in them


def graduate(portal, table, team: dict, office: str):
    """A candidate of `office` whose photo the city approved and whose application both stages approved."""
    me = candidate(portal, table, office, province="anhui")
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    fill_in(me, "anhui", reviewer=team[office])
    ok(submit(me))
    for stage, who in (("city_review", team[office]), ("joint_review", team["province"])):
        ok(who.post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                    json={"stage": stage, "decision": "approve"}))
    assert ok(me.get("/api/apply/application"))["application"]["status"] == "approved"
    return me


def photo_key(table, exam_no: str) -> str:
    return table.get_item(Key=keys.current_upload(exam_no, "photo"))["Item"]["object_key"]


def faceless() -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.full((640, 480, 3), (100, 197, 255), np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def world(portal, table, stack):
    with serving("apply", "anhui"), serving("photo", "anhui"):
        team = {HERE: staff(portal, table, "xuexin-anqing", "city", offices=(HERE,)),
                THERE: staff(portal, table, "xuexin-bengbu", "city", offices=(THERE,)),
                "province": staff(portal, table, "xuexin-province", "province")}
        here = [graduate(portal, table, team, HERE) for _ in range(4)]
        there = graduate(portal, table, team, THERE)
        s3, bucket = stack.client("s3"), stack.physical_ids["UploadsBucket"]
        # Two approved photos that cannot go to 学信网: one whose stored file is a picture the national check finds
        # no face in (as a photo approved at the office by hand might be), one whose file is gone from storage.
        no_face, gone = here[2], here[3]
        s3.put_object(Bucket=bucket, Key=photo_key(table, no_face.who["exam_no"]), Body=faceless())
        s3.delete_object(Bucket=bucket, Key=photo_key(table, gone.who["exam_no"]))
        yield {"team": team, "here": here, "there": there, "no_face": no_face, "gone": gone, "table": table}


def download(answer: dict) -> zipfile.ZipFile:
    assert parse_qs(urlparse(answer["url"]).query)["X-Amz-Expires"] == ["300"] and answer["expires_in"] == 300
    fetched = httpx.get(answer["url"])
    assert fetched.status_code == 200
    return zipfile.ZipFile(io.BytesIO(fetched.content))


def test_one_standard_photo_per_graduate_and_the_rest_named_with_the_reason(world):
    answer = ok(world["team"][HERE].post(EXPORT, json={}))
    archive = download(answer)
    passing = [me for me in world["here"] if me not in (world["no_face"], world["gone"])]
    assert sorted(archive.namelist()) == sorted(f"{me.who['id_number']}.jpg" for me in passing)
    for name in archive.namelist():
        data = archive.read(name)
        with Image.open(io.BytesIO(data)) as im:
            assert (im.format, im.size, im.mode, round(im.info["dpi"][0])) == ("JPEG", (480, 640), "RGB", 300)
        assert 20480 <= len(data) <= 40000 and check_photo(data, name, XUEXIN_RULES)["ok"], name
    left = {x["exam_no"]: x for x in answer["left_out"]}
    assert set(left) == {world["no_face"].who["exam_no"], world["gone"].who["exam_no"]}
    assert left[world["no_face"].who["exam_no"]]["name"] == world["no_face"].who["name"]
    assert "人脸" in left[world["no_face"].who["exam_no"]]["reason"]
    assert left[world["gone"].who["exam_no"]]["reason"] == "照片文件已不在存储中，请考生重新上传"
    assert (answer["graduates"], answer["done"], answer["photos"], answer["next"]) == (4, 4, 2, None)
    assert answer["filename"].endswith("-第1至4人.zip")


def test_the_export_is_in_the_batchs_audit_log_with_whom_it_was_for(world):
    answer = ok(world["team"][HERE].post(EXPORT, json={}))
    log = [e for e in entries(world["table"], keys.batch(answer["batch"])[keys.PK]) if e["action"] == "export.photos"]
    after = log[-1]["after"]
    assert after["photos"] == 2 and after["graduates"] == 4 and after["scope"]["offices"] == [HERE]
    assert sorted(after["left_out"]) == sorted([world["no_face"].who["exam_no"], world["gone"].who["exam_no"]])
    assert log[-1]["actor"]["role"] == "city"


def test_a_package_after_a_graduate_starts_after_them(world):
    first = sorted(me.who["exam_no"] for me in world["here"])[0]
    answer = ok(world["team"][HERE].post(EXPORT, json={"after": first}))
    assert (answer["graduates"], answer["done"], answer["next"]) == (4, 4, None)
    assert answer["filename"].endswith("-第2至4人.zip")
    mine = {me.who["exam_no"]: me.who["id_number"] for me in world["here"]}
    assert f"{mine[first]}.jpg" not in download(answer).namelist()


def test_another_citys_office_gets_none_of_them_and_a_candidate_is_refused(world):
    answer = ok(world["team"][THERE].post(EXPORT, json={}))
    names = download(answer).namelist()
    assert f"{world['there'].who['id_number']}.jpg" in names
    for me in world["here"]:
        assert f"{me.who['id_number']}.jpg" not in names
        assert me.who["exam_no"] not in str(answer) and me.who["name"] not in str(answer)
    assert ok(world["team"]["province"].post(EXPORT, json={}))["graduates"] >= 5
    refused(world["here"][0].post(EXPORT, json={}), 403)


def test_bad_requests_are_named_in_chinese(world):
    city = world["team"][HERE]
    assert "没有批次 NOPE" in refused(city.post(EXPORT, json={"batch": "NOPE"}), 422, "batch")["message"]
    assert "批次" in refused(city.post(EXPORT, json={"batch": "../x"}), 422, "batch")["message"]
    assert "准考证号" in refused(city.post(EXPORT, json={"after": "abc"}), 422, "after")["message"]
    refused(city.post(EXPORT, json={"batch": 7}), 422, "batch")
    with serving("photo", "hubei"):          # 湖北 takes no photo online: there is no package to make
        assert "照片" in refused(city.post(EXPORT, json={}), 404)["message"]
