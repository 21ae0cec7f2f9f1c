"""The cost of one application on AWS (issue 23 item 4), counted from a real run through the embedded stack.

One 重庆 candidate (a fee, a photo and documents, two reviews) goes the whole way through the portal as the tests'
candidates do (support/applying.py): sign-in, the audit, the sections, the uploads and their checks, submit, the
reviews, payment, the forms made by the sweeper and downloaded. Every AWS call a function makes is counted with the
function whose handler runs it (infra/local/router.CURRENT_FUNCTION): DynamoDB units from the items' sizes as
DynamoDB bills them (moto does not compute them), S3 requests and bytes; every invocation's CPU time is the
handler thread's own (time waiting on the endpoint is not in it). The browser's own S3 requests (the presigned
POSTs and GETs) are counted where the journey makes them. Then: the cost per 10,000 applications at cn-north-1
prices, each with its source.

    .venv/bin/python -m bench cost
"""
from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PROVINCE = "chongqing"
# ¥ at cn-north-1 (China (Beijing), operated by Sinnet). "to be checked": the page could not be read from here, the
# figure is the global price × 6.8 or from memory, and must be checked on the page named before it is relied on.
PRICES = {
    "lambda_gb_second": (0.000113477, "amazonaws.cn/en/lambda/pricing (x86) — to be checked"),
    "lambda_request": (1.36 / 1e6, "amazonaws.cn/en/lambda/pricing, ¥1.36 per million — to be checked"),
    "dynamodb_wru": (11.1538 / 1e6, "amazonaws.cn/en/dynamodb/pricing, on-demand write requests ¥11.1538 per "
                                    "million (read there)"),
    "dynamodb_rru": (2.2308 / 1e6, "amazonaws.cn/en/dynamodb/pricing, on-demand reads, 1/5 of a write as in every "
                                   "region — to be checked"),
    "dynamodb_gb_month": (2.3, "amazonaws.cn/en/dynamodb/pricing, storage per GB-month — to be checked"),
    "s3_put_request": (0.00405 / 1000, "amazonaws.cn/en/s3/pricing, PUT/COPY/POST/LIST ¥0.00405 per 1,000 — to be "
                                       "checked"),
    "s3_get_request": (0.0135 / 10000, "amazonaws.cn/en/s3/pricing, GET and others ¥0.0135 per 10,000 — to be "
                                       "checked"),
    "s3_gb_month": (0.1755, "amazonaws.cn/en/s3/pricing, S3 Standard per GB-month — to be checked"),
    "cloudfront_gb": (0.675, "amazonaws.cn/en/cloudfront/pricing, data out in China per GB — to be checked"),
    "sms": (0.045, "aliyun.com/price/product#/sms/detail, 国内短信 per message — to be checked"),
}
# A call's wait on the endpoint, for the billed duration (Lambda bills wall time): typical in-region latencies.
WAIT_MS = {"dynamodb": 6.0, "s3": 20.0}


def item_bytes(attributes: dict) -> int:
    """An item's size as DynamoDB counts it: names plus values (wire format)."""
    return sum(len(name.encode()) + _value_bytes(value) for name, value in attributes.items())


def _value_bytes(value: dict) -> int:
    (kind, data), = value.items()
    if kind == "S":
        return len(data.encode())
    if kind == "N":
        return len(data.lstrip("-").replace(".", "")) // 2 + 2
    if kind == "B":
        return len(data) * 3 // 4
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + 1 + _value_bytes(v) for k, v in data.items())
    if kind == "L":
        return 3 + sum(1 + _value_bytes(v) for v in data)
    return sum(_value_bytes({kind[0]: v}) for v in data)      # SS, NS, BS


def table_indexes() -> list[tuple[tuple[str, ...], set[str] | None]]:
    """(key attributes, projected attributes or None for all) of each index of the template's table."""
    from infra.local import template as tpl
    table = next(r for r in tpl.read_sam()["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
    found = []
    for index in table["Properties"].get("GlobalSecondaryIndexes", []):
        keys = tuple(k["AttributeName"] for k in index["KeySchema"])
        projection = index["Projection"]
        kept = None if projection["ProjectionType"] == "ALL" else {
            "PK", "SK", *keys, *projection.get("NonKeyAttributes", [])}
        found.append((keys, kept))
    return found


class Meter:
    """Counts, per function, what its invocations cost: calls, CPU, DynamoDB units, S3 requests and bytes."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.lock = threading.Lock()
        self._raw = None
        self.indexes = table_indexes()

    def add(self, function: str, what: str, amount: float) -> None:
        with self.lock:
            self.counts[(function, what)] += amount

    def install(self) -> None:
        import boto3
        events = boto3._get_default_session()._session.get_component("event_emitter")   # every client the code makes
        events.register("before-call.dynamodb", self._keep_request)
        events.register("after-call.dynamodb", self._dynamodb)
        events.register("before-call.s3", self._s3)

    def _raw_client(self):
        """A client of its own session (no hooks): reads an item back to learn its size after an update."""
        if self._raw is None:
            import botocore.session
            self._raw = botocore.session.Session().create_client(
                "dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_DEFAULT_REGION"])
        return self._raw

    def _item_now(self, table: str, key: dict) -> dict:
        return self._raw_client().get_item(TableName=table, Key=key, ConsistentRead=True).get("Item") or {}

    def _write_units(self, item: dict, factor: int) -> float:
        """1 KB units, twice in a transaction, and for each index the item is in, the units of what it projects."""
        units = factor * max(1, math.ceil(item_bytes(item) / 1024))
        for keys, projected in self.indexes:
            if all(k in item for k in keys):
                kept = item if projected is None else {k: v for k, v in item.items() if k in projected}
                units += max(1, math.ceil(item_bytes(kept) / 1024))
        return units

    @staticmethod
    def _keep_request(params, context, **_):
        context["biye_request"] = json.loads(params.get("body") or b"{}")

    def _dynamodb(self, model, http_response, context, **_):
        from infra.local.router import CURRENT_FUNCTION
        function = CURRENT_FUNCTION.get()
        if function is None or http_response.status_code != 200:
            return
        request, operation = context.get("biye_request", {}), model.name
        self.add(function, "DynamoDB calls", 1)
        if operation in ("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"):
            self.add(function, "WRU", self._writes(operation, request))
        else:
            self.add(function, "RRU", self._reads(operation, request, json.loads(http_response.content or b"{}")))

    def _writes(self, operation: str, request: dict) -> float:
        if operation == "PutItem":
            return self._write_units(request["Item"], 1)
        if operation == "UpdateItem":
            return self._write_units(self._item_now(request["TableName"], request["Key"]), 1)
        if operation == "DeleteItem":
            return 1
        if operation == "BatchWriteItem":
            return sum(self._write_units(r["PutRequest"]["Item"], 1) if "PutRequest" in r else 1
                       for requests in request["RequestItems"].values() for r in requests)
        units = 0.0
        for part in request["TransactItems"]:
            (kind, spec), = part.items()
            if kind == "Put":
                units += self._write_units(spec["Item"], 2)
            elif kind == "Update":
                units += self._write_units(self._item_now(spec["TableName"], spec["Key"]), 2)
            else:                                   # Delete, ConditionCheck: a small item, twice
                units += 2
        return units

    @staticmethod
    def _reads(operation: str, request: dict, answer: dict) -> float:
        """Reads are billed by what they return: 4 KB units, half when eventually consistent, twice in a
        transaction."""
        half = 1 if request.get("ConsistentRead") else 0.5
        if operation == "GetItem":
            return max(1, math.ceil(item_bytes(answer.get("Item") or {}) / 4096)) * half
        if operation in ("Query", "Scan"):
            return max(1, math.ceil(sum(item_bytes(i) for i in answer.get("Items", [])) / 4096)) * half
        if operation == "BatchGetItem":
            return sum(max(1, math.ceil(item_bytes(i) / 4096)) * 0.5
                       for items in answer.get("Responses", {}).values() for i in items)
        if operation == "TransactGetItems":
            return sum(2 * max(1, math.ceil(item_bytes(r.get("Item") or {}) / 4096))
                       for r in answer.get("Responses", []))
        return 0

    def _s3(self, model, params, **_):
        from infra.local.router import CURRENT_FUNCTION
        function = CURRENT_FUNCTION.get()
        if function is None:
            return
        get_class = model.name in ("GetObject", "HeadObject")
        self.add(function, "S3 GET-class" if get_class else "S3 PUT-class", 1)
        body = params.get("body")
        if model.name == "PutObject" and isinstance(body, bytes | bytearray):
            self.add(function, "S3 bytes stored", len(body))


# The threads that run a function's code: the router's Lambda workers, and the worker threads Starlette runs
# sync routes on. Not moto's (the AWS endpoint), uvicorn's or the journey's own.
FUNCTION_THREADS = ("lambda", "AnyIO worker")


def function_cpu_ms() -> float:
    """CPU time so far of every thread that runs function code (an invocation at a time: the journey waits for
    each answer, so the difference over one invocation is that invocation's)."""
    total = 0.0
    for thread in threading.enumerate():
        if thread.name.startswith(FUNCTION_THREADS) and thread.ident is not None:
            try:
                total += time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
            except (OSError, ProcessLookupError):
                continue                          # ended meanwhile
    return total * 1000


class MeteredRouter:
    """The local router, timing the CPU each invocation takes in the function's threads."""

    def __init__(self, meter: Meter, site_dir: Path):
        from infra.local.router import LocalRouter
        meter_ = meter

        class Timed(LocalRouter):
            def handler(self, route):
                inner = super().handler(route)

                def timed(event, context):
                    started = function_cpu_ms()
                    try:
                        return inner(event, context)
                    finally:
                        meter_.add(route.function, "invocations", 1)
                        meter_.add(route.function, "CPU ms", function_cpu_ms() - started)
                return timed
        self.app = Timed(site_dir)


def invoke(meter: Meter, function: str, handler, event: dict) -> None:
    """A function the schedule invokes (the sweeper), as Lambda would: its calls counted as its own."""
    import contextvars

    from infra.local.router import CURRENT_FUNCTION
    context = contextvars.copy_context()
    context.run(CURRENT_FUNCTION.set, function)
    started = time.thread_time()
    context.run(handler, event, None)
    meter.add(function, "invocations", 1)
    meter.add(function, "CPU ms", (time.thread_time() - started) * 1000)


def review_team(portal, table) -> dict:
    """One signed-in staff member per review role (they sign in once a day, not per application)."""
    from support import applying
    from support.applying import OFFICES, staff
    office = OFFICES[PROVINCE]
    return {"city": staff(portal, table, "cost-city", "city", offices=(office,)),
            "county": staff(portal, table, "cost-county", "county", offices=(office,)),
            "university": staff(portal, table, "cost-university", "university", universities=applying.HOSTS),
            "province": staff(portal, table, "cost-province", "province")}


def journey(portal, table, meter: Meter, team: dict) -> tuple[Counter, Counter, dict]:
    """(what the candidate's whole journey cost, what one staff decision cost, the browser's own S3 use and the
    SMS sent)."""
    import httpx
    from support import applying
    from support.applying import OFFICES, candidate, fill_in, ok, pay, submit

    from functions.apply.sweeper import handler as sweeper
    from functions.profiles.loader import load_profile

    data = load_profile(PROVINCE).data
    office = OFFICES[PROVINCE]
    browser = Counter()
    posted = httpx.post

    def browser_post(url, *args, **kwargs):            # the presigned POST of an upload: the browser's, to S3
        browser["S3 PUT-class"] += 1
        browser["S3 bytes stored"] += sum(len(f[1]) for f in (kwargs.get("files") or {}).values())
        return posted(url, *args, **kwargs)
    applying.httpx.post = browser_post
    before = Counter(meter.counts)
    try:
        me = candidate(portal, table, office, province=PROVINCE)          # signs in: captcha, session
        plan = me.who["majors"][0]
        ok(me.get("/api/eligibility/majors"))
        ok(me.get(f"/api/eligibility/audits/{plan}"))
        ok(me.put("/api/apply/application/major", json={"plan_id": plan}))
        fill_in(me, PROVINCE, reviewer=team[data["application"]["photo_review"] or "city"])
        ok(me.get("/api/apply/application/check"))
        mark = Counter(meter.counts)
        ok(submit(me))
        browser["submit"] = Counter(meter.counts)
        browser["submit"].subtract(mark)
        decision = Counter()
        for stage in data["review"]["stages"]:
            ok(me.get("/api/apply/application"))
            if stage["kind"] == "payment":
                pay(me)
                continue
            mark = Counter(meter.counts)
            reviewer = team[stage["role"]]
            ok(reviewer.get(f"/api/apply/staff/applications/{me.who['exam_no']}"))
            ok(reviewer.post(f"/api/apply/staff/applications/{me.who['exam_no']}/decision",
                             json={"stage": stage["id"], "decision": "approve"}))
            decision = Counter(meter.counts)
            decision.subtract(mark)
        invoke(meter, "EffectsSweeperFunction", sweeper, {})
        for form in data["forms"]:
            link = ok(me.get(f"/api/apply/application/forms/{form['id']}"))
            pdf = httpx.get(link["url"])
            browser["S3 GET-class"] += 1
            browser["S3 bytes downloaded"] += len(pdf.content)
        ok(me.get("/api/apply/messages"))
        from functions.apply.app import app
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))      # the outbox's Beijing day
        browser["SMS"] = sum(m["to"] == me.who["phone"] for m in app.state.services.outbox.day(day))
    finally:
        applying.httpx.post = posted
    whole = Counter(meter.counts)
    whole.subtract(before)
    return whole, decision, dict(browser)


def totals(counts: Counter) -> Counter:
    out: Counter = Counter()
    for (_, what), amount in counts.items():
        out[what] += amount
    return out


def memory_gb() -> dict[str, float]:
    from infra.local import template as tpl
    sam = tpl.read_sam()
    default = sam["Globals"]["Function"].get("MemorySize", 128)
    return {name: r["Properties"].get("MemorySize", default) / 1024 for name, r in sam["Resources"].items()
            if r["Type"] == "AWS::Serverless::Function"}


def lambda_yuan(counts: Counter) -> tuple[float, float]:
    """(¥ by CPU time alone, ¥ by the billed duration estimated as CPU plus each AWS call's wait)."""
    memory, by_function = memory_gb(), Counter()
    for (function, what), amount in counts.items():
        by_function[(function, what)] += amount
    cpu = waited = requests = 0.0
    for function in {f for f, _ in by_function}:
        gb = memory.get(function, 0.5)
        ms = by_function[(function, "CPU ms")]
        wait = (by_function[(function, "DynamoDB calls")] * WAIT_MS["dynamodb"]
                + (by_function[(function, "S3 GET-class")] + by_function[(function, "S3 PUT-class")]) * WAIT_MS["s3"])
        cpu += gb * ms / 1000
        waited += gb * (ms + wait) / 1000
        requests += by_function[(function, "invocations")]
    gb_s, per_request = PRICES["lambda_gb_second"][0], PRICES["lambda_request"][0]
    return cpu * gb_s + requests * per_request, waited * gb_s + requests * per_request


def run() -> list[tuple[str, float, str]]:
    from support.portal_client import serving

    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    from infra.local import stack as local_stack
    from infra.local.background import Server, free_port
    from infra.local.run import prepare_data, prepare_site

    meter = Meter()
    # As the tests walk a province: the stack and its demo batch as 湖北's, the functions serving 重庆's rules.
    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        meter.install()
        with tempfile.TemporaryDirectory() as directory:
            site_dir = prepare_site("hubei", Path(directory))
            prepare_data("hubei")
            table = dynamodb_table(Settings.from_env().table)
            with Server(MeteredRouter(meter, site_dir).app, free_port()) as portal, \
                    serving("apply", PROVINCE), serving("photo", PROVINCE):
                team = review_team(portal, table)
                journey(portal, table, meter, team)        # warm: every function's first call imports it
                whole, decision, browser = journey(portal, table, meter, team)
    finally:
        stack.stop()
    sums = totals(whole)
    one = totals(decision)
    submitted = totals(browser.pop("submit"))
    s3_put = sums["S3 PUT-class"] + browser.get("S3 PUT-class", 0)
    s3_get = sums["S3 GET-class"] + browser.get("S3 GET-class", 0)
    stored = sums["S3 bytes stored"] + browser.get("S3 bytes stored", 0)
    by_cpu, by_duration = lambda_yuan(whole)
    dynamo = sums["WRU"] * PRICES["dynamodb_wru"][0] + sums["RRU"] * PRICES["dynamodb_rru"][0]
    s3 = s3_put * PRICES["s3_put_request"][0] + s3_get * PRICES["s3_get_request"][0]
    s3_month = stored / 1024 ** 3 * PRICES["s3_gb_month"][0]
    sms = browser.get("SMS", 0)
    per_10k = 10_000 * (by_duration + dynamo + s3)
    rows: list[tuple[str, float, str]] = [
        ("one application: Lambda invocations", sums["invocations"], "requests"),
        ("one application: Lambda CPU in our code", round(sums["CPU ms"], 1), "ms (thread CPU, all functions)"),
        ("one application: DynamoDB write units", sums["WRU"], "WRU (1 KB; ×2 in transactions; + each index)"),
        ("one application: DynamoDB read units", sums["RRU"], "RRU (4 KB; ½ eventually consistent)"),
        ("one application: DynamoDB calls", sums["DynamoDB calls"], "calls"),
        ("one application: S3 PUT/POST requests", s3_put, "requests (functions + browser uploads)"),
        ("one application: S3 GET requests", s3_get, "requests (functions + form downloads)"),
        ("one application: S3 bytes stored", stored, "bytes"),
        ("one submit: Lambda CPU", round(submitted["CPU ms"], 1), "ms (the deadline's request: README, deployment)"),
        ("one submit: DynamoDB WRU / RRU", f"{submitted['WRU']:g} / {submitted['RRU']:g}",
         f"units in {submitted['DynamoDB calls']:g} calls"),
        ("one staff decision: Lambda CPU", round(one["CPU ms"], 1), f"ms in {one['invocations']:.0f} requests"),
        ("one staff decision: DynamoDB WRU / RRU", f"{one['WRU']:g} / {one['RRU']:g}", "units"),
        ("per 10,000 applications: Lambda (CPU + waits)", round(10_000 * by_duration, 2),
         f"¥ (CPU alone ¥{10_000 * by_cpu:.2f}; waits {WAIT_MS} ms per call assumed)"),
        ("per 10,000 applications: DynamoDB requests", round(10_000 * dynamo, 2), "¥"),
        ("per 10,000 applications: S3 requests", round(10_000 * s3, 3), "¥"),
        ("per 10,000 applications: Lambda + DynamoDB + S3", round(per_10k, 2), "¥ (goal < ¥20)"),
        ("per 10,000 applications: S3 storage", round(10_000 * s3_month, 2), "¥ per month kept"),
    ]
    for function in sorted({f for f, _ in whole}):
        part = {what: amount for (f, what), amount in whole.items() if f == function}
        rows.append((f"one application, {function}", f"{part.get('invocations', 0):g} calls",
                     f"CPU {part.get('CPU ms', 0):.0f} ms, {part.get('WRU', 0):g} WRU, {part.get('RRU', 0):g} RRU, "
                     f"{part.get('DynamoDB calls', 0):g} DynamoDB calls"))
    if sms:
        rows.append(("per 10,000 applications: SMS", round(10_000 * sms * PRICES["sms"][0], 2),
                     f"¥ ({sms} messages each, sent by the province's SMS provider)"))
    rows += [(f"price: {name}", f"¥{value:.10g}", source) for name, (value, source) in PRICES.items()]
    return rows


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name} | {value} | {unit}")
