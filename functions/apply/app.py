"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functions.common.profiles import load_profile
from functions.common.store import Store
from functions.common.web import create_function_app
from functions.eligibility.reference_store import ReferenceCache
from functions.eligibility.service import Eligibility

from . import account_routes, application_routes, session_routes, staff_account_routes
from .applications import Applications
from .review import batch_routes, routes as review_routes

app = create_function_app("apply")
# Read per request from app.state, so tests can serve another province's rules from the same process.
app.state.profile = load_profile(app.state.settings.province)
_store = Store(app.state.table)
app.state.applications = Applications(app.state, Eligibility(_store, ReferenceCache(_store), app.state.clock))
app.include_router(session_routes.router)
app.include_router(account_routes.router)
app.include_router(staff_account_routes.router)
app.include_router(application_routes.router)
app.include_router(review_routes.router)
app.include_router(batch_routes.router)
