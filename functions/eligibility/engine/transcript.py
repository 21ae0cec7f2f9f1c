"""Transcript resolution: which courses count as passed, and how.

A course is passed by any sitting that is not void and reaches the pass mark; failed and
absent sittings never count, however many there are (SEED-HB shows them in red). Accepted
transfers (转考) and approved exemptions (免考) count too. A result keeps the strongest
label: an exam pass over a transfer over an exemption.
"""

from . import messages

PASS_GRADES = frozenset({"合格", "优秀", "良好", "中等", "及格", "通过"})
_NUMBER = (int, float)


def is_pass(score, pass_mark) -> bool:
    return (type(score) in _NUMBER and score >= pass_mark) or score in PASS_GRADES


def resolve(candidate, pass_mark, is_void, reference, name_of):
    """Return (status, carried_credits, info_findings).

    status: code -> "passed" | "转考" | "免考". carried_credits: credits a sitting recorded
    for its course (used for courses outside the plan, e.g. a 山西 英语(二) credit pool).
    """
    status, carried = {}, {}
    for sitting in candidate.get("attempts") or ():
        credits = sitting.get("credits")
        if credits is not None:
            carried[sitting["code"]] = credits
        score = sitting.get("score")
        if ((type(score) in _NUMBER and score >= pass_mark) or score in PASS_GRADES) \
                and not (is_void and is_void(sitting.get("session"))):
            status[sitting["code"]] = "passed"
    findings = []
    for transfer in candidate.get("transfers") or ():
        code = transfer["code"]
        if transfer["accepted"]:
            status.setdefault(code, "转考")
        else:
            findings.append(_info("TRANSFER_REJECTED", code, messages.transfer_rejected(code, name_of(code))))
    exemptions = candidate.get("exemptions")
    if exemptions:
        _exempt(exemptions, status, findings, reference, name_of)
    return status, carried, findings


def _exempt(exemptions, status, findings, reference, name_of):
    """One certificate exempts one course, unless a rule exempts a pair with it (NCRE 00018+00019)."""
    used = {}
    for item in exemptions:
        code = item["code"]
        if not item["approved"]:
            findings.append(_info("EXEMPTION_INVALID", code, messages.exemption_rejected(code, name_of(code))))
            continue
        certificate = item.get("certificate_id")
        if certificate:
            earlier = used.setdefault(certificate, [])
            if earlier and not any({*earlier, code} <= bundle for bundle in reference.certificate_bundles):
                findings.append(_info("EXEMPTION_INVALID", code,
                                      messages.exemption_certificate_reused(code, name_of(code), certificate)))
                continue
            earlier.append(code)
        status.setdefault(code, "免考")


def _info(code, subject, message):
    return {"code": code, "severity": "info", "subject": subject, "message": message}
