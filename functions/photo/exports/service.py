"""学信网's photo package for one request (issue 17 item 8): the approved graduates (the graduates CSV's list; the
file names are full ID numbers, so as for the CSV only the provincial office makes one: FULL_ID_EXPORTERS), each
approved photo brought to the national 480 × 640 standard by the photo function's own auto-fix and checked again
(checks/xuexin.py), one `<身份证号>.jpg` each in a zip behind a 5-minute link; who was left out, by name and
准考证号, with the reason in words.

Lambda's limits, measured on one core (as the photo function's 1769 MB have; `python -m bench photo`): a
480 × 640 photo to mend takes 63 ms of CPU, a 1200 × 1600 phone PNG (山西 takes up to 2 MB) 160 ms; by the wall
clock of this shared 2-core machine, with tests/unit/photo's pictures, 0.09 s a compliant JPEG, 0.22 s a face to
move and scale, 0.45 s the large PNG, plus reading each from S3. API Gateway answers an HTTP API request for at
most 30 s (the photo function's timeout too), so one request works for BUDGET_SECONDS and then closes its zip:
about 40–300 graduates a package, by the photos and the machine. A batch of thousands is several
packages: the answer's `next` is where the next one starts (the page offers the button), the list read in
准考证号 order so that a package starts exactly after the one before. Memory holds one photo at a time: the zip is
written to a temporary file (Lambda's /tmp, 512 MB; a package is at most a few hundred × 40 KB) and streamed to S3.
"""
from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import Callable, Iterator

from functions.apply.review.answers import export_key, scope_of
from functions.common import batches
from functions.common.errors import NotFound
from functions.common.jurisdiction import require_full_id_exporter
from functions.common.links import LINK_SECONDS
from functions.common.session import Identity
from functions.photo.checks.xuexin import PackageWriter
from functions.photo.statuses import UploadStatus

from .store import PackageStore

BUDGET_SECONDS = 20         # of the 30 s a request may take: the slowest photo (0.5 s), the upload and the answer fit
READ = 100                  # graduates whose records and photo items are read per round trip
TAKEN = (UploadStatus.OK.value, UploadStatus.APPROVED.value)      # a current photo the application went through with


class PhotoPackages:
    def __init__(self, store: PackageStore, profile, clock: Callable[[], int],
                 timer: Callable[[], float] = time.monotonic):
        self.store, self.profile, self.clock, self.timer = store, profile, clock, timer

    def make(self, staff: Identity, batch_id: str | None, after: str | None) -> dict:
        require_full_id_exporter(staff, self.profile.data)
        if self.profile.data.get("photo") is None:
            raise NotFound("本省的毕业证书照片不在本系统采集，没有照片包可以导出")
        batch = self._batch(batch_id)
        listed = sorted(self.store.graduates(staff, batch["id"]), key=lambda i: i["exam_no"])
        todo = [i for i in listed if after is None or i["exam_no"] > after]
        before, left_out, last, handled = len(listed) - len(todo), [], None, 0
        stop_at = self.timer() + BUDGET_SECONDS
        key = export_key(batch["id"], self.clock(), secrets.token_hex(8), "photos.zip")
        with tempfile.TemporaryFile() as out:
            writer = PackageWriter(out)
            for item, record, photo in self._read(todo):
                if last is not None and self.timer() > stop_at:
                    break
                why = self._add(writer, record, photo)
                if why is not None:
                    left_out.append({"name": record.get("name") or item.get("name") or "",
                                     "exam_no": item["exam_no"], "reason": why})
                last, handled = item["exam_no"], handled + 1
            writer.close()
            out.seek(0)
            self.store.save(key, out)
        done = before + handled
        more = last if done < len(listed) else None
        self.store.log(batch["id"], staff, self.clock(), {
            "graduates": len(listed), "after": after, "next": more, "photos": writer.written,
            "left_out": [x["exam_no"] for x in left_out], "object": key, "scope": scope_of(staff)})
        span = f"-第{before + 1}至{done}人" if handled else ""        # (nobody left after `after`: an empty zip)
        filename = f"毕业证书电子注册照片-{batch['id']}{span}.zip"
        return {"batch": batch["id"], "filename": filename, "url": self.store.link(key, filename),
                "expires_in": LINK_SECONDS, "graduates": len(listed), "done": done, "photos": writer.written,
                "left_out": left_out, "next": more}

    def _batch(self, wanted: str | None) -> dict:
        """The batch asked for (as the graduates CSV answers one that does not exist), or the open one."""
        every = self.store.batches()
        if not wanted:
            return batches.current(every)
        batch_id = batches.known(wanted, [b["id"] for b in every])
        return next(b for b in every if b["id"] == batch_id)

    def _read(self, todo: list[dict]) -> Iterator[tuple[dict, dict, dict | None]]:
        """(list entry, record, current photo item) of each graduate, read a hundred at a time as they are used."""
        for start in range(0, len(todo), READ):
            chunk = todo[start:start + READ]
            exam_nos = [i["exam_no"] for i in chunk]
            records, photos = self.store.records(exam_nos), self.store.photos(exam_nos)
            for item in chunk:
                yield item, records.get(item["exam_no"]) or {}, photos.get(item["exam_no"])

    def _add(self, writer: PackageWriter, record: dict, photo: dict | None) -> str | None:
        """Why this graduate's photo is not in the zip, or None when it is."""
        id_number = record.get("id_number")
        if not id_number:
            return "考籍记录中没有身份证号，照片无法按身份证号命名"
        if photo is None:
            return "考生没有上传照片"
        if photo.get("status") not in TAKEN:
            return "照片还没有审核通过"
        data = self.store.photo_bytes(photo["object_key"])
        if data is None:
            return "照片文件已不在存储中，请考生重新上传"
        return writer.add(id_number, data)
