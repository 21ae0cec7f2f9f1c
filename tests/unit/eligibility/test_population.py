"""Population re-audits: which verdicts a rule or data change moves, sequentially and in parallel."""

from functions.eligibility.engine import reaudit, reaudit_parallel

from .conftest import JS_BATCH, js_candidate


def population():
    return [(f"c{i}", "JS-080901-2024R", js_candidate(without=["00023"] if i % 3 == 0 else ()))
            for i in range(60)]


def test_reaudit_counts_changed_verdicts(reference):
    items = population()
    previous = {cid: "ELIGIBLE" for cid, _, _ in items}
    summary = reaudit(items, reference, JS_BATCH, previous)
    assert summary["total"] == 60
    assert summary["verdicts"] == {"NOT_ELIGIBLE": 20, "ELIGIBLE": 40}
    assert summary["changed"] == 20 and summary["transitions"] == {"ELIGIBLE->NOT_ELIGIBLE": 20}
    assert summary["changed_ids"][:2] == ["c0", "c3"]


def test_unreadable_records_are_counted_not_raised(reference):
    items = [("ok", "JS-080901-2024R", js_candidate()), ("bad", "JS-080901-2024R", {"registered_on": "soon"})]
    summary = reaudit(items, reference, JS_BATCH, {})
    assert summary["verdicts"] == {"ELIGIBLE": 1, "INPUT_ERROR": 1}


def test_parallel_run_gives_the_same_summary(reference):
    items = population()
    previous = {cid: "ELIGIBLE" for cid, _, _ in items}
    assert reaudit_parallel(items, reference, JS_BATCH, previous, processes=2, chunk_size=7) == \
        reaudit(items, reference, JS_BATCH, previous)
