"""学信网's photo package through the running portal, with 安徽's rules (the city reviews photos, then the joint
review): graduates walked from upload to approval through the real pages' API, their photos through the real
detector. The zip holds one `<身份证号>.jpg` per graduate whose photo meets the national standard, the answer names
the rest (name, 准考证号, the reason in words), the batch's audit log has the export, only the provincial office
makes one (a city's office is refused: issue 15 item 7), and every bad request is a Chinese 4xx naming the field.
"""
from __future__ import annotations

import io
import zipfile
from urllib.parse import parse_qs, urlparse

import httpx
import numpy as np
import pytest
from PIL import Image
from support.applying import candidate, fill_in, host_agrees, ok, refused, staff, submit
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
        if stage == "joint_review":
            host_agrees(portal, table, me.who["exam_no"])          # 会审: the 主考院校's 同意 first
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


def download(answer: dict, by: httpx.Client) -> zipfile.ZipFile:
    assert parse_qs(urlparse(answer["url"]).query)["X-Amz-Expires"] == ["300"] and answer["expires_in"] == 300
    fetched = by.get(answer["url"])
    assert fetched.status_code == 200
    return zipfile.ZipFile(io.BytesIO(fetched.content))


def package(world, **body) -> tuple[dict, list[str]]:
    """The provincial office's package (the only office that exports one: issue 15 item 7), and its file names.
    The province sees the graduates other tests of this worker made too: assertions are on this module's."""
    answer = ok(world["team"]["province"].post(EXPORT, json=body))
    assert answer["next"] is None, answer          # (a handful of graduates: one package holds them all)
    return answer, download(answer, world["team"]["province"]).namelist()


def test_one_standard_photo_per_graduate_and_the_rest_named_with_the_reason(world):
    answer, names = package(world)
    passing = [me for me in [*world["here"], world["there"]] if me not in (world["no_face"], world["gone"])]
    assert {f"{me.who['id_number']}.jpg" for me in passing} <= set(names)
    archive = download(answer, world["team"]["province"])
    for me in passing:
        name = f"{me.who['id_number']}.jpg"
        data = archive.read(name)
        with Image.open(io.BytesIO(data)) as im:
            assert (im.format, im.size, im.mode, round(im.info["dpi"][0])) == ("JPEG", (480, 640), "RGB", 300)
        assert 20480 <= len(data) <= 40000 and check_photo(data, name, XUEXIN_RULES)["ok"], name
    for me in (world["no_face"], world["gone"]):
        assert f"{me.who['id_number']}.jpg" not in names
    mine = {me.who["exam_no"] for me in [*world["here"], world["there"]]}
    left = {x["exam_no"]: x for x in answer["left_out"] if x["exam_no"] in mine}
    assert set(left) == {world["no_face"].who["exam_no"], world["gone"].who["exam_no"]}
    assert left[world["no_face"].who["exam_no"]]["name"] == world["no_face"].who["name"]
    assert "人脸" in left[world["no_face"].who["exam_no"]]["reason"]
    assert left[world["gone"].who["exam_no"]]["reason"] == "照片文件已不在存储中，请考生重新上传"
    assert answer["done"] == answer["graduates"] >= 5 and answer["photos"] == len(names)
    assert answer["filename"].endswith(f"-第1至{answer['graduates']}人.zip")


def test_the_export_is_in_the_batchs_audit_log_with_whom_it_was_for(world):
    answer, _ = package(world)
    log = [e for e in entries(world["table"], keys.batch(answer["batch"])[keys.PK]) if e["action"] == "export.photos"]
    after = log[-1]["after"]
    assert after["photos"] == answer["photos"] and after["graduates"] == answer["graduates"]
    assert {world["no_face"].who["exam_no"], world["gone"].who["exam_no"]} <= set(after["left_out"])
    assert log[-1]["actor"]["role"] == after["scope"]["role"] == "province"


def test_a_package_after_a_graduate_starts_after_them(world):
    first = sorted(me.who["exam_no"] for me in world["here"])[0]
    answer, names = package(world, after=first)
    assert answer["done"] == answer["graduates"]
    mine = {me.who["exam_no"]: me.who["id_number"] for me in world["here"]}
    assert f"{mine[first]}.jpg" not in names and first not in str(answer["left_out"])
    later = [e for e in sorted(mine)[1:] if e not in (world["no_face"].who["exam_no"], world["gone"].who["exam_no"])]
    assert {f"{mine[e]}.jpg" for e in later} <= set(names)


def test_a_city_office_is_refused_and_so_is_a_candidate(world):
    """Issue 15 item 7: a package of <身份证号>.jpg is full ID numbers in bulk: the provincial office's only."""
    for office in (HERE, THERE):
        error = refused(world["team"][office].post(EXPORT, json={}), 403)
        assert "身份证号" in error["message"] and "省级教育考试机构" in error["message"]
        assert all(me.who["id_number"] not in str(error) for me in world["here"])
    refused(world["here"][0].post(EXPORT, json={}), 403)


def test_bad_requests_are_named_in_chinese(world):
    province = world["team"]["province"]
    assert "没有批次 NOPE" in refused(province.post(EXPORT, json={"batch": "NOPE"}), 422, "batch")["message"]
    assert "批次" in refused(province.post(EXPORT, json={"batch": "../x"}), 422, "batch")["message"]
    assert "准考证号" in refused(province.post(EXPORT, json={"after": "abc"}), 422, "after")["message"]
    refused(province.post(EXPORT, json={"batch": 7}), 422, "batch")
    with serving("photo", "hubei"):          # 湖北 takes no photo online: there is no package to make
        assert "照片" in refused(province.post(EXPORT, json={}), 404)["message"]
