"""Short-lived download links: one presigned GET per object, never a listing, never longer than five minutes.

Every file a browser gets from the buckets (photos, documents, ID pictures, forms, exports) comes as an attachment,
with its type named by the link from the key's extension (never left to what S3 stored or a browser guesses), and
is never kept in a cache (a shared computer at a county office keeps nothing). S3 cannot send
X-Content-Type-Options; an explicit type and an attachment leave a browser nothing to sniff and no page to render.
An <img> shows a picture whatever its Content-Disposition, so the pages still show photos.
"""
from __future__ import annotations

from urllib.parse import quote

LINK_SECONDS = 300      # long enough to open, too short to pass around
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf",
                 ".zip": "application/zip", ".csv": "text/csv; charset=utf-8"}
NO_STORE = "no-store"


def download_link(s3, bucket: str, key: str, filename: str | None = None) -> str:
    """A presigned GET of one object, as an attachment; `filename` names the saved file (UTF-8)."""
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}" if filename else "attachment"
    extension = "." + key.rsplit(".", 1)[-1].lower() if "." in key.rsplit("/", 1)[-1] else ""
    params = {"Bucket": bucket, "Key": key, "ResponseContentDisposition": disposition,
              "ResponseCacheControl": NO_STORE,
              "ResponseContentType": CONTENT_TYPES.get(extension, "application/octet-stream")}
    return s3.generate_presigned_url("get_object", Params=params, ExpiresIn=LINK_SECONDS)
