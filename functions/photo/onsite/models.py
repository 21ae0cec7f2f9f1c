"""The shapes of the office's photo taken at 现场确认: the file about to be sent, and the photo as kept."""
from __future__ import annotations

from pydantic import BaseModel, Field

from functions.common.models import Answer

from ..registration_photos import MAX_BYTES


class NewShot(BaseModel):
    """Only the file's extension and declared size are used, never its name."""
    filename: str = Field(min_length=1, max_length=255)
    size: int = Field(ge=1, le=MAX_BYTES, strict=True)


class ShotSlot(Answer):
    """Where the browser POSTs the photo (straight to S3), and the id to have it checked by."""
    upload_id: str
    url: str
    fields: dict[str, str]
    expires_in: int
    max_bytes: int


class OnsitePhoto(Answer):
    """The photo kept: where it came from in words, when, and the staff route that shows it."""
    exam_no: str
    source: str
    source_name: str
    taken_at: str
    url: str
