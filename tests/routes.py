"""Every route of the three functions, read from the apps themselves, with who may call it (from the session
dependency it declares), so a route added tomorrow is in the access-control matrix the day it is added.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from fastapi.routing import APIRoute

FUNCTIONS = ("eligibility", "photo", "apply")
# The session dependency a route declares, strictest first.
CALLERS = (("current_staff", "staff"), ("current_candidate", "candidate"), ("current_identity", "signed_in"))


@dataclass(frozen=True)
class Route:
    function: str
    method: str
    path: str
    caller: str          # staff, candidate, signed_in (either) or public
    takes_body: bool

    def url(self, values: dict) -> str:
        """The path with every {parameter} filled from `values` (a KeyError names a parameter the test lacks)."""
        return self.path.format(**{name: values[name] for name in self.parameters})

    @property
    def parameters(self) -> list[str]:
        return [part[1:-1] for part in self.path.split("/") if part.startswith("{")]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _dependencies(dependant) -> set[str]:
    names = set()
    for sub in dependant.dependencies:
        names |= {getattr(sub.call, "__name__", "")} | _dependencies(sub)
    return names


def _api_routes(routes):
    """The app's routes, through included routers (FastAPI keeps them as included-router entries)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)
        elif isinstance(route, APIRoute):
            yield route


def every_route() -> list[Route]:
    found = []
    for function in FUNCTIONS:
        app = importlib.import_module(f"functions.{function}.app").app   # late: the stack sets the environment
        for route in _api_routes(app.routes):
            declared = _dependencies(route.dependant)
            caller = next((who for name, who in CALLERS if name in declared), "public")
            found += [Route(function, method, route.path, caller, bool(route.dependant.body_params))
                      for method in sorted(route.methods)]
    return found
