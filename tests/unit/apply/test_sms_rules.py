"""The SMS rules, pure: the profile's templates (one per kind, known variables, filed wording), composing a
message (no ID number in any kind, whatever the values), what a provider's answer means, and the code limits."""
from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from functions.apply.sms.rules import (
    MAX_ATTEMPTS,
    Outcome,
    ProviderAnswer,
    Status,
    after_answer,
    compose,
    has_id_number,
    limit_refusal,
    scrub,
)
from functions.profiles.loader import load_profile
from functions.profiles.sms_templates import VARIABLES, MessageKind, SmsTemplates, segments

RAW = load_profile("hubei").data["sms"]
TEMPLATES = SmsTemplates.from_profile(RAW)
LIMITS = TEMPLATES.limits


def changed(edit) -> dict:
    raw = copy.deepcopy(RAW)
    edit(raw)
    return raw


@pytest.mark.parametrize("edit, says", [
    (lambda r: r["templates"].pop("reset_code"), "templates.reset_code: 每种短信都需要模板"),
    (lambda r: r["templates"].update(parcel=r["templates"]["submitted"]), "templates.parcel: 不是已知的短信种类"),
    (lambda r: r["templates"]["submitted"].update(variables=["status", "id_number"]),
     "id_number 不是这种短信能填的变量"),
    (lambda r: r["templates"]["submitted"].update(text="您的申请：${status}"), "变量应与 variables 一致"),
    (lambda r: r["templates"]["approved"].update(text="${status}${next_step}" + "长" * 300), "不超过 3 条短信的长度"),
    (lambda r: r["limits"].update(stack_per_day=0), "limits: 正整数"),
    (lambda r: r["templates"]["approved"].update(text="【湖北】${status}${next_step}"), "不含【】"),
])
def test_a_wrong_sms_profile_is_refused_naming_the_key(edit, says):
    with pytest.raises(ValueError, match=says):
        SmsTemplates.from_profile(changed(edit))


def test_every_kind_has_a_template_and_an_unknown_kind_is_refused_loudly():
    assert set(TEMPLATES.templates) == set(MessageKind)
    with pytest.raises(KeyError, match="no SMS template for message kind 'parcel'"):
        compose(TEMPLATES, "parcel", {}, provider="aliyun", sign_name="湖北自考")


def test_each_template_fits_the_providers_segments_with_its_sign():
    for kind, template in TEMPLATES.templates.items():
        assert segments("【湖北省教育考试院】" + template.text) <= 2, kind
    assert segments("字" * 70) == 1 and segments("字" * 71) == 2 and segments("字" * 135) == 3


ID = st.from_regex(r"[1-6]\d{16}[\dX]", fullmatch=True)


@given(kind=st.sampled_from(list(MessageKind)), id_number=ID, filler=st.text(max_size=20),
       shape=st.sampled_from(["whole", "masked", "birthday", "tail"]))
def test_no_id_number_in_any_kind_of_message(kind, id_number, filler, shape):
    shown = {"whole": id_number, "masked": id_number[:3] + "*" * 11 + id_number[-4:],
             "birthday": f"生日{id_number[6:14]}", "tail": f"尾号{id_number[-6:]}"}[shape]
    values = {name: f"{filler}{shown}{filler}" for name in VARIABLES[kind] if name != "code"}
    message = compose(TEMPLATES, kind, values, provider="tencent", sign_name="湖北自考", id_number=id_number)
    for text in [message.text, *(v for _, v in message.params)]:
        assert id_number not in text and not has_id_number(text)
        assert not any(id_number[i:i + 6] in text for i in range(len(id_number) - 5)), (shape, text)


def test_scrub_keeps_ordinary_words_and_numbers():
    assert scrub("请于2026年5月10日前补交，电话027-87654321") == "请于2026年5月10日前补交，电话027-87654321"
    assert scrub("验证码482913") == "验证码482913"


@pytest.mark.parametrize("outcome, attempts, expected", [
    (Outcome.ACCEPTED, 1, (Status.SENT, None)),
    (Outcome.RETRY, 1, (Status.QUEUED, 1060)),
    (Outcome.RETRY, 3, (Status.QUEUED, 1000 + 16 * 60)),
    (Outcome.RETRY, MAX_ATTEMPTS, (Status.FAILED, None)),
    (Outcome.REFUSED, 1, (Status.FAILED, None)),
    (Outcome.NO_ANSWER, 1, (Status.UNKNOWN, None)),
])
def test_what_an_answer_means(outcome, attempts, expected):
    assert after_answer(ProviderAnswer(outcome, "X"), attempts, 1000) == expected


def test_limits_apply_to_codes_only_and_name_who_is_over():
    full = {"codes_per_phone_hour": LIMITS["codes_per_phone_hour"]}
    assert limit_refusal("rejected", full, LIMITS) is None
    assert limit_refusal("binding_code", {}, LIMITS) is None
    assert limit_refusal("binding_code", full, LIMITS).startswith("这个手机号一小时内")
    assert limit_refusal("reset_code", {"codes_per_account_day": 99}, LIMITS).startswith("这个账号今天")
    assert limit_refusal("reset_code", {"stack_per_day": 10**6}, LIMITS).startswith("今天的短信已达本系统的发送上限")
