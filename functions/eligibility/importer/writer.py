"""What an import changes, kind by kind, and writing it (or, with --dry-run, only saying so).

Items carry a digest, so what is stored unchanged is neither written nor counted as changed. A candidate's record
is replaced whole: a sitting in the table but not in the new file is removed. Candidates the import does not name
are left as they are (an import of one office's file removes nobody else).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from functions.common.dynamo import keys
from functions.common.dynamo.store import Store, canonical, document_item

from .reference_files import merged_index

KINDS = {"plans": "考试计划", "rulesets": "顶替规则", "courses": "课程", "batches": "批次", "candidates": "考生",
         "attempts": "成绩", "exemptions": "免考", "transfers": "转考", "disciplinary": "违纪",
         "prior_education": "前置学历"}
# A record's lists, and what makes two items "the same one, changed" rather than one removed and one added.
PARTS = {"attempts": lambda s: (s.get("code"), s.get("session")),
         "exemptions": lambda e: tuple(e.get("codes") or (e.get("code"),)),
         "transfers": lambda t: t.get("code"), "disciplinary": lambda d: d.get("id"),
         "prior_education": lambda p: (p.get("level"), p.get("graduation_date"))}
CHUNK = 500


@dataclass
class Tally:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0


@dataclass
class Changes:
    kinds: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    written: int = 0
    unchanged: int = 0


class Writer:
    def __init__(self, store: Store, dry_run: bool, changes: Changes):
        self.store, self.dry_run, self.changes = store, dry_run, changes

    def reference(self, found: list[tuple[str, list[dict]]]) -> None:
        items = [item for _, found_items in found for item in found_items]
        if not items:
            return
        kind_of = {id(item): kind for kind, found_items in found for item in found_items}
        index = document_item(keys.reference_index(), "index", merged_index(self.store.reference_index(), items))
        stored = self.store.digests([_key(i) for i in [*items, index]])
        for item in items:
            before = stored.get((item[keys.PK], item[keys.SK]))
            tally = self.changes.kinds[kind_of[id(item)]]
            if before is None:
                tally.added += 1
            elif before == item["digest"]:
                tally.unchanged += 1
            else:
                tally.changed += 1
        self._write([*items, index], stored)

    def candidates(self, items: list[dict]) -> None:
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            stored = self.store.digests([_key(i) for i in chunk])
            changed = [i for i in chunk if stored.get((i[keys.PK], i[keys.SK])) not in (None, i["digest"])]
            before = {(i[keys.PK], i[keys.SK]): i for i in self.store.get_items([_key(i) for i in changed])}
            tally = self.changes.kinds["candidates"]
            for item in chunk:
                now = json.loads(item["doc"])
                digest = stored.get((item[keys.PK], item[keys.SK]))
                if digest is None:
                    tally.added += 1
                    _count_parts(self.changes, {}, now)
                elif digest == item["digest"]:
                    tally.unchanged += 1
                    for kind in PARTS:
                        self.changes.kinds[kind].unchanged += len(now.get(kind) or ())
                else:
                    tally.changed += 1
                    old = before.get((item[keys.PK], item[keys.SK]))
                    _count_parts(self.changes, json.loads(old["doc"]) if old else {}, now)
            self._write(chunk, stored)

    def _write(self, items: list[dict], stored: dict) -> None:
        changed = [i for i in items if stored.get((i[keys.PK], i[keys.SK])) != i["digest"]]
        self.changes.written += len(changed)
        self.changes.unchanged += len(items) - len(changed)
        if self.dry_run or not changed:
            return
        with self.store.table.batch_writer() as batch:
            for item in changed:
                batch.put_item(Item=item)


def _key(item: dict) -> dict:
    return {keys.PK: item[keys.PK], keys.SK: item[keys.SK]}


def _count_parts(changes: Changes, old: dict, new: dict) -> None:
    for kind, key in PARTS.items():
        tally = changes.kinds[kind]
        before = Counter(canonical(x) for x in old.get(kind) or ())
        after = Counter(canonical(x) for x in new.get(kind) or ())
        if before == after:
            tally.unchanged += sum(after.values())
            continue
        gone, came = before - after, after - before
        keys_gone = Counter(key(json.loads(x)) for x in gone.elements())
        edited = sum((keys_gone & Counter(key(json.loads(x)) for x in came.elements())).values())
        tally.unchanged += sum((before & after).values())
        tally.changed += edited
        tally.added += sum(came.values()) - edited
        tally.removed += sum(gone.values()) - edited
