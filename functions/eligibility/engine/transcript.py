"""Transcript resolution: which courses count as passed, and how.

A course is passed by any sitting that is not void and reaches the pass mark; failed and
absent sittings never count, however many there are (SEED-HB shows them in red). Accepted
transfers (转考) and approved exemptions (免考) count too. A result keeps the strongest
label: an exam pass over a transfer over an exemption.
"""

from . import messages
from .checks import Reader
from .codes import Code, Severity

PASS_GRADES = frozenset({"合格", "优秀", "良好", "中等", "及格", "通过"})
_NUMBER = (int, float)


def is_pass(score, pass_mark) -> bool:
    return (type(score) in _NUMBER and score >= pass_mark) or score in PASS_GRADES


def resolve(candidate, pass_mark, is_void, reference, name_of, file="candidate"):
    """Return (status, carried_credits, info_findings).

    status: code -> "passed" | "转考" | "免考". carried_credits: credits a sitting recorded
    for its course (used for courses outside the plan, e.g. a 山西 英语(二) credit pool).
    """
    status, carried = {}, {}
    read_sittings(candidate.get("attempts"), pass_mark, is_void, status, carried, file)
    findings = []
    for transfer in candidate.get("transfers") or ():
        code = transfer["code"]
        if transfer["accepted"]:
            status.setdefault(code, "转考")
        else:
            findings.append(_info(Code.TRANSFER_REJECTED, code, messages.transfer_rejected(code, name_of(code))))
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
            findings.append(_info(Code.EXEMPTION_INVALID, code, messages.exemption_rejected(code, name_of(code))))
            continue
        certificate = item.get("certificate_id")
        if certificate:
            earlier = used.setdefault(certificate, [])
            if earlier and not any({*earlier, code} <= bundle for bundle in reference.certificate_bundles):
                findings.append(_info(Code.EXEMPTION_INVALID, code,
                                      messages.exemption_certificate_reused(code, name_of(code), certificate)))
                continue
            earlier.append(code)
        status.setdefault(code, "免考")


def _info(code, subject, message):
    return {"code": code, "severity": Severity.INFO, "subject": subject, "message": message}


# Sessions already seen well-formed: a population shares a few dozen, and a set look-up is much
# cheaper than parsing the same "2025-04" a million times.
SEEN_SESSIONS = set()


def read_sittings(attempts, pass_mark, is_void, status, carried, file="candidate"):
    """Read every sitting into `status`/`carried`, checking it on the way.

    Checking here rather than in a separate pass keeps the audit's hottest loop single: a
    well-formed sitting costs a few look-ups; anything else goes to `_check_sitting`, which
    raises EngineInputError naming the field.
    """
    if attempts is None:
        return
    if type(attempts) is not list:
        Reader(file).fail("candidate.attempts", "JSON 数组")
    seen = SEEN_SESSIONS
    for i, sitting in enumerate(attempts):
        if type(sitting) is not dict or sitting.get("session") not in seen:
            _check_sitting(file, sitting, i)
        code, score = sitting.get("code"), sitting.get("score")
        kind = type(score)
        if kind is int or kind is float:
            passed = score >= pass_mark
            if score < 0:
                _check_sitting(file, sitting, i)
        elif kind is str and score:
            passed = score in PASS_GRADES
        else:
            passed = False
            if score is not None or sitting.get("absent") is not True:
                _check_sitting(file, sitting, i)
        if type(code) is not str or not code:
            _check_sitting(file, sitting, i)
        if "credits" in sitting:
            credits = sitting["credits"]
            if type(credits) not in _NUMBER:
                _check_sitting(file, sitting, i)
            carried[code] = credits
        if passed and not (is_void and is_void(sitting["session"])):
            status[code] = "passed"


def _check_sitting(file, sitting, index):
    r, path = Reader(file), f"candidate.attempts[{index}]"
    r.obj(sitting, path)
    r.field(sitting, "code", path, "code")
    r.field(sitting, "session", path, "session")
    r.field(sitting, "score", path, "score", optional=sitting.get("absent") is True)
    r.field(sitting, "credits", path, "number", optional=True)
    r.field(sitting, "absent", path, "bool", optional=True)
    if len(SEEN_SESSIONS) < 10_000:
        SEEN_SESSIONS.add(sitting["session"])
