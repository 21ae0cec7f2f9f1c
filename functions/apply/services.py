"""The apply function's services, built once per container from app.state (table, clock, profile, S3).

Each reads the profile and the clock from app.state on every call, so tests can serve another province's rules
or move the clock without rebuilding anything.
"""
from __future__ import annotations

from dataclasses import dataclass

from functions.apply.application.events import EffectTag
from functions.apply.application.rules import round_ends
from functions.apply.application.service import Applications
from functions.apply.application.store import ApplicationStore
from functions.apply.application.submissions import Submissions
from functions.apply.application.system_review import SystemReview
from functions.apply.claims.service import ClaimService
from functions.apply.claims.store import ClaimStore
from functions.apply.effects.service import Effects, SmsNotices
from functions.apply.effects.store import EffectStore
from functions.apply.exam_numbers.service import ExamNumbers
from functions.apply.exam_numbers.store import ExamNumberStore
from functions.apply.exceptions.service import ExceptionService
from functions.apply.exceptions.store import ExceptionStore
from functions.apply.forms.service import FormService
from functions.apply.forms.store import FormStore
from functions.apply.notices.service import Notices
from functions.apply.notices.store import NoticeStore
from functions.apply.payments.configured import provider_factory, real_providers
from functions.apply.payments.service import PaymentService
from functions.apply.payments.store import OrderStore
from functions.apply.prior_checks.service import PriorClaims
from functions.apply.review.decisions import Decisions
from functions.apply.review.store import ReviewStore
from functions.apply.sections.service import Drafting, PriorChecks
from functions.apply.sections.store import SectionStore
from functions.apply.sections.xuexin import xuexin_for
from functions.apply.sms.outbox import Outbox
from functions.common.batches import all_batches
from functions.common.dynamo.store import Store
from functions.common.links import download_link
from functions.eligibility.service import Eligibility
from functions.eligibility.stores.reference import ReferenceCache


@dataclass
class Services:
    eligibility: Eligibility
    applications: Applications
    submissions: Submissions
    drafting: Drafting
    prior: PriorChecks
    payments: PaymentService
    forms: FormService
    outbox: Outbox
    effects: Effects
    decisions: Decisions
    claims: ClaimService
    exam_numbers: ExamNumbers
    exceptions: ExceptionService
    prior_claims: PriorClaims
    notices: Notices


def build_services(state) -> Services:
    table, settings = state.table, state.settings
    eligibility = Eligibility(Store(table), ReferenceCache(Store(table)), state.clock, state.settings.province,
                              lambda: state.profile.data)
    applications = Applications(state, ApplicationStore(table), eligibility)
    sections = SectionStore(table)
    drafting = Drafting(applications, sections)
    orders = OrderStore(table)
    # Stand-ins (the sandbox payment provider, the sandbox 学信网) only on the local stage; a deployed stack takes
    # its configured providers, and refuses to start when it charges a fee without one (payments/configured.py).
    payments = PaymentService(applications, orders,
                              provider_factory(settings, state.profile.data, orders.sandbox_secret,
                                               real_providers(state.clock)))
    forms = FormService(applications, drafting, FormStore(table, state.s3, settings.forms_bucket,
                                                          settings.uploads_bucket))
    outbox = Outbox(table, state.clock, lambda: state.profile, settings)
    notices = SmsNotices(applications, outbox)
    applications.notices = notices.message          # a status change's SMS, in its own transaction
    applications.orders = payments.order_action     # and the order it makes
    system = SystemReview(applications, drafting.uploads)
    effects = Effects(EffectStore(table), {
        EffectTag.CREATE_ORDER: payments.make_order, EffectTag.REFUND: payments.refund,
        EffectTag.MAKE_FORM: forms.perform, EffectTag.NOTIFY: notices.perform, EffectTag.RECONSIDER: system.perform},
        round_ends=lambda: {b["id"]: round_ends(b) for b in all_batches(Store(table))},
        clock=lambda: state.clock())
    decisions = Decisions(applications, effects, ReviewStore(table, state.s3))
    return Services(eligibility=eligibility, applications=applications,
                    submissions=Submissions(applications, drafting, effects), drafting=drafting,
                    prior=PriorChecks(drafting, xuexin_for(settings)), payments=payments, forms=forms,
                    outbox=outbox, effects=effects, decisions=decisions,
                    prior_claims=PriorClaims(applications, sections, ReviewStore(table), system),
                    claims=ClaimService(applications, sections, ClaimStore(table), lambda key: download_link(
                        state.s3, settings.uploads_bucket, key)),
                    exam_numbers=ExamNumbers(applications, ExamNumberStore(table)),
                    exceptions=ExceptionService(applications, ExceptionStore(table)),
                    notices=Notices(applications, NoticeStore(table), state.clock))
