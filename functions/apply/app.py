"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functions.common.aws import OnFirstUse, s3_client
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

from .accounts import routes as account_routes
from .accounts import session_routes
from .accounts import staff_routes as staff_account_routes
from .application import routes as application_routes
from .claims import routes as claim_routes
from .exceptions import routes as exception_routes
from .payments import routes as payment_routes
from .prior_checks import routes as prior_check_routes
from .review import routes as review_routes
from .sections import routes as details_routes
from .sections.basic_rules import LABELS as BASIC_LABELS
from .services import build_services
from .sms import routes as sms_routes
from .sms.outbox import check_sms_setup

app = create_function_app("apply")
# Read per request from app.state, so tests can serve another province's rules from the same process.
app.state.profile = load_profile(app.state.settings.province)
check_sms_setup(app.state.settings, app.state.profile)     # messages on, deployed, no provider: refuse to start
app.state.s3 = OnFirstUse(s3_client)
# Validation errors name a basic-information field as its page does (changes.hukou_place → 户籍所在地).
app.state.field_labels = BASIC_LABELS
app.state.services = build_services(app.state)
for module in (session_routes, account_routes, staff_account_routes, application_routes, details_routes,
               payment_routes, review_routes, sms_routes, claim_routes, exception_routes, prior_check_routes):
    app.include_router(module.router)
if app.state.settings.local:        # the sandbox's pay button exists only on the local stage
    app.include_router(payment_routes.sandbox_router)
