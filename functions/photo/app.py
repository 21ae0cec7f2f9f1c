"""The photo function's API: upload slots, photo and document checks, auto-fix, the staff photo queue, and the
identity check by photos."""
from functions.common.aws import OnFirstUse, s3_client
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

from .identity import routes as identity_routes
from .uploads import routes as upload_routes

app = create_function_app("photo")
# Read per request through deps.py (not captured at import), so one process can serve another province's rules:
# the tests set app.state.profile = load_profile("anhui") and put the deployed one back afterwards.
app.state.profile = load_profile(app.state.settings.province)
app.state.s3 = OnFirstUse(s3_client)
app.include_router(upload_routes.router)
app.include_router(identity_routes.router)
