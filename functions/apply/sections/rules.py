"""What the candidate types into an application, checked against the province's profile.

Each `check_*` answers the cleaned value or raises BadInput with a Chinese message and a dotted field path
(`resume[2].to`: indexes from 0, while messages count 第 3 条 from 1). Nothing here reads a clock: `today` and
`birth_date` are arguments. `missing_for_submit` lists what still stops a submission, for the check-answers page.

How 字 are counted (`count_chars`): every character that is not whitespace counts one, whether 汉字, letter, digit
or punctuation (full- or half-width); spaces, full-width spaces and line breaks do not count. The page's live
counter must do the same (in JavaScript `[...text.replace(/\\s/g, "")].length`).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from functions.common.errors import BadInput
from functions.common.ids import id_number_problem, phone_problem
from functions.profiles.vocabulary import DOCUMENT_NAMES, EDITABLE_FIELDS, is_bachelor

from . import prior_rules as prior

LABELS = {"name": "姓名", "id_number": "身份证号", "gender": "性别", "ethnicity": "民族", "political_status": "政治面貌",
          "hukou_type": "户籍类型", "hukou_place": "户籍所在地", "education": "学历", "education_type": "学历类型",
          "studying": "是否在读", "school": "毕业学校", "phone": "手机号", "address": "通讯地址", "postcode": "邮政编码",
          "employer": "工作单位"}
GENDERS = ("男", "女")
ETHNICITIES = tuple(n + "族" for n in (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 "
    "达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 "
    "赫哲 门巴 珞巴 基诺").split())
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员",
                      "致公党党员", "九三学社社员", "台盟盟员", "无党派人士", "群众")
HUKOU_TYPES = ("城镇", "农村")
EDUCATIONS = ("博士研究生", "硕士研究生", "本科", "专科", "中专", "技校", "职高", "高中", "初中", "小学")
EDUCATION_TYPES = ("普通全日制(统招)", "成人高等教育", "高等教育自学考试", "网络教育", "开放教育", "其他")
ALIASES = {"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员", "非农业": "城镇", "农业": "农村",
           "大专": "专科", "统招": "普通全日制(统招)", "自考": "高等教育自学考试", **{e[:-1]: e for e in ETHNICITIES}}
NOW = "至今"
IDLE_UNITS = ("待业", "自由职业")        # 安徽: 若无工作经历，可填写"待业"或"自由职业"; the role may stay empty
STATEMENT_MAX = 500                      # 情况说明 (重庆: 非必填项)
PHOTO_OK = ("ok", "approved")            # a photo awaiting staff review (安徽: 相片审核通过后才能提交) does not count yet
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")   # zero-width marks pasted from other editors: dropped


def count_chars(text: str) -> int:
    """字 as the provinces count them: every non-whitespace character is one (see the module docstring)."""
    return sum(1 for ch in text if not ch.isspace())


def _plain(value, field: str, label: str, *, lines: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInput(f"{label}应为文字", field=field)
    if _CONTROL.search(value):
        raise BadInput(f"{label}含有不可见的控制字符，请删除后重新输入（可先粘贴到记事本再复制）", field=field)
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    if not lines:
        return " ".join(value.split())
    paragraphs = (" ".join(line.split()) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(p for p in paragraphs if p)


def _text(value, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = _plain(value, field, label)
    if not text and required:
        raise BadInput(f"请填写{label}", field=field)
    if count_chars(text) > max_chars:
        raise BadInput(f"{label}最多 {max_chars} 字，现有 {count_chars(text)} 字", field=field)
    return text


def _choice(value, field: str, label: str, options: tuple[str, ...], hint: str | None = None) -> str:
    text = _plain(value, field, label).replace("（", "(").replace("）", ")")
    text = ALIASES.get(text, text)
    if text not in options:
        raise BadInput(f"{label}应为{hint or '以下之一：' + '、'.join(options)}", field=field)
    return text


def _digits(value, field: str, label: str) -> str:
    """Full-width digits typed with a Chinese input method become ASCII; spaces and hyphens go."""
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", _plain(value, field, label)))


def _phone(value, field: str = "phone") -> str:
    text = _digits(value, field, "手机号")
    if not text:
        raise BadInput("请填写手机号", field=field)
    problem = phone_problem(text)
    if problem:
        raise BadInput(problem, field=field)
    return text


def _postcode(value, field: str = "postcode") -> str:
    text = _digits(value, field, "邮政编码")
    if text and not re.fullmatch(r"\d{6}", text):
        raise BadInput("邮政编码应为 6 位数字，如 430071；不知道可以不填", field=field)
    return text


def _check_field(key: str, value, today: date) -> str:
    label = LABELS[key]
    if key == "id_number":
        text = _digits(value, key, label).upper()
        problem = id_number_problem(text, today)
        if problem:
            raise BadInput(problem, field=key)
        return text
    if key == "studying":
        return _choice(("是" if value else "否") if isinstance(value, bool) else value, key, label, ("是", "否"))
    choices = {"gender": GENDERS, "political_status": POLITICAL_STATUSES, "hukou_type": HUKOU_TYPES,
               "education": EDUCATIONS, "education_type": EDUCATION_TYPES, "ethnicity": ETHNICITIES}
    if key in choices:
        hint = "56 个民族名称之一，如汉族、回族、壮族" if key == "ethnicity" else None
        return _choice(value, key, label, choices[key], hint)
    if key == "phone":
        return _phone(value)
    if key == "postcode":
        return _postcode(value)
    limits = {"address": (100, False), "employer": (50, False), "hukou_place": (50, True), "school": (50, True)}
    return _text(value, key, label, *limits[key])


def check_edits(profile_data: dict, changes: dict, *, today: date, current: dict | None = None) -> dict:
    """Basic-information edits: only `application.editable_fields` may change, never the name; answers the cleaned
    changes. `today` is used for the ID number's birth date; with `current` (the stored record) the gender is also
    checked against the ID number (its 17th digit: odd 男, even 女)."""
    if not isinstance(changes, dict):
        raise BadInput("修改内容格式不正确", field="changes")
    allowed = profile_data["application"]["editable_fields"]
    cleaned = {}
    for key, value in changes.items():
        if key == "name":
            raise BadInput("姓名不能在网上修改：如有错误或变更，请持户籍证明到报名所在的考试机构申请考籍更正", field="name")
        if key not in EDITABLE_FIELDS:
            raise BadInput(f"不能修改“{key}”：基本信息中没有这一项", field=str(key))
        if key not in allowed:
            raise BadInput(f"{profile_data['province']}不能在网上修改{LABELS[key]}：如有错误，请到报名所在的考试机构办理更正",
                           field=key)
        cleaned[key] = _check_field(key, value, today)
    after = {**(current or {}), **cleaned}
    number = str(after.get("id_number") or "")
    by_id = "男女"[int(number[16]) % 2 == 0] if re.fullmatch(r"\d{17}[\dX]", number) else None
    gender = after.get("gender")
    if {"gender", "id_number"} & cleaned.keys() and by_id and gender in GENDERS and gender != by_id:
        raise BadInput(f"性别“{gender}”与身份证号不符（第 17 位为奇数是男、偶数是女）",
                       field="gender" if "gender" in cleaned else "id_number")
    return cleaned


def check_contact(contact) -> dict:
    """联系方式: the mobile phone is required, address (≤ 100 字) and postcode (6 digits) may be left empty."""
    if not isinstance(contact, dict):
        raise BadInput("请填写联系方式：手机号必填，通讯地址和邮政编码可不填", field="contact")
    return {"phone": _phone(contact.get("phone"), "contact.phone"),
            "address": _text(contact.get("address"), "contact.address", "通讯地址", 100, required=False),
            "postcode": _postcode(contact.get("postcode"), "contact.postcode")}


def _month(value, field: str, label: str) -> int:
    """'2019-06' as a month number (year * 12 + month - 1)."""
    text = unicodedata.normalize("NFKC", _plain(value, field, label))
    found = re.fullmatch(r"(\d{4})[-./](\d{1,2})", text)
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise BadInput(f"{label}应为“年-月”，如 2019-06", field=field)
    return int(found[1]) * 12 + int(found[2]) - 1


def _ym(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def check_resume(profile_data: dict, entries, *, today: date, birth_date: date) -> list[dict]:
    """本人简历: at most `resume.max_entries` entries {from, to, unit, role}, in time order; with `resume.continuous`
    each starts the month the previous one ended or the month after. The first starts no earlier than the month the
    candidate turned 14; only the last may say 至今, and the last reaches this month."""
    rules = profile_data["application"]["resume"]
    if not rules:
        raise BadInput(f"{profile_data['province']}的毕业申请不填写简历", field="resume")
    if not isinstance(entries, list) or not entries:
        raise BadInput("请填写简历：每条包括起止年月、单位或学校、职务或身份，从 14 周岁以后写到现在", field="resume")
    if len(entries) > rules["max_entries"]:
        raise BadInput(f"简历最多填写 {rules['max_entries']} 条，现有 {len(entries)} 条：请合并相近的经历", field="resume")
    this_month, earliest = today.year * 12 + today.month - 1, (birth_date.year + 14) * 12 + birth_date.month - 1
    cleaned, previous = [], None
    for i, raw in enumerate(entries):
        at, nth = f"resume[{i}]", f"第 {i + 1} 条简历"
        if not isinstance(raw, dict):
            raise BadInput(f"{nth}应包括起止年月、单位或学校、职务或身份", field=at)
        start = _month(raw.get("from"), f"{at}.from", f"{nth}的开始年月")
        ongoing = isinstance(raw.get("to"), str) and raw["to"].strip() == NOW
        if ongoing and i < len(entries) - 1:
            raise BadInput(f"{nth}的结束年月不能填“至今”：只有最后一条可以", field=f"{at}.to")
        end = this_month if ongoing else _month(raw.get("to"), f"{at}.to", f"{nth}的结束年月")
        unit = _text(raw.get("unit"), f"{at}.unit", f"{nth}的单位或学校", 50)
        role = _text(raw.get("role"), f"{at}.role", f"{nth}的职务或身份", 20, required=unit not in IDLE_UNITS)
        for month, key, what in ((start, "from", "开始"), (end, "to", "结束")):
            if month > this_month:
                raise BadInput(f"{nth}的{what}年月 {_ym(month)} 晚于本月 {_ym(this_month)}", field=f"{at}.{key}")
        if end < start:
            raise BadInput(f"{nth}的结束年月 {_ym(end)} 早于开始年月 {_ym(start)}", field=f"{at}.to")
        if i == 0 and start < earliest:
            raise BadInput(f"{nth}从 {_ym(start)} 开始，早于您年满 14 周岁的 {_ym(earliest)}：请从 14 周岁以后的学习或"
                           "工作经历写起", field=f"{at}.from")
        if previous is not None:
            expected = f"应从 {_ym(previous[1])} 或 {_ym(previous[1] + 1)} 开始"
            if start < previous[0]:
                raise BadInput(f"简历应按时间先后填写：{nth}（{_ym(start)} 起）早于第 {i} 条（{_ym(previous[0])} 起）",
                               field=f"{at}.from")
            if start < previous[1]:
                raise BadInput(f"{nth}从 {_ym(start)} 开始，与第 {i} 条（至 {_ym(previous[1])}）时间重叠：{expected}",
                               field=f"{at}.from")
            if rules["continuous"] and start > previous[1] + 1:
                raise BadInput(f"{nth}从 {_ym(start)} 开始，与第 {i} 条（至 {_ym(previous[1])}）之间有断档：{expected}；"
                               "没有工作的时间可填“待业”", field=f"{at}.from")
        cleaned.append({"from": _ym(start), "to": NOW if ongoing else _ym(end), "unit": unit, "role": role})
        previous = (start, end)
    if previous[1] != this_month:
        raise BadInput(f"简历应写到现在：最后一条结束于 {_ym(previous[1])}，请改为“至今”或补上之后的经历",
                       field=f"resume[{len(entries) - 1}].to")
    return cleaned


def check_self_assessment(profile_data: dict, text) -> str:
    """自我鉴定 within `self_assessment.min_chars..max_chars` 字 (count_chars); whitespace normalised: each
    paragraph trimmed, runs of spaces made one, empty lines dropped."""
    rules = profile_data["application"]["self_assessment"]
    if not rules:
        raise BadInput(f"{profile_data['province']}的毕业申请不填写自我鉴定", field="self_assessment")
    cleaned = _plain(text, "self_assessment", "自我鉴定", lines=True)
    low, high, n = rules["min_chars"], rules["max_chars"], count_chars(cleaned)
    span = f"{low}–{high} 字" if low else f"不超过 {high} 字"
    if n == 0 and low:
        raise BadInput(f"请填写自我鉴定（{span}）", field="self_assessment")
    if not low <= n <= high:
        raise BadInput(f"自我鉴定应为 {span}，现有 {n} 字（汉字、字母、数字、标点各计 1 字，空格和换行不计）",
                       field="self_assessment")
    return cleaned


def check_statement(text) -> str:
    """情况说明: optional free text for the reviewers, at most 500 字."""
    cleaned = _plain(text, "statement", "情况说明", lines=True)
    if count_chars(cleaned) > STATEMENT_MAX:
        raise BadInput(f"情况说明最多 {STATEMENT_MAX} 字，现有 {count_chars(cleaned)} 字", field="statement")
    return cleaned


def check_signature(profile_data: dict, present) -> bool:
    """The signature-present flag, set once the signature image is stored; only where `application.signature`."""
    if not profile_data["application"]["signature"]:
        raise BadInput(f"{profile_data['province']}的毕业申请不需要电子签名", field="signature")
    if not isinstance(present, bool):
        raise BadInput("签名标记应为 true 或 false", field="signature")
    return present


def required_documents(profile_data: dict, application: dict) -> list[str]:
    """Uploads that block submission. The profiles say which uploads a province takes, not which are required;
    this is judged from the seeds:
    - id_front, id_back where taken (重庆: 上传有效身份证正反面), except where login.identity_check is "photos"
      (山西): there id_front and id_holding belong to the sign-up identity check, not to the application;
    - appraisal where the profile's application.internship_appraisal names the major (安徽: 护理 本科);
    - old_course_cards when the candidate adds 旧计划课程 (`old_plan_courses`; 山西: 不上传扫描件…毕业申请无效);
    - diploma, filing_form only in the manual prior-education path (see missing_for_submit), signature through
      application.signature, and "other" never (重庆: 其它材料上传 为非必填项)."""
    taken = profile_data["documents"]
    by_photos = profile_data["login"]["identity_check"] == "photos"
    needed = [k for k in ("id_front", "id_back") if k in taken and not by_photos]
    appraisal = profile_data["application"]["internship_appraisal"]
    if appraisal and _appraisal_needed(appraisal, application):
        needed.append("appraisal")
    if "old_course_cards" in taken and application.get("old_plan_courses"):
        needed.append("old_course_cards")
    return needed


def _appraisal_needed(rule: dict, application: dict) -> bool:
    """安徽: 申请护理专业本科毕业的考生需上传毕业实习鉴定材料 (the profile names the majors and whether 本科 only)."""
    major = application.get("major_name") or ""
    level_fits = is_bachelor(application.get("level")) or not rule["bachelor_only"]
    return level_fits and any(name in major for name in rule["majors"])


def missing_for_submit(profile_data: dict, application: dict, *, today: date | None = None,
                       birth_date: date | None = None) -> list[dict]:
    """Everything that still stops a submission, as [{"field", "message"}] in task-list order. `application` holds
    contact, resume, self_assessment, signature (bool), level (专科, 本科 or 专升本), major_name, old_plan_courses,
    prior_education (a stored prior_education record) and uploads ({kind: status or {"status": …}}, the photo as
    kind "photo"). With `today` and `birth_date` a saved resume is checked again (it must still reach this month)."""
    app, uploads, missing = profile_data["application"], application.get("uploads") or {}, []

    def attempt(check, *args, **kwargs):
        try:
            check(*args, **kwargs)
        except BadInput as err:
            missing.append({"field": err.field, "message": err.message})

    attempt(check_contact, application.get("contact"))
    if app["resume"]:
        if not application.get("resume"):
            continuous = "时间连续，" if app["resume"]["continuous"] else ""
            missing.append({"field": "resume",
                            "message": f"请填写简历（最多 {app['resume']['max_entries']} 条，{continuous}写到现在）"})
        elif today and birth_date:
            attempt(check_resume, profile_data, application["resume"], today=today, birth_date=birth_date)
    if app["self_assessment"] and app["self_assessment"]["min_chars"] > 0:
        attempt(check_self_assessment, profile_data, application.get("self_assessment"))
    if app["signature"] and not (application.get("signature") is True or prior.uploaded(uploads, "signature")):
        missing.append({"field": "signature", "message": "请完成电子签名：上传签名图片并截取签名"})
    if is_bachelor(application.get("level")):
        problem = prior.submit_problem(profile_data, application.get("prior_education"), uploads)
        if problem:
            missing.append({"field": "prior_education", "message": problem})
    photo = uploads.get("photo")
    photo = photo.get("status") if isinstance(photo, dict) else photo
    if profile_data["photo"] is not None and photo not in PHOTO_OK:
        missing.append({"field": "photo", "message": "照片正在等待审核，审核通过后才能提交" if photo == "pending_review"
                        else "请上传符合要求的毕业证书照片"})
    for kind in required_documents(profile_data, application):
        if not prior.uploaded(uploads, kind):
            missing.append({"field": f"uploads.{kind}", "message": f"请上传{DOCUMENT_NAMES[kind]}"})
    return missing
