"""`biye reaudit`: re-audit every imported candidate and print how many verdicts changed since the last run,
and which. With `--data DIR` the candidates are judged under that reference data instead (a new plan or rule set
before it is imported), and the stored last run is left as it was.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime

from functions.common.aws import dynamodb_table
from functions.common.dynamo.store import Store
from functions.common.settings import Settings
from functions.eligibility.stores.reference import ReferenceCache

from .engine import load_reference
from .engine.population import audit_verdicts_parallel, summarize
from .stores import population as population_store

SHOW_CHANGED = 200


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(f"参数有误: {message}")


def main(argv: list[str]) -> int:
    parser = _Parser(prog="biye reaudit")
    parser.add_argument("--table", default=None)
    parser.add_argument("--data", default=None, help="用这份参考数据判定（试算，不保存）")
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args(argv[1:] if argv and argv[0] == "reaudit" else argv)
    store = Store(dynamodb_table(args.table or Settings.from_env().table))
    cache = ReferenceCache(store)
    reference = load_reference(args.data) if args.data else cache.get()
    batch = cache.batch()
    started = time.perf_counter()
    items = population_store.audit_items(store)
    verdicts = audit_verdicts_parallel(items, reference, batch, args.processes)
    seconds = time.perf_counter() - started
    ids = [item[0] for item in items]
    summary = summarize(ids, verdicts, population_store.last_verdicts(store))
    if not args.data:
        population_store.save_verdicts(store, ids, verdicts, datetime.now(UTC).isoformat(timespec="seconds"))
    shown = summary.pop("changed_ids")
    summary.update(changed_ids=shown[:SHOW_CHANGED], changed_ids_omitted=max(0, len(shown) - SHOW_CHANGED),
                   batch=batch["id"], trial=bool(args.data), seconds=round(seconds, 2))
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
