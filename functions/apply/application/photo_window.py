"""The photo's own upload window (profile key application.photo_window; 安徽 seed 002: 因电子相片需要市级审核，因此
相片上传截止时间早于毕业申请提交时间): set by the province per batch (the batch settings' `photo_window`), closing
before every application window of the batch closes, so the city has time to review the last photos and a
rejected one can be replaced. Pure: times come in as arguments.

A batch whose photo window is not set yet has no photo deadline: photos follow the application's rules alone.
"""
from __future__ import annotations

from datetime import datetime

from functions.common.errors import BadInput, Conflict
from functions.common.time import epoch_of, shown

OPENS_LABEL, CLOSES_LABEL = "相片上传开始时间", "相片上传截止时间"      # as the batches page labels them


def photo_deadline(batch: dict | None) -> str | None:
    """When photos stop being taken, as people read it (None: the batch has no photo window)."""
    window = (batch or {}).get("photo_window")
    return f"{shown(epoch_of(window['closes']))}（北京时间）" if window else None


def photo_window_dates(batch: dict) -> str:
    window = batch["photo_window"]
    return f"{shown(epoch_of(window['opens']))} 至 {shown(epoch_of(window['closes']))}（北京时间）"


def photo_window_shown(batch: dict, now: int) -> dict | None:
    """The batch's photo window as the batches page shows it, open now or not (None: not set)."""
    window = batch.get("photo_window")
    return window and {**window, "open_now": epoch_of(window["opens"]) <= now < epoch_of(window["closes"])}


def photo_closed(batch: dict | None, now: int) -> str | None:
    """Why no photo is taken now, in the words of the refusal (None: no photo window set, or it is open): the photo
    page says it before anyone chooses a file."""
    window = (batch or {}).get("photo_window")
    if not window:
        return None
    dates = f"（相片上传时间：{photo_window_dates(batch or {})}）"
    if now < epoch_of(window["opens"]):
        return "相片上传尚未开始" + dates
    if now >= epoch_of(window["closes"]):
        return "相片上传已经截止，不能再上传或更换照片" + dates
    return None


def refuse_outside_photo_window(batch: dict | None, now: int) -> None:
    """409 when the batch's photo window is set and not open now: nothing of the upload is kept."""
    reason = photo_closed(batch, now)
    if reason:
        raise Conflict(reason, field="photo")


def checked_photo_window(opens: datetime, closes: datetime, batch: dict) -> dict:
    """The photo window as stored (times already in Beijing time), when it closes before every application window
    of the batch closes; otherwise the 422 that names the field as the batches page labels it."""
    if opens >= closes:
        raise BadInput(f"{CLOSES_LABEL}应晚于{OPENS_LABEL}", field="closes")
    windows = [w for w in (batch.get("windows") or {}).values() if w]
    if not windows:
        raise BadInput(f"请先设置本批次的申请时间：{CLOSES_LABEL}须早于申请结束时间", field="closes")
    first = min(windows, key=lambda w: epoch_of(w["closes"]))
    if closes.timestamp() >= epoch_of(first["closes"]):
        raise BadInput(f"{CLOSES_LABEL}须早于申请结束时间（{shown(epoch_of(first['closes']))}，北京时间），"
                       "以便审核照片", field="closes")
    # an office's own, narrower window (安徽 合肥) holds its candidates: their photos need reviewing before it too
    own = [w for kinds in (batch.get("office_windows") or {}).values() for w in kinds.values()]
    earliest = min(own, key=lambda w: epoch_of(w["closes"])) if own else None
    if earliest and closes.timestamp() >= epoch_of(earliest["closes"]):
        raise BadInput(f"{CLOSES_LABEL}须早于考试机构自设的申请结束时间（{shown(epoch_of(earliest['closes']))}，"
                       "北京时间），以便审核照片", field="closes")
    return {"opens": opens.isoformat(timespec="minutes"), "closes": closes.isoformat(timespec="minutes")}


def refuse_application_before_photo(window: dict, batch: dict, label: str = "申请结束时间") -> None:
    """An application window moved to close no later than the photo window closes is refused (422): the province's,
    or an office's own (安徽 合肥; `label`: the field as that form labels it), or the last photos go unreviewed."""
    photo = batch.get("photo_window")
    if photo and epoch_of(window["closes"]) <= epoch_of(photo["closes"]):
        raise BadInput(f"{label}须晚于{CLOSES_LABEL}（{photo_deadline(batch)}）", field="closes")
