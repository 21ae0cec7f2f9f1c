"""Shared fixtures: one embedded stack (moto server + the template's tables and buckets) per test session."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread, stopped at the end."""

    def __init__(self, app, port: int):
        import uvicorn
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def portal(stack, tmp_path_factory):
    """The whole portal as `make run` serves it: site, router, reference and demo data, demo accounts."""
    from infra.local.run import prepare_data, prepare_site
    from infra.local.router import LocalRouter
    site_dir = prepare_site("hubei", tmp_path_factory.mktemp("site"))
    logins = prepare_data("hubei")
    with Server(LocalRouter(site_dir), free_port()) as server:
        server.logins, server.site_dir = logins, site_dir
        yield server
