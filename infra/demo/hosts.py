"""The host universities (主考院校) a province's demo names: those the research notes know for that province
(../shared/data/provinces/NOTES.md, 2026-12-04), by the demo plans' majors.

The demo plans are Jiangsu's (the only complete public plans we have). A province's demo stack offers its own known
hosts for them, so its applications, its university staff and its 会审 name that province's universities; every page
that shows a plan still says whose plan it is and names the plan's own host (plan_source: 演示数据：这是江苏的考试
计划（主考院校：…），不是本省的), and adds which host the demo uses here. Where the notes know no host of that major in
the province, the demo borrows a host the notes name for the province, and says so. The notes name no offices: the
demo's offices stay the first of each profile's own (generate.DEMO_OFFICES).
"""
from __future__ import annotations

# By major code of the demo plans (generate.DEMO_PLANS: 080901 计算机科学与技术, 120203K 会计学, 050101 汉语言文学,
# 530601 工商企业管理); the notes' words in the comments.
KNOWN: dict[str, dict[str, list[str]]] = {
    # 山西招生考试网's major ↔ host table (2022-11 copy)
    "shanxi": {"080901": ["太原理工大学"], "120203K": ["山西财经大学"], "050101": ["山西师范大学"]},
    # 汉语言文学(本科) → 安徽师范大学 (third-party)
    "anhui": {"050101": ["安徽师范大学"]},
    # 汉语言文学(专升本) hosts listed by eol (likely mixing 社会 and 助学 hosts)
    "chongqing": {"050101": ["西南大学", "重庆科技大学", "重庆第二师范大学", "重庆师范大学", "重庆三峡学院",
                             "重庆文理学院", "长江师范学院"]},
    "hubei": {},           # no major's host found
}
# A host the notes name for the province, borrowed for a major whose host there they do not know: 山西大学 (法学),
# 安徽大学 (named for 安徽 in general), 西南大学 (汉语言文学), 中南财经政法大学 (a 湖北 host's exam-date notice).
BORROWED = {"shanxi": "山西大学", "anhui": "安徽大学", "chongqing": "西南大学", "hubei": "中南财经政法大学"}


def demo_hosts(province: str, major_code: str) -> tuple[list[str], str]:
    """(the hosts the province's demo offers for the major, what the demo says about them)."""
    known = KNOWN[province].get(major_code)
    if known:
        return list(known), "本省演示用该专业的主考院校：" + "、".join(known)
    borrowed = BORROWED[province]
    return [borrowed], f"资料中未查到本省该专业的主考院校，演示借用{borrowed}"


def demo_universities(province: str) -> tuple[str, ...]:
    """Every host the province's demo names (its demo university staff account belongs to these)."""
    hosts = [h for known in KNOWN[province].values() for h in known] + [BORROWED[province]]
    return tuple(dict.fromkeys(hosts))


def as_demo_plan(plan: dict, province: str) -> dict:
    """The plan as the province's demo stack imports it: the province's hosts offered, the plan's own kept in
    `demo_source` with the words the demo adds (functions/eligibility/plan_source.py reads both)."""
    hosts, note = demo_hosts(province, plan["major_code"])
    return {**plan, "host_universities": hosts,
            "demo_source": {"host_universities": list(plan.get("host_universities") or ()), "note": note}}
