"""The one place that knows the shape of the main table's keys.

The template declares these attribute names (tests/infra checks they agree). Every item has PK and SK;
GSI1 looks people up by an identifier (ID number, e-mail, an applicant's name), GSI2 lists work by jurisdiction and
stage (and a host university's applications), GSI3 lists a batch's applications by state and office for staff (a
small projection: the list's columns).
"""
from __future__ import annotations

PK, SK = "PK", "SK"
GSI1, GSI1PK, GSI1SK = "GSI1", "GSI1PK", "GSI1SK"
GSI2, GSI2PK, GSI2SK = "GSI2", "GSI2PK", "GSI2SK"
GSI3, GSI3PK, GSI3SK = "GSI3", "GSI3PK", "GSI3SK"
TTL_ATTRIBUTE = "expires_at"

TABLE_KEYS = {"table": (PK, SK), GSI1: (GSI1PK, GSI1SK), GSI2: (GSI2PK, GSI2SK), GSI3: (GSI3PK, GSI3SK)}
# What GSI3 projects besides the keys: a staff list's columns, a few hundred bytes an application, so a page of
# 50 reads ~15 KB however large the application's details grow (the template's INCLUDE list; tests/infra checks).
GSI3_ATTRIBUTES = ("exam_no", "batch_id", "office", "name", "plan_id", "major_name", "level", "host_universities",
                   "candidate_type", "lifecycle", "audit", "version", "submitted_at", "reference", "updated_at",
                   "pair")


def _alone(kind: str, ident: str) -> dict:
    """An item alone in its partition: PK `KIND#<ident>`, SK `KIND`."""
    return {PK: f"{kind}#{ident}", SK: kind}


def _candidates(exam_no: str, sort_key: str) -> dict:
    """An item in the candidate's partition, where everything about one exam record lives."""
    return {PK: f"CAND#{exam_no}", SK: sort_key}


def _queue(partition: str, first: str = "", *rest: str) -> dict:
    """A GSI2 list, oldest first: the partition alone (to query it), or with the sort key `first#rest…` (an entry)."""
    key = {GSI2PK: partition}
    if first:
        key[GSI2SK] = "#".join((first, *rest))
    return key


def plan(plan_id: str) -> dict:
    return _alone("PLAN", plan_id)


def ruleset(ruleset_id: str) -> dict:
    return _alone("RULES", ruleset_id)


def course(code: str) -> dict:
    return _alone("COURSE", code)


def reference_index() -> dict:
    """One item listing every plan, rule set and course id, so a function loads the reference in one query."""
    return {PK: "REFERENCE", SK: "INDEX"}


def candidate(exam_no: str) -> dict:
    return _candidates(exam_no, "RECORD")


def by_id_number(id_number: str) -> dict:
    return {GSI1PK: f"IDNO#{id_number}"}


def office_candidates(office: str, exam_no: str) -> dict:
    """Candidates by the exam office (county or city) that holds their file."""
    return {GSI2PK: f"OFFICE#{office}", GSI2SK: f"CAND#{exam_no}"}


def account(account_id: str) -> dict:
    return _alone("ACCOUNT", account_id)


def login(kind: str, value: str) -> dict:
    """One item per sign-in identifier: a strongly consistent lookup that also keeps identifiers unique."""
    return _alone("LOGIN", f"{kind}#{value.lower()}")


def session(token_hash: str) -> dict:
    return _alone("SESSION", token_hash)


def account_sessions(account_id: str) -> dict:
    return {GSI1PK: f"SESSIONS#{account_id}"}


def batch(batch_id: str) -> dict:
    return _alone("BATCH", batch_id)


def candidate_choices(exam_no: str, plan_id: str) -> dict:
    """The 顶替 choices a candidate made for one plan: kept apart from the imported record, which a re-import
    replaces."""
    return _candidates(exam_no, f"CHOICES#{plan_id}")


def candidate_exceptions(exam_no: str, plan_id: str) -> dict:
    return _candidates(exam_no, f"EXCEPTIONS#{plan_id}")


def candidate_claims(exam_no: str) -> dict:
    """The candidate's claims (免考 with a certificate, …) and staff's decision on each: a fact about the person,
    kept apart from the imported record and read by the audit beside it."""
    return _candidates(exam_no, "CLAIMS")


def other_exam_numbers(exam_no: str) -> dict:
    """The candidate's other 准考证 (湖北 准考证管理, 安徽 其他准考证号): each with the sittings it brings and the
    office's decision, read by the audit beside the imported record."""
    return _candidates(exam_no, "EXAMNOS")


def merged_into(exam_no: str) -> dict:
    """On a 准考证 added to another one: which (one at a time, so a 准考证 is never merged into two)."""
    return _candidates(exam_no, "MERGED_INTO")


def log_entry(subject_pk: str, at_iso: str, unique: str) -> dict:
    """Audit-log entries live under the item they are about, in time order."""
    return {PK: subject_pk, SK: f"LOG#{at_iso}#{unique}"}


def upload_slot(exam_no: str, upload_id: str) -> dict:
    """One upload attempt: where the browser may POST the file, then the check of what arrived. Under the
    candidate's own PK, so another candidate's upload id is simply not found."""
    return _candidates(exam_no, f"UPLOADSLOT#{upload_id}")


CURRENT_UPLOAD_PREFIX = "UPLOAD#"


def current_upload(exam_no: str, kind: str) -> dict:
    """The candidate's accepted file of one kind (photo, id_front, ...): what the application will use."""
    return _candidates(exam_no, f"{CURRENT_UPLOAD_PREFIX}{kind}")


def registration_photo(exam_no: str) -> dict:
    """The photo the candidate registered with (报名照片), imported by the office: what forms print where the
    province collects no graduation photo online."""
    return _candidates(exam_no, "REGISTRATION_PHOTO")


def onsite_photo(exam_no: str) -> dict:
    """The photo the office took at 现场确认: what forms print unless a 报名照片 was imported after it."""
    return _candidates(exam_no, "ONSITE_PHOTO")


def photo_queue(office: str, queued_at: str = "", exam_no: str = "") -> dict:
    """Photos awaiting staff review, by the office that reviews them, oldest first (a sparse GSI2 entry on the
    current-photo item: removing the attributes takes the photo off the queue)."""
    return _queue(f"PHOTOQ#{office}", queued_at, exam_no)


def record_accounts(exam_no: str) -> dict:
    """How many accounts have activated this exam record, and whether it is locked (湖北: at most 3 per 准考证)."""
    return _candidates(exam_no, "ACCOUNTS")


def identity_check(exam_no: str) -> dict:
    """The identity check by photos (山西: ID portrait side and a holding-ID photo) of one exam record."""
    return _candidates(exam_no, "IDENTITY")


def identity_queue(office: str, queued_at: str = "", exam_no: str = "") -> dict:
    """Identity checks awaiting staff, by office, oldest first (sparse GSI2 entry on the identity item)."""
    return _queue(f"IDCHECKQ#{office}", queued_at, exam_no)


def captcha(captcha_id: str) -> dict:
    return _alone("CAPTCHA", captcha_id)


def throttle(scope: str, subject: str) -> dict:
    """A failure counter: per client address or per sign-in identifier (hashed), expiring with its window."""
    return _alone("THROTTLE", f"{scope}#{subject}")


def reset_code(account_id: str) -> dict:
    """The one pending one-time code staff issued for an account (a new code replaces the old)."""
    return {PK: f"ACCOUNT#{account_id}", SK: "RESETCODE"}


def admin_request(request_id: str) -> dict:
    """An admin's act waiting for a second admin's approval (accounts/four_eyes.py); all in one partition."""
    key = {PK: "ADMINREQ"}
    if request_id:
        key[SK] = f"REQ#{request_id}"
    return key


def binding_code(account_id: str) -> dict:
    """The one pending code, sent to a record's phone, that lets this account bind to a record already bound."""
    return {PK: f"ACCOUNT#{account_id}", SK: "BINDINGCODE"}


def trusted_device(token_hash: str) -> dict:
    """A browser that signed in to an account before: it may still try while the account is locked for others."""
    return _alone("DEVICE", token_hash)


def account_devices(account_id: str) -> dict:
    """GSI1 partition of an account's trusted devices: a password reset or change, or 退出所有设备, revokes them all."""
    return {GSI1PK: f"DEVICES#{account_id}"}


def staff_accounts() -> dict:
    """GSI1 partition listing every staff account, for the admin page."""
    return {GSI1PK: "STAFF"}


def reset_ticket(token_hash: str) -> dict:
    """A short-lived ticket to answer a security question, issued after a captcha (a few guesses, then gone)."""
    return _alone("RESETTICKET", token_hash)


# The second application of a batch (安徽 本、专科专业一并申请: the 本科 beside the batch's 专科): `+` sorts after `#`,
# so `APP#<batch>+bachelor` comes after `APP#<batch>#DETAILS` and the one query that reads an application with its
# details (application/store.py, between the two keys) never meets the other application.
PAIR_SEPARATOR = "+"
PAIRS = ("bachelor",)


def slot(batch_id: str, pair: str = "") -> str:
    """What names one application of a batch in the keys of what belongs to it (its details, name entry, host
    entries, forms, owed effects): the batch, or the batch and its `pair`."""
    return f"{batch_id}{PAIR_SEPARATOR}{pair}" if pair else batch_id


def _application_sk(batch_id: str, pair: str) -> str:
    return f"APP#{slot(batch_id, pair)}"


def application(exam_no: str, batch_id: str, pair: str = "") -> dict:
    """A candidate's graduation application in one batch (one per batch; re-submissions update it), or with `pair`
    the second one the profile lets stand beside it (PAIRS)."""
    return _candidates(exam_no, _application_sk(batch_id, pair))


def application_details(exam_no: str, batch_id: str, pair: str = "") -> dict:
    """What the candidate filled in for the application (its `details`: contact, resume, self-assessment, …), apart
    from the application item, which every step of the review rewrites: written only when the details change. Its
    sort key follows the application's, so one query reads both."""
    return _candidates(exam_no, f"{_application_sk(batch_id, pair)}#DETAILS")


def submission_receipt(exam_no: str, idempotency_key: str) -> dict:
    """The answer given to one submit request, so a retry with the same key gets the same answer."""
    return _candidates(exam_no, f"SUBMIT#{idempotency_key}")


def prior_education(exam_no: str) -> dict:
    """The candidate's 前置学历 as checked in the application (学信网 answer or the manual claim): a fact about the
    person, kept across batches and read by the audit beside the imported record."""
    return _candidates(exam_no, "PRIOREDU")


def message(exam_no: str, at_iso: str, unique: str) -> dict:
    """A status message in the candidate's portal, newest last (written with the change it reports)."""
    return _candidates(exam_no, f"MSG#{at_iso}#{unique}")


MESSAGE_PREFIX = "MSG#"
EFFECT_PREFIX = "EFFECT#"


def effect(exam_no: str, effect_id: str) -> dict:
    """Work a change still owes (an order, a refund, a form, an SMS), written in the change's transaction and
    deleted once done."""
    return _candidates(exam_no, f"{EFFECT_PREFIX}{effect_id}")


def effects_due(created_at: str = "", exam_no: str = "", effect_id: str = "") -> dict:
    """Every pending effect, oldest first (sparse GSI2 entry), for the sweeper that retries what a request left."""
    return _queue("EFFECTS", created_at, exam_no, effect_id)


def order(order_id: str) -> dict:
    """A payment order; the id is derived from the application and its submission, so it is made once."""
    return _alone("ORDER", order_id)


def form_copy(exam_no: str, batch_id: str, form_id: str) -> dict:
    """The stored PDF of one printed form and the digest of the data it was made from (`batch_id`: the
    application's slot, a second application's form is its own)."""
    return _candidates(exam_no, f"FORM#{batch_id}#{form_id}")


def outbox(day: str, dedupe: str = "") -> dict:
    """An SMS or e-mail waiting for the province's sender (no SES or SNS SMS in the China partition), by Beijing
    day; the sort key is the message's own id, so handing the same message over twice stores it once."""
    key = {PK: f"OUTBOX#{day}"}
    if dedupe:
        key[SK] = dedupe
    return key


def messages_to(exam_no: str, queued_at: str = "", dedupe: str = "") -> dict:
    """GSI1 entry of an outbox message: the messages sent to one candidate, oldest first (the staff page)."""
    key = {GSI1PK: f"SMSTO#{exam_no}"}
    if queued_at:
        key[GSI1SK] = f"{queued_at}#{dedupe}"
    return key


def sms_count(scope: str, ident: str, window: str) -> dict:
    """How many SMS one phone, account or the whole stack was sent in an hour or day (limits and budget)."""
    return _alone("SMSCOUNT", f"{scope}#{ident}#{window}")


def sandbox_secret() -> dict:
    """The sandbox payment provider's signing key, made at random on first use (so no secret is in the template)."""
    return {PK: "CONFIG#payment-sandbox", SK: "CONFIG"}


def cursor_key() -> dict:
    """The key list cursors are sealed with (dynamo/pages.py), made at random on first use, like the sandbox's."""
    return {PK: "CONFIG#list-cursors", SK: "CONFIG"}


def review_list(batch_id: str, state: str, office: str = "", since: str = "", exam_no: str = "") -> dict:
    """A batch's applications in one state (`in_review:<stage>`, draft, approved, rejected), by office, oldest
    first (GSI3, on the application item). Office first in the sort key: an office's applications are one key
    range (counties read only theirs), and the province reads one partition per state."""
    return _by_office(f"REVIEW#{batch_id}#{state}", office, since, exam_no)


HOST_REVIEW_PREFIX = "HOSTREVIEW#"


def host_review_list(batch_id: str, state: str, host: str, office: str = "", since: str = "",
                     exam_no: str = "") -> dict:
    """The same list for one host university, on GSI2: the application item carries its first host university's
    entry (its GSI2 is otherwise free, and a separate item cost ~2 more write units at every step), each further
    host university's entry is an item of its own (application_host)."""
    key = _by_office(f"{HOST_REVIEW_PREFIX}{batch_id}#{state}#{host}", office, since, exam_no)
    return {{GSI3PK: GSI2PK, GSI3SK: GSI2SK}[name]: value for name, value in key.items()}


def _by_office(partition: str, office: str, since: str, exam_no: str) -> dict:
    """A GSI3 key: the whole partition, one office's range (`<office>#`), or one entry."""
    key = {GSI3PK: partition}
    if office:
        key[GSI3SK] = f"{office}#{since}#{exam_no}" if since else f"{office}#"
    return key


def application_host(exam_no: str, batch_id: str, host: str, pair: str = "") -> dict:
    """The list entry of a host university an application names after its first (host_review_list), carrying the
    list's columns: a university's list is its own GSI2 partition, whichever place its name has among them."""
    return _candidates(exam_no, f"APPHOST#{slot(batch_id, pair)}#{host}")


def application_name(exam_no: str, batch_id: str, pair: str = "") -> dict:
    """The small item that carries an application's name-search entry (application_by_name): written when the
    application starts (its name, office and host universities hardly change), not at every step as the
    application item is."""
    return _candidates(exam_no, f"APPNAME#{slot(batch_id, pair)}")


def application_by_name(batch_id: str, name: str, office: str = "", exam_no: str = "") -> dict:
    """Staff search by the applicant's name (GSI1 on the application's name item, keys.application_name)."""
    key = {GSI1PK: f"APPNAME#{batch_id}#{name}"}
    if office:
        key[GSI1SK] = f"{office}#{exam_no}"
    return key


def batch_settings(batch_id: str) -> dict:
    """What the provincial office changed on a batch (windows, dates): kept apart from the imported batch, which a
    re-import replaces, and laid over it when the batch is read."""
    return {PK: f"BATCH#{batch_id}", SK: "SETTINGS"}


def exception_request(exam_no: str, request_id: str = "") -> dict:
    """A staff exception asked for one candidate, waiting for (or decided by) a second member of staff; under the
    candidate's partition (`request_id` empty: the prefix of them all)."""
    return _candidates(exam_no, f"EXCREQ#{request_id}")


def pending_exceptions(requested_at: str = "", exam_no: str = "") -> dict:
    """Exceptions waiting for a second person's approval, oldest first (a sparse GSI2 entry on the request: the
    decision removes it). Few at any time, so one partition for the province."""
    return _queue("EXCREQ", requested_at, exam_no)


def notice(scope: str, key: str) -> dict:
    """An office's notice to its candidates (apply/notices/): the provincial 须知, a city's, a university's."""
    return _alone("NOTICE", f"{scope}#{key}")
