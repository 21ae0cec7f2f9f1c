"""Passwords are Argon2id at RFC 9106's low-memory profile on every deployed stack; the test suite's cheaper cost
(set by tests/conftest.py to keep ~1,500 hashes a run from taking minutes) is honoured on the local stage only."""
from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters

from functions.apply.accounts.passwords import DEPLOYED_COST, TEST_COST, hashing_cost, secret_matches


def test_a_deployed_stack_hashes_at_the_deployed_cost_whatever_its_environment_says():
    for stage in ("prod", "test"):
        assert hashing_cost({"BIYE_STAGE": stage, "BIYE_TEST_PASSWORD_HASHING": "cheap"}) == DEPLOYED_COST
    assert hashing_cost({"BIYE_STAGE": "local"}) == DEPLOYED_COST          # make run: as deployed
    assert hashing_cost({}) == DEPLOYED_COST
    assert hashing_cost({"BIYE_STAGE": "local", "BIYE_TEST_PASSWORD_HASHING": "cheap"}) == TEST_COST
    params = extract_parameters(PasswordHasher(**DEPLOYED_COST).hash("x"))
    assert (params.time_cost, params.memory_cost, params.parallelism) == (3, 65536, 1)


def test_a_hash_made_at_either_cost_is_verified_by_its_own_parameters():
    """A hash carries its parameters: one stored at the deployed cost still verifies under the tests' hasher."""
    stored = PasswordHasher(**DEPLOYED_COST).hash("Biye-demo-2026")
    assert secret_matches(stored, "Biye-demo-2026")
    assert not secret_matches(stored, "Biye-demo-2027")
