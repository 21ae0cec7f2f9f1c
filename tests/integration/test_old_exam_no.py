"""Issue 19 item 19: an old 8-digit 准考证号 at 在籍注册 is named as such, with where to get the 12-digit one (湖北's
FAQ: "仅接收12位数新准考证的申报…在考试院网站新、老准考证转换查询中获取新准考证"), not the bare "应为 12 位数字"."""
from __future__ import annotations

import secrets
import time

from support.portal_client import PASSWORD, signed_in

from functions.apply.accounts.store import NewAccount, create_account


def test_an_old_8_digit_number_at_activation_says_how_to_get_the_new_one(portal, table):
    email = f"old{secrets.token_hex(4)}@test.biye.cn"
    create_account(table, NewAccount(kind="candidate", display_name="张三", logins={"email": email},
                                     password=PASSWORD), int(time.time()))
    me = signed_in(portal, "email", email)
    answer = me.post("/api/apply/accounts/me/activation",
                     json={"name": "张三", "id_number": "42010219900101123X", "exam_no": "42010001"})
    assert answer.status_code == 422, answer.text
    said = {p["field"]: p["message"] for p in answer.json()["error"]["problems"]}
    assert "8 位的旧准考证号" in said["exam_no"] and "新、老准考证转换查询" in said["exam_no"]
    assert me.get("/api/apply/session").json()["who"]["exam_no"] is None          # nothing bound
