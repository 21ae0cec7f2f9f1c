"""The site's benchmarks: Lighthouse 12 (npm, in node_modules) against the pre-rendered 湖北 site served through
the local stack, offline, in Debian's Chromium (headless, the flags the browser tests use): the performance and
accessibility scores (0–100, Lighthouse's default mobile emulation and simulated throttling) and the bytes each
main page transfers with its CSS, JavaScript and API answers. Each figure is the median of ROUNDS runs.

    .venv/bin/python -m bench site
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " \
        "--disable-component-update --disable-sync --lang=zh-CN"
ROUNDS = int(os.environ.get("BENCH_LIGHTHOUSE_ROUNDS", "3"))


def _serve(app) -> str:
    """The local router in a uvicorn thread on a free port (stopped with the process)."""
    import uvicorn
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def _candidate(table, url: str):
    """An eligible 湖北 candidate signed in (a session made as sign-in makes it) with a major and contact saved:
    an API client and the cookie for Lighthouse's requests."""
    import httpx

    from functions.common.dynamo.store import candidate_item
    from functions.common.ids import id_check_digit
    from functions.common.session import COOKIE, Identity, new_session_item
    from infra.demo.generate import generate

    source = next(c for c in generate("hubei") if c["demo_case"] == "eligible")
    first17 = "42010019900101" + "777"
    record = {**source, "exam_no": "420196000001", "office": "420100", "id_number": first17 + id_check_digit(first17)}
    table.put_item(Item=candidate_item({k: v for k, v in record.items() if k != "demo_case"}))
    token, session = new_session_item(Identity("bench-site", "candidate", record["name"], exam_no=record["exam_no"]),
                                      int(time.time()))
    table.put_item(Item=session)
    client = httpx.Client(base_url=url, headers={"X-CSRF-Token": session["csrf"]}, cookies={COOKIE: token}, timeout=60)
    for path, body in (("major", {"plan_id": record["majors"][0]}), ("contact", {"phone": "13900000000"})):
        assert client.put(f"/api/apply/application/{path}", json=body).status_code == 200
    return client, f"{COOKIE}={token}", record["majors"][0]


def lighthouse(url: str, cookie: str) -> dict:
    """One Lighthouse run of one page: scores (0–100) and the bytes transferred."""
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                              "--only-categories=performance,accessibility",
                              f"--chrome-flags={FLAGS} --user-data-dir={profile}",
                              f"--extra-headers={json.dumps({'Cookie': cookie})}"],
                             capture_output=True, text=True, timeout=180, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {run.stderr[-500:]}")
    report = json.loads(run.stdout)
    return {"performance": report["categories"]["performance"]["score"] * 100,
            "accessibility": report["categories"]["accessibility"]["score"] * 100,
            "bytes": report["audits"]["total-byte-weight"]["numericValue"]}


def run() -> list[tuple[str, float, str]]:
    if not LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        raise RuntimeError("需要 node_modules/.bin/lighthouse 和 /usr/bin/chromium：请运行 make install 和 make system")
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    from infra.local import stack as local_stack
    from infra.local.router import LocalRouter
    from infra.local.run import prepare_data, prepare_site

    site_dir = Path(tempfile.mkdtemp(prefix="bench-site-"))
    stack = local_stack.start("hubei", "http://127.0.0.1:8000")
    try:
        prepare_data("hubei")
        url = _serve(LocalRouter(prepare_site("hubei", site_dir)))
        client, cookie, plan = _candidate(dynamodb_table(Settings.from_env().table), url)
        pages = ["/", "/me.html", "/apply/major.html", "/apply/contact.html", "/apply/check.html",
                 f"/eligibility/audit.html?plan={plan}", "submit", "/apply/status.html"]
        rows = []
        for page in pages:
            if page == "submit":      # the status page shows a submitted application
                version = client.get("/api/apply/application").json()["application"]["version"]
                assert client.post("/api/apply/application/submit", json={"version": version},
                                   headers={"Idempotency-Key": secrets.token_urlsafe(16)}).status_code == 200
                continue
            runs = [lighthouse(url + page, cookie) for _ in range(ROUNDS)]
            name = page.split("?")[0]
            for key, unit in (("performance", "score"), ("accessibility", "score"), ("bytes", "bytes")):
                rows.append((f"lighthouse {key} {name}", statistics.median(r[key] for r in runs), unit))
        return rows
    finally:
        stack.stop()
        shutil.rmtree(site_dir, ignore_errors=True)
