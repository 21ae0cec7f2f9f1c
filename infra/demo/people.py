"""Made-up people with well-formed identifiers: names, ID numbers with a correct check digit, 准考证 numbers."""
from __future__ import annotations

import random
from datetime import date, timedelta

from functions.common.ids import id_check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀英", "霞", "平", "刚", "桂英", "文", "辉", "鑫", "宇", "浩然", "子涵", "欣怡", "梓萱", "思远", "雨桐",
         "晨", "佳琪", "俊杰"]


ETHNICITIES = ("汉族",) * 8 + ("回族", "土家族")
POLITICAL_STATUSES = ("群众", "群众", "共青团员", "中共党员")


def person(rng: random.Random, office_code: str, serial: int) -> dict:
    born = date(1985, 1, 1) + timedelta(days=rng.randrange(0, 365 * 18))
    gender = rng.choice("男女")
    # 15th–17th digits: a sequence whose last digit is odd for men and even for women (GB 11643).
    sequence = rng.randrange(0, 50) * 20 + rng.randrange(0, 10) * 2 + (1 if gender == "男" else 0)
    first17 = f"{office_code}{born:%Y%m%d}{sequence % 1000:03d}"
    return {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "id_number": first17 + id_check_digit(first17),
        "gender": gender,
        "exam_no": f"{office_code[:4]}{20 + serial % 6:02d}{serial:06d}",
        "phone": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
        # what the forms and the 学信网 CSV print (vocabulary.PRINTED_FIELDS), by serial: the random draws stay
        # the same as before these were added
        "ethnicity": ETHNICITIES[serial % len(ETHNICITIES)],
        "political_status": POLITICAL_STATUSES[serial % len(POLITICAL_STATUSES)],
    }
