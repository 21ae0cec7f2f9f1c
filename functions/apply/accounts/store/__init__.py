"""The only modules of accounts that talk to DynamoDB: accounts (and sessions, bound records, their audit
entries), single-use tokens, and the throttles' failure counters."""
from __future__ import annotations

from .accounts import AccountStore, NewAccount, create_account, identity_of
from .counters import CounterStore
from .tokens import TokenStore

__all__ = ["AccountStore", "CounterStore", "NewAccount", "TokenStore", "create_account", "identity_of"]
