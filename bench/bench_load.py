"""The last hour before the deadline, on the embedded stack over loopback: a spike of candidates at once, each
auditing their majors, choosing one, giving contact details, uploading a document (presigned POST into moto's S3,
then the check), reading check-answers and submitting (retrying a 503 with the same Idempotency-Key, as the page
does). Bounded: CANDIDATES people, AT_ONCE at a time, DEADLINE_S seconds. Reports p50/p99 per endpoint, errors,
whether stored applications equal successful submits, and a bare moto PutItem measured in the same run.

    .venv/bin/python -m bench load
"""
from __future__ import annotations

import io
import secrets
import statistics
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from bench.people import signed_in_candidates

CANDIDATES, AT_ONCE, DEADLINE_S = 80, 24, 600


def _jpeg() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (245, 245, 240)).save(out, "JPEG", quality=80)
    return out.getvalue()


class Recorder:
    def __init__(self):
        self.times, self.errors, self.lock = defaultdict(list), defaultdict(int), threading.Lock()

    def call(self, http, name: str, method: str, url: str, ok=(200,), **kwargs):
        started = time.perf_counter()
        try:
            answer = http.request(method, url, **kwargs)
        except Exception:  # noqa: BLE001 - a timeout or a dropped connection is an error to count, not a crash
            answer = None
        with self.lock:
            self.times[name].append((time.perf_counter() - started) * 1000)
            if answer is None or answer.status_code not in ok:
                self.errors[name] += 1
        return answer


def _journey(person: dict, base: str, rec: Recorder, document: bytes) -> bool:
    """One candidate's last hour; True when the submit was accepted."""
    import httpx
    with httpx.Client(base_url=base, headers=person["headers"], timeout=120) as http:
        rec.call(http, "GET majors", "GET", "/api/eligibility/majors")
        plan = person["record"]["majors"][0]
        rec.call(http, "GET audit", "GET", f"/api/eligibility/audits/{plan}")
        rec.call(http, "PUT major", "PUT", "/api/apply/application/major", json={"plan_id": plan})
        rec.call(http, "PUT contact", "PUT", "/api/apply/application/contact",
                 json={"phone": person["record"]["phone"]})
        slot = rec.call(http, "POST upload slot", "POST", "/api/photo/uploads",
                        json={"kind": "diploma", "filename": "diploma.jpg", "size": len(document)})
        if slot is not None and slot.status_code == 200:
            post = slot.json()
            started = time.perf_counter()
            sent = httpx.post(post["url"], data=post["fields"], files={"file": ("diploma.jpg", document, "image/jpeg")})
            with rec.lock:
                rec.times["S3 presigned POST"].append((time.perf_counter() - started) * 1000)
                rec.errors["S3 presigned POST"] += sent.status_code not in (200, 201, 204)
            rec.call(http, "POST upload check", "POST", f"/api/photo/uploads/{post['upload_id']}/check")
        check = rec.call(http, "GET check answers", "GET", "/api/apply/application/check")
        version = check.json()["application"]["version"] if check is not None and check.status_code == 200 else 0
        key = secrets.token_urlsafe(16)
        for _ in range(3):                          # the page retries a 503 with the same key
            answer = rec.call(http, "POST submit", "POST", "/api/apply/application/submit", ok=(200, 503),
                              json={"version": version}, headers={"Idempotency-Key": key})
            if answer is None or answer.status_code != 503:
                break
            time.sleep(1)
        rec.call(http, "GET application", "GET", "/api/apply/application")
        return answer is not None and answer.status_code == 200


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run() -> list[tuple[str, float, str]]:
    from bench.timing import median_ms
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    from infra.local import stack as local_stack
    from infra.local.background import Server
    from infra.local.router import LocalRouter
    from infra.local.run import prepare_data, prepare_site

    site = prepare_site("hubei")
    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        prepare_data("hubei")
        table = dynamodb_table(Settings.from_env().table)
        people = signed_in_candidates(table, CANDIDATES, first=500000, prefix="load")
        rec, document = Recorder(), _jpeg()
        n = iter(range(10**6))
        bare = median_ms(lambda: table.put_item(Item={"PK": f"LOADBENCH#{next(n)}", "SK": "X", "v": 1}), 51)
        with Server(LocalRouter(site)) as server, ThreadPoolExecutor(AT_ONCE) as pool:
            started = time.perf_counter()
            futures = [pool.submit(_journey, p, server.url, rec, document) for p in people]
            accepted = sum(f.result(timeout=max(1.0, DEADLINE_S - (time.perf_counter() - started))) for f in futures)
            wall = time.perf_counter() - started
        stored = sum(_submitted(table, p["record"]["exam_no"]) for p in people)
    finally:
        stack.stop()
    rows = [(f"{CANDIDATES} candidates, {AT_ONCE} at once: wall time", wall, "s"),
            ("submits accepted", accepted, "count"), ("applications stored in review", stored, "count"),
            ("stored = accepted", float(stored == accepted), "1 = yes")]
    for name in sorted(rec.times):
        values = rec.times[name]
        rows += [(f"{name}: p50", statistics.median(values), "ms"), (f"{name}: p99", _percentile(values, 0.99), "ms"),
                 (f"{name}: errors", rec.errors[name], f"of {len(values)}")]
    rows.append(("bare moto PutItem (baseline, same run)", bare, "ms median"))
    return rows


def _submitted(table, exam_no: str) -> int:
    """How many of the candidate's applications are in review (0 or 1: one application per batch)."""
    from boto3.dynamodb.conditions import Key
    answer = table.query(KeyConditionExpression=Key("PK").eq(f"CAND#{exam_no}") & Key("SK").begins_with("APP#"))
    return sum(1 for item in answer["Items"] if item.get("kind") == "application"
               and item["lifecycle"]["status"] == "in_review")
