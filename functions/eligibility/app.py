"""The eligibility function's API: majors, audits, what-if, 顶替 suggestions and choices, staff exceptions."""
from functions.common.dynamo.store import Store
from functions.common.web import create_function_app
from functions.eligibility.stores.reference import ReferenceCache

from .routes import candidate as routes
from .routes import staff as staff_routes
from .service import Eligibility

app = create_function_app("eligibility")
_store = Store(app.state.table)
app.state.eligibility = Eligibility(_store, ReferenceCache(_store), app.state.clock)
app.include_router(routes.router)
app.include_router(staff_routes.router)
