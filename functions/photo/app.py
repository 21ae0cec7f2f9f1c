"""The photo function's API: upload slots, photo and document checks, auto-fix."""
from functions.common.web import create_function_app

app = create_function_app("photo")
