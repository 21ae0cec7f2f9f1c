"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functions.common.aws import s3_client
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

from .accounts import routes as account_routes
from .accounts import session_routes
from .accounts import staff_routes as staff_account_routes
from .application import routes as application_routes
from .payments import routes as payment_routes
from .review import routes as review_routes
from .sections import routes as details_routes
from .services import build_services

app = create_function_app("apply")
# Read per request from app.state, so tests can serve another province's rules from the same process.
app.state.profile = load_profile(app.state.settings.province)
app.state.s3 = s3_client()
app.state.services = build_services(app.state)
for module in (session_routes, account_routes, staff_account_routes, application_routes, details_routes,
               payment_routes, review_routes):
    app.include_router(module.router)
if app.state.settings.local:        # the sandbox's pay button exists only on the local stage
    app.include_router(payment_routes.sandbox_router)
