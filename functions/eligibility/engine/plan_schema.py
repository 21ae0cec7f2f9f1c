"""Strict validation of plans (专业考试计划), rule sets and the course catalog."""

from .checks import Reader

PLAN_STATUSES = ("active", "transition", "discontinued")
COURSE_KINDS = ("theory", "practice", "thesis")


def check_plan(plan, file):
    r = Reader(file)
    r.obj(plan, "$")
    r.field(plan, "plan_id", "", "str")
    r.field(plan, "level", "", "str")
    r.field(plan, "status", "", "str", choices=PLAN_STATUSES)
    r.field(plan, "pass_mark", "", "number", optional=True)
    r.field(plan, "min_total_credits", "", "number", optional=True)
    r.field(plan, "min_course_count", "", "count", optional=True)
    r.field(plan, "requires_prior_education", "", "bool", optional=True)
    hosts = r.field(plan, "host_universities", "", "list", optional=True)
    for i, host in enumerate(hosts or ()):
        r.value(host, f"host_universities[{i}]", "str")
    old = r.field(plan, "old_plan_rules", "", "dict", optional=True)
    if old is not None:
        r.field(old, "registered_before", "old_plan_rules", "date", optional=True)
        r.field(old, "graduation_allowed_until", "old_plan_rules", "date", optional=True)
    thesis = r.field(plan, "thesis", "", "dict", optional=True)
    if thesis is not None:
        r.field(thesis, "code", "thesis", "code")
    ids = set()
    _check_node(r, r.field(plan, "requirements", "", "dict"), "requirements", ids)
    _check_directions(r, plan, ids)
    tracks = r.field(plan, "additional_tracks", "", "dict", optional=True)
    if tracks is not None:
        _check_tracks(r, tracks)
    return plan


def _check_directions(r, plan, ids):
    """专业方向 (engine/directions.py): at least two, each named, ids unique, each with its own requirements."""
    options = r.field(plan, "directions", "", "list", optional=True)
    if options is None:
        return
    if len(options) < 2:
        r.fail("directions", "至少两个专业方向（只有一个时写进 requirements）")
    seen = set()
    for i, option in enumerate(options):
        path = f"directions[{i}]"
        r.obj(option, path)
        _unique(r, seen, option, "id", path, "在计划内唯一的方向编号")
        r.field(option, "name", path, "str")
        _check_node(r, r.field(option, "requirements", path, "dict"), f"{path}.requirements", ids)


def _unique(r, seen, obj, key, path, expected):
    """`obj[key]`, a string not in `seen` (then added to it); the failure says what was expected."""
    value = r.field(obj, key, path, "str")
    if value in seen:
        r.fail(f"{path}.{key}", f"{expected}（{value} 重复）")
    seen.add(value)
    return value


def _check_node(r, node, path, ids):
    kind = r.field(node, "type", path, "str", choices=("course", "all_of", "choose", "conditional"))
    if node.get("id") is not None:
        node_id = r.field(node, "id", path, "str")
        if node_id in ids:
            r.fail(f"{path}.id", f"在计划内唯一的节点编号（{node_id} 重复）")
        ids.add(node_id)
    if kind == "course":
        r.field(node, "code", path, "code")
        r.field(node, "credits", path, "number", optional=True)
        r.field(node, "kind", path, "str", optional=True, choices=COURSE_KINDS)
        return
    if kind == "conditional":
        cond = r.field(node, "if", path, "dict")
        r.field(cond, "flag", f"{path}.if", "str")
        _check_node(r, r.field(node, "then", path, "dict"), f"{path}.then", ids)
        if node.get("else") is not None:
            _check_node(r, r.field(node, "else", path, "dict"), f"{path}.else", ids)
        return
    items = r.items(node.get("items"), f"{path}.items")
    for i, item in enumerate(items):
        _check_node(r, r.obj(item, f"{path}.items[{i}]"), f"{path}.items[{i}]", ids)
    if kind == "choose":
        min_count = r.field(node, "min_count", path, "count", optional=True)
        min_credits = r.field(node, "min_credits", path, "number", optional=True)
        max_count = r.field(node, "max_count", path, "positive", optional=True)
        if min_count is None and min_credits is None:
            r.fail(path, "choose 节点须给出 min_count 或 min_credits")
        if min_count is not None and min_count > len(items):
            r.fail(f"{path}.min_count", f"不大于可选项数（{len(items)}）的整数")
        if max_count is not None and min_count is not None and max_count < min_count:
            r.fail(f"{path}.max_count", "不小于 min_count 的整数")


def _check_tracks(r, tracks):
    for i, track in enumerate(r.items(tracks.get("tracks"), "additional_tracks.tracks")):
        path = f"additional_tracks.tracks[{i}]"
        r.obj(track, path)
        when = r.field(track, "when", path, "dict")
        r.field(when, "prior_major_category", f"{path}.when", "str")
        courses = r.field(track, "courses", path, "list")
        for j, code in enumerate(courses):
            r.value(code, f"{path}.courses[{j}]", "code")
    for i, special in enumerate(r.field(tracks, "special", "additional_tracks", "list", optional=True) or ()):
        path = f"additional_tracks.special[{i}]"
        r.obj(special, path)
        r.field(special, "when", path, "dict")
        for key in ("drop", "add"):
            if special.get(key) is not None:
                r.field(special, key, path, "codes")


def check_ruleset(doc, file):
    """A substitution rule set. Rules whose targets are prose (e.g. 山西 old-plan evidence) are manual."""
    r = Reader(file)
    r.obj(doc, "$")
    r.field(doc, "ruleset_id", "", "str")
    r.field(doc, "province", "", "str", optional=True)
    seen = set()
    for i, rule in enumerate(r.items(doc.get("rules"), "rules")):
        path = f"rules[{i}]"
        r.obj(rule, path)
        _unique(r, seen, rule, "rule_id", path, "唯一的规则编号")
        r.field(rule, "mode", path, "str", choices=("auto", "on_application"))
        if is_manual_rule(rule):
            continue
        _check_from(r, r.field(rule, "from", path, "dict"), f"{path}.from", rule["mode"])
        replaces = r.field(rule, "replaces", path, "dict")
        if "any_plan_course_except" in replaces:
            r.field(replaces, "any_plan_course_except", f"{path}.replaces", "list")
        else:
            r.field(replaces, "courses", f"{path}.replaces", "codes")
        # The 山西 table annotates its basis ("target (00015 = 14 credits) — assumption"): the first word counts.
        basis = r.field(rule, "credit_basis", path, "str", optional=True)
        if basis is not None and credit_basis(basis) not in ("target", "source"):
            r.fail(f"{path}.credit_basis", "target 或 source")
        r.field(rule, "bidirectional", path, "bool", optional=True)
        r.field(rule, "registered_before", path, "date", optional=True)
        r.field(rule, "kind", path, "str", optional=True, choices=("floating", "thesis"))
        r.field(rule, "plans", path, "codes", optional=True)
    return doc


def credit_basis(text: str) -> str:
    return text.split()[0] if text.strip() else text


def is_manual_rule(rule) -> bool:
    """A rule staff apply by hand: its targets are described in words, not listed as codes."""
    return isinstance(rule.get("replaces"), dict) and isinstance(rule["replaces"].get("courses"), str)


def _check_from(r, source, path, mode):
    if "courses" in source:
        codes = r.field(source, "courses", path, "codes")
        k = r.field(source, "min_count", path, "positive", optional=True)
        if k is not None and k > len(codes):
            r.fail(f"{path}.min_count", f"不大于课程数（{len(codes)}）的正整数")
        r.field(source, "max_count_matched", path, "positive", optional=True)
    elif "slots" in source:
        slots = r.items(source.get("slots"), f"{path}.slots")
        for i, slot in enumerate(slots):
            r.value(slot, f"{path}.slots[{i}]", "codes")
        k = r.field(source, "min_slots", path, "positive")
        if k > len(slots):
            r.fail(f"{path}.min_slots", f"不大于序号数（{len(slots)}）的正整数")
        r.field(source, "max_slots_total", path, "positive", optional=True)
        for i, slot in enumerate(r.field(source, "max_slots_over", path, "list", optional=True) or ()):
            r.value(slot, f"{path}.max_slots_over[{i}]", "codes")
    elif "pool" in source:
        r.field(source, "min_credits", path, "number")
        if mode != "on_application":
            r.fail(f"{path}.pool", "仅用于考生申请（on_application）的规则")
    else:
        r.fail(path, "含 courses、slots 或 pool 之一的对象")


def check_courses(doc, file):
    r = Reader(file)
    for i, course in enumerate(r.items(r.obj(doc, "$").get("courses"), "courses")):
        path = f"courses[{i}]"
        r.obj(course, path)
        r.field(course, "code", path, "code")
        r.field(course, "name", path, "str")
        r.field(course, "kind", path, "str", optional=True, choices=COURSE_KINDS)
        for j, seen in enumerate(r.field(course, "credits_observed", path, "list", optional=True) or ()):
            r.field(r.obj(seen, f"{path}.credits_observed[{j}]"), "credits", f"{path}.credits_observed[{j}]",
                    "number", optional=True)
    return doc


def check_exemptions(doc, file):
    r = Reader(file)
    for i, rule in enumerate(r.items(r.obj(doc, "$").get("rules"), "rules")):
        r.field(r.obj(rule, f"rules[{i}]"), "rule_id", f"rules[{i}]", "str")
    return doc
