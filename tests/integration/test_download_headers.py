"""Files served to a browser from the buckets come as attachments, typed by the link and never cached, as moto's
S3 answers the presigned GETs the functions sign (a real HTTP GET of each link, as a browser makes it)."""
from __future__ import annotations

import httpx
import pytest
from support import portal_client
from support.applying import candidate
from support.pictures import pictures

from functions.common.aws import s3_client
from functions.common.links import download_link

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
        yield candidate(portal, table, "340100")      # signs in by e-mail: the apply function serves 湖北


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
