"""The basic information (基本信息): what a province lets candidates correct online, and the values each field takes.

`check_edits` answers the cleaned changes or raises BadInput naming the field. Pure.
"""
from __future__ import annotations

from functions.common.errors import BadInput, Problems
from functions.profiles.vocabulary import CONTACT_FIELDS, EDITABLE_FIELDS, IDENTITY_FIELDS

from .text_rules import bounded, plain

LABELS = {"name": "姓名", "id_number": "身份证号", "gender": "性别", "ethnicity": "民族",
          "political_status": "政治面貌", "hukou_type": "户籍类型", "hukou_place": "户籍所在地", "education": "学历",
          "education_type": "学历类型", "studying": "是否在读", "school": "毕业学校", "phone": "手机号",
          "address": "通讯地址", "postcode": "邮政编码", "employer": "工作单位"}
# The most 字 each typed field takes; the page's inputs carry the same numbers as `maxlength`.
MAX_CHARS = {"address": 100, "employer": 50, "hukou_place": 50, "school": 50}
# Inputs of a fixed length (the checks say what they must look like).
INPUT_LENGTHS = {"id_number": 18, "phone": 11, "postcode": 6, **MAX_CHARS}
IDENTITY_LABELS = {"name": "姓名", "id_number": "身份证号", "gender": "性别", "birth_date": "出生日期",
                   "exam_no": "准考证号"}
GENDERS = ("男", "女")
ETHNICITIES = tuple(n + "族" for n in (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
    "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split())
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民革党员", "民盟盟员", "民建会员", "民进会员",
                      "农工党党员", "致公党党员", "九三学社社员", "台盟盟员", "无党派人士", "群众")
HUKOU_TYPES = ("城镇", "农村")
EDUCATIONS = ("博士研究生", "硕士研究生", "本科", "专科", "中专", "技校", "职高", "高中", "初中", "小学")
EDUCATION_TYPES = ("普通全日制(统招)", "成人高等教育", "高等教育自学考试", "网络教育", "开放教育", "其他")
ALIASES = {"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员", "非农业": "城镇", "农业": "农村",
           "大专": "专科", "统招": "普通全日制(统招)", "自考": "高等教育自学考试",
           **{e[:-1]: e for e in ETHNICITIES}}


def _choice(value: object, field: str, label: str, options: tuple[str, ...], hint: str | None = None) -> str:
    """One of `options`, also when typed with full-width brackets or a common short name (党员, 大专, 汉)."""
    chosen = plain(value, field, label).replace("（", "(").replace("）", ")")
    chosen = ALIASES.get(chosen, chosen)
    if chosen not in options:
        raise BadInput(f"{label}应为{hint or '以下之一：' + '、'.join(options)}", field=field)
    return chosen


def _check_field(key: str, value: object) -> str:
    label = LABELS[key]
    if key == "studying":
        return _choice(("是" if value else "否") if isinstance(value, bool) else value, key, label, ("是", "否"))
    choices = {"political_status": POLITICAL_STATUSES, "hukou_type": HUKOU_TYPES,
               "education": EDUCATIONS, "education_type": EDUCATION_TYPES, "ethnicity": ETHNICITIES}
    if key in choices:
        hint = "56 个民族名称之一，如汉族、回族、壮族" if key == "ethnicity" else None
        return _choice(value, key, label, choices[key], hint)
    return bounded(value, key, label, MAX_CHARS[key], required=key in ("hukou_place", "school"))


# Contact details are one record, kept by 填写联系方式 (rules.check_contact); the basic information shows it.
ELSEWHERE = "{label}请在“填写联系方式”中填写或修改：联系方式只填一处，毕业表格、短信通知和审核都用它"
CORRECTION = ("{label}不能在网上修改：姓名、身份证号、性别、出生日期和准考证号以考籍档案为准；如有错误，"
              "请持身份证和户籍证明到报名所在的考试机构申请考籍更正")


def check_edits(profile_data: dict, changes: dict) -> dict:
    """Basic-information edits: only `application.editable_fields` may change, never an identity field (name, ID
    number, gender, birth date, 准考证号: a 考籍更正 the office decides); answers the cleaned changes, or every
    problem at once."""
    if not isinstance(changes, dict):
        raise BadInput("修改内容格式不正确", field="changes")
    allowed = profile_data["application"]["editable_fields"]
    cleaned: dict[str, str] = {}
    problems = Problems()
    for key, value in changes.items():
        if key in IDENTITY_FIELDS:
            problems.add(key, CORRECTION.format(label=IDENTITY_LABELS[key]))
        elif key in CONTACT_FIELDS:
            problems.add(key, ELSEWHERE.format(label=LABELS[key]))
        elif key not in EDITABLE_FIELDS:
            problems.add(str(key), f"不能修改“{key}”：基本信息中没有这一项")
        elif key not in allowed:
            problems.add(key, f"{profile_data['province']}不能在网上修改{LABELS[key]}：如有错误，请到报名所在的考试机构"
                         "办理更正")
        else:
            cleaned[key] = problems.attempt(_check_field, key, value)
    problems.answer()
    return cleaned
