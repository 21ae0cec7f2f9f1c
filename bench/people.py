"""Candidates for the benches: fresh 湖北 records cloned from eligible demo records, each with a session."""
from __future__ import annotations

import json
import time


def signed_in_candidates(table, count: int, first: int = 0, prefix: str = "bench") -> list[dict]:
    """`count` candidates with exam numbers from 42019<first>; each {"record", "headers"} (cookie and CSRF)."""
    from functions.common.dynamo.store import candidate_item
    from functions.common.ids import id_check_digit
    from functions.common.session import COOKIE, Identity, new_session_item
    from infra.local.run import demo_folder

    # the records as prepare_data imported them (their theses graded by the hosts the demo plans offer): generate()'s
    # own were graded by the published plans' hosts, which the demo plans no longer name, so none was eligible
    imported = demo_folder("hubei") / "candidates" / "demo.json"
    candidates = json.loads(imported.read_text(encoding="utf-8"))["candidates"]
    eligible = [c for c in candidates if c["demo_case"] == "eligible"]
    made = []
    for n in range(first, first + count):
        first17 = f"420100{1970 + n % 30}01{n % 28 + 1:02d}{n % 1000:03d}"
        record = {**eligible[n % len(eligible)], "exam_no": f"42019{n:07d}", "office": "420100",
                  "id_number": first17 + id_check_digit(first17)}
        table.put_item(Item=candidate_item({k: v for k, v in record.items() if k != "demo_case"}))
        token, session = new_session_item(Identity(f"{prefix}-{n}", "candidate", record["name"],
                                                   exam_no=record["exam_no"]), int(time.time()))
        table.put_item(Item=session)
        made.append({"record": record, "headers": {"cookie": f"{COOKIE}={token}", "x-csrf-token": session["csrf"]}})
    return made
