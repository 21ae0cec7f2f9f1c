"""The eligibility answers about one candidate, written once and served on two routers: to a candidate about
themselves (candidate.py) and to staff about a candidate of their jurisdiction (staff.py). The routes differ only in
whose answers they give: the `Subject` dependency each router passes in says whose, and Subject.check keeps staff
to their jurisdiction."""
# No `from __future__ import annotations` here: FastAPI reads the routes' parameter types when they are defined, and
# the Subject dependencies are arguments of `add_routes`, which an annotation kept as a string could not name.
from fastapi import APIRouter

from ..deps import EligibilityDep
from ..models import Audit, Choice, Majors, RuleId, RuleTable, Suggestions, Transcript, WhatIf


def add_routes(router: APIRouter, whose: object, whose_plan: object) -> None:
    """The routes about one candidate on `router`: `whose` gives the Subject a route is about, `whose_plan` the
    Subject with the plan the path names."""

    @router.get("/majors", response_model=Majors)
    def majors(subject: whose, eligibility: EligibilityDep):
        """The majors the candidate may apply in, each with a one-line verdict."""
        subject.check(eligibility)
        return {"majors": eligibility.majors(subject.exam_no)}

    @router.get("/audits/{plan_id}", response_model=Audit)
    def full_audit(subject: whose_plan, eligibility: EligibilityDep):
        """The full audit of one major: verdict, findings, applied rules, suggestions, course status."""
        subject.check(eligibility)
        return eligibility.audit(subject.exam_no, subject.plan_id)

    @router.get("/what-if", response_model=WhatIf)
    def what_if(subject: whose, eligibility: EligibilityDep):
        """Every plan the candidate has passed courses in, ranked by what is still missing."""
        subject.check(eligibility)
        return {"plans": eligibility.what_if(subject.exam_no)}

    @router.get("/suggestions/{plan_id}", response_model=Suggestions)
    def suggestions(subject: whose_plan, eligibility: EligibilityDep):
        """The 顶替 rules that help most, ready to apply in one step, and what would still be missing."""
        subject.check(eligibility)
        return eligibility.suggestions(subject.exam_no, subject.plan_id)

    @router.get("/transcripts/{plan_id}", response_model=Transcript)
    def transcript(subject: whose_plan, eligibility: EligibilityDep):
        """Every sitting, 免考, 转考 and 顶替 read against the plan: course, type, credits, score, result in words, how
        obtained, session."""
        subject.check(eligibility)
        return eligibility.transcript(subject.exam_no, subject.plan_id)

    @router.get("/rules/{plan_id}", response_model=RuleTable)
    def rules(subject: whose_plan, eligibility: EligibilityDep):
        """The plan's 课程顶替 rules in words: which can apply to the candidate, and why the others cannot."""
        subject.check(eligibility)
        return eligibility.rules(subject.exam_no, subject.plan_id)

    @router.post("/choices/{plan_id}", response_model=Audit)
    def add_choice(choice: Choice, subject: whose_plan, eligibility: EligibilityDep):
        """Apply one 顶替 (checked against its rule, stored and logged with who applied it); answers with the new
        audit."""
        subject.check(eligibility)
        return eligibility.add_choices(subject.who, subject.exam_no, subject.plan_id, [choice.model_dump()])

    @router.delete("/choices/{plan_id}/{rule_id}", response_model=Audit)
    def remove_choice(rule_id: RuleId, subject: whose_plan, eligibility: EligibilityDep):
        """Remove an applied 顶替; answers with the new audit."""
        subject.check(eligibility)
        return eligibility.remove_choice(subject.who, subject.exam_no, subject.plan_id, rule_id)
