"""A function's feature routers, each imported on the first request to its paths rather than when the handler is.

A Lambda pays for everything its handler imports on every cold start, and a function's routes are most of it: a
route's request and answer models, and FastAPI's validators for them, are built when its module is imported (a few
ms a route, ~300 ms for the apply function's 48), while one request uses one feature. So a function names each
feature's router with the path prefixes of its routes (tests/unit/common/test_features.py holds every route to its
feature's prefixes), and a request first includes every feature one of whose prefixes its path starts with. The
OpenAPI document includes them all first, so it always lists every route.

The routers keep the order the function declares them in, whatever the order of first requests: each feature has
its place in the app (an empty router included at start) and its routes go there.
"""
from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class Feature:
    """`router`: "package.module:name" (name defaults to `router`); `prefixes`: what each of its paths starts with."""
    router: str
    prefixes: tuple[str, ...]

    def serves(self, path: str) -> bool:
        return path.startswith(self.prefixes)

    def load(self) -> APIRouter:
        module, _, name = self.router.partition(":")
        return getattr(importlib.import_module(module), name or "router")


class Features:
    """The features of one app and which of them are in it yet (app.state.features)."""

    def __init__(self, app: FastAPI, features: Sequence[Feature]):
        self.declared = tuple(features)
        self._places = [APIRouter() for _ in self.declared]
        self._loaded = [False] * len(self.declared)
        self._lock = threading.Lock()
        for place in self._places:
            app.include_router(place)
        schema = app.openapi

        def every_route_first() -> dict:
            self.include_all()
            return schema()
        app.openapi = every_route_first           # type: ignore[method-assign]
        app.add_middleware(_IncludeOnFirstRequest, features=self)

    def include_for(self, path: str) -> None:
        self._include([i for i, feature in enumerate(self.declared) if not self._loaded[i] and feature.serves(path)])

    def include_all(self) -> None:
        self._include([i for i, loaded in enumerate(self._loaded) if not loaded])

    def _include(self, positions: list[int]) -> None:
        if not positions:
            return
        with self._lock:       # the local stack serves requests on several threads
            for i in positions:
                if not self._loaded[i]:
                    self._places[i].include_router(self.declared[i].load())
                    self._loaded[i] = True


class _IncludeOnFirstRequest:
    """Outermost: the features a path needs are in the app before anything routes it."""

    def __init__(self, app: ASGIApp, features: Features):
        self.app = app
        self.features = features

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.features.include_for(scope["path"])
        await self.app(scope, receive, send)
