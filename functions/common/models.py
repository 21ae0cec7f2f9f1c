"""The base of every answer a route declares (`response_model`): a field the code returns but the model does not
declare is an error in tests, not a value silently dropped, so the published schema is the answer's real shape."""
from __future__ import annotations

from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ok(Answer):
    """A change that has nothing to show but that it was done."""
    ok: bool = True
    next: str | None = None


class AnswerRoute(APIRoute):
    """A route whose answer leaves out the optional fields the code did not set: the JSON is exactly what the service
    returned (a field some answers lack stays absent, not null). Use as `APIRouter(route_class=AnswerRoute)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "response_model_exclude_unset": True})
