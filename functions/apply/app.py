"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functions.common.profiles import load_profile
from functions.common.web import create_function_app

from . import account_routes, session_routes, staff_account_routes

app = create_function_app("apply")
# Read per request from app.state, so tests can serve another province's rules from the same process.
app.state.profile = load_profile(app.state.settings.province)
app.include_router(session_routes.router)
app.include_router(account_routes.router)
app.include_router(staff_account_routes.router)
