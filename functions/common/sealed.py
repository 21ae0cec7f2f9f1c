"""Sealed tokens: text the functions hand out and take back (a list's cursor) that nobody else can read or forge.

Encrypt-then-MAC from HMAC-SHA256 alone, as the standard library has it: `cryptography` (AES-GCM) is not in the
core layer every function takes. The text is XORed with a keystream of HMAC-SHA256 blocks over a random 16-byte
nonce and a counter (HMAC as a pseudo-random function in counter mode: unreadable without the key), then the nonce
and that ciphertext are authenticated together with what the token is bound to (`context`: who asked, for which
list) by HMAC-SHA256 under a second key derived from the same one. A token changed in one bit, made by hand, or
opened with another context fails the tag: `open_sealed` answers None and nothing of it is used.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

NONCE_BYTES = 16
TAG_BYTES = 16                 # the tag, truncated: 128 bits are beyond guessing within any request budget
_BLOCK = hashlib.sha256().digest_size


def _subkey(key: bytes, purpose: bytes) -> bytes:
    return hmac.new(key, b"biye-sealed/" + purpose, hashlib.sha256).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    encrypting = _subkey(key, b"encrypt")
    blocks = (hmac.new(encrypting, nonce + n.to_bytes(4, "big"), hashlib.sha256).digest()
              for n in range(-(-length // _BLOCK)))
    return b"".join(blocks)[:length]


def _tag(key: bytes, context: bytes, nonce: bytes, body: bytes) -> bytes:
    # The context's length first, so no (context, body) pair reads as another.
    signed = len(context).to_bytes(4, "big") + context + nonce + body
    return hmac.new(_subkey(key, b"authenticate"), signed, hashlib.sha256).digest()[:TAG_BYTES]


def _xor(data: bytes, stream: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, stream, strict=True))


def seal(key: bytes, plain: bytes, context: bytes) -> str:
    """URL-safe base64 (no padding) of nonce, ciphertext and tag."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    body = _xor(plain, _keystream(key, nonce, len(plain)))
    token = nonce + body + _tag(key, context, nonce, body)
    return base64.urlsafe_b64encode(token).decode("ascii").rstrip("=")


def open_sealed(key: bytes, token: str, context: bytes) -> bytes | None:
    """The plain bytes, or None when the token was not sealed with this key for this context."""
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        return None
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    if not hmac.compare_digest(tag, _tag(key, context, nonce, body)):
        return None
    return _xor(body, _keystream(key, nonce, len(body)))
