"""The apply function's services, built once per container from app.state (table, clock, profile, S3).

Each reads the profile and the clock from app.state on every call, so tests can serve another province's rules
or move the clock without rebuilding anything.
"""
from __future__ import annotations

from dataclasses import dataclass

from functions.apply.application.service import Applications
from functions.apply.application.store import ApplicationStore
from functions.apply.effects.notices import SmsNotices, TableOutbox
from functions.apply.effects.service import Effects
from functions.apply.forms.service import FormService
from functions.apply.payments.service import PaymentService, sandbox_provider
from functions.apply.review.decisions import Decisions
from functions.apply.sections.prior import PriorChecks
from functions.apply.sections.prior_rules import SandboxXuexin
from functions.apply.sections.service import Drafting
from functions.common.dynamo.store import Store
from functions.eligibility.service import Eligibility
from functions.eligibility.stores.reference import ReferenceCache


@dataclass
class Services:
    store: ApplicationStore
    effects: Effects
    applications: Applications
    decisions: Decisions
    payments: PaymentService
    forms: FormService
    prior: PriorChecks
    outbox: TableOutbox
    drafting: Drafting


def build_services(state) -> Services:
    table, settings = state.table, state.settings
    store = ApplicationStore(state, Eligibility(Store(table), ReferenceCache(Store(table)), state.clock))
    # Real providers (WeChat Pay, Alipay) and a real 学信网 client plug in here behind the same interfaces
    # (payments.PaymentProvider, prior_education.Xuexin); the stack ships their sandboxes.
    payments = PaymentService(store, lambda: {"sandbox": sandbox_provider(table)})
    forms = FormService(store, state.s3, settings.forms_bucket, settings.uploads_bucket)
    outbox = TableOutbox(table, state.clock)
    effects = Effects(table, {"create_order": payments.make_order, "refund": payments.refund,
                              "make_form": forms.perform, "notify": SmsNotices(store, outbox).perform})
    return Services(store=store, effects=effects, applications=Applications(store, effects),
                    decisions=Decisions(store, effects), payments=payments, forms=forms,
                    prior=PriorChecks(store, SandboxXuexin()), outbox=outbox, drafting=Drafting(store))
