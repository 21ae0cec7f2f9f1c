"""Validation of what callers hand the engine: the candidate record, the batch, a 顶替 choice.

The audit calls `validate_candidate` itself, so the common case (a well-formed record) is
checked by a fast predicate per sitting; only a record that fails it is walked again by the
`Reader` to name the exact field.
"""

from .checks import Reader
from .errors import EngineInputError
from .transcript import read_sittings, resolve

_NUMBER = (int, float)


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


_LAST_BATCH = {}


def validate_candidate(record, file="candidate", attempts=True):
    """Raise EngineInputError naming the field when the record cannot be audited.

    The audit passes attempts=False: it checks each sitting while reading the transcript.
    """
    r = Reader(file)
    r.obj(record, "candidate")
    if record.get("registered_on") not in _SEEN_DATES:
        r.field(record, "registered_on", "candidate", "date")
        _remember(_SEEN_DATES, record["registered_on"])
    flags = record.get("flags")
    if flags is not None and type(flags) is not dict:
        r.field(record, "flags", "candidate", "dict")
    if attempts and record.get("attempts") is not None:
        read_sittings(record["attempts"], 60, None, {}, {}, file)
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
    thesis = record.get("thesis")
    if thesis is not None:
        r.field(record, "thesis", "candidate", "dict")
        r.field(thesis, "code", "candidate.thesis", "code")
        r.field(thesis, "grade", "candidate.thesis", "score", optional=True)
        r.field(thesis, "host_university", "candidate.thesis", "str", optional=True)
    return record


# Registration dates already seen well-formed (see transcript.SEEN_SESSIONS for why).
_SEEN_DATES = set()


def _remember(seen, value):
    if len(seen) < 100_000:
        seen.add(value)


def _check_prior(r, item, path):
    r.field(item, "level", path, "str")
    r.field(item, "graduation_date", path, "date", optional=True)
    r.field(item, "status", path, "str", optional=True)
    r.field(item, "verified_on", path, "date", optional=True)
    r.field(item, "school_proof", path, "bool", optional=True)


def _check_graduation(r, item, path):
    r.field(item, "major_code", path, "str")
    r.field(item, "level", path, "str")


def _check_discipline(r, item, path):
    r.field(item, "id", path, "str")
    ban_until = r.field(item, "ban_until", path, "date", optional=True)
    years = r.field(item, "delay_years", path, "positive", optional=True)
    for key in ("eligible_on", "decided_on"):
        r.field(item, key, path, "date", optional=True)
    sessions = r.field(item, "void_sessions", path, "list", optional=True)
    for i, session in enumerate(sessions or ()):
        r.value(session, f"{path}.void_sessions[{i}]", "session")
    r.field(item, "results_void_during_delay", path, "bool", optional=True)
    if ban_until is None and years is None and not sessions:
        r.fail(path, "含 ban_until、delay_years 或 void_sessions 的违纪记录")


def _check_exemption(r, item, path):
    r.field(item, "code", path, "code")
    r.field(item, "approved", path, "bool")
    r.field(item, "certificate_id", path, "str", optional=True)


def _check_transfer(r, item, path):
    r.field(item, "code", path, "code")
    r.field(item, "accepted", path, "bool")


def _check_choice(r, item, path):
    r.field(item, "rule_id", path, "str")
    r.field(item, "use", path, "codes")
    r.field(item, "replace", path, "codes")


_LISTS = (("prior_education", _check_prior), ("graduations", _check_graduation),
          ("disciplinary", _check_discipline), ("exemptions", _check_exemption),
          ("transfers", _check_transfer), ("applied_substitutions", _check_choice))


def validate_choice(choice, plan, candidate, reference, file="applied_substitutions"):
    """Check one 课程顶替 choice before it is stored: the rule exists, may be chosen for this
    plan, and names only courses the rule knows and the candidate has passed."""
    r = Reader(file)
    r.obj(choice, "$")
    _check_choice(r, choice, "")
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
