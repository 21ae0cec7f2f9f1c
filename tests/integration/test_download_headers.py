"""Files served to a browser from the buckets come from the site's own origin as attachments, typed by the link,
never cached and never sniffed: the link is the functions' presigned GET made relative to the site, and the portal
passes it on to moto's S3 as CloudFront's file behaviours do on AWS (a real HTTP GET of each link, as a browser
makes it from the page)."""
from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from support import portal_client
from support.applying import candidate
from support.pictures import pictures

from functions.common import aws
from functions.common.aws import s3_client
from functions.common.links import FILE_PREFIXES, download_link
from infra.local import template as tpl

P, H = pictures("portraits"), pictures("hostile")


def assert_download(portal, url: str, content_type: str) -> httpx.Response:
    assert url.startswith("/") and not url.startswith("//"), url       # the site's own origin, not the bucket's
    answer = httpx.get(portal.url + url)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"].startswith("attachment"), answer.headers
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-type"] == content_type
    assert answer.headers["x-content-type-options"] == "nosniff"
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


def test_photos_and_documents_are_attachments_never_cached_never_sniffed(me, portal):
    photo = uploaded(me, P.compliant_jpeg(), "photo", "照片.jpg")
    assert assert_download(portal, photo["url"], "image/jpeg").content[:3] == b"\xff\xd8\xff"
    document = uploaded(me, H.pdf(), "other", "证明.pdf")
    assert assert_download(portal, document["url"], "application/pdf").content.startswith(b"%PDF-")


def test_forms_and_exports_links_say_the_same(stack, portal):
    s3, bucket = s3_client(), stack.physical_ids["FormsBucket"]
    s3.put_object(Bucket=bucket, Key="exports/test/graduates.csv", Body="准考证号\n".encode(), ContentType="text/html")
    answer = assert_download(portal, download_link(s3, bucket, "exports/test/graduates.csv", "毕业生.csv"),
                             "text/csv; charset=utf-8")      # the type the link names, not the one stored
    assert "filename*=UTF-8''%E6%AF%95%E4%B8%9A%E7%94%9F.csv" in answer.headers["content-disposition"]


def test_the_file_buckets_are_reached_only_by_signed_links_through_uncached_behaviours():
    """On AWS each download prefix has its CloudFront behaviour to its bucket's regional name with the site's security
    headers: the signed query passed on whole, nothing cached, no cookies, only reads, and no origin access identity
    (S3 checks the link's own signature, so the distribution cannot fetch a file without one)."""
    config = tpl.read_sam()["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    for bucket, prefixes in FILE_PREFIXES.items():
        for prefix in prefixes:
            behaviour = behaviours[f"/{prefix}*"]
            origin = origins[behaviour["TargetOriginId"]]
            assert origin["DomainName"] == {"Fn::GetAtt": [bucket, "RegionalDomainName"]}
            assert "S3OriginConfig" not in origin
            assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
            assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "SecurityHeadersPolicy"}
            assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
            assert behaviour["MinTTL"] == behaviour["DefaultTTL"] == behaviour["MaxTTL"] == 0
            assert behaviour["ForwardedValues"] == {"QueryString": True, "Cookies": {"Forward": "none"}}
    served = {o["DomainName"]["Fn::GetAtt"][0] for o in config["Origins"] if "Fn::GetAtt" in o["DomainName"]}
    assert served == {"SiteBucket", "UploadsBucket", "FormsBucket"}


@pytest.mark.parametrize("region", ("cn-north-1", "cn-northwest-1", "us-east-1", "eu-west-1"))
def test_on_aws_a_link_names_the_bucket_by_its_regional_name(region, monkeypatch):
    """The name CloudFront's file origins send as Host: a link signed for another name would be refused by S3."""
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", region)
    client = aws.s3_client.__wrapped__()
    link = client.generate_presigned_url("get_object", Params={"Bucket": "biye-uploads", "Key": "checked/a.jpg"})
    suffix = ".amazonaws.com.cn" if region.startswith("cn-") else ".amazonaws.com"
    assert urlsplit(link).netloc == f"biye-uploads.s3.{region}{suffix}"
    assert urlsplit(download_link(client, "biye-uploads", "checked/a.jpg")).netloc == ""
