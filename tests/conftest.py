"""Shared fixtures: one embedded stack (moto server + the template's tables and buckets) per test session."""
from __future__ import annotations

import functools
import logging
import os
import sys
from pathlib import Path

import pytest
from support import aws_calls, log_scan

ROOT = Path(__file__).resolve().parents[1]
# Argon2id at a test cost in the tests' processes (functions/apply/accounts/passwords.py says why; the local stage
# only); `BIYE_TEST_PASSWORD_HASHING=deployed make test` runs the suite at the deployed cost.
os.environ.setdefault("BIYE_TEST_PASSWORD_HASHING", "cheap")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
EXIT_STATUS = pytest.StashKey[int]()


def share_tls_settings() -> None:
    """Every httpx client the tests make (one per person signed in, one per httpx.get/post) shares one TLS context
    per setting: httpx builds a new one for each client, reading certifi's certificates (25 ms of CPU each, ~100 s
    of a run's CPU), and the portal is plain HTTP on loopback, where no context is ever used. A context is made
    as httpx makes it and only shared; a test passing its own context or certificate gets exactly that."""
    from httpx._transports import default
    make = default.create_ssl_context

    @functools.cache
    def shared(verify: bool, trust_env: bool):
        return make(verify=verify, trust_env=trust_env)

    def create_ssl_context(verify=True, cert=None, trust_env=True):
        if isinstance(verify, bool) and cert is None:
            return shared(verify, trust_env)
        return make(verify=verify, cert=cert, trust_env=trust_env)
    default.create_ssl_context = create_ssl_context


share_tls_settings()


def pytest_configure(config):
    """Keep every log line of the run, and remember every secret the code makes (tests/support/log_scan.py)."""
    if WORKER == "main":
        for old in log_scan.LOG_DIR.glob("*.leaks"):
            old.unlink()
        aws_calls.clear()
    aws_calls.instrument()
    log_scan.instrument()
    log_scan.start()


def pytest_sessionfinish(session, exitstatus):
    """Each process scans its own log; the controlling one fails the run when any found personal data."""
    session.config.stash[EXIT_STATUS] = int(exitstatus)
    aws_calls.save(WORKER)
    found = log_scan.finish()
    if found:
        lines = (f"{WORKER}.log:{n}: {what}: {line}" for n, what, line in found)
        log_scan.leaks_file(WORKER).write_text("\n".join(lines), encoding="utf-8")
    if WORKER != "main":
        return
    reports = [f.read_text(encoding="utf-8") for f in sorted(log_scan.LOG_DIR.glob("*.leaks"))]
    check_aws_calls(session)
    if reports:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("Personal data or secrets in the test run's logs (test-artifacts/logs/):", red=True)
        for report in reports:
            reporter.write_line(report)
        session.exitstatus = 1
        session.config.stash[EXIT_STATUS] = 1


def check_aws_calls(session) -> None:
    """Every AWS call a function made in this run is allowed by that function's policies in the translated template
    (moto enforces no IAM: tests/support/aws_calls.py); a call none allows fails the run, named."""
    recorded, refused = aws_calls.denied_in_run()
    if refused:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(f"AWS calls the template's policies do not allow ({len(refused)} of {recorded}):", red=True)
        for call in refused:
            reporter.write_line(f"  {call.function}: {call.action} on {call.resource}")
        session.exitstatus = 1
        session.config.stash[EXIT_STATUS] = 1


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test`'s --dist loadfile, with the largest files spread test by test and the heaviest work handed out
    first (tests/support/scheduling.py); any other --dist is xdist's own."""
    if config.getvalue("dist") != "loadfile":
        return None
    from support.scheduling import SpreadFileScheduling
    return SpreadFileScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_unconfigure(config):
    """Leave without tearing the interpreter down: the embedded stack's moto state is GBs of small objects, and
    freeing them one by one at exit kept a finished run busy for minutes. A worker leaves first thing (its results
    went to the controller with xdist's `workerfinished`, at the end of its session; the controller waited 9.7 s
    for the three to free their heaps); the controller once everything is reported."""
    if WORKER != "main":
        _leave(0)
    yield
    if not config.option.collectonly:
        _leave(config.stash.get(EXIT_STATUS, 0))


def _leave(status: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(status)


@pytest.fixture(scope="session")
def stack():
    """The embedded AWS stack, its environment exported to this process as a Lambda would see it."""
    from infra.local import stack as local_stack
    started = local_stack.start("hubei", "http://127.0.0.1:8000")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def table(stack):
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    return dynamodb_table(Settings.from_env().table)


@pytest.fixture(scope="session")
def portal(stack, tmp_path_factory):
    """The whole portal as `make run` serves it: site, router, reference and demo data, demo accounts."""
    from infra.local.background import Server, free_port
    from infra.local.router import LocalRouter
    from infra.local.run import prepare_data, prepare_site
    site_dir = prepare_site("hubei", tmp_path_factory.mktemp("site"))
    # the plans as published (their hosts are applying.HOSTS), written in this worker's own folder
    logins = prepare_data("hubei", own_hosts=False, demo_dir=tmp_path_factory.mktemp("demo"))
    with Server(LocalRouter(site_dir), free_port()) as server:
        server.logins, server.site_dir = logins, site_dir
        yield server
