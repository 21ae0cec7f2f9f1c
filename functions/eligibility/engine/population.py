"""Whole-population re-audits, before and after a rule change (degreepath's testbed idea).

`reaudit` is the pure helper: audit every candidate and count which verdicts changed.
`reaudit_parallel` does the same across processes. On Linux the workers are forked after
the candidates are in memory, so only index ranges and verdict strings cross process
boundaries; elsewhere chunks of records are sent to workers that got the reference once.
"""

import multiprocessing as mp
from collections import Counter

from .audit import run_audit
from .errors import EngineInputError

INPUT_ERROR = "INPUT_ERROR"


def verdict_of(plan_id, record, batch, reference, exceptions=()):
    try:
        return run_audit(plan_id, record, batch, reference, exceptions)[0]["verdict"]
    except EngineInputError:
        return INPUT_ERROR


def reaudit(candidates, reference, batch, previous_verdicts) -> dict:
    """candidates: iterable of (candidate_id, plan_id, record[, staff exceptions]). Returns the summary."""
    items = list(candidates)
    verdicts = [verdict_of(item[1], item[2], batch, reference, *item[3:]) for item in items]
    return summarize([c[0] for c in items], verdicts, previous_verdicts)


def summarize(ids, verdicts, previous_verdicts) -> dict:
    transitions: Counter = Counter()
    changed = []
    for cid, verdict in zip(ids, verdicts, strict=True):
        before = previous_verdicts.get(cid)
        if before is not None and before != verdict:
            transitions[f"{before}->{verdict}"] += 1
            changed.append(cid)
    return {"total": len(verdicts), "verdicts": dict(Counter(verdicts)), "changed": len(changed),
            "transitions": dict(transitions), "changed_ids": changed}


# -- parallel ------------------------------------------------------------------------------

_JOB = None  # (items, reference, batch) in forked workers, or (None, reference, batch)


def _init_worker(reference, batch):
    global _JOB
    _JOB = (None, reference, batch)


def _audit_range(bounds):
    items, reference, batch = _JOB
    start, stop = bounds
    return [verdict_of(items[i][1], items[i][2], batch, reference, *items[i][3:]) for i in range(start, stop)]


def _audit_chunk(chunk):
    _, reference, batch = _JOB
    return [verdict_of(item[1], item[2], batch, reference, *item[3:]) for item in chunk]


def audit_verdicts_parallel(items, reference, batch, processes=None, chunk_size=2000):
    """Verdicts for (candidate_id, plan_id, record[, exceptions]) items, in order, using `processes` workers."""
    global _JOB
    processes = processes or mp.cpu_count()
    bounds = [(i, min(i + chunk_size, len(items))) for i in range(0, len(items), chunk_size)]
    if "fork" in mp.get_all_start_methods():
        _JOB = (items, reference, batch)
        try:
            with mp.get_context("fork").Pool(processes) as pool:
                parts = pool.map(_audit_range, bounds, chunksize=1)
        finally:
            _JOB = None
    else:
        with mp.get_context("spawn").Pool(processes, _init_worker, (reference, batch)) as pool:
            parts = pool.map(_audit_chunk, [items[a:b] for a, b in bounds], chunksize=1)
    return [v for part in parts for v in part]


def reaudit_parallel(candidates, reference, batch, previous_verdicts, processes=None, chunk_size=2000) -> dict:
    items = list(candidates)
    verdicts = audit_verdicts_parallel(items, reference, batch, processes, chunk_size)
    return summarize([c[0] for c in items], verdicts, previous_verdicts)
