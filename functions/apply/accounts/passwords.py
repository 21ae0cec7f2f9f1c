"""Passwords and security answers hashed with Argon2id (argon2-cffi, RFC 9106 low-memory profile); nothing here
logs them. Only hashes reach the table."""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from functools import lru_cache

# RFC 9106's second recommended (low-memory) profile: what every deployed stack and `make run` hash with.
DEPLOYED_COST = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
# The test suite's processes ask for this (tests/conftest.py sets BIYE_TEST_PASSWORD_HASHING): a run makes ~1,500
# hashes and verifications (accounts, sign-ins, resets), 0.2-0.9 s each at the deployed cost on two shared cores.
# Still Argon2id through the same code; honoured on the local stage only, never by a deployed stack.
TEST_COST = {"time_cost": 1, "memory_cost": 8 * 1024, "parallelism": 1}


def hashing_cost(env: Mapping[str, str]) -> dict:
    from functions.common.settings import LOCAL_STAGE
    local = env.get("BIYE_STAGE", LOCAL_STAGE) == LOCAL_STAGE
    return TEST_COST if local and env.get("BIYE_TEST_PASSWORD_HASHING") == "cheap" else DEPLOYED_COST


@lru_cache(maxsize=1)
def _hasher():
    """Imported on first use: argon2's C bindings are not needed to answer most requests (cold start)."""
    from argon2 import PasswordHasher
    return PasswordHasher(**hashing_cost(os.environ))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the identifier is unknown, so a wrong name costs as long as a wrong password.
    Made on first use, not at import: it costs as much as a sign-in and would slow every cold start."""
    return _hasher().hash(secrets.token_hex(16))


def hash_secret(value: str) -> str:
    return _hasher().hash(value)


def secret_matches(stored: str | None, value: str) -> bool:
    """Constant work whether or not there is a stored hash."""
    from argon2.exceptions import InvalidHashError, VerificationError
    try:
        return bool(_hasher().verify(stored or _dummy_hash(), value)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
