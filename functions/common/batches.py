"""Application batches: as imported (`biye import`), with what the provincial office changed laid over them.

The staff's changes (windows per type of candidate, the graduation date, the prior-education cut-off, and the
offices' own narrower windows where the profile lets offices set them) live in their own item per batch
(keys.batch_settings), so re-importing the batch file does not undo them. Batches are
read from the table on every call, never cached: a window closed on the staff page is closed for the very next
request of every function. The batch ids one read found are remembered only to ask for their items in the same
round trip as the index (a batch imported since costs a second one): a round trip fewer in nearly every request.
"""
from __future__ import annotations

import json

from functions.common.dynamo.store import Store

from .dynamo import keys
from .errors import BadInput, NotFound


def merged(batch: dict, settings: dict | None) -> dict:
    """The batch as it applies: the staff's windows replace the imported ones type by type, and the staff's dates
    replace the imported ones; the offices' own windows (`office_windows`: office -> type -> window) come along for
    application.rules.for_office, and the photo's own window (`photo_window`) for application/photo_window.py."""
    if not settings:
        return batch
    kept = ("graduation_date", "prior_edu_cutoff", "office_windows", "photo_window")
    return {**batch, **{k: settings[k] for k in kept if settings.get(k)},
            "windows": {**(batch.get("windows") or {}), **(settings.get("windows") or {})}}


def known(wanted: str, ids: list[str]) -> str:
    """`wanted` if it is one of the batches `ids`; otherwise the 422 that names the batches there are."""
    if wanted not in ids:
        raise BadInput(f"没有批次 {wanted}（已有：{'、'.join(ids) or '无'}）", field="batch")
    return wanted


def batch_ids(store: Store) -> list[str]:
    item = store.table.get_item(Key=keys.reference_index()).get("Item")
    return json.loads(item["doc"]).get("batches", []) if item else []


_seen: tuple[str, ...] = ()      # the batch ids the last read of the index found, in this container


def _batch_keys(ids) -> list[dict]:
    return [keys.batch(b) for b in ids] + [keys.batch_settings(b) for b in ids]


def all_batches(store: Store) -> list[dict]:
    """Every batch, merged with its settings: the index and the items of the batches it listed last time in one
    round trip, then those of any batch new to it."""
    global _seen
    index_key, guessed = keys.reference_index(), _seen
    items = store.get_items([index_key, *_batch_keys(guessed)])
    index = next((i for i in items if (i[keys.PK], i[keys.SK]) == (index_key[keys.PK], index_key[keys.SK])), None)
    ids = json.loads(index["doc"]).get("batches", []) if index else []
    new = [b for b in ids if b not in guessed]
    if new:
        items += store.get_items(_batch_keys(new))
    _seen = tuple(ids)
    docs = {(i[keys.PK], i[keys.SK]): json.loads(i["doc"]) for i in items if i is not index}

    def doc(key: dict) -> dict | None:
        return docs.get((key[keys.PK], key[keys.SK]))
    return [merged(doc(keys.batch(b)), doc(keys.batch_settings(b))) for b in ids if doc(keys.batch(b))]


def current(batches: list[dict]) -> dict:
    """The open batch: the one with the latest graduation date."""
    if not batches:
        raise NotFound("当前没有开放的毕业申请批次")
    return max(batches, key=lambda b: b["graduation_date"])
