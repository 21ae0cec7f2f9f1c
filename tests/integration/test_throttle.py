"""Failure counters on the real table (moto): windows, the lock's end, and what a person is told."""
from __future__ import annotations

import random

import pytest

from functions.apply.accounts.captcha import ALPHABET, draw
from functions.apply.accounts.rules import Rule, mask_identifier, normalise_answer, subject
from functions.apply.accounts.store import CounterStore
from functions.apply.accounts.throttle import Throttle
from functions.common.errors import TooMany
from functions.common.time import beijing_clock as beijing_time

RULE = Rule("test", 3, 600, "请于 {until} 后再试")


class Clock:
    def __init__(self, now: int):
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_a_subject_is_blocked_for_a_full_window_after_the_limit_and_then_starts_again(table):
    clock = Clock(1_800_000_000)
    throttle, who = Throttle(CounterStore(table), clock), subject("test", "window")
    assert [throttle.fail(RULE, who) for _ in range(2)] == [2, 1]
    clock.now += 500                     # the third failure comes late in the first window
    assert throttle.fail(RULE, who) == 0
    with pytest.raises(TooMany) as refused:
        throttle.check(RULE, who)
    assert refused.value.extra["retry_at"] == clock.now + 600
    assert refused.value.message == f"请于 {beijing_time(clock.now + 600)} 后再试"
    clock.now += 599
    with pytest.raises(TooMany):
        throttle.check(RULE, who)
    clock.now += 1
    throttle.check(RULE, who)            # the lock has ended
    assert throttle.fail(RULE, who) == 2  # and counting starts again


def test_clear_forgets_and_subjects_do_not_share_counters(table):
    throttle = Throttle(CounterStore(table), Clock(1_800_000_000))
    a, b = subject("test", "a"), subject("test", "b")
    for _ in range(3):
        throttle.fail(RULE, a)
    throttle.check(RULE, b)
    throttle.clear(RULE, a)
    throttle.check(RULE, a)


def test_beijing_time_is_utc_plus_8():
    assert beijing_time(0) == "08:00"


def test_identifiers_are_masked_for_logs_and_lists():
    assert mask_identifier("id_number", "420102199001011234") == "420***********1234"
    assert mask_identifier("exam_no", "420121000001") == "4201****01"
    assert mask_identifier("email", "zhang@qq.com") == "z***@qq.com"
    assert mask_identifier("email", "broken") == "***"


def test_security_answers_compare_without_width_case_or_spaces():
    assert normalise_answer(" 红旗 小学 ") == normalise_answer("红旗小学")
    assert normalise_answer("ＡＢＣ") == normalise_answer("abc")
    assert normalise_answer("红旗小学") != normalise_answer("育才小学")


def test_captcha_images_differ_with_the_text_and_use_no_look_alike_characters():
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)
    assert draw("K7QX", random.Random(1)) != draw("K7QY", random.Random(1))
    assert draw("K7QX", random.Random(1)) == draw("K7QX", random.Random(1))
