"""学信网's photo package in packages: one request works for BUDGET_SECONDS and closes its zip, and the next starts
exactly after its last graduate, so a batch of thousands comes out whole, nobody twice; the photos go through the
real fix and check, the store is an in-memory one (the integration test runs the real one), the clock is stepped."""
from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import portraits as P

from functions.common.session import Identity
from functions.photo.exports.service import BUDGET_SECONDS, PhotoPackages

BATCH = {"id": "ANHUI-2026H2", "graduation_date": "2026-12-30"}
STAFF = Identity(account_id="s-1", kind="staff", display_name="省考试院", role="province")


class Shelf:
    """The store's reads and writes, in memory: graduates by 准考证号, their records and current photos."""

    def __init__(self, photos: dict[str, dict | None]):
        self.photo_items = {e: p for e, p in photos.items() if p is not None}
        self.exam_nos, self.saved, self.logged = sorted(photos, reverse=True), [], []
        self.picture = P.compliant_jpeg()

    def batches(self):
        return [BATCH]

    def graduates(self, staff, batch_id):
        return [{"exam_no": e, "name": f"考生{e[-2:]}", "office": "340100"} for e in self.exam_nos]

    def records(self, exam_nos):
        return {e: {"exam_no": e, "name": f"考生{e[-2:]}", "id_number": f"3401001990010100{e[-2:]}"} for e in exam_nos}

    def photos(self, exam_nos):
        return {e: self.photo_items[e] for e in exam_nos if e in self.photo_items}

    def photo_bytes(self, key):
        return self.picture

    def save(self, key, zipped):
        self.saved.append(zipfile.ZipFile(io.BytesIO(zipped.read())).namelist())

    def link(self, key, filename):
        return "https://s3.example/" + key

    def log(self, batch_id, staff, now, after):
        self.logged.append(after)


def stepping(seconds: float):
    """A clock that moves `seconds` each time it is read."""
    now = [0.0]

    def read() -> float:
        now[0] += seconds
        return now[0]
    return read


APPROVED = {"status": "approved", "object_key": "checked/x.jpg"}


def test_a_request_stops_at_its_budget_and_the_next_starts_after_its_last_graduate():
    shelf = Shelf({f"3401990000{n:02d}": APPROVED for n in range(1, 6)})
    packages = PhotoPackages(shelf, SimpleNamespace(data={"photo": {}}), lambda: 1_800_000_000,
                             timer=stepping(BUDGET_SECONDS / 2.5))
    first = packages.make(STAFF, None, None)
    assert (first["graduates"], first["done"], first["photos"], first["next"]) == (5, 3, 3, "340199000003")
    second = packages.make(STAFF, None, first["next"])
    assert (second["done"], second["photos"], second["next"]) == (5, 2, None)
    assert second["filename"] == "毕业证书电子注册照片-ANHUI-2026H2-第4至5人.zip"
    every = shelf.saved[0] + shelf.saved[1]
    assert sorted(every) == sorted(f"3401001990010100{n:02d}.jpg" for n in range(1, 6))
    assert [x["next"] for x in shelf.logged] == ["340199000003", None]


def test_who_has_no_photo_or_an_unapproved_one_is_named_with_the_reason():
    shelf = Shelf({"340199000001": APPROVED, "340199000002": None,
                   "340199000003": {"status": "rejected", "object_key": "checked/y.jpg"}})
    answer = PhotoPackages(shelf, SimpleNamespace(data={"photo": {}}), lambda: 1_800_000_000).make(STAFF, None, None)
    assert answer["left_out"] == [{"name": "考生02", "exam_no": "340199000002", "reason": "考生没有上传照片"},
                                  {"name": "考生03", "exam_no": "340199000003", "reason": "照片还没有审核通过"}]
    assert shelf.saved == [["340100199001010001.jpg"]]
