"""Validation errors name the field as the page does and say what is allowed: "新密码至少 8 个字", not
"new_password: 过短"."""
from typing import Annotated

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, StrictBool

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
    assert answer["message"] == "新密码至少 8 个字" and answer["field"] == "new_password"


def test_a_nested_path_takes_its_nearest_named_part_and_an_unknown_one_keeps_its_path():
    assert field_label("entries.0.unit") == "简历第 1 条的单位或学校"
    assert field_label("changes.xyz") == "基本信息"
    assert field_label("xyz.abc") == "提交的内容"


class Changes(BaseModel):
    changes: dict[str, Annotated[str, Field(max_length=10)] | StrictBool | None]


def test_a_field_of_several_types_answers_once_with_what_is_allowed_and_no_type_names():
    made = create_app("union")
    made.state.field_labels = {"hukou_place": "户籍所在地"}

    @made.put("/basic")
    def basic(body: Changes):
        return {}
    answer = TestClient(made).put("/basic", json={"changes": {"hukou_place": "很长" * 10}}).json()["error"]
    assert answer["problems"] == [{"field": "changes.hukou_place", "message": "户籍所在地最多 10 个字"}]
