"""Rows parked on disk by 准考证号, so that a candidate's rows from many files meet without holding the files.

A candidate's record is spread over several tables (考生, 成绩, 免考 …), each in any order. Every row goes to one of
a number of bucket files chosen by its 准考证号; a bucket is then small enough to read whole, and holds every row
of each of its candidates. Memory stays at one bucket however large the import.
"""
from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path

BUCKET_BYTES = 1 << 20       # input bytes per bucket: a bucket read back takes some 20 times this in memory
BUFFERED = 20_000            # rows held before every bucket's buffer is written out


class Spill:
    def __init__(self, input_bytes: int):
        self.count = max(1, min(4096, input_bytes // BUCKET_BYTES + 1))
        self._buffered = 0
        self._dir = tempfile.TemporaryDirectory(prefix="biye-import-")
        self.root = Path(self._dir.name)
        self._buffers: list[list] = [[] for _ in range(self.count)]

    def bucket_of(self, exam_no: str) -> int:
        return hash(exam_no) % self.count

    def add(self, exam_no: str, part: tuple) -> None:
        self._buffers[hash(exam_no) % self.count].append(part)
        self._buffered += 1
        if self._buffered >= BUFFERED:  # however many buckets, never more than this many rows wait in memory
            for bucket, buffer in enumerate(self._buffers):
                if buffer:
                    self._write("rows", bucket, buffer)
                    buffer.clear()
            self._buffered = 0

    def rows(self, bucket: int) -> list:
        """Every part of one bucket, in the order they were added."""
        if self._buffers[bucket]:
            self._write("rows", bucket, self._buffers[bucket])
            self._buffered -= len(self._buffers[bucket])
            self._buffers[bucket] = []
        return [part for chunk in self._read("rows", bucket) for part in chunk]

    def keep(self, bucket: int, items: list) -> None:
        self._write("items", bucket, items)

    def items(self, bucket: int) -> Iterator[list]:
        return self._read("items", bucket)

    def _write(self, kind: str, bucket: int, payload: list) -> None:
        with (self.root / f"{kind}-{bucket}").open("ab") as out:
            pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)

    def _read(self, kind: str, bucket: int) -> Iterator[list]:
        path = self.root / f"{kind}-{bucket}"
        if not path.exists():
            return
        with path.open("rb") as found:
            while True:
                try:
                    yield pickle.load(found)
                except EOFError:
                    return

    def close(self) -> None:
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
