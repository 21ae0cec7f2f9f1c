"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functools import cache

from functions.common.aws import OnFirstUse, s3_client
from functions.common.features import Feature, Features
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

from .payments.configured import check_configured, real_providers
from .sections.basic_rules import LABELS as BASIC_LABELS
from .sms.outbox import check_sms_setup

# Each feature's routes, imported on the first request to one of its prefixes (common/features.py); in this order.
FEATURES = [
    Feature("functions.apply.accounts.session_routes", ("/api/apply/captcha", "/api/apply/session")),
    Feature("functions.apply.accounts.routes", ("/api/apply/accounts", "/api/apply/password-reset/")),
    Feature("functions.apply.accounts.staff_routes",
            ("/api/apply/staff/accounts", "/api/apply/staff/approvals", "/api/apply/staff/candidates/")),
    Feature("functions.apply.application.routes", ("/api/apply/application", "/api/apply/messages")),
    Feature("functions.apply.sections.routes", ("/api/apply/application/",)),
    Feature("functions.apply.payments.routes", ("/api/apply/application/payment", "/api/apply/payments/")),
    Feature("functions.apply.review.routes", ("/api/apply/staff/review", "/api/apply/staff/applications",
                                              "/api/apply/staff/batches", "/api/apply/staff/exports/")),
    Feature("functions.apply.sms.routes", ("/api/apply/staff/applications/",)),
    Feature("functions.apply.claims.routes", ("/api/apply/application/claims", "/api/apply/staff/applications/")),
    Feature("functions.apply.exam_numbers.routes",
            ("/api/apply/application/exam-numbers", "/api/apply/staff/applications/")),
    Feature("functions.apply.exceptions.routes", ("/api/apply/staff/applications/", "/api/apply/staff/exceptions/")),
    Feature("functions.apply.prior_checks.routes",
            ("/api/apply/staff/applications/", "/api/apply/staff/prior-education/")),
    Feature("functions.apply.notices.routes", ("/api/apply/notices", "/api/apply/staff/notices")),
]
# The sandbox's pay button exists only on the local stage.
SANDBOX = Feature("functions.apply.payments.routes:sandbox_router", ("/api/apply/payments/sandbox/",))

app = create_function_app("apply")
# Read per request from app.state, so tests can serve another province's rules from the same process.
app.state.profile = load_profile(app.state.settings.province)
check_sms_setup(app.state.settings, app.state.profile)     # messages on, deployed, no provider: refuse to start
check_configured(app.state.settings, app.state.profile.data, real_providers(app.state.clock))  # a fee, no provider
app.state.s3 = OnFirstUse(s3_client)
# Validation errors name a basic-information field as its page does (changes.hukou_place → 户籍所在地).
app.state.field_labels = BASIC_LABELS


@cache
def _services():
    """The feature services (services.py), built by the first request that uses one: most cold starts serve a
    feature that needs a few of them, and importing them all is a third of the function's own start."""
    from .services import build_services
    return build_services(app.state)


app.state.services = OnFirstUse(_services)
app.state.features = Features(app, FEATURES + ([SANDBOX] if app.state.settings.local else []))
