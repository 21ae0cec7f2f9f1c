"""What the templates read besides the profile: which pages a province has, upload kinds and their names, sizes.

Everything here is derived from the province's profile (and the photo function's names for upload kinds), so a
page never states a rule the API does not apply.
"""
from __future__ import annotations

from functions.apply.accounts.rules import binds_at_registration
from functions.apply.application.rules import OFFICE_LABEL
from functions.apply.sections import basic_rules, prior_rules, resume_rules
from functions.apply.sections.rules import STATEMENT_MAX
from functions.common.jurisdiction import ALL_OF_PROVINCE, FULL_ID_EXPORTERS, OFFICE_NAMES, office_name, role_names
from functions.common.sizes import size_words
from functions.photo.checks.documents import KIND_NAMES
from functions.photo.uploads.service import accepts
from functions.profiles.loader import Profile
from functions.profiles.photo_rules import PhotoRules
from functions.profiles.vocabulary import CONTACT_FIELDS, DOCUMENT_NAMES, LOGIN_NAMES, PRINTED_FIELDS

IDENTITY_PICTURES = ("id_front", "id_holding")       # uploaded on the identity-check page, not with the documents
CLAIM_EVIDENCE = ("certificate",)                    # uploaded on the claims page, with the claim it proves
BACKGROUNDS = {"light_blue": "浅蓝色", "white": "白色", "light_grey": "浅灰色"}
CHOICES = {"gender": basic_rules.GENDERS, "ethnicity": basic_rules.ETHNICITIES,
           "political_status": basic_rules.POLITICAL_STATUSES, "hukou_type": basic_rules.HUKOU_TYPES,
           "education": basic_rules.EDUCATIONS, "education_type": basic_rules.EDUCATION_TYPES, "studying": ("是", "否")}
# The application's tasks as GET /api/apply/application/check names them, and the page that does each.
# The most characters each typed field of the application takes, as its rules check it: the inputs' maxlength.
MAXLENGTH = {"phone": basic_rules.INPUT_LENGTHS["phone"], "address": basic_rules.MAX_CHARS["address"],
             "postcode": basic_rules.INPUT_LENGTHS["postcode"], "month": 7, "unit": resume_rules.UNIT_MAX,
             "role": resume_rules.ROLE_MAX, "school": prior_rules.SCHOOL_MAX, "certificate_no": 18}
TASK_PAGES = {"major": "/apply/major.html", "eligibility": "/eligibility/index.html", "basic": "/apply/basic.html",
              "contact": "/apply/contact.html", "prior_education": "/apply/prior-education.html",
              "resume": "/apply/resume.html", "self_assessment": "/apply/self-assessment.html",
              "statement": "/apply/statement.html", "photo": "/photo.html", "uploads": "/documents.html",
              "check": "/apply/check.html"}


def basic_fields(profile: dict) -> list[dict]:
    """The basic information a candidate sees, in the API's order (basic_rules.LABELS), each with its label, whether
    the province lets candidates edit it (never the name), the most characters it takes, and the values the API
    accepts for a choice."""
    editable = profile["application"]["editable_fields"]
    return [{"key": k, "label": label, "editable": k in editable, "maxlength": basic_rules.INPUT_LENGTHS.get(k),
             "options": [{"value": o, "text": o} for o in CHOICES.get(k, ())],
             "required": f"请选择{label}" if k in PRINTED_FIELDS else None}
            for k, label in basic_rules.LABELS.items() if k not in CONTACT_FIELDS]   # contact: its own page


def document_kinds(profile: dict) -> list[str]:
    """The documents a candidate uploads on the documents page (山西's identity pictures have their own page)."""
    skip = (IDENTITY_PICTURES if profile["login"]["identity_check"] == "photos" else ()) + CLAIM_EVIDENCE
    return [kind for kind in profile["documents"] if kind not in skip]


def basic_rows(profile: dict, href: str | None = None, fixed_only: bool = False) -> list[dict]:
    """Summary-list rows of the basic information (filled by the page from the API: data-fill basic.<key>);
    with `href`, the editable ones link to the page that changes them."""
    return [{"key": f["label"], "fill": "basic." + f["key"], "change": f["label"],
             "href": href if href and f["editable"] else None}
            for f in basic_fields(profile) if not (fixed_only and f["editable"])]


# Stand-ins' pages and scripts: only in a local build (DESIGN: a deployed stack never serves stand-ins).
LOCAL_ONLY_STATIC = ("js/pay-sandbox.js",)

# Scripts joined into one file when the site is built, for a page that keeps a weight budget: gzip reads one file
# better than two (the staff application page: core.js with its own script, about 400 B less; issue 17 item 9). The
# sources stay apart, core.js serving every other page; only the built site has the joined file.
BUNDLES = {"js/staff-application-bundle.js": ("js/core.js", "js/staff-application.js")}


def fill_form(profile: dict) -> dict | None:
    """The form the candidate fills in after submitting (application/status.py form_fill), if the province has one."""
    return next((f for f in profile["forms"] if f.get("fill")), None)


def wanted(page: str, profile: Profile, local: bool = True) -> bool:
    """Whether a province has this page at all (a page for a step the province does not take is not built, nor a
    stand-in's page outside the local stage)."""
    data = profile.data
    only = {"activate.html": not binds_at_registration(profile),
            "reset/question.html": bool(data["login"]["security_question"]),
            "photo.html": data["photo"] is not None,
            "documents.html": bool(document_kinds(data)),
            "identity.html": data["login"]["identity_check"] == "photos",
            "apply/resume.html": bool(data["application"]["resume"]),
            "apply/self-assessment.html": bool(data["application"]["self_assessment"]),
            "pay/sandbox.html": data["fee"] is not None and local,
            "pay/index.html": data["fee"] is not None,
            "pay/receipt.html": data["fee"] is not None,
            "staff/photos.html": bool(data["application"]["photo_review"]),
            "staff/identity.html": data["login"]["identity_check"] == "photos",
            "apply/claims.html": bool(data["application"]["claims"]),
            "apply/fill-form.html": fill_form(data) is not None,
            "apply/exam-numbers.html": bool(data["application"].get("other_exam_numbers"))}
    return only.get(page, True)


def size(n: int) -> str:
    """Bytes as the rules are published: 40 KB, 10 MB, 1.5 MB."""
    return size_words(n)


def limit(n: int) -> str:
    """The largest file, in words: 不超过 40 KB; 2 MB − 1 byte (山西's “小于 2 MB”) is 小于 2 MB."""
    return f"小于 {size(n + 1)}" if (n + 1) % 1024 == 0 else f"不超过 {size(n)}"


def template_globals(profile: Profile) -> dict:
    rules = PhotoRules.from_profile(profile.data)
    roles = role_names(profile.data["province_office"])

    def upload(kind: str) -> dict:
        """What the upload API takes for this kind (its own function, so page and API agree): name, the file
        input's accept attribute, the largest file, and a hint listing both."""
        allowed = accepts(rules, kind)
        types = "、".join(e.lstrip(".").upper() for e in allowed.extensions)
        # a document the check makes fit (functions/photo/checks/document_fit.py) may arrive larger
        fits = kind != "photo" and allowed.intake_bytes > allowed.max_bytes
        shrunk = "；较大的图片会自动缩小，您确认后才保存" if fits else ""
        return {"kind": kind, "label": allowed.name, "accept": ",".join(allowed.extensions),
                "max_bytes": allowed.max_bytes, "hint": f"{types} 文件，{limit(allowed.max_bytes)}{shrunk}"}

    kinds = profile.data["login"]["identifiers"]
    return {"kind_names": KIND_NAMES, "backgrounds": BACKGROUNDS, "login_names": LOGIN_NAMES,
            "login_label": "或".join(LOGIN_NAMES[k] for k in kinds),
            "login_items": [{"value": k, "text": LOGIN_NAMES[k], "checked": i == 0} for i, k in enumerate(kinds)],
            "document_kinds": document_kinds(profile.data), "size": size, "limit": limit, "upload": upload,
            "basic_fields": basic_fields(profile.data), "task_pages": TASK_PAGES,
            # 山西: the form filled in after paying (its sections open again until it is handed in), or None
            "fill_form": fill_form(profile.data),
            "basic_rows": lambda href=None, fixed_only=False: basic_rows(profile.data, href, fixed_only),
            "document_rows": [{"key": KIND_NAMES[k], "fill": "uploads." + k, "href": "/documents.html",
                               "change": KIND_NAMES[k]} for k in document_kinds(profile.data)],
            "stage_items": [{"value": st["id"], "text": st["name"]} for st in profile.data["review"]["stages"]
                            if st["kind"] != "payment"],
            "candidate_type_items": [{"value": t, "text": t} for t in profile.data["application"]["candidate_types"]],
            "reason_items": [{"value": r, "text": r} for r in profile.data["review"]["reject_reasons"]],
            # Who sees what on the batches page ([data-roles]): the API's own role lists, so the page offers no
            # button the API refuses.
            "province_roles": " ".join(ALL_OF_PROVINCE), "full_id_exporters": " ".join(FULL_ID_EXPORTERS),
            # what candidates call each office, in the API's words (jurisdiction.office_name)
            "office_names": {r: office_name(profile.data, r) for r in OFFICE_NAMES},
            "role_names": roles, "role_items": [{"value": k, "text": v} for k, v in roles.items()],
            # 选择申请专业 offers the offices where the profile lets candidates choose the one handling the application
            "office_label": OFFICE_LABEL,
            "office_items": [{"value": o["code"], "text": o["name"]} for o in profile.data["offices"]],
            # 安徽's start page says whose photo review the candidate waits for (等待市级教育考试机构审核, seed 002)
            "photo_reviewer": profile.data["application"]["photo_review"] and
            office_name(profile.data, profile.data["application"]["photo_review"]),
            "statement_max": STATEMENT_MAX, "maxlength": MAXLENGTH, "prior_documents": DOCUMENT_NAMES}
