"""Eligibility audit engine (毕业条件判定): pure Python, no clock, no environment, no AWS.

Public API:
    load_reference(data_dir) -> Reference
    audit(plan, candidate, batch, reference, exceptions=()) -> dict
    suggest_substitutions(plan, candidate, batch, reference, exceptions=()) -> dict
    what_if(candidate, batch, reference) -> list[dict]
    rule_table(plan, candidate, batch, reference, exceptions=()) -> list[dict]: 顶替 rules in words, usable or not
    choice_refusal(plan, candidate, choice, batch, reference, exceptions=()) -> (field, why) | None
    replacement_courses(plan, candidate, batch, reference, exceptions=()) -> list[dict]: 替代课程 lists in words
    replacement_choice(plan, candidate, course, replacement, batch, reference, exceptions=()) -> (choice, field, why)
    Code, Severity, Verdict: finding codes, severities and verdicts (StrEnums: each member is its JSON value)
    SUBMITTABLE, NOT_MET, MISSING_COURSE: the sets of them code outside compares against
    GATE_CODES: the findings that block starting an application at all (停办, ban, already graduated, …)
    reaudit(candidates, reference, batch, previous_verdicts) -> dict
    reaudit_parallel(candidates, reference, batch, previous_verdicts, processes=None) -> dict
    read_candidate(record) -> the record in canonical form (the ordinary variants read: record.py)
    validate_batch(batch), validate_choice(choice, plan, candidate, reference),
    validate_exceptions(exceptions)
    EngineInputError(file, path, expected)
"""

from .audit import audit, shortfall
from .candidate import read_candidate, validate_batch, validate_choice
from .codes import GATE_CODES, MISSING_COURSE, NOT_MET, SUBMITTABLE, Code, Severity, Verdict
from .compiled import CompiledPlan
from .errors import EngineInputError
from .messages import VERDICT_MESSAGES
from .planning import suggest_substitutions, what_if
from .population import audit_verdicts_parallel, reaudit, reaudit_parallel
from .prior_education import CONCURRENT, exceptions_allowed
from .reference import Reference, load_reference
from .replacement import replacement_choice, replacement_courses
from .rule_table import choice_refusal, judged_rule_table, rule_table
from .staff import validate_exceptions

__all__ = [
    "CONCURRENT", "Code", "CompiledPlan", "EngineInputError", "GATE_CODES", "MISSING_COURSE", "NOT_MET", "SUBMITTABLE",
    "Reference", "Severity", "VERDICT_MESSAGES", "Verdict", "audit", "audit_verdicts_parallel", "choice_refusal",
    "exceptions_allowed", "load_reference", "reaudit", "reaudit_parallel", "suggest_substitutions", "validate_batch",
    "read_candidate", "replacement_choice", "replacement_courses",
    "judged_rule_table", "rule_table", "shortfall", "validate_choice", "validate_exceptions", "what_if",
]
