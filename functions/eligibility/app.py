"""The eligibility function's API: majors, audits, what-if, 顶替 suggestions and choices, staff exceptions."""
from functions.common.dynamo.store import Store
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

from .routes import candidate as candidate_routes
from .routes import staff as staff_routes
from .service import Eligibility
from .stores.reference import ReferenceCache

app = create_function_app("eligibility")
# Read per request (本、专科专业一并申请 is the profile's: application/associate.py), like the apply function's: the
# tests set app.state.profile = load_profile("anhui") and put the deployed one back afterwards.
app.state.profile = load_profile(app.state.settings.province)
_store = Store(app.state.table)
# Built once per container (deps.py hands it to the routes): its reference cache outlives a request.
app.state.eligibility = Eligibility(_store, ReferenceCache(_store), app.state.clock, app.state.settings.province,
                                    lambda: app.state.profile.data)
app.include_router(candidate_routes.router)
app.include_router(staff_routes.router)
