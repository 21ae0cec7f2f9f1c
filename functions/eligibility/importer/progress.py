"""A progress bar on stderr, only when stderr is a terminal and only for work over a few thousand rows."""
from __future__ import annotations

import sys
import time

SHOW_FROM_ROWS = 5000   # smaller files finish before a bar would help
SHOW_FROM_BYTES = 256 << 10
WIDTH = 30


class Progress:
    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled

    def track(self, title: str, total: int | None, unit: str = "bytes"):
        """A callable taking how much is done (None: finished). `total` in bytes (a CSV) or rows."""
        if not self.enabled or not total or total < (SHOW_FROM_BYTES if unit == "bytes" else SHOW_FROM_ROWS):
            return _silent
        bar = _Bar(self.stream, title, total)
        return bar.update


def _silent(done):
    return None


class _Bar:
    def __init__(self, stream, title: str, total: int):
        self.stream, self.title, self.total = stream, title, total
        self.started = self.shown = time.monotonic()

    def update(self, done: int | None) -> None:
        now = time.monotonic()
        if done is None:
            self._draw(self.total, now)
            self.stream.write("\n")
            self.stream.flush()
            return
        if now - self.shown >= 0.2:
            self.shown = now
            self._draw(min(done, self.total), now)

    def _draw(self, done: int, now: float) -> None:
        share = done / self.total
        filled = int(share * WIDTH)
        elapsed = now - self.started
        left = f"，约剩 {elapsed / share - elapsed:.0f} 秒" if 0.02 < share < 1 else ""
        self.stream.write(f"\r{self.title} [{'█' * filled}{'░' * (WIDTH - filled)}] {share:4.0%}{left}   ")
        self.stream.flush()
