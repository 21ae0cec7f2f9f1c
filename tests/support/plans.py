"""A plan with host universities of the test's choosing, imported as `biye import` does.

No demo plan has more than one 主考院校 (they are Jiangsu's published plans), but a province's own may: 山西 lets a
candidate choose two where the plan has several. The functions read the new plan at once (their reference caches,
which look for a new import once a minute, are told to look now); afterwards the reference is as it was.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from functions.common.dynamo import keys
from functions.common.dynamo.store import Store
from functions.eligibility.importer.run import import_directory

PLANS = Path(__file__).resolve().parents[2] / "data" / "reference" / "plans"


def _look_again() -> None:
    """Both functions that read plans in the portal (apply's services, the eligibility app) read the table next time."""
    apply_app = importlib.import_module("functions.apply.app").app
    eligibility_app = importlib.import_module("functions.eligibility.app").app
    for cache in (apply_app.state.services.applications.eligibility.cache, eligibility_app.state.eligibility.cache):
        cache._checked_at = float("-inf")     # noqa: SLF001 - a test does not wait out the minute


@contextlib.contextmanager
def plan_with_hosts(table, like: str, hosts: list[str]) -> Iterator[str]:
    """`like`'s plan (its requirements, courses and level) under an id of its own, with these host universities;
    yields the new plan's id."""
    plan = json.loads((PLANS / f"{like}.json").read_text(encoding="utf-8"))
    plan_id = f"{like}-HOSTS{len(hosts)}"
    index = table.get_item(Key=keys.reference_index())["Item"]
    try:
        with tempfile.TemporaryDirectory() as directory:
            (Path(directory) / "plans").mkdir()
            (Path(directory) / "plans" / f"{plan_id}.json").write_text(
                json.dumps({**plan, "plan_id": plan_id, "host_universities": hosts}, ensure_ascii=False),
                encoding="utf-8")
            import_directory(Store(table), Path(directory))
        _look_again()
        yield plan_id
    finally:
        table.put_item(Item=index)
        table.delete_item(Key=keys.plan(plan_id))
        _look_again()
