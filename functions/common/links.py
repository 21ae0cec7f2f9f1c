"""Short-lived download links: one presigned GET per object, never a listing, never longer than five minutes.

Every file a browser gets from the buckets (photos, documents, ID pictures, forms, exports) comes as an attachment,
with its type named by the link from the key's extension (never left to what S3 stored or a browser guesses), and
is never kept in a cache (a shared computer at a county office keeps nothing). An <img> shows a picture whatever its
Content-Disposition, so the pages still show photos.

A link is answered relative to the site (its path and signed query only): the browser asks the portal's own origin,
which passes the request on to the bucket unchanged (on AWS a CloudFront behaviour per key prefix, FILE_PREFIXES,
with the bucket's regional name as its origin; locally the router) and adds the site's security headers, so a file
also carries `X-Content-Type-Options: nosniff`, which S3 itself cannot send. The signature still decides: S3 checks
it against the bucket's own name, which the origin sends as Host.
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

LINK_SECONDS = 300      # long enough to open, too short to pass around
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf",
                 ".zip": "application/zip", ".csv": "text/csv; charset=utf-8"}
NO_STORE = "no-store"
# The key prefixes a browser downloads, per bucket: template.yaml routes each to its bucket (tests/infra checks it).
FILE_PREFIXES = {"UploadsBucket": ("checked/", "previews/"), "FormsBucket": ("forms/", "exports/")}


def download_link(s3, bucket: str, key: str, filename: str | None = None) -> str:
    """A presigned GET of one object, as an attachment, relative to the site; `filename` names the saved file."""
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}" if filename else "attachment"
    extension = "." + key.rsplit(".", 1)[-1].lower() if "." in key.rsplit("/", 1)[-1] else ""
    params = {"Bucket": bucket, "Key": key, "ResponseContentDisposition": disposition,
              "ResponseCacheControl": NO_STORE,
              "ResponseContentType": CONTENT_TYPES.get(extension, "application/octet-stream")}
    signed = urlsplit(s3.generate_presigned_url("get_object", Params=params, ExpiresIn=LINK_SECONDS))
    return urlunsplit(("", "", signed.path, signed.query, ""))
