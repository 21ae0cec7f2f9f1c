"""Validation errors name the field as the page does: "新密码过短", not "new_password: 过短"."""
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from functions.common.web import create_app, field_label


class Body(BaseModel):
    new_password: str = Field(min_length=8)
    entries: list[dict] = Field(default=[], max_length=1)


def app() -> FastAPI:
    made = create_app("labels")

    @made.post("/x")
    def x(body: Body):
        return {}
    return made


def test_a_validation_error_names_the_field_in_chinese():
    answer = TestClient(app()).post("/x", json={"new_password": "short"}).json()["error"]
    assert answer["message"] == "新密码过短" and answer["field"] == "new_password"


def test_a_nested_path_takes_its_nearest_named_part_and_an_unknown_one_keeps_its_path():
    assert field_label("entries.0.unit") == "简历"
    assert field_label("changes.xyz") == "changes.xyz"
