"""People for the browser journeys: exam records stored as the importer stores them, accounts as registration makes
them. Each call makes someone no other test uses (准考证号 ….97nnnnnn: the API tests use …98… and …99…)."""
from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path

from functions.apply.accounts.store import NewAccount, create_account
from functions.common.dynamo.store import candidate_item
from functions.common.ids import id_check_digit
from functions.common.session import Identity
from functions.profiles.loader import load_profile
from infra.demo.generate import generate

PASSWORD = "Site-pass-2026"
# The spec's worked case of 山西's 英语(二) credit pool, without the candidate's choice (as the API tests use it).
C09 = json.loads((Path(__file__).resolve().parents[1] / "integration" / "fixtures" / "C09.json").read_text("utf-8"))
RECORD_FIELDS = ("exam_no", "name", "id_number", "office", "demo_case")
_serial = itertools.count(1)


@dataclass(frozen=True)
class Person:
    province: str
    exam_no: str
    name: str
    id_number: str
    office: str
    majors: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.exam_no}@site.biye.cn"

    def login(self, kind: str) -> str:
        return {"email": self.email, "id_number": self.id_number, "exam_no": self.exam_no}[kind]


def record(table, province: str, **extra) -> Person:
    """An exam record in the province's first office; `extra` (passed, majors, ...) as an import file has it."""
    n = next(_serial)
    office = load_profile(province).data["offices"][0]["code"]
    first17 = f"{office}19920315{n:03d}"
    person = Person(province, f"{office[:4]}97{n:06d}", f"网页考生{'甲乙丙丁戊己庚辛壬癸'[n % 10]}{n}",
                    first17 + id_check_digit(first17), office, tuple(extra.get("majors") or ()))
    table.put_item(Item=candidate_item({"exam_no": person.exam_no, "name": person.name, "id_number": person.id_number,
                                        "office": office, **(extra or {"passed": []})}))
    return person


def account(table, person: Person, bound: bool = True) -> Identity:
    """The candidate's account with the province's sign-in identifiers (bound to the record unless `bound` is
    False: a 湖北 account before 在籍注册)."""
    profile = load_profile(person.province)
    logins = {kind: person.login(kind) for kind in profile.data["login"]["identifiers"]}
    new = NewAccount(kind="candidate", display_name=person.name if bound else person.email, logins=logins,
                     password=PASSWORD, exam_no=person.exam_no if bound else None,
                     security_question="我的小学校名？", security_answer="红旗小学")
    account_id = create_account(table, new, int(time.time()), max_per_record=3)
    return Identity(account_id, "candidate", new.display_name, exam_no=new.exam_no)


def candidate(table, province: str, **extra) -> tuple[Person, Identity]:
    person = record(table, province, **extra)
    return person, account(table, person)


def short_of_two_courses(table, province: str = "hubei") -> tuple[Person, Identity]:
    """The demo candidate two courses short in the enrolled major (the audit has findings to show)."""
    demo = next(c for c in generate(province) if c["demo_case"] == "missing_courses")
    return candidate(table, province, **{k: v for k, v in demo.items() if k not in RECORD_FIELDS})


def needs_a_顶替(table) -> tuple[Person, Identity]:
    """C09: 英语(二) missing, three passed courses that may replace it; nothing chosen yet."""
    record = {k: v for k, v in C09["candidate"].items() if k != "applied_substitutions"}
    return candidate(table, "hubei", **record, majors=[C09["graduate_under"]])
