"""Identifiers candidates type in: checked the way the provinces check them, with the reason in Chinese."""
from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_number_problem(value: str, today: date | None = None) -> str | None:
    """None when value is a valid 18-digit resident ID number, else what is wrong with it."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{17}[\dXx]", value):
        return "身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "身份证号中的出生日期不存在"
    if born.year < 1900 or (today is not None and born > today):
        return "身份证号中的出生日期不合理"
    if id_check_digit(value[:17]) != value[17].upper():
        return "身份证号校验位不正确，请核对后重新输入"
    return None


# 湖北's FAQ: "我准考证是8位数，为什么无法…注册登陆？答：…仅接收12位数新准考证的申报…在考试院网站新、老准考证转换查询中
# 获取新准考证": an 8-digit number is an old 准考证 from before the numbers grew to 12; its holder needs the new one.
OLD_EXAM_NO = ("这是 8 位的旧准考证号，网上申请只接收 12 位的新准考证号：请在省教育考试院网站的“新、老准考证转换查询”中"
               "查到新准考证号后再填；查不到的，请联系档案所在地自考办")


def exam_no_problem(value: str) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{8}", value):
        return OLD_EXAM_NO
    if not isinstance(value, str) or not re.fullmatch(r"\d{12}", value):
        return "准考证号应为 12 位数字"
    return None


def phone_problem(value: str) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"1[3-9]\d{9}", value):
        return "手机号应为 11 位，以 13–19 开头"
    return None


def email_problem(value: str) -> str | None:
    if not isinstance(value, str) or len(value) > 254 or not re.fullmatch(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+", value):
        return "邮箱格式不正确，例如 name@example.com"
    return None


def mask_id_number(value: str) -> str:
    """420***********1234: enough for a person to recognise their own, not enough to use."""
    if not isinstance(value, str) or len(value) < 8:
        return "***"
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def birth_date(id_number: str) -> date:
    """The date of birth an 18-digit ID number carries (digits 7–14); the number is assumed checked."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
