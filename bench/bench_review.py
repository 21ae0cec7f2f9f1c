"""Staff queue pages with 50,000 applications on the embedded stack, through the apply function's real Lambda handler
(Mangum, session, scope, GSI3 query, masked ID numbers), against a bare moto Query of the same index in the same run.

    .venv/bin/python -m bench review
    BENCH_REVIEW_APPLICATIONS=100000 .venv/bin/python -m bench review     # a province's real size

The applications are seeded with batch writes in the shape the application store writes them (index.py's
entries: the item, one host entry each, and the candidate's record). moto answers every Query by walking the
whole table and sorting the partition, so on the embedded stack a page costs what the table's size costs; the
ratio to the bare Query is what the handler adds. Medians and p95 of ROUNDS calls after one warm-up.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections import Counter

from bench import lambda_calls
from functions.eligibility.engine import Verdict

COUNT = int(os.environ.get("BENCH_REVIEW_APPLICATIONS", "50000"))
ROUNDS = 11
DEEP_PAGES = 20                 # the deep page is the 21st page of 50 (items 1,000–1,049 of the queue)
STAGES = [("in_review:city_review", 45), ("in_review:university_review", 20), ("in_review:province_review", 15),
          ("approved", 15), ("rejected", 5)]
PLANS = [("JS-080901-2024R", "计算机科学与技术", "专升本", "南京航空航天大学"),
         ("JS-120203K-2024R", "会计学", "专升本", "南京财经大学"),
         ("JS-050101-2024R", "汉语言文学", "专升本", "南京师范大学"),
         ("JS-530601-2024R", "工商企业管理", "专科", "南京农业大学")]


def _application(n: int, office: str, batch_id: str, rng: random.Random) -> tuple[dict, dict]:
    from functions.common.dynamo.keys import application
    from functions.common.ids import id_check_digit
    from functions.common.time import iso
    state = rng.choices([s for s, _ in STAGES], [w for _, w in STAGES])[0]
    status, _, stage = state.partition(":")
    plan_id, major, level, host = PLANS[n % len(PLANS)]
    exam_no, since = f"{office[:4]}{n:08d}", 1793500000 + n * 7
    first17 = f"{office}{1980 + n % 20}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    record = {"exam_no": exam_no, "name": f"考生{n}", "id_number": first17 + id_check_digit(first17),
              "office": office, "candidate_type": "社会系统类考生", "registered_on": "2021-03-01"}
    item = {**application(exam_no, batch_id), "kind": "application", "exam_no": exam_no, "batch_id": batch_id,
            "plan_id": plan_id, "office": office, "name": record["name"], "candidate_type": record["candidate_type"],
            "major_name": major, "level": level, "host_universities": [host], "version": 3,
            "updated_at": iso(since), "submitted_at": iso(since - 86400), "reference": f"{batch_id}-{exam_no}",
            "audit": {"verdict": Verdict.ELIGIBLE, "at": iso(since - 86400), "findings": []},
            "lifecycle": {"status": status, "stage": stage or None, "submissions": 1, "resubmissions": 0,
                          "onsite_confirmed": True, "paid_order": None, "refund": None,
                          "reason": "成绩与档案不符" if status == "rejected" else None, "final": False, "since": since}}
    return item, record


def seed(table, batch_id: str, offices: list[str]) -> float:
    """COUNT applications with their host entries and records, by batch writes; answers the seconds it took."""
    from functions.apply.review import index
    from functions.common.dynamo.store import candidate_item
    rng, started = random.Random(7), time.perf_counter()
    with table.batch_writer() as writer:
        for n in range(COUNT):
            item, record = _application(n, offices[n % len(offices)], batch_id, rng)
            writer.put_item(Item=index.indexed(item))
            for entry in index.host_entries(item):
                writer.put_item(Item=entry)
            writer.put_item(Item=candidate_item(record))
    return time.perf_counter() - started


def _count_reads(table) -> Counter:
    """Every DynamoDB call the handler makes, and how many index items its queries read: what a page costs on
    DynamoDB, where neither depends on the table's size (moto's time does)."""
    reads: Counter = Counter()

    def after(http_response, parsed, model, **_):
        reads[model.name] += 1
        reads["scanned"] += int(parsed.get("ScannedCount", 0)) if model.name == "Query" else 0
    table.meta.client.meta.events.register("after-call.dynamodb", after)
    return reads


def _timings(action) -> tuple[float, float]:
    action()
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def run() -> list[tuple[str, float, str]]:
    from boto3.dynamodb.conditions import Key

    from functions.common.aws import dynamodb_table
    from functions.common.dynamo import keys
    from functions.common.session import COOKIE, Identity, new_session_item
    from functions.common.settings import Settings
    from functions.profiles.loader import load_profile
    from infra.local import stack as local_stack
    from infra.local.run import prepare_data

    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        prepare_data("hubei")
        table = dynamodb_table(Settings.from_env().table)
        from functions.apply.app import app
        from functions.apply.handler import handler
        batch_id = app.state.services.applications.batch()["id"]
        offices = [o["code"] for o in load_profile("hubei").data["offices"]]
        seconds = seed(table, batch_id, offices)
        print(f"(seeded {COUNT} applications in {seconds:.0f} s)", file=sys.stderr)
        now = int(time.time())

        def session(role: str, offices_=()) -> str:
            token, item = new_session_item(Identity(account_id=f"bench-{role}", kind="staff", display_name=role,
                                                    role=role, offices=tuple(offices_)), now)
            table.put_item(Item=item)
            return token

        province, city = session("province"), session("city", offices[:1])
        calls: dict[str, dict] = {}

        def page(token: str, query: str) -> dict:
            answer = lambda_calls.call(handler, "GET", "/api/apply/staff/applications",
                                       headers={"cookie": f"{COOKIE}={token}"}, query=query)
            assert answer["statusCode"] == 200, answer["body"][:300]
            return json.loads(answer["body"])

        first = "stage=city_review&limit=50"
        cursor = None
        for _ in range(DEEP_PAGES):
            cursor = page(province, first + (f"&cursor={cursor}" if cursor else ""))["cursor"]
        deep = f"{first}&cursor={cursor}"
        assert len(page(province, deep)["items"]) == 50
        reads = _count_reads(table)
        for query in (first, deep):
            reads.clear()
            page(province, query)
            calls[query] = dict(reads)
        partition = keys.review_list(batch_id, "in_review:city_review")[keys.GSI3PK]
        bare = {"IndexName": keys.GSI3, "KeyConditionExpression": Key(keys.GSI3PK).eq(partition), "Limit": 50}
        start_key: dict = {}        # item 1,000's key, walked to by the bare Query's own pages (a cursor is sealed)
        for _ in range(DEEP_PAGES):
            start_key = table.query(**bare, **({"ExclusiveStartKey": start_key} if start_key else {}))[
                "LastEvaluatedKey"]
        rows = [("first page, province (city_review queue)", _timings(lambda: page(province, first))),
                (f"page {DEEP_PAGES + 1}, province (by cursor)", _timings(lambda: page(province, deep))),
                ("first page, city office (its own range)",
                 _timings(lambda: page(city, "status=in_review&limit=50"))),
                ("bare moto Query, 50 items (baseline)", _timings(lambda: table.query(**bare))),
                (f"bare moto Query, page {DEEP_PAGES + 1} (baseline)",
                 _timings(lambda: table.query(**bare, ExclusiveStartKey=start_key)))]
    finally:
        stack.stop()
    out = [(f"seed {COUNT:,} applications (+ host entries, records)", round(COUNT / seconds), "applications/s")]
    for name, (median, p95) in rows:
        out += [(f"{name}", median, "ms median"), (f"{name}", p95, f"ms p95 of {ROUNDS}")]
    for label, query in (("first page", first), (f"page {DEEP_PAGES + 1}", deep)):
        out += [(f"{label}: DynamoDB calls", sum(v for k, v in calls[query].items() if k != "scanned"), "calls"),
                (f"{label}: index items read (ScannedCount)", calls[query]["scanned"], "items")]
    medians = {name: median for name, (median, _) in rows}
    base = medians["bare moto Query, 50 items (baseline)"]
    out += [("first page / bare Query", medians["first page, province (city_review queue)"] / base, "× baseline"),
            (f"page {DEEP_PAGES + 1} / bare Query", medians[f"page {DEEP_PAGES + 1}, province (by cursor)"] / base,
             "× baseline")]
    return out


if __name__ == "__main__":
    for row in run():
        print(" | ".join(str(x) for x in row))
