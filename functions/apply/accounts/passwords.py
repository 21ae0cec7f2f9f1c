"""Passwords and security answers hashed with Argon2id (argon2-cffi, RFC 9106 low-memory profile); nothing here
logs them. Only hashes reach the table."""
from __future__ import annotations

import secrets
from functools import lru_cache


@lru_cache(maxsize=1)
def _hasher():
    """Imported on first use: argon2's C bindings are not needed to answer most requests (cold start)."""
    from argon2 import PasswordHasher
    return PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)


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
