"""Eligibility engine benchmark: audit latency on JS-080901-2024R and population re-audit throughput.

    .venv/bin/python bench/bench_eligibility.py

prints rows `name | value | unit`; `run()` returns them for `make bench`. Candidates are
synthetic but shaped like real records: most courses passed after 0-2 failed or absent
sittings, some 老考生 with 2021-plan and political courses (slot and row rules fire), CET
exemptions, transfers, missing courses, missing theses.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# After the path, so the file also runs as a script.
from functions.eligibility.engine import Verdict, audit, audit_verdicts_parallel, load_reference  # noqa: E402

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"
PLAN = "JS-080901-2024R"
BATCH = {"id": "JS-2026H1", "province": "江苏", "graduation_date": "2026-06-30", "prior_edu_cutoff": "2026-06-30"}
NEW_COURSES = ["15040", "15043", "15044", "13000", "00023", "02324", "13013", "13014", "13003", "13004", "13015",
               "13180", "02333", "02334", "00898", "00899", "04735", "04736", "04747", "04748", "13017"]
# What a 老考生 may hold instead (2021 plan and political courses) and the new course it stands for.
OLD_FOR_NEW = {"15043": "03708", "15044": "03709", "13000": "00015", "13013": "04737", "13014": "04738",
               "13003": "02331", "13004": "02332", "13015": "02325", "13180": "02326", "00898": "02197",
               "13017": "04741"}
SESSIONS = ["2023-04", "2023-10", "2024-04", "2024-10", "2025-04", "2025-10", "2026-01"]
LATENCY_CANDIDATES = 20_000
POPULATION = 100_000


def synthetic_candidate(rnd: random.Random) -> dict:
    old_timer = rnd.random() < 0.35
    attempts, exemptions = [], []
    for code in NEW_COURSES:
        if old_timer and code in OLD_FOR_NEW and rnd.random() < 0.6:
            code = OLD_FOR_NEW[code]
        if rnd.random() < 0.06:
            continue  # never taken
        for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
            failed = {"code": code, "session": rnd.choice(SESSIONS), "score": rnd.randint(0, 59)}
            if rnd.random() < 0.15:
                failed = {"code": code, "session": failed["session"], "score": None, "absent": True}
            attempts.append(failed)
        if code == "13000" and rnd.random() < 0.1:
            exemptions.append({"code": "13000", "approved": True, "certificate_id": f"CET6-{rnd.randint(1, 10**6)}"})
        elif rnd.random() < 0.97:
            attempts.append({"code": code, "session": rnd.choice(SESSIONS), "score": rnd.randint(60, 95)})
    rnd.shuffle(attempts)
    record = {"registered_on": "2022-09-01" if old_timer else "2024-09-01", "flags": {}, "attempts": attempts,
              "prior_education": [{"level": "专科", "category": "电子电工信息类", "graduation_date": "2022-06-30",
                                   "status": "verified"}]}
    if exemptions:
        record["exemptions"] = exemptions
    if rnd.random() < 0.9:
        record["thesis"] = {"code": "14976", "grade": rnd.choice(["优秀", "良好", "中等", "合格", "不合格"]),
                            "host_university": "南京航空航天大学"}
    return record


def measure_latency(reference, candidates):
    for record in candidates[:2000]:  # warm-up: compile the plan, fill the date caches
        audit(PLAN, record, BATCH, reference)
    clock = time.perf_counter_ns
    times = []
    for record in candidates:
        start = clock()
        audit(PLAN, record, BATCH, reference)
        times.append(clock() - start)
    times.sort()
    return times[len(times) // 2] / 1000, times[int(len(times) * 0.99)] / 1000


def measure_population(reference, items, processes):
    start = time.perf_counter()
    verdicts = audit_verdicts_parallel(items, reference, BATCH, processes=processes, chunk_size=5000)
    elapsed = time.perf_counter() - start
    assert len(verdicts) == len(items)
    return elapsed


def run() -> list[tuple[str, float, str]]:
    reference = load_reference(DATA_DIR)
    rnd = random.Random(20260630)
    latency_set = [synthetic_candidate(rnd) for _ in range(LATENCY_CANDIDATES)]
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})        # latency on one core, as `taskset -c N` (a Lambda has one vCPU)
    p50, p99 = measure_latency(reference, latency_set)
    os.sched_setaffinity(0, cores)               # the re-audit spreads over every core again
    verdicts = [audit(PLAN, r, BATCH, reference)["verdict"] for r in latency_set[:5000]]
    eligible_share = verdicts.count(Verdict.ELIGIBLE) / len(verdicts)
    items = [(f"c{i}", PLAN, synthetic_candidate(rnd)) for i in range(POPULATION)]
    processes = min(2, os.cpu_count() or 1)
    elapsed = measure_population(reference, items, processes)
    return [
        ("eligibility audit p50 (JS-080901-2024R)", round(p50, 1), "µs"),
        ("eligibility audit p99 (JS-080901-2024R)", round(p99, 1), "µs"),
        ("eligibility synthetic candidates ELIGIBLE", round(eligible_share * 100, 1), "%"),
        (f"eligibility re-audit {POPULATION:,} candidates ({processes} processes)", round(elapsed, 2), "s"),
        ("eligibility re-audit throughput", round(POPULATION / elapsed), "candidates/s"),
        ("eligibility re-audit 1,000,000 (extrapolated)", round(elapsed * 1_000_000 / POPULATION, 1), "s"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} | {value} | {unit}")
