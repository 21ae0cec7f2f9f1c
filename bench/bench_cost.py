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

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.aws_meter import Meter, MeteredRouter, invoke

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
            pdf = me.get(link["url"])                     # through the site, as the page follows it
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
                + sum(by_function[(function, f"S3 {c}")] for c in ("GET-class", "PUT-class", "free (DELETE)"))
                * WAIT_MS["s3"])                                 # a free DELETE is still waited for
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
        ("one application: S3 DELETE requests", sums["S3 free (DELETE)"], "requests (free: not in the ¥ below)"),
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
    by_kind = sorted(((what.removeprefix("WRU "), amount) for what, amount in sums.items()
                      if what.startswith("WRU ") and amount), key=lambda pair: -pair[1])
    rows.append(("one application: write units by item", " · ".join(f"{k} {v:g}" for k, v in by_kind[:10]),
                 "WRU, the 10 largest, by the item's kind (keys.py)"))
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
