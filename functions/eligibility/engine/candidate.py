"""What callers hand the engine: the candidate record, the batch, a 顶替 choice.

A candidate record in canonical form (the form the importer stores) is checked by fast
predicates: the audit does it itself, the sittings while it reads them. A record in any
other form is read whole by record.py, which names every field it cannot read.
"""

from .checks import Reader
from .errors import EngineInputError
from .prior_education import CONCURRENT_STATUSES
from .record import canonical_candidate
from .transcript import NotCanonical, read_sittings, resolve

PRIOR_STATUSES = ("verified", "manual_pending", "unverified")


def validate_batch(batch, file="batch"):
    # A population run audits every candidate against the same batch object: check it once.
    last = _LAST_BATCH.get(file)
    if last is not None and last[0] is batch and last[1] == batch:
        return batch
    r = Reader(file)
    r.obj(batch, "batch")
    r.field(batch, "id", "batch", "str")
    r.field(batch, "graduation_date", "batch", "date")
    for key in ("prior_edu_cutoff", "prior_edu_verify_by", "as_of"):
        r.field(batch, key, "batch", "date", optional=True)
    r.field(batch, "province", "batch", "str", optional=True)
    r.field(batch, "prior_edu_exceptions", "batch", "list", optional=True)
    _LAST_BATCH[file] = (batch, dict(batch))
    return batch


_LAST_BATCH: dict = {}


def read_candidate(record, file="candidate"):
    """The record in the contract's canonical form: the record itself when it already is (a cheap check),
    else a canonical copy read from its variants (record.py). Raises EngineInputError, with every problem
    of the record in `.problems`, for what cannot be read."""
    try:
        check_canonical(record)
        read_sittings(record.get("attempts"), 60, None, {}, {})
        return record
    except NotCanonical:
        return canonical_candidate(record, file)


def check_canonical(record):
    """Raise NotCanonical unless the record's fields other than its sittings are in canonical form
    (the audit checks the sittings while it reads them)."""
    try:
        _check(record)
    except EngineInputError:
        raise NotCanonical from None


def _check(record):
    r = Reader("candidate")
    r.obj(record, "candidate")
    if record.get("registered_on") not in _SEEN_DATES:
        r.field(record, "registered_on", "candidate", "moment")
        _remember(_SEEN_DATES, record["registered_on"])
    if "eligible_on" in record:
        r.field(record, "eligible_on", "candidate", "moment", optional=True)
    flags = record.get("flags")
    if flags is not None and type(flags) is not dict:
        r.field(record, "flags", "candidate", "dict")
    for key, check in _LISTS:
        items = record.get(key)
        if items:
            for i, item in enumerate(r.field(record, key, "candidate", "list")):
                check(r, r.obj(item, f"candidate.{key}[{i}]"), f"candidate.{key}[{i}]")
        elif items is not None:
            r.field(record, key, "candidate", "list")
    concurrent = record.get("concurrent_associate_application")
    if concurrent is not None:
        r.field(record, "concurrent_associate_application", "candidate", "dict")
        r.field(concurrent, "batch", "candidate.concurrent_associate_application", "str")
        r.field(concurrent, "status", "candidate.concurrent_associate_application", "str", optional=True,
                choices=CONCURRENT_STATUSES)
    thesis = record.get("thesis")
    if thesis is not None:
        r.field(record, "thesis", "candidate", "dict")
        r.field(thesis, "code", "candidate.thesis", "canonical_code")
        if "score" in thesis:
            r.fail("candidate.thesis.score", "grade")
        r.field(thesis, "grade", "candidate.thesis", "result", optional=True)
        r.field(thesis, "host_university", "candidate.thesis", "str", optional=True)


# Registration dates already seen well-formed (see transcript.SEEN_SESSIONS for why).
_SEEN_DATES: set = set()


def _remember(seen, value):
    if len(seen) < 100_000:
        seen.add(value)


def _check_prior(r, item, path):
    r.field(item, "level", path, "str")
    r.field(item, "graduation_date", path, "moment", optional=True)
    r.field(item, "status", path, "str", optional=True, choices=PRIOR_STATUSES)
    r.field(item, "verified_on", path, "date", optional=True)
    r.field(item, "school_proof", path, "bool", optional=True)


def _check_graduation(r, item, path):
    r.field(item, "major_code", path, "canonical_code")
    r.field(item, "level", path, "str")


def _check_discipline(r, item, path):
    r.field(item, "id", path, "str")
    ban_until = r.field(item, "ban_until", path, "moment", optional=True)
    years = r.field(item, "delay_years", path, "positive", optional=True)
    for key in ("eligible_on", "decided_on"):
        r.field(item, key, path, "moment", optional=True)
    sessions = r.field(item, "void_sessions", path, "list", optional=True)
    for i, session in enumerate(sessions or ()):
        r.value(session, f"{path}.void_sessions[{i}]", "session")
    r.field(item, "results_void_during_delay", path, "bool", optional=True)
    if ban_until is None and years is None and not sessions:
        r.fail(path, "含 ban_until、delay_years 或 void_sessions 的违纪记录")


def _check_exemption(r, item, path):
    if "codes" in item:
        r.field(item, "codes", path, "canonical_codes")
    else:
        r.field(item, "code", path, "canonical_code")
    r.field(item, "approved", path, "bool", optional=True)
    r.field(item, "certificate_id", path, "str", optional=True)
    r.field(item, "pending", path, "bool", optional=True)
    r.field(item, "reason", path, "str", optional=True)
    r.field(item, "label", path, "str", optional=True, choices=("免考", "顶替"))


def _check_transfer(r, item, path):
    r.field(item, "code", path, "canonical_code")
    r.field(item, "accepted", path, "bool", optional=True)


def _check_choice(r, item, path, codes="canonical_codes"):
    r.field(item, "rule_id", path, "str")
    r.field(item, "use", path, codes)
    r.field(item, "replace", path, codes)


_LISTS = (("prior_education", _check_prior), ("graduations", _check_graduation),
          ("disciplinary", _check_discipline), ("exemptions", _check_exemption),
          ("transfers", _check_transfer), ("applied_substitutions", _check_choice))


def validate_choice(choice, plan, candidate, reference, file="applied_substitutions"):
    """Check one 课程顶替 choice before it is stored: the rule exists, may be chosen for this
    plan, and names only courses the rule knows and the candidate has passed."""
    r = Reader(file)
    r.obj(choice, "$")
    _check_choice(r, choice, "", codes="codes")
    candidate = read_candidate(candidate)
    compiled = reference.compiled(plan)
    rule_id = choice["rule_id"]
    if rule_id not in reference.rules_by_id:
        r.fail("rule_id", f"已知的顶替规则编号（没有规则 {rule_id}）")
    oriented = compiled.application_by_id.get(rule_id)
    if oriented is None:
        r.fail("rule_id", f"本专业考试计划（{compiled.plan_id}）可申请的顶替规则（{rule_id} 不适用）")
    if not oriented.rule.open_to(candidate.get("registered_on")):
        r.fail("rule_id", f"{oriented.rule.registered_before}前注册的考生才可适用的规则")
    passed, _, _ = resolve(candidate, compiled.pass_mark, None, reference, reference.course_name)
    for i, code in enumerate(choice["use"]):
        if oriented.source_codes and code not in oriented.source_codes:
            r.fail(f"use[{i}]", f"规则 {rule_id} 的可用课程之一（{'、'.join(sorted(oriented.source_codes))}）")
        if code in compiled.plan_codes:
            r.fail(f"use[{i}]", f"本专业计划以外的已考合格课程（{code} 已计入本专业）")
        if code not in passed:
            r.fail(f"use[{i}]", f"您已考合格的课程（{code} 没有合格成绩）")
    for i, code in enumerate(choice["replace"]):
        if code not in oriented.targets:
            r.fail(f"replace[{i}]", f"规则 {rule_id} 可顶替的课程之一（{'、'.join(oriented.targets)}）")
    return choice


def as_input_error(file, exc: EngineInputError) -> EngineInputError:
    """The same error re-addressed to the file it was read from (e.g. a case file)."""
    return EngineInputError(file, exc.path, exc.expected)
