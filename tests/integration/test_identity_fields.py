"""Issue 15 item 1: nobody gives themselves another person's identity. Name, ID number, gender, birth date and
准考证号 are never candidate-editable in any province (a 考籍更正 the office decides), the profile checker refuses a
profile that lists one, and what the portal shows and prints is the record's identity even where an application's
details hold an edit saved before identity fields were closed.
"""
from __future__ import annotations

import pytest
from support.applying import candidate, ok

from functions.common.dynamo import keys
from functions.profiles.checked import ConfigError
from functions.profiles.loader import PROFILE_DIR, all_profiles, parse_profile

BASIC = "/api/apply/application/basic"
CHECK = "/api/apply/application/check"
IDENTITY_FIELDS = ("name", "id_number", "gender", "birth_date", "exam_no")


def chosen(portal, table, **record):
    me = candidate(portal, table, "420100", **record)
    ok(me.put("/api/apply/application/major", json={"plan_id": me.who["majors"][0]}))
    return me


@pytest.mark.parametrize("field", ["id_number", "gender", "name", "birth_date", "exam_no"])
def test_no_identity_field_is_editable_and_the_answer_says_how_to_correct_it(portal, table, field):
    me = chosen(portal, table)
    other = chosen(portal, table)
    value = {"id_number": other.who["id_number"], "gender": "女" if me.who.get("gender") == "男" else "男",
             "name": "王五", "birth_date": "1990-01-01", "exam_no": other.who["exam_no"]}[field]
    answer = me.put(BASIC, json={"changes": {field: value}})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["field"] == field and "考籍更正" in error["message"], error
    shown = ok(me.get(CHECK))["basic"]
    assert shown.get("id_number") == me.who["id_number"], shown


def test_no_province_lists_an_identity_field_and_the_checker_refuses_one_that_does():
    for profile in all_profiles():
        assert not set(profile.data["application"]["editable_fields"]) & set(IDENTITY_FIELDS), profile.code
    text = (PROFILE_DIR / "hubei.yaml").read_text(encoding="utf-8")
    for field in ("id_number", "gender"):
        listed = text.replace("editable_fields: [", f"editable_fields: [{field}, ", 1)
        with pytest.raises(ConfigError) as refused:
            parse_profile(listed, "hubei.yaml")
        assert "application.editable_fields[0]" in str(refused.value) and "考籍更正" in str(refused.value)


def test_an_identity_edit_saved_before_the_fix_is_never_shown_or_used(portal, table):
    me = chosen(portal, table)
    other = chosen(portal, table)
    batch = ok(me.get("/api/apply/application"))["application"]["batch"]["id"]
    key = keys.application(me.who["exam_no"], batch)
    item = table.get_item(Key=key)["Item"]
    details = {**(item.get("details") or {}), "basic": {"id_number": other.who["id_number"], "gender": "女",
                                                         "ethnicity": "回族"}}
    table.put_item(Item={**item, "details": details})
    basic = ok(me.get(CHECK))["basic"]
    assert basic["id_number"] == me.who["id_number"] and basic.get("gender") == me.who.get("gender")
    assert basic["ethnicity"] == "回族"
