"""Realistic transcripts on the real plans: what a candidate who completes a plan has passed, plus the usual
detours (failed first sittings, absences) that never count."""
from __future__ import annotations

import random

SESSIONS = ["2022-04", "2022-10", "2023-04", "2023-10", "2024-04", "2024-10", "2025-04", "2025-10", "2026-04"]


def courses_to_complete(node: dict, flags: dict, rng: random.Random) -> list[dict]:
    """The course nodes a candidate takes to satisfy node (choose groups: random options until the minimums hold)."""
    kind = node["type"]
    if kind == "course":
        return [node]
    if kind == "all_of":
        return [c for child in node["items"] for c in courses_to_complete(child, flags, rng)]
    if kind == "conditional":
        wanted = node["if"]
        branch = node["then"] if flags.get(wanted["flag"], False) == wanted["equals"] else node.get("else")
        return courses_to_complete(branch, flags, rng) if branch else []
    if kind == "choose":
        options = [child for child in node["items"] if "available_from" not in child]
        rng.shuffle(options)
        taken: list[dict] = []
        credits = 0
        for option in options:
            if len(taken) >= node.get("min_count", 0) and credits >= node.get("min_credits", 0):
                break
            if node.get("max_count") and len(taken) >= node["max_count"]:
                break
            found = courses_to_complete(option, flags, rng)
            taken += found
            credits += sum(c.get("credits", 0) for c in found if c["type"] == "course")
        return taken
    raise ValueError(f"unknown node type {kind}")


def sittings(courses: list[dict], rng: random.Random, first_session: int = 0) -> list[dict]:
    """One passing sitting per course, some after a failed or missed one."""
    attempts = []
    for course in courses:
        at = rng.randrange(first_session, len(SESSIONS) - 1)
        if rng.random() < 0.25:
            attempts.append({"code": course["code"], "session": SESSIONS[at], "score": rng.randrange(20, 60)})
            at += 1
        elif rng.random() < 0.05:
            attempts.append({"code": course["code"], "session": SESSIONS[at], "score": None, "absent": True})
            at += 1
        attempts.append({"code": course["code"], "session": SESSIONS[min(at, len(SESSIONS) - 1)],
                         "score": rng.randrange(60, 96)})
    return attempts
