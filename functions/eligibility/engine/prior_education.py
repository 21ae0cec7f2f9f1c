"""Prior education (前置学历) for 本科/专升本 graduation.

A verified diploma of 专科 or higher dated on or before the batch cut-off passes (安徽:
上半年不得晚于6月30日, 以证书落款日期为准). A diploma filed for staff to check by hand
(status manual_pending: 学信网 could not confirm it) makes the verdict conditional. Anything
else blocks, except the two 安徽 exceptions which make the verdict conditional too:
- AH-CONCURRENT: 专科 and 本科 applied for in the same batch need no verification: the 本科 is conditional while
  the 专科 waits for the city's confirmation (`status` pending), satisfied once the city confirmed it, and refused
  with the 专科's reason when it was rejected (seed 002: 确认本次专科专业符合毕业条件后再提交本科专业毕业申请);
- AH-FRESH-GRAD: an 应届 graduate with a school-issued proof may apply, but must complete the
  学信网 verification by `prior_edu_verify_by` or the application lapses.
A batch lists the exceptions it allows in `prior_edu_exceptions`; without that list, AH-FRESH-GRAD
is allowed where the batch sets a verify-by date and AH-CONCURRENT in 安徽 batches.
"""

from . import messages
from .codes import Code, Severity
from .dates import earlier

SUBJECT = "prior_education"
# Where the 专科 applied for in the same batch stands (the record's concurrent_associate_application.status; absent:
# pending, as before the application said).
CONCURRENT_STATUSES = ("pending", "confirmed", "rejected")
CONCURRENT = "AH-CONCURRENT"     # the exception's id in a batch's prior_edu_exceptions (rules/policies.json)
_QUALIFYING = ("专科", "本科", "专升本", "硕士", "博士", "研究生")


def check_prior_education(plan, candidate, batch):
    if not plan.requires_prior_education:
        return []
    cutoff = batch.get("prior_edu_cutoff") or batch["graduation_date"]
    verify_by = batch.get("prior_edu_verify_by")
    allowed = exceptions_allowed(batch)
    entries = [e for e in candidate.get("prior_education") or () if any(q in e["level"] for q in _QUALIFYING)]
    outcomes = [_judge(e, cutoff, verify_by, batch.get("as_of"), "AH-FRESH-GRAD" in allowed) for e in entries]
    if any(o is None for o in outcomes):
        return []
    concurrent = candidate.get("concurrent_associate_application")
    if CONCURRENT in allowed and concurrent and concurrent.get("batch") == batch["id"]:
        return _concurrent(concurrent)
    if not outcomes:
        return [_finding(Code.PRIOR_EDU_MISSING, Severity.BLOCKING, messages.PRIOR_EDU_MISSING)]
    return [min(outcomes, key=lambda f: _RANK[f["code"]])]


# The most favourable outcome is reported when a candidate lists several diplomas.
_RANK = {Code.PRIOR_EDU_PENDING_VERIFICATION: 0, Code.PRIOR_EDU_AFTER_CUTOFF: 1, Code.PRIOR_EDU_UNVERIFIED: 2}


def _judge(entry, cutoff, verify_by, as_of, fresh_grad_allowed):
    """None when the entry satisfies the requirement, else the finding it leads to."""
    graduated = entry.get("graduation_date")
    if graduated and earlier(cutoff, graduated):  # a month-only date (2026-06) is the cut-off's month: on time
        return _finding(Code.PRIOR_EDU_AFTER_CUTOFF, Severity.BLOCKING,
                        messages.prior_edu_after_cutoff(graduated, cutoff))
    verified = entry.get("status") == "verified"
    if fresh_grad_allowed and verify_by and entry.get("school_proof"):
        verified_on = entry.get("verified_on")
        if verified and (not verified_on or verified_on <= verify_by):
            return None
        if (verified and verified_on > verify_by) or (as_of and as_of > verify_by):
            return _finding(Code.PRIOR_EDU_UNVERIFIED, Severity.BLOCKING, messages.prior_edu_verify_lapsed(verify_by))
        return _finding(Code.PRIOR_EDU_PENDING_VERIFICATION, Severity.CONDITIONAL,
                        messages.prior_edu_pending(verify_by))
    if verified:
        return None
    if entry.get("status") == "manual_pending":
        # The candidate filed the diploma for staff to check (学信网 could not confirm it): submittable, and
        # the reviewers decide.
        return _finding(Code.PRIOR_EDU_PENDING_VERIFICATION, Severity.CONDITIONAL, messages.PRIOR_EDU_MANUAL)
    return _finding(Code.PRIOR_EDU_UNVERIFIED, Severity.BLOCKING, messages.PRIOR_EDU_UNVERIFIED)


def _concurrent(concurrent):
    """The 本科's finding from the 专科 of the same batch: confirmed by the city, none; rejected, the 本科 cannot
    graduate on it (blocking, as any prior education that fails); otherwise conditional, naming the 专科."""
    status, major = concurrent.get("status") or "pending", concurrent.get("major")
    if status == "confirmed":
        return []
    if status == "rejected":
        return [_finding(Code.PRIOR_EDU_CONCURRENT_ASSOCIATE, Severity.BLOCKING,
                         messages.concurrent_rejected(major, concurrent.get("reason")))]
    return [_finding(Code.PRIOR_EDU_CONCURRENT_ASSOCIATE, Severity.CONDITIONAL, messages.concurrent_pending(major))]


def exceptions_allowed(batch):
    """The batch's exceptions to the prior-education rule (its list, else the defaults the docstring names)."""
    listed = batch.get("prior_edu_exceptions")
    if listed is not None:
        return set(listed)
    allowed = set()
    if batch.get("prior_edu_verify_by"):
        allowed.add("AH-FRESH-GRAD")
    if batch.get("province") == "安徽":
        allowed.add(CONCURRENT)
    return allowed


def _finding(code, severity, message):
    return {"code": code, "severity": severity, "subject": SUBJECT, "message": message}
