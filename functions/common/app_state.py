"""What a function's app.py put on `app.state`, read for its deps.py: one reader, so each function's deps.py says
only which part an alias hands to routes, and its type."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request


def from_state(*path: str) -> Callable[[Request], Any]:
    """A dependency answering `app.state.<path>` (e.g. "profile", or "services", "drafting"), read per request: a test
    that swaps a part on app.state (another province's profile, a moved clock) is seen by every route at once."""
    def read(request: Request) -> Any:
        part = request.app.state
        for name in path:
            part = getattr(part, name)
        return part
    return read
