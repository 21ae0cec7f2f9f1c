"""Lambda entry point of the eligibility function; the app and its clients are built once per container."""
from mangum import Mangum

from .app import app

handler = Mangum(app, lifespan="off")
