"""Transcript resolution: which courses count as passed, and how.

A course is passed by any sitting that is not void and reaches the pass mark; failed and
absent sittings never count, however many there are (SEED-HB shows them in red). Accepted
transfers (转考) and approved exemptions (免考) count too. A result keeps the strongest
label: an exam pass over a transfer over an exemption.
"""

from . import messages
from .codes import Code, Severity
from .dates import is_session
from .values import FAIL_GRADES, NEVER_PASS, PASS_GRADES, is_short_number, text

_NUMBER = (int, float)
# Text results a canonical sitting may carry (values.py reads every other way a province writes them).
FAILING = FAIL_GRADES | frozenset(NEVER_PASS)


class NotCanonical(Exception):
    """A record in another form than the canonical one: read it whole (record.canonical_candidate)."""


def is_pass(score, pass_mark) -> bool:
    return (type(score) in _NUMBER and score >= pass_mark) or score in PASS_GRADES


def resolve(candidate, pass_mark, is_void, reference, name_of):
    """Return (status, carried_credits, info_findings) of a canonical record.

    status: code -> "passed" | "转考" | "免考" | "顶替" (a 替代课程 claim). carried_credits: credits a sitting recorded
    for its course (used for courses outside the plan, e.g. a 山西 英语(二) credit pool).
    Raises NotCanonical at a sitting in another form.
    """
    status, carried = {}, {}
    read_sittings(candidate.get("attempts"), pass_mark, is_void, status, carried)
    findings = []
    for transfer in candidate.get("transfers") or ():
        code = transfer["code"]
        if transfer.get("accepted", True):  # a rejected transfer is recorded as such
            status.setdefault(code, "转考")
        else:
            findings.append(_info(Code.TRANSFER_REJECTED, code, messages.transfer_rejected(code, name_of(code))))
    exemptions = candidate.get("exemptions")
    if exemptions:
        _exempt(exemptions, status, findings, reference, name_of)
    return status, carried, findings


def _exempt(exemptions, status, findings, reference, name_of):
    """One certificate exempts one course, unless a rule exempts a pair with it (NCRE 00018+00019) or one
    approved exemption names several courses (`codes`)."""
    used = {}
    for item in exemptions:
        codes = item.get("codes") or (item["code"],)
        if not item.get("approved", True):
            findings += [_info(Code.EXEMPTION_INVALID, code,
                               messages.exemption_rejected(code, name_of(code), item.get("reason")))
                         for code in codes]
            continue
        if item.get("pending"):
            # A claim staff have not decided yet: counted, so the candidate may submit, and the verdict says
            # it depends on the decision (a refusal turns the course back to missing).
            findings += [{"code": Code.EXEMPTION_PENDING, "severity": Severity.CONDITIONAL, "subject": code,
                          "message": messages.exemption_pending(code, name_of(code))} for code in codes]
        certificate = item.get("certificate_id")
        if certificate:
            earlier = used.setdefault(certificate, [])
            if earlier and not any({*earlier, *codes} <= bundle for bundle in reference.certificate_bundles):
                findings += [_info(Code.EXEMPTION_INVALID, code,
                                   messages.exemption_certificate_reused(code, name_of(code), certificate))
                             for code in codes]
                continue
            earlier.extend(codes)
        for code in codes:
            status.setdefault(code, item.get("label") or "免考")


def _info(code, subject, message):
    return {"code": code, "severity": Severity.INFO, "subject": subject, "message": message}


# Sessions and course codes already seen in canonical form: a population shares a few dozen sessions and a few
# hundred codes, and a set look-up is much cheaper than checking the same "2025-04" a million times.
SEEN_SESSIONS: set = set()
SEEN_CODES: set = set()


def read_sittings(attempts, pass_mark, is_void, status, carried):
    """Read canonical sittings into `status`/`carried`, checking each on the way.

    Checking here rather than in a separate pass keeps the audit's hottest loop single: a
    canonical sitting costs a few look-ups; anything else raises NotCanonical, and the audit
    reads the record whole (record.py), naming the field if it cannot.
    """
    if attempts is None:
        return
    if type(attempts) is not list:
        raise NotCanonical
    seen_sessions, seen_codes = SEEN_SESSIONS, SEEN_CODES
    for sitting in attempts:
        if type(sitting) is not dict:
            raise NotCanonical
        code, session, score = sitting.get("code"), sitting.get("session"), sitting.get("score")
        if session not in seen_sessions or code not in seen_codes:
            _learn(code, session)
        if len(sitting) > 3 and ("note" in sitting or "result" in sitting):
            raise NotCanonical
        kind = type(score)
        if kind is int or kind is float:
            if not score >= 0:
                raise NotCanonical
            passed = score >= pass_mark
            if passed and sitting.get("absent"):
                raise NotCanonical  # 缺考 never passes: the record reader settles what the score means
        elif kind is str:
            if score in PASS_GRADES:
                passed = True
            elif score in FAILING:
                passed = False
            else:
                raise NotCanonical
        elif score is None and sitting.get("absent") is True:
            passed = False
        else:
            raise NotCanonical
        if "credits" in sitting:
            credits = sitting["credits"]
            if type(credits) not in _NUMBER or not credits >= 0:
                raise NotCanonical
            carried[code] = credits
        if passed and not (is_void and is_void(session)):
            status[code] = "passed"


def _learn(code, session):
    if not (is_session(session) and is_code(code)):
        raise NotCanonical
    if len(SEEN_SESSIONS) < 10_000:
        SEEN_SESSIONS.add(session)
    if len(SEEN_CODES) < 100_000:
        SEEN_CODES.add(code)


def is_code(value) -> bool:
    """A course code in canonical form: text as NFKC reads it, no spaces, at most 32 characters."""
    return (type(value) is str and 0 < len(value) <= 32 and text(value) == value
            and not any(c.isspace() for c in value) and not is_short_number(value))
