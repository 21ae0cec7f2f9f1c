"""Files served to a browser from the buckets come as attachments, typed by the link and never cached, as moto's
S3 answers the presigned GETs the functions sign (a real HTTP GET of each link, as a browser makes it)."""
from __future__ import annotations

import time

import httpx
import pytest
from support import portal_client
from support.pictures import pictures

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.aws import s3_client
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.links import download_link

PASSWORD = "Test-pass-2026"
P, H = pictures("portraits"), pictures("hostile")


def assert_download(url: str, content_type: str) -> httpx.Response:
    answer = httpx.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"].startswith("attachment"), answer.headers
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-type"] == content_type
    return answer


@pytest.fixture(scope="module")
def me(portal, table):
    with portal_client.serving("photo", "anhui"):
        first17 = "34010019950404000"
        exam_no = "340199300001"
        table.put_item(Item=candidate_item({"exam_no": exam_no, "name": "下载一", "office": "340100",
                                            "id_number": first17 + id_check_digit(first17), "passed": []}))
        create_account(table, NewAccount(kind="candidate", display_name="下载一", password=PASSWORD,
                                         logins={"email": f"{exam_no}@test.biye.cn"}, exam_no=exam_no),
                       int(time.time()))
        yield portal_client.signed_in(portal, "email", f"{exam_no}@test.biye.cn", PASSWORD)


def uploaded(me: httpx.Client, data: bytes, kind: str, filename: str) -> dict:
    post = me.post("/api/photo/uploads", json={"kind": kind, "filename": filename, "size": len(data)}).json()
    httpx.post(post["url"], data=post["fields"], files={"file": (filename, data, "application/octet-stream")})
    answer = me.post(f"/api/photo/uploads/{post['upload_id']}/check").json()
    assert answer["ok"] is True, answer
    return {u["kind"]: u for u in me.get("/api/photo/uploads").json()["uploads"]}[kind]


def test_photos_and_documents_are_attachments_never_cached(me):
    photo = uploaded(me, P.compliant_jpeg(), "photo", "照片.jpg")
    assert assert_download(photo["url"], "image/jpeg").content[:3] == b"\xff\xd8\xff"
    document = uploaded(me, H.pdf(), "other", "证明.pdf")
    assert assert_download(document["url"], "application/pdf").content.startswith(b"%PDF-")


def test_forms_and_exports_links_say_the_same(stack):
    s3, bucket = s3_client(), stack.physical_ids["FormsBucket"]
    s3.put_object(Bucket=bucket, Key="exports/test/graduates.csv", Body="准考证号\n".encode(), ContentType="text/html")
    answer = assert_download(download_link(s3, bucket, "exports/test/graduates.csv", "毕业生.csv"),
                             "text/csv; charset=utf-8")      # the type the link names, not the one stored
    assert "filename*=UTF-8''%E6%AF%95%E4%B8%9A%E7%94%9F.csv" in answer.headers["content-disposition"]


def test_the_file_buckets_are_behind_no_cache():
    """The links above are the only way to the files: no CloudFront origin serves (or caches) either bucket."""
    from infra.local import template as tpl
    origins = tpl.read_sam()["Resources"]["Distribution"]["Properties"]["DistributionConfig"]["Origins"]
    named = repr([o["DomainName"] for o in origins])
    assert "UploadsBucket" not in named and "FormsBucket" not in named and "SiteBucket" in named
