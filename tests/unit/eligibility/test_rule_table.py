"""The 课程顶替 rule table as one candidate meets it: each rule in words, usable only when it can apply now, and
otherwise why not (registered after the cut-off, a source not passed, a source already used or counted in the
plan); a choice that does not fit is refused naming the part that does not."""
import copy
import json

import pytest

from functions.eligibility.engine import choice_refusal, rule_table
from functions.eligibility.engine.reference import reference_from_documents

from .conftest import DATA_DIR, candidate

HB_BATCH = {"id": "HB-2026H1", "province": "湖北", "graduation_date": "2026-06-30"}
R1 = {"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reference():
    """The seed's 湖北 table, HB-R2 given a registration cut-off, and two rules whose sources are taken already."""
    rules = copy.deepcopy(_read("rules/HB-seed-substitutions.json"))
    rules["rules"][1]["registered_before"] = "2018-01-01"
    rules["rules"] += [{"rule_id": "HB-X1", "mode": "on_application", "from": {"courses": ["03708"]},
                        "replaces": {"courses": ["00021"]}},
                       {"rule_id": "HB-X2", "mode": "on_application", "from": {"courses": ["00077"]},
                        "replaces": {"courses": ["00021"]}}]
    return reference_from_documents([("plan", _read("plans/HB-OLDPLAN-FRAGMENT.json"))], [("rules", rules)],
                                    ("courses", _read("courses.json")))


def hb(*passed, chosen=()):
    return candidate(passed, registered_on="2019-03-01", prior_education=[], applied_substitutions=list(chosen))


def test_each_rule_says_in_words_whether_it_can_apply_and_why_not(reference):
    rows = {r["rule_id"]: r for r in rule_table("HB-OLDPLAN-FRAGMENT", hb("03708", "03709", "04183", "04184",
                                                                          "00077", chosen=[R1]), HB_BATCH, reference)}
    assert list(rows) == ["HB-R1", "HB-R2", "HB-R4", "HB-X1", "HB-X2"]
    assert rows["HB-R1"]["chosen"] and rows["HB-R1"]["why_not"] == "您已应用这条顶替"
    assert rows["HB-R2"]["why_not"] == "这条规则只适用于2018-01-01前注册的考生，您的注册时间是2019-03-01"
    assert rows["HB-R4"]["why_not"] == "所顶替的课程已经合格或已顶替，不需要这条规则"     # 00077 passed itself
    assert "03708中国近现代史纲要已用于其他课程顶替" in rows["HB-X1"]["why_not"]
    assert "00077金融市场学已计入本专业，不能用于顶替" in rows["HB-X2"]["why_not"]
    assert not any(r["usable"] for r in rows.values())
    assert [s["state"] for s in rows["HB-R1"]["sources"]] == ["used", "used"]


def test_a_rule_is_usable_once_its_source_is_passed(reference):
    def r4(record):
        return next(r for r in rule_table("HB-OLDPLAN-FRAGMENT", record, HB_BATCH, reference)
                    if r["rule_id"] == "HB-R4")
    assert r4(hb("03708"))["why_not"] == "09092投资银行学还没有合格成绩"
    row = r4(hb("09092"))
    assert row["usable"] and row["why_not"] is None
    assert row["words"] == "用已通过的 09092投资银行学（5学分）顶替 00077金融市场学（5学分）"


@pytest.mark.parametrize("choice, field, why", [
    ({"rule_id": "HB-R2", "use": ["04183", "04184"], "replace": ["00021"]}, "rule_id", "2018-01-01前注册"),
    ({"rule_id": "HB-X1", "use": ["03708"], "replace": ["00021"]}, "use", "03708已用于其他课程顶替"),
    ({"rule_id": "HB-R1", "use": ["03708", "03709"], "replace": ["00004"]}, "rule_id", "已经应用过"),
    ({"rule_id": "HB-R4", "use": ["09092"], "replace": ["00077"]}, "use", "09092没有合格成绩"),
])
def test_a_choice_that_does_not_fit_is_refused_naming_the_part(reference, choice, field, why):
    record = hb("03708", "03709", "04183", "04184", chosen=[R1])
    found, reason = choice_refusal("HB-OLDPLAN-FRAGMENT", record, choice, HB_BATCH, reference)
    assert found == field and why in reason
