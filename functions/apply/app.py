"""The apply function: accounts, sessions, applications, review, payment, forms."""
from functions.common.web import create_function_app

from . import session_routes

app = create_function_app("apply")
app.include_router(session_routes.router)
