"""Numbers the template's alarms watch, written as one JSON line on stdout (the function's log): CloudWatch metric
filters in template.yaml turn `{"metric": name, "value": n}` into a metric, with no extra AWS call or permission.
Printed rather than logged: the Lambda runtime prefixes logged lines, and a metric filter matches JSON only whole."""
from __future__ import annotations

import json
import sys

EFFECTS_LEFT = "effects_left"                          # work the sweeper could not finish (its backlog)
PAYMENT_CALLBACK_REFUSED = "payment_callback_refused"  # a provider callback not applied (forged, wrong amount, …)


def emit(metric: str, value: float, **details: str) -> None:
    print(json.dumps({"metric": metric, "value": value, **details}, ensure_ascii=False), file=sys.stdout, flush=True)
