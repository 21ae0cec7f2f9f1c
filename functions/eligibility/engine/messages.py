"""Chinese messages a candidate understands.

Where a seed manual shows a screen, its words are used verbatim (湖北: "缺少专业毕业课程",
"经系统初步判断，您不符合毕业申请条件"; 安徽: the prior-education exceptions; 山西: the
英语(二) credit pool), so the portal reads like the systems candidates already know.
"""

from .codes import Verdict

VERDICT_MESSAGES = {
    Verdict.ELIGIBLE: "经系统初步判断，您符合毕业申请条件，可以提交毕业申请。",
    Verdict.ELIGIBLE_CONDITIONAL: "经系统初步判断，您有条件地符合毕业申请条件，请按提示补齐材料，最终以审核结果为准。",
    Verdict.NOT_ELIGIBLE: "经系统初步判断，您不符合毕业申请条件。请在课程顶替中查看是否有课程需要做顶替。",
}


def course_label(code: str, name: str | None) -> str:
    return f"{code}{name or ''}"


def course_missing(code, name):
    return f"{course_label(code, name)} 缺少专业毕业课程"


def practice_missing(code, name):
    return f"{course_label(code, name)} 缺少专业毕业课程（实践考核）"


def choice_unmet(label, need_count, have_count, need_credits, have_credits, options):
    wants = []
    if need_count:
        wants.append(f"至少{need_count}门")
    if need_credits:
        wants.append(f"不少于{number(need_credits)}学分")
    opts = "、".join(options) if options else "无"
    return (f"{label}：要求{'、'.join(wants)}，已通过{have_count}门、{number(have_credits)}学分；"
            f"尚未通过的可选课程：{opts}")


def total_credits_short(need, have):
    return f"总学分不足：要求不少于{number(need)}学分，已取得{number(have)}学分"


def course_count_short(need, have):
    return f"课程门数不足：要求不少于{need}门（实践环节和毕业论文不计门数），已通过{have}门"


def thesis_missing(code, name):
    return f"{course_label(code, name)} 缺少毕业论文（设计）合格成绩"


def thesis_failed(code, name, grade):
    return f"{course_label(code, name)} 毕业论文（设计）成绩为{grade}，不合格"


def thesis_host_mismatch(hosts, host):
    return f"毕业论文（设计）须在本专业主考学校（{'、'.join(hosts)}）完成，您的记录为{host}"


def additional_missing(code, name, category):
    return f"{course_label(code, name)} 缺少加考课程（前置学历专业类别：{category}）"


PRIOR_EDU_MISSING = "申请本科专业毕业，必须具有专科及以上学历，并在前置学历管理中申请前置学历"
PRIOR_EDU_UNVERIFIED = "前置学历尚未完成学信网有效授权核验，不能提交本科专业毕业申请"
PRIOR_EDU_MANUAL = "前置学历已提交毕业证书等材料，等待工作人员人工核查；可以提交申请，最终以审核结果为准"


def prior_edu_after_cutoff(graduated, cutoff):
    return f"前置学历毕业时间{graduated}晚于本次要求的{cutoff}（以毕业证书上的落款日期为准）"


def prior_edu_verify_lapsed(verify_by):
    return f"未在{verify_by}前完成前置学历有效授权核验，视为放弃当次毕业申请"


def prior_edu_pending(verify_by):
    return (f"应届毕业生可凭学校统一出具的证明先提交本科专业毕业申请，但须在{verify_by}前完成前置学历"
            "有效授权核验；未完成的视为放弃当次毕业申请")


PRIOR_EDU_CONCURRENT = ("当次一并申请办理自考本、专科毕业手续的，无需验证前置学历，但必须符合除前置学历要求外的"
                        "所有毕业条件；请先提交专科毕业申请，本科毕业以专科毕业审核通过为前提")


def _associate(major):
    return f"当次一并申请的专科专业（{major}）" if major else "当次一并申请的专科专业"


def concurrent_pending(major):
    """The 本科 while the 专科 of the same batch waits for the city (seed 002, 本、专科专业一并申请)."""
    return f"{_associate(major)}待市级教育考试机构确认；{PRIOR_EDU_CONCURRENT}"


def concurrent_rejected(major, reason):
    why = f"：{reason}" if reason else ""
    return f"{_associate(major)}未通过审核{why}；本科专业毕业以专科专业毕业审核通过为前提，本次不能申请本科专业毕业"

MAJOR_DISCONTINUED = "此专业停办且不能申请毕业，需变更专业，以变更后的专业申请毕业"
ALREADY_GRADUATED = "已经申请办理过相同层次相同专业的毕业，不能再次申请毕业"


def plan_expired(version, until):
    return f"{version or '原'}考试计划的过渡期已于{until}结束，须按新计划申请毕业"


def plan_not_available(version, registered_before):
    return f"{version or '原'}考试计划仅适用于{registered_before}前注册的考生，须按新计划申请毕业"


def discipline_ban(until):
    return f"您有考试违纪记录，{until}（含）前不能申请毕业，需解禁后才能申请毕业"


def substitution_invalid(reason):
    # (the rule by what it does, never its identifier: the page lists the 顶替 in words)
    return f"您选择的一条课程顶替未生效：选中的课程与顶替规则不一致，{reason}"


def exemption_rejected(code, name, reason=None):
    because = f"（{reason}）" if reason else ""
    return f"{course_label(code, name)} 免考申请未获批准{because}，不计为合格"


def exemption_pending(code, name):
    return f"{course_label(code, name)} 的免考或替代申请待工作人员审核，审核通过后才计为合格"


def exemption_certificate_reused(code, name, certificate):
    return f"{course_label(code, name)} 免考无效：证书{certificate}已用于免考其他课程，一张证书只能免考一门课程"


def transfer_rejected(code, name):
    return f"{course_label(code, name)} 转考成绩未被接收，不计为合格"


def number(value) -> str:
    """2.0 -> "2", 2.5 -> "2.5"."""
    return str(int(value)) if float(value).is_integer() else str(value)


# -- the 课程顶替 rule table (rule_table.py): rows are {code, name, credits, state?} -------------------------------

_WHY_NOT_FREE = {"used": "已用于其他课程顶替", "in_plan": "已计入本专业，不能用于顶替", "not_passed": "还没有合格成绩"}


def _with_credits(course):
    return f"{course_label(course['code'], course['name'])}（{number(course['credits'])}学分）"


def _courses(rows):
    text = "、".join(_with_credits(r) for r in rows)
    return text if len(rows) == 1 else f"{text}这{len(rows)}门课程（共{number(sum(r['credits'] for r in rows))}学分）"


def rule_words(sources, targets, need, min_credits):
    """A rule as the 湖北 table words it ("新计划的2门课程中的全部2门课程 顶替 原计划的1门课程…"), with names and
    credits."""
    replaced = f"顶替 {_courses(targets)}"
    if min_credits is not None:
        return f"从您已通过的课程中选择，总学分不少于{number(min_credits)}学分，{replaced}"
    if len(sources) == 1:
        return f"用已通过的 {_with_credits(sources[0])}{replaced}"
    listed = "、".join(_with_credits(r) for r in sources)
    if need >= len(sources):
        total = number(sum(r["credits"] for r in sources))
        return f"用已通过的 {listed}这{len(sources)}门课程中的全部{need}门（共{total}学分）{replaced}"
    return f"用已通过的 {listed}这{len(sources)}门课程中的任意{need}门{replaced}"


def rule_registered_after(registered_before, registered_on):
    return f"这条规则只适用于{registered_before}前注册的考生，您的注册时间是{registered_on or '未知'}"


def other_direction_only(direction_name):
    return f"所顶替的课程不是专业方向「{direction_name}」要求的课程，不需要这条规则"


def other_direction_course(named, direction_name):
    return f"{named}不是专业方向「{direction_name}」要求的课程，无需替代"


def judged_direction(direction_name, chosen):
    """Which 专业方向 a verdict, its suggestions and its rule table are for (a plan with 方向)."""
    if chosen:
        return f"按所选的专业方向「{direction_name}」判断"
    return f"还没有选择专业方向，按最接近的「{direction_name}」判断"


def pool_short(min_credits, total):
    return f"您可用于顶替的已通过课程共{number(total)}学分，不足{number(min_credits)}学分"


def sources_short(need, sources, capped):
    if capped:
        return "您已通过的课程超过这条规则允许的门数，应适用其他规则"
    free = sum(s["state"] == "free" for s in sources)
    why = "；".join(f"{course_label(s['code'], s['name'])}{_WHY_NOT_FREE[s['state']]}" for s in sources
                    if s["state"] != "free")
    return why if need >= len(sources) else f"{why}（这条规则须用其中{need}门，您可用的只有{free}门）"
