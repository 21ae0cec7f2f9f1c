"""`make test`'s workers get the largest files' tests one by one and the heaviest work first
(tests/support/scheduling.py): a SPREAD file renamed or moved would silently go back to one worker."""
from __future__ import annotations

from pathlib import Path

from support.scheduling import SPREAD, scope, weight

ROOT = Path(__file__).resolve().parents[2]
EVERY_PAGE = "tests/browser/test_every_page.py::test_every_page_has_no_axe_violation"
HOSTILE = "tests/integration/test_hostile_input.py"


def test_each_spread_file_exists_and_its_tests_go_out_one_by_one():
    assert all((ROOT / name).is_file() for name in SPREAD), SPREAD
    assert scope(f"{EVERY_PAGE}[hubei]") != scope(f"{EVERY_PAGE}[anhui]")
    assert scope(f"{HOSTILE}::test_a") == scope(f"{HOSTILE}::test_b") == HOSTILE


def test_the_spread_tests_go_first_then_the_browser_files_then_the_rest():
    order = [weight(scope(f"{EVERY_PAGE}[shanxi]")), weight(scope("tests/browser/test_claims.py::test_a")),
             weight(scope("tests/fuzz/test_other.py::test_a")), weight(scope("tests/unit/test_purity.py::test_a"))]
    assert order == sorted(order) and order[0] < order[1] == order[2] < order[3]
