"""Short-lived download links: one presigned GET per object, never a listing, never longer than five minutes."""
from __future__ import annotations

from urllib.parse import quote

LINK_SECONDS = 300      # long enough to open, too short to pass around


def download_link(s3, bucket: str, key: str, filename: str | None = None) -> str:
    """A presigned GET of one object; `filename` makes the browser save it under that (UTF-8) name."""
    params = {"Bucket": bucket, "Key": key}
    if filename:
        params["ResponseContentDisposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return s3.generate_presigned_url("get_object", Params=params, ExpiresIn=LINK_SECONDS)
