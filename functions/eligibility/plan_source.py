"""Whose plan a page shows, when it is not this province's own.

A stack judges its candidates against the plans it imported. The demo imports Jiangsu's (the only complete public
plans we have: ../shared/data/provinces/NOTES.md), so a 重庆 demo would otherwise show 南京航空航天大学's plan as if
it were 重庆's. Wherever a plan is shown, a plan of another province says so, and so does a fragment the demo wrote
for a path of this province's; a province's own plans (or plans that name no province) say nothing.
"""
from __future__ import annotations

from functools import cache

from functions.profiles.loader import load_profile

OWN_FRAGMENT = "演示数据：这是为演示编写的计划片段，不是本省公布的考试计划"


@cache
def home_province(code: str) -> str:
    """The stack's province as plans name it (湖北), from its profile code (hubei); read once per container."""
    return load_profile(code).data["province"] if code else ""


def _bare(name: str) -> str:
    """江苏省 and 江苏, 重庆市 and 重庆, name one province."""
    for suffix in ("省", "市", "自治区"):
        name = name.removesuffix(suffix)
    return name


def of_another_province(plan: dict, home: str) -> bool:
    """The plan names a province, and not this one (a demo stack offers its own hosts for such plans)."""
    theirs = _bare(str(plan.get("province") or ""))
    return bool(theirs and home and theirs != _bare(home))


def plan_source(plan: dict, home: str) -> str | None:
    """None for this province's own plan, else what the page says beside it. A demo stack offers its province's
    hosts for another province's plan (infra/demo/hosts.py): `demo_source` keeps the plan's own hosts, which this
    names, and what the demo says about the hosts it offers."""
    theirs = _bare(str(plan.get("province") or ""))
    if not theirs or not home:
        return None
    if theirs == _bare(home):
        # the demo's own-province fragments (a path's few courses, a 方向 or 替代课程 list the sources do not give)
        # are written for the demo: they say so, where a province's imported plan says nothing
        return OWN_FRAGMENT if plan.get("completeness") == "fragment" else None
    demo = plan.get("demo_source") or {}
    hosts = "、".join(demo.get("host_universities") or plan.get("host_universities") or [])
    said = f"演示数据：这是{theirs}的考试计划" + (f"（主考院校：{hosts}）" if hosts else "") + "，不是本省的"
    return said + (f"；{demo['note']}" if demo.get("note") else "")
