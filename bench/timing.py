"""The one timing loop of the benches: a warm-up call, then the median of `rounds` timed calls."""
from __future__ import annotations

import statistics
import time


def median_ms(action, rounds: int, warm_up: bool = True) -> float:
    if warm_up:
        action()   # imports, caches and models load once, as in a warm container
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
