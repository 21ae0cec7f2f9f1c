"""Gates: conditions that block graduation whatever the transcript says (湖北 step 3).

停办专业, an old plan past its transition or closed to later registrations, a diploma
already held in the same major and level, and an active discipline delay. Discipline also
voids sittings: those in `void_sessions`, and with `results_void_during_delay` every sitting
after the one in which the conditions were met, up to the end of the delay (粤考委〔2014〕1号:
延迟期间考试成绩无效; the qualifying sitting itself counts).
"""

from functions.profiles.vocabulary import level_name

from . import messages
from .codes import Code, Severity
from .dates import add_years, day_before, earlier, is_session, last_day_before_month, sitting_of


def plan_gates(plan, candidate, batch):
    findings = []
    if plan.status == "discontinued":
        findings.append(_block(Code.MAJOR_DISCONTINUED, plan.plan_id, messages.MAJOR_DISCONTINUED))
    old = plan.old_plan_rules
    until = old.get("graduation_allowed_until")
    if until and batch["graduation_date"] > until:
        findings.append(_block(Code.PLAN_VERSION_EXPIRED, plan.plan_id, messages.plan_expired(plan.version, until)))
    before = old.get("registered_before")
    if before and not earlier(candidate["registered_on"], before):
        findings.append(_block(Code.PLAN_NOT_AVAILABLE_TO_CANDIDATE, plan.plan_id,
                               messages.plan_not_available(plan.version, before)))
    for held in candidate.get("graduations") or ():
        if held["major_code"].split(" ")[0] == plan.major_code and _level_tag(held["level"]) == _level_tag(plan.level):
            findings.append(_block(Code.ALREADY_GRADUATED, plan.major_code, messages.ALREADY_GRADUATED))
            break
    return findings


def _level_tag(level):
    return level_name(level)        # 专升本 and 独立本科段 are the same 层次 as 本科


def discipline(candidate, batch):
    """Return (findings, is_void): blocking findings for active delays, and a predicate on
    sessions whose results are void (None when nothing is void)."""
    records = candidate.get("disciplinary")
    if not records:
        return [], None
    findings, void_sessions, void_ranges = [], set(), []
    graduation = batch["graduation_date"]
    for record in records:
        void_sessions.update(record.get("void_sessions") or ())
        start, until = _delay(record, candidate, graduation)
        if until is None:
            continue
        if not earlier(until, graduation):
            finding = _block(Code.DISCIPLINE_BAN_ACTIVE, record["id"], messages.discipline_ban(until))
            finding["until"] = until
            findings.append(finding)
        if record.get("results_void_during_delay") and start:
            # The sitting in which the conditions were met (or the decision taken) counts: only later ones are void.
            void_ranges.append((sitting_of(start), sitting_of(until)))
    if not void_sessions and not void_ranges:
        return findings, None

    def is_void(session):
        return session in void_sessions or any(after < session <= last for after, last in void_ranges)

    return findings, is_void


def _delay(record, candidate, graduation):
    """(start, until): when the delay began, and the last day (or sitting) on which it still holds.

    `delay_years` counts from `eligible_on`, the day or sitting the graduation conditions were met
    (GD-BAN-2014: 从符合毕业条件时间起，延迟毕业时间1年，延迟期间考试成绩无效). From a day, the delay
    ends the day before the same day N years later; from a sitting, before the same sitting N years
    later (that sitting is outside the delay). Without `eligible_on` the conditions are met no earlier
    than this batch, so the delay starts at its graduation date.
    """
    if record.get("ban_until"):
        return record.get("decided_on") or record.get("eligible_on"), record["ban_until"]
    years = record.get("delay_years")
    if not years:
        return None, None
    start = record.get("eligible_on") or candidate.get("eligible_on") or graduation
    if is_session(start):
        return start, last_day_before_month(add_years(start, years))
    return start, day_before(add_years(start, years))


def _block(code, subject, message):
    return {"code": code, "severity": Severity.BLOCKING, "subject": subject, "message": message}
