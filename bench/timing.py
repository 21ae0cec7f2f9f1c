"""The one timing loop of the benches: a warm-up call, then the median of `rounds` timed calls."""
from __future__ import annotations

import statistics
import time


def median_ms(action, rounds: int, warm_up: bool = True, clock=time.perf_counter) -> float:
    """`clock`: time.process_time for the CPU time this process spent, which other work on a shared machine
    inflates far less than the wall clock."""
    if warm_up:
        action()   # imports, caches and models load once, as in a warm container
    times = []
    for _ in range(rounds):
        started = clock()
        action()
        times.append((clock() - started) * 1000)
    return statistics.median(times)
