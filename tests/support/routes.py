"""Every route of the three functions, read from the apps themselves, with who may call it (from the session
dependency it declares), so a route added tomorrow is in the access-control matrix the day it is added.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from fastapi.routing import APIRoute

FUNCTIONS = ("eligibility", "photo", "apply")
# A well-formed body for every route that takes one (by path): a hostile test changes one thing in it, an access
# test sends it as is, so that a refusal is for what the test is about and not the body's validation.
BODIES = {
    "/api/eligibility/choices/{plan_id}": {"rule_id": "r-1", "use": ["00015"], "replace": ["00012"]},
    "/api/eligibility/staff/candidates/{exam_no}/choices/{plan_id}":
        {"rule_id": "r-1", "use": ["00015"], "replace": ["00012"]},
    "/api/eligibility/replacements/{plan_id}": {"course": "00023", "replacement": "00020"},
    "/api/photo/uploads": {"kind": "photo", "filename": "photo.jpg", "size": 30000},
    "/api/photo/uploads/{upload_id}/fix": {"accept": True},
    "/api/photo/staff/queue/{exam_no}": {"decision": "reject", "reason": "背景不符合要求"},
    "/api/photo/staff/identity/{exam_no}": {"decision": "reject", "reason": "证件照片模糊"},
    "/api/photo/staff/onsite/{exam_no}": {"filename": "onsite.jpg", "size": 30000},
    "/api/apply/session": {"kind": "email", "identifier": "a@b.cn", "password": "Biye-demo-2026",
                           "captcha_id": "x" * 20, "captcha": "abcd"},
    "/api/apply/accounts": {"password": "Biye-demo-2026", "email": "a@b.cn", "security_question": "我的小学",
                            "security_answer": "实验小学", "name": "张三", "id_number": "420102199001011234",
                            "exam_no": "420100000001", "phone": "13900000000", "agreement": True,
                            "captcha_id": "x" * 20, "captcha": "abcd"},
    "/api/apply/accounts/me/activation": {"name": "张三", "id_number": "420102199001011234", "exam_no": "420100000001"},
    "/api/apply/accounts/me/password": {"password": "Wrong-pass-2026", "new_password": "Biye-new-2026x"},
    "/api/apply/password-reset/question": {"email": "a@b.cn", "captcha_id": "x" * 20, "captcha": "abcd"},
    "/api/apply/password-reset/verify": {"ticket": "x" * 30, "code": "123456"},
    "/api/apply/password-reset/answer": {"ticket": "x" * 30, "answer": "实验小学", "new_password": "Biye-new-2026x"},
    "/api/apply/password-reset/code": {"kind": "email", "identifier": "a@b.cn", "code": "12345678",
                                       "new_password": "Biye-new-2026x", "captcha_id": "x" * 20, "captcha": "abcd"},
    "/api/apply/staff/accounts": {"login": "hostile-test", "name": "测试", "role": "county", "offices": ["420100"]},
    "/api/apply/staff/accounts/{account_id}/disable": {"reason": "离职"},
    "/api/apply/staff/candidates/{exam_no}/lock": {"reason": "有人冒用考籍注册账号"},
    "/api/apply/staff/candidates/{exam_no}/unlock": {"reason": "本人到场核实"},
    "/api/apply/application/major": {"plan_id": "P1", "host_universities": ["武汉大学"]},
    "/api/apply/application/claims": {"kind": "exemption", "course": "13000", "certificate": "CET-4 certificate"},
    "/api/apply/staff/applications/{exam_no}/claims/{claim_id}": {"decision": "refused", "reason": "证书模糊"},
    "/api/apply/application/exam-numbers": {"name": "张三", "id_number": "420102199001011234",
                                            "exam_no": "420100000001"},
    "/api/apply/staff/applications/{exam_no}/exam-numbers/{entry_id}": {"decision": "refused", "reason": "非本人"},
    "/api/apply/staff/applications/{exam_no}/exceptions": {"kind": "waive", "target": "total", "reason": "档案核对"},
    "/api/apply/staff/applications/{exam_no}/exceptions/preview":
        {"kind": "waive", "target": "total", "reason": "档案核对"},
    "/api/apply/staff/applications/{exam_no}/exceptions/{request_id}": {"decision": "reject", "reason": "理由不足"},
    "/api/apply/staff/applications/{exam_no}/prior-education": {"decision": "refused", "reason": "学信网查无此证"},
    "/api/apply/staff/prior-education/answers": {"text": "准考证号,核对结果,原因\r\n420100000001,通过,\r\n"},
    "/api/apply/application/submit": {"version": 1},
    "/api/apply/application/withdraw": {"version": 1},
    "/api/apply/application/paired": {"plan_id": "P1", "host_universities": ["武汉大学"]},
    "/api/apply/application/paired/submit": {"version": 1},
    "/api/apply/application/paired/withdraw": {"version": 1},
    "/api/apply/application/basic": {"changes": {"ethnicity": "汉族"}},
    "/api/apply/application/contact": {"phone": "13900000000", "address": "某市某区某路1号", "postcode": "430000"},
    "/api/apply/application/resume": {"entries": [{"from": "2016-07", "to": "至今", "unit": "某公司", "role": "职员"}]},
    "/api/apply/application/self-assessment": {"text": "本人学习努力。"},
    "/api/apply/application/statement": {"text": "情况说明。"},
    "/api/apply/application/prior-education/verify": {"certificate_no": "104861201505001234"},
    "/api/apply/application/prior-education/manual": {"school": "某大学", "certificate_no": "104861201505001234",
                                                      "graduated_on": "2015-06-30"},
    "/api/apply/payments/sandbox/pay": {"order_id": "order-123", "outcome": "failed"},
    "/api/apply/staff/applications/{exam_no}/decision": {"stage": "county_review", "decision": "reject",
                                                         "reason": "材料不全"},
    "/api/apply/staff/applications/search": {"q": "张三", "limit": 10},
    "/api/apply/staff/applications/bulk-approve": {"stage": "city_review", "exam_nos": ["420100000001"]},
    "/api/apply/staff/batches/{batch_id}/windows/{candidate_type}":
        {"opens": "2026-01-01T00:00", "closes": "2027-12-31T17:00"},
    "/api/apply/staff/batches/{batch_id}/offices/{office}/windows/{candidate_type}":
        {"opens": "2026-11-01T00:00", "closes": "2026-12-31T17:00"},
    "/api/apply/staff/batches/{batch_id}/photo-window": {"opens": "2026-11-01T00:00", "closes": "2026-12-31T17:00"},
    "/api/apply/staff/batches/{batch_id}/dates": {"graduation_date": "2027-06-30"},
    "/api/apply/staff/exports/graduates": {"batch": "2027-1"},
    "/api/apply/staff/exports/counts": {"batch": "2027-1"},
    "/api/photo/staff/exports/photos": {"batch": "2027-1"},
    "/api/apply/staff/notices/{scope}/{key}": {"text": "毕业申请须知：请在规定时间内提交申请。"},
}
# The session dependency a route declares, strictest first.
CALLERS = (("current_staff", "staff"), ("current_candidate", "candidate"), ("current_identity", "signed_in"))


@dataclass(frozen=True)
class Route:
    function: str
    method: str
    path: str
    caller: str          # staff, candidate, signed_in (either) or public
    takes_body: bool

    def url(self, values: dict) -> str:
        """The path with every {parameter} filled from `values` (a KeyError names a parameter the test lacks)."""
        return self.path.format(**{name: values[name] for name in self.parameters})

    @property
    def parameters(self) -> list[str]:
        return [part[1:-1] for part in self.path.split("/") if part.startswith("{")]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _dependencies(dependant) -> set[str]:
    names = set()
    for sub in dependant.dependencies:
        names |= {getattr(sub.call, "__name__", "")} | _dependencies(sub)
    return names


def _api_routes(routes):
    """The app's routes, through included routers (FastAPI keeps them as included-router entries)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)
        elif isinstance(route, APIRoute):
            yield route


def every_route() -> list[Route]:
    found = []
    for function in FUNCTIONS:
        app = importlib.import_module(f"functions.{function}.app").app   # late: the stack sets the environment
        if hasattr(app.state, "features"):    # routes imported on first request (common/features.py): all of them
            app.state.features.include_all()
        for route in _api_routes(app.routes):
            declared = _dependencies(route.dependant)
            caller = next((who for name, who in CALLERS if name in declared), "public")
            found += [Route(function, method, route.path, caller, bool(route.dependant.body_params))
                      for method in sorted(route.methods)]
    return found
