"""The photo function's API: upload slots, photo and document checks, auto-fix, the staff photo queue, and the
identity check by photos."""
from functions.common.aws import OnFirstUse, s3_client
from functions.common.features import Feature, Features
from functions.common.web import create_function_app
from functions.profiles.loader import load_profile

# Each feature's routes, imported on the first request to one of its prefixes (common/features.py); in this order.
FEATURES = [Feature("functions.photo.uploads.routes", ("/api/photo/uploads", "/api/photo/staff/queue")),
            Feature("functions.photo.identity.routes", ("/api/photo/identity", "/api/photo/staff/identity")),
            Feature("functions.photo.exports.routes", ("/api/photo/staff/exports",)),
            Feature("functions.photo.onsite.routes", ("/api/photo/staff/onsite",))]

app = create_function_app("photo")
# Read per request through deps.py (not captured at import), so one process can serve another province's rules:
# the tests set app.state.profile = load_profile("anhui") and put the deployed one back afterwards.
app.state.profile = load_profile(app.state.settings.province)
app.state.s3 = OnFirstUse(s3_client)
app.state.features = Features(app, FEATURES)
app.state.field_labels = {"batch": "批次", "after": "上一包最后一位毕业生的准考证号"}   # as the batches page names them
