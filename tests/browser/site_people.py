"""People for the browser journeys: exam records stored as the importer stores them, accounts as registration makes
them. Each call makes someone no other test uses (准考证号 …98nnnnnn; the integration tests use …99…)."""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from functions.apply.accounts import NewAccount, create_account
from functions.common.ids import id_check_digit
from functions.common.profiles import load_profile
from functions.common.session import Identity
from functions.common.store import candidate_item

PASSWORD = "Site-pass-2026"
_serial = itertools.count(1)


@dataclass(frozen=True)
class Person:
    province: str
    exam_no: str
    name: str
    id_number: str
    office: str

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
    person = Person(province, f"{office[:4]}98{n:06d}", f"网页考生{'甲乙丙丁戊己庚辛壬癸'[n % 10]}{n}",
                    first17 + id_check_digit(first17), office)
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
