from datetime import date

import pytest

from functions.common.ids import (
    email_problem,
    exam_no_problem,
    id_check_digit,
    id_number_problem,
    mask_id_number,
    phone_problem,
)


def test_check_digit_of_the_standard_example():
    # GB 11643-1999 appendix example: 11010519491231002X
    assert id_check_digit("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X") is None
    assert id_number_problem("11010519491231002x") is None


@pytest.mark.parametrize("value,word", [
    ("110105194912310021", "校验位"),
    ("11010519491331002X", "出生日期"),
    ("1101051949123100", "18 位"),
    ("11010519491231002Y", "18 位"),
    ("", "18 位"),
])
def test_bad_id_numbers_say_what_is_wrong(value, word):
    assert word in id_number_problem(value)


def test_an_id_number_born_in_the_future_is_refused():
    first17 = "42010120300101001"
    assert "不合理" in id_number_problem(first17 + id_check_digit(first17), today=date(2026, 11, 22))


def test_other_identifiers():
    assert exam_no_problem("012345678901") is None and exam_no_problem("12345") is not None
    # an old 8-digit 准考证 is named as such, with where to find the new number (湖北's FAQ)
    assert "8 位的旧准考证号" in exam_no_problem("42010001") and "新、老准考证转换查询" in exam_no_problem("42010001")
    assert phone_problem("13912345678") is None and phone_problem("12912345678") is not None
    assert email_problem("a.b@example.com") is None and email_problem("a@b") is not None


def test_masking_keeps_only_the_ends():
    assert mask_id_number("420102199001011234") == "420***********1234"
