"""How `make test` (pytest-xdist, --dist loadfile) hands the tests to its workers.

A file's tests stay together on one worker, so the module fixtures a file builds are built once, except in the
files of SPREAD, whose tests each build their own people and pages: there each test may go to any worker. Those
are the suite's largest files (one province's test_every_page is 40-170 s), and kept whole they put several
minutes on one worker while the others ran out of work.

The heaviest work goes out first: the SPREAD tests, then the browser and fuzz files, then the rest in collection
order. xdist's own loadfile order is by number of tests per file, which left the one-test browser files, each a
long walk, for the end of the run.
"""
from __future__ import annotations

from xdist.scheduler import LoadFileScheduling

SPREAD = ("tests/browser/test_every_page.py", "tests/browser/test_larger_text.py",
          "tests/browser/test_plain_messages.py", "tests/fuzz/test_api_schemas.py")
HEAVY_FOLDERS = ("tests/browser/", "tests/fuzz/")


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def scope(nodeid: str) -> str:
    """The unit a test goes out in: its file, or itself in a SPREAD file."""
    return nodeid if _file(nodeid) in SPREAD else _file(nodeid)


def weight(unit: str) -> int:
    """0 goes first. A unit is a file, or one test of a SPREAD file."""
    if _file(unit) in SPREAD:
        return 0
    return 1 if unit.startswith(HEAVY_FOLDERS) else 2


class SpreadFileScheduling(LoadFileScheduling):
    """loadfile with SPREAD's tests as units of their own, handed out heaviest first."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        self.config.option.loadscopereorder = False     # the order is weight's, below

    def _split_scope(self, nodeid: str) -> str:
        return scope(nodeid)

    def _assign_work_unit(self, node) -> None:
        # the first of the heaviest left (min keeps collection order among equals) goes to the front, where
        # xdist takes its next unit from
        self.workqueue.move_to_end(min(self.workqueue, key=weight), last=False)
        super()._assign_work_unit(node)
