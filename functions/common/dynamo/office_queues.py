"""Pages of the per-office work queues on GSI2 (photos awaiting review, identity checks awaiting a person): the
staff member's offices only (the whole province for province and admin), optionally one office, oldest first
within each office, with the candidates' records read in one batch for the page (names, ID numbers to mask)."""
from __future__ import annotations

from collections.abc import Callable

from functions.common.jurisdiction import ALL_OF_PROVINCE, may_see
from functions.common.session import Identity

from . import keys
from .pages import Page, Source, read_page
from .store import Store

QUEUE_KEYS = (keys.PK, keys.SK, keys.GSI2PK, keys.GSI2SK)


def exam_no_of(item: dict) -> str:
    return item[keys.PK].split("#", 1)[1]


def office_queue(table, staff: Identity, province_offices: list[str], office: str | None,
                 partition: Callable[[str], str], waiting: Callable[[dict], bool], limit: int,
                 cursor: str | None) -> tuple[Page, dict[str, dict]]:
    """(page of queue items, {准考证号: record}). `partition(office)`: the queue's GSI2 partition of an office;
    `waiting(item)`: whether an item still waits (an entry may outlive its state for a moment)."""
    offices = province_offices if staff.role in ALL_OF_PROVINCE else list(staff.offices)
    sources = [Source(partition(o)) for o in offices if not office or o == office]
    page = read_page(table, keys.GSI2, QUEUE_KEYS, sources, limit, cursor, asked_by=staff.account_id,
                     keep=lambda item, _: waiting(item) and may_see(staff, item["office"]))
    records = Store(table).candidates([exam_no_of(i) for i in page.items]) if page.items else {}
    return page, records
