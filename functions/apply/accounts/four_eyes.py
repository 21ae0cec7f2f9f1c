"""Four eyes on the admin's strongest acts: making another admin, and a code that sets a staff member's password.
One admin asks (the request is stored and logged); a second, different admin approves, and only then is the act
done, its result (a one-time code to hand over in person) shown to the approving admin. Nobody can make themselves
a second admin, or become another staff member, alone.
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable

from boto3.dynamodb.conditions import Key

from functions.common.audit_log import log_item
from functions.common.dynamo import keys
from functions.common.dynamo.transact import put, update, write_all
from functions.common.errors import Forbidden, NotFound
from functions.common.session import Identity
from functions.common.time import iso

REQUEST_SECONDS = 7 * 24 * 60 * 60             # a request nobody approved within a week lapses
ACTIONS = {"create_admin": "新建管理员账号", "staff_reset_code": "为工作人员发放设置密码的一次性验证码"}


class Requests:
    def __init__(self, table):
        self.table = table

    def ask(self, admin: Identity, action: str, params: dict, now: int) -> dict:
        request_id = secrets.token_hex(8)
        item = {**keys.admin_request(request_id), "kind": "admin_request", "request_id": request_id,
                "action": action, "params": json.dumps(params, ensure_ascii=False), "status": "pending",
                "requested_by": admin.account_id, "requested_by_name": admin.display_name, "requested_at": iso(now),
                keys.TTL_ATTRIBUTE: now + REQUEST_SECONDS}
        write_all(self.table, [put(self.table, item), put(self.table, log_item(
            keys.admin_request(request_id)[keys.PK], admin, f"request.{action}", now, after=params))], "请稍后再试")
        return {"pending": True, "request_id": request_id, "action": ACTIONS[action],
                "next": "已提交，需另一位管理员在“待批准的操作”页面批准后生效"}

    def pending(self, staff_named: Callable[[str], str]) -> list[dict]:
        """The requests waiting, each with what it is for in words (`staff_named`: an account id → who it is)."""
        answer = self.table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(
            keys.admin_request("")[keys.PK]) & Key(keys.SK).begins_with("REQ#"))     # (not the audit entries)
        return [{"request_id": i["request_id"], "action": ACTIONS[i["action"]], "params": json.loads(i["params"]),
                 "what": _what(i["action"], json.loads(i["params"]), staff_named),
                 "requested_by": i["requested_by_name"], "requested_at": i["requested_at"]}
                for i in answer["Items"] if i["status"] == "pending"]

    def take(self, admin: Identity, request_id: str, now: int) -> tuple[str, dict, str]:
        """Mark a pending request approved by `admin` (not the admin who asked); (action, params, asker)."""
        item = self.table.get_item(Key=keys.admin_request(request_id), ConsistentRead=True).get("Item")
        if item is None or item["status"] != "pending":
            raise NotFound("找不到该待批准的操作（可能已被批准或已过期）")
        if item["requested_by"] == admin.account_id:
            raise Forbidden("不能批准自己提交的操作：需要另一位管理员批准")
        write_all(self.table, [
            update(self.table, keys.admin_request(request_id), "SET #s = :done, approved_by = :me",
                   "#s = :pending", names={"#s": "status"},
                   values={":done": "approved", ":me": admin.account_id, ":pending": "pending"}),
            put(self.table, log_item(keys.admin_request(request_id)[keys.PK], admin, f"approve.{item['action']}",
                                     now, after={"requested_by": item["requested_by"]}))],
                  "该操作刚刚已被另一位管理员批准")
        return item["action"], json.loads(item["params"]), item["requested_by"]


def _what(action: str, params: dict, staff_named: Callable[[str], str]) -> str:
    """What the approving admin reads: the new admin's login and name, or whose password the code sets (never the
    stored keys or an account id)."""
    if action == "create_admin":
        return f"登录名 {params['login']}，姓名 {params['name']}"
    return f"工作人员：{staff_named(params['account_id'])}"
