"""What a person does with their account, for one request: register, sign in and out, 在籍注册, see the account,
change or reset the password. Each guarded action takes its captcha first; the details are in registration.py,
signin.py and recovery.py, the judgements in rules.py. Cookies are the routes' business: a started session is
answered as its token and what the page reads.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from functions.common.errors import BadInput, NotSignedIn, Problems
from functions.common.session import Identity, token_hash
from functions.profiles.loader import Profile
from functions.profiles.vocabulary import LoginKind

from . import passwords, recovery, registration
from .guards import Guard
from .rules import AccountKind, Registration, check_registration, clean_name, normalise_identifier, require_password
from .signin import SignIn
from .store import AccountStore


@dataclass(frozen=True)
class Started:
    """A new session: the cookie's token, the answer the page reads, and a new device token if one was made."""
    token: str
    answer: dict
    device: str | None = None


class Accounts:
    def __init__(self, guard: Guard, store: AccountStore, profile: Profile, outbox=None):
        """`outbox`: where SMS go (sms.outbox.Outbox): binding codes and new-binding notices."""
        self.guard, self.store, self.profile, self.outbox = guard, store, profile, outbox

    def _start(self, identity: Identity, device: str | None = None, **more) -> Started:
        token, session = self.store.start_session(identity, self.guard.now)
        return Started(token, {"who": identity.public(), **session, **more}, device)

    def new_captcha(self) -> dict:
        return self.guard.issue_captcha()

    def register(self, fields: dict, captcha_id: str, captcha: str) -> dict:
        """Register with the identifiers the province uses (and 在籍注册 where it binds at once). Every problem of
        the fields is answered at once before the captcha is taken: a wrong field does not cost a new image."""
        problems = Problems()
        checked = problems.attempt(check_registration, self.profile, Registration(**fields),
                                   date.fromtimestamp(self.guard.now))
        if not (captcha or "").strip():
            problems.add("captcha", "请输入验证码")
        problems.answer()
        with self.guard.spending_captcha(captcha_id, captcha):
            made = registration.register(self.guard, self.store, self.profile, checked, self.outbox)
        return {"activated": made["activated"],
                "next": "请登录" if made["activated"] else "请登录后完成“在籍注册”（激活考籍）"}

    def sign_in(self, kind: str, identifier: str, password: str, device_token: str | None, captcha_id: str,
                captcha: str, old_session: str | None = None) -> Started:
        """A new session id at every sign-in; the session this browser held before (`old_session`, its cookie's
        token) ends, so a session id planted or copied before the sign-in is worth nothing after it."""
        with self.guard.spending_captcha(captcha_id, captcha):
            identifier = normalise_identifier(self.profile, kind, identifier)
            signing = SignIn(self.guard, self.store, self.profile)
            identity = signing.authenticate(kind, identifier, password, device_token)
        if old_session and len(old_session) <= 128:
            self.store.end_session(token_hash(old_session))
        return self._start(identity, signing.trust_device(identity.account_id))

    def sign_out(self, me: Identity) -> None:
        """The session's record is deleted, so a copied cookie stops working too."""
        self.store.end_session(me.session_hash)

    def sign_out_everywhere(self, me: Identity) -> dict:
        """退出所有设备: every session of the account ends, this one too, and no browser stays trusted."""
        return self.store.sign_out_everywhere(me, self.guard.now)

    def activate(self, me: Identity, name: str, id_number: str, exam_no: str, code: str | None = None
                 ) -> Started | dict:
        """在籍注册; the session carries the exam record, so a fresh one that knows it replaces this one. A record
        that already has an account answers first that a code was sent to its phone (a dict, no new session)."""
        if me.kind != AccountKind.CANDIDATE:
            raise NotSignedIn("请用考生账号登录")
        bound = registration.activate(self.guard, self.store, self.profile, me, clean_name(name),
                                      id_number.strip().upper(), exam_no.strip(), code,
                                      tokens=self.guard.tokens, outbox=self.outbox)
        if bound.get("code_sent"):
            return bound
        self.store.end_session(me.session_hash)
        identity = replace(me, exam_no=bound["exam_no"], display_name=bound["name"], session_hash="")
        return self._start(identity, activated=bound)

    def my_account(self, me: Identity) -> dict:
        """Identifiers shown whole (this is my own page), the bound record and whether it is locked."""
        account = self.store.load(me.account_id) or {}
        answer = {"kind": me.kind, "name": me.display_name, "logins": account.get("logins", {}),
                  "phone": account.get("phone"), "exam_no": me.exam_no,
                  "security_question": account.get("security_question"), "role": me.role,
                  "offices": list(me.offices), "universities": list(me.universities), "record_locked": False}
        if me.exam_no:
            answer["record_locked"] = bool(self.store.binding(me.exam_no).get("locked"))
            if self.profile.data["login"]["identity_check"] == "photos":
                answer["identity"] = self.store.identity_check(me.exam_no)
        return answer

    def change_password(self, me: Identity, password: str, new_password: str) -> None:
        """The current password is required; every other session of mine ends."""
        self.guard.check_client()
        account = self.store.load(me.account_id)
        problems = Problems()        # a wrong current password and a weak new one are said together
        if not passwords.secret_matches(account["password_hash"] if account else None, password):
            self.guard.failed()
            problems.add("password", "当前密码不正确")
        problems.attempt(require_password, new_password, "new_password", self.store.personal_numbers(me.account_id))
        problems.answer()
        self.store.set_password(me.account_id, new_password, self.guard.now, me, "password_changed",
                                keep_session=me.session_hash)

    def start_reset_question(self, email: str, captcha_id: str, captcha: str) -> dict:
        """找回密码 step 1 (provinces with security questions): a ticket, and a code to the account's phone; the same
        answer whether or not the e-mail has an account."""
        if not self.profile.data["login"]["security_question"]:
            raise BadInput("本省不使用安全问题找回密码，请联系自考办领取一次性验证码", field="email")
        with self.guard.spending_captcha(captcha_id, captcha):
            return recovery.start_question(self.guard, self.store, self.outbox,
                                           normalise_identifier(self.profile, LoginKind.EMAIL, email))

    def reset_question(self, ticket: str, code: str) -> dict:
        """找回密码 step 2: the code from the SMS; the security question."""
        self.guard.check_client()
        return recovery.verify_code(self.guard, self.store, ticket, code)

    def finish_reset_question(self, ticket: str, answer: str, new_password: str) -> None:
        self.guard.check_client()
        recovery.finish_question(self.guard, self.store, ticket, answer, new_password)

    def reset_by_code(self, kind: str, identifier: str, code: str, new_password: str, captcha_id: str,
                      captcha: str) -> None:
        with self.guard.spending_captcha(captcha_id, captcha):
            identifier = normalise_identifier(self.profile, kind, identifier)
            recovery.reset_with_code(self.guard, self.store, kind, identifier, code, new_password)
