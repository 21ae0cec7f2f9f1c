"""Every log line of a test run, kept and scanned: no ID number, password, session token or captcha answer may
appear in any of them (DESIGN: personal data stays out of logs).

The run's log (root logger at INFO, what a Lambda's CloudWatch log would hold) goes to
test-artifacts/logs/<worker>.log. Every password and security answer hashed, session token and CSRF token made, and
captcha drawn during the run is remembered where the code makes it (`instrument`); ID numbers are found by their
shape and check digit. At the end of the session each worker scans its log and writes what it found; the
controlling process fails the run if anything was found, showing the offending lines masked.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from functions.common.ids import id_check_digit

LOG_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "logs"
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
# A presigned URL's own parameters (the test client logs the URLs it fetches): AWS4-HMAC-SHA256 and the signature
# are no secret of ours, and a 4-letter captcha answer such as HMAC would otherwise "leak" into them by chance.
PRESIGNED = re.compile(r"X-Amz-[A-Za-z-]+=[^&\s\"']*")
_SECRETS: set[str] = set()
_handler: logging.Handler | None = None


def remember(*secrets: str) -> None:
    """Values that must never reach a log line (a test handled them: the scan looks for each)."""
    _SECRETS.update(s for s in secrets if s)


def instrument() -> None:
    """Remember the secrets the code makes, at the places it makes them (before any route module imports them)."""
    from functions.apply.accounts import captcha, passwords
    from functions.common import session

    def wrap(module, name, remembered):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            answer = real(*args, **kwargs)
            remember(*remembered(args, answer))
            return answer
        setattr(module, name, wrapper)

    wrap(passwords, "hash_secret", lambda args, _: [args[0]])
    wrap(captcha, "draw", lambda args, _: [args[0]])
    wrap(session, "new_session_item", lambda _, answer: [answer[0], answer[1]["csrf"]])


def leaks_file(worker: str) -> Path:
    return LOG_DIR / f"{worker}.leaks"


def log_file() -> Path:
    return LOG_DIR / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"


def start() -> None:
    global _handler
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file().write_text("", encoding="utf-8")
    # Appending, because logging.config.dictConfig (uvicorn calls it) closes every handler it finds, and a closed
    # FileHandler reopens only in append mode: with "w" the rest of the run would be lost without a word.
    _handler = logging.FileHandler(log_file(), mode="a", encoding="utf-8")
    _handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    _handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(_handler)
    root.setLevel(min(root.level, logging.INFO) or logging.INFO)


def leaks(lines, secrets) -> list[tuple[int, str, str]]:
    """(line number, what leaked, the line masked) for every line holding an ID number or one of `secrets`."""
    wanted = sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True)
    any_secret = "|".join(map(re.escape, wanted))
    alone = re.compile(r"(?<![0-9A-Za-z])(" + any_secret + r")(?![0-9A-Za-z])") if wanted else None
    found = []
    for number, line in enumerate(lines, start=1):
        kinds, masked = [], line
        for match in ID_NUMBER.finditer(line):
            value = match.group(1).upper()
            if id_check_digit(value[:17]) == value[17]:
                kinds.append("ID number")
                masked = masked.replace(match.group(1), value[:3] + "*" * 15)
        if alone and alone.search(PRESIGNED.sub("", masked)):
            kinds.append("secret")
            masked = alone.sub(lambda m: "*" * len(m.group(1)), masked)
        if kinds:
            found.append((number, " and ".join(dict.fromkeys(kinds)), masked))
    return found


def finish() -> list[tuple[int, str, str]]:
    if _handler is None:
        return []
    _handler.flush()
    logging.getLogger().removeHandler(_handler)
    _handler.close()
    return leaks(log_file().read_text(encoding="utf-8").splitlines(), _SECRETS)
