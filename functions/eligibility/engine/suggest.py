"""Suggestions: which 课程顶替 rules would help, and the best set to apply in one step.

`suggestions` lists every on_application rule that covers a missing course, complete (the
candidate has the source courses) or partial (with the sources still needed), so a candidate
never has to guess which rule helps. `best_combination` searches the set of complete rules,
each source course used once, that covers most missing courses (ties: fewer rules, then
the rule tables' order).
"""

from .sources import CreditPool


def suggestions(plan, ledger, missing, registered_on):
    missing_set = set(missing)
    available = ledger.available()
    found = []
    for rule in plan.application_rules:
        replace = [t for t in rule.targets if t in missing_set]
        if not replace or not rule.rule.open_to(registered_on):
            continue
        use, still_needed, more = rule.source.progress(available, ledger.credit_of)
        entry = {"rule_id": rule.rule_id, "replace": replace, "complete": more == 0,
                 "still_needed": still_needed, "use": list(use) if more == 0 else []}
        if isinstance(rule.source, CreditPool) and more:
            have = sum(ledger.credit_of(c) for c in use)
            entry["credits_still_needed"] = rule.source.min_credits - have
        elif more:
            entry["count_still_needed"] = more
        found.append(entry)
    return found


def best_combination(plan, ledger, missing, registered_on):
    """The applied_substitutions entries of the best covering set (may be empty)."""
    missing_set = set(missing)
    available = ledger.available()
    candidates = []  # (rule order index, rule, replace, options)
    for index, rule in enumerate(plan.application_rules):
        replace = tuple(t for t in rule.targets if t in missing_set)
        if not replace or not rule.rule.open_to(registered_on) or replace != rule.open_targets(ledger.status):
            continue
        options = rule.source.options(available, ledger.credit_of)
        if options:
            candidates.append((index, rule, replace, options))

    best_key, best_pick = (0, 0, ()), []

    def search(i, used, covered, picked):
        nonlocal best_key, best_pick
        if i == len(candidates):
            key = (len(covered), -len(picked), tuple(-p[0] for p in picked))
            if key > best_key:
                best_key, best_pick = key, list(picked)
            return
        index, rule, replace, options = candidates[i]
        if covered.isdisjoint(replace):
            for use in options:
                if used.isdisjoint(use):
                    picked.append((index, rule, replace, use))
                    search(i + 1, used | set(use), covered | set(replace), picked)
                    picked.pop()
        search(i + 1, used, covered, picked)

    search(0, frozenset(), frozenset(), [])
    return [{"rule_id": rule.rule_id, "use": list(use), "replace": list(replace)}
            for _, rule, replace, use in best_pick]
