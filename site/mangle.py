"""Shorter local names in the built scripts (issue 17 item 9: the staff application page's weight; about 0.4 KB gzip
of its joined script). Only names a function declares (its parameters, its `var`s, the functions declared in it)
are renamed, each consistently wherever it is seen from inside that function, to a short name that no other name
in sight uses: a top-level name (shared by the page's scripts through the global scope), a property (`x.name`), an
object literal's key and a `catch` parameter are never renamed. Our scripts are ES5 (no `let`, `const`, arrows,
classes, destructuring, `with` or `eval`); a script that uses any of these is left as it is. Pure: tokens in, tokens
out (minify.js_tokens)."""
from __future__ import annotations

import itertools
import string
from dataclasses import dataclass, field

KEYWORDS = {"break", "case", "catch", "continue", "debugger", "default", "delete", "do", "else", "finally", "for",
            "function", "if", "in", "instanceof", "new", "return", "switch", "this", "throw", "try", "typeof", "var",
            "void", "while", "with", "null", "true", "false", "class", "const", "enum", "export", "extends",
            "import", "super", "implements", "interface", "let", "package", "private", "protected", "public",
            "static", "yield", "arguments", "eval", "undefined", "NaN", "Infinity", "of", "async", "await"}
# What this renamer does not understand: a script using any of these keeps its names.
UNSUPPORTED = {"let", "const", "class", "with", "eval", "=>", "import", "export", "yield", "async", "await",
               "switch"}
OBJECT_AFTER = {"(", ",", "=", ":", "[", "?", "||", "&&", "!", "return", "+", "typeof"}


@dataclass
class Scope:
    parent: Scope | None
    declared: set[str] = field(default_factory=set)
    children: list[Scope] = field(default_factory=list)
    used_free: set[str] = field(default_factory=set)       # names seen inside (and below) not declared here
    renamed: dict[str, str] = field(default_factory=dict)


def _names() -> itertools.chain:
    first = string.ascii_letters
    return itertools.chain(first, (a + b for a in first for b in first + string.digits))


def mangle(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`tokens` with the locals of every function renamed (unchanged if the script uses what this does not know)."""
    sig = [i for i, (k, _) in enumerate(tokens) if k != "newline"]
    text = [tokens[i][1] for i in sig]
    kind = [tokens[i][0] for i in sig]
    if any(kind[j] != "string" and (j == 0 or text[j - 1] != ".") and (
            t in UNSUPPORTED and (j + 1 == len(text) or text[j + 1] != ":")
            or t in ("get", "set") and j + 1 < len(text) and kind[j + 1] == "word") for j, t in enumerate(text)):
        return tokens           # (a property or a key by that name is no such thing; `get x()` is an accessor)
    program = Scope(None)
    owner: list[Scope | None] = [None] * len(sig)      # the scope a name token is declared in or read from
    reserved = {text[j + 2] for j in range(len(sig) - 2) if text[j] == "catch" and (j == 0 or text[j - 1] != ".")}
    scopes: list[tuple[Scope, int]] = [(program, -1)]   # (scope, the brace depth its body opened at)
    braces: list[bool] = []                             # per open `{`: an object literal?
    depth, i = 0, 0
    var_depths: list[int] = []                          # the depth of each `var` statement not yet ended
    pending: Scope | None = None                        # a function whose body's `{` comes next
    refs: list[tuple[int, Scope]] = []
    while i < len(sig):
        t, k = text[i], kind[i]
        before = text[i - 1] if i else None
        scope = scopes[-1][0]
        if t == "function" and before != ".":
            inner = Scope(scope)
            scope.children.append(inner)
            j = i + 1
            if kind[j] == "word":                       # a declaration's name is its parent's; an expression's its own
                statement = before in (None, ";", "{", "}")
                (scope if statement else inner).declared.add(text[j])
                refs.append((j, scope if statement else inner))
                j += 1
            j += 1                                      # "("
            while text[j] != ")":
                if kind[j] == "word":
                    inner.declared.add(text[j])
                    refs.append((j, inner))
                j += 1
            pending, i = inner, j + 1
            continue
        if t == "{":
            braces.append(pending is None and before in OBJECT_AFTER)
            depth += 1
            if pending is not None:
                scopes.append((pending, depth))
                pending = None
        elif t in ("}", ")", "]"):
            if t == "}":
                if scopes[-1][1] == depth:
                    scopes.pop()
                braces.pop()
            depth -= 1
            while var_depths and var_depths[-1] > depth:
                var_depths.pop()
        elif t in ("(", "["):
            depth += 1
        elif t == ";" and var_depths and var_depths[-1] == depth:
            var_depths.pop()
        elif t == "var":
            var_depths.append(depth)
            scope.declared.add(text[i + 1])
        elif t == "," and var_depths and var_depths[-1] == depth and kind[i + 1] == "word":
            scope.declared.add(text[i + 1])
        elif k == "word" and t not in KEYWORDS and not t[0].isdigit() and before != "." \
                and not (braces and braces[-1] and before in ("{", ",") and i + 1 < len(sig) and text[i + 1] == ":"):
            refs.append((i, scope))
        i += 1
    for j, scope in refs:
        found: Scope | None = scope
        while found is not None and text[j] not in found.declared:
            found = found.parent
        owner[j] = found
        seen: Scope | None = scope
        while seen is not found:                        # every scope between the use and its declaration sees it
            assert seen is not None
            seen.used_free.add(text[j])
            seen = seen.parent
    for child in program.children:
        _rename(child, reserved)
    renamed = list(tokens)
    for j, declaring in enumerate(owner):
        if declaring is not None and declaring is not program:
            renamed[sig[j]] = ("word", declaring.renamed.get(text[j], text[j]))
    return renamed


def _outer_name(scope: Scope, name: str) -> str:
    """What a name seen from `scope` but declared further out is called after renaming."""
    found: Scope | None = scope.parent
    while found is not None and name not in found.declared:
        found = found.parent
    return found.renamed.get(name, name) if found is not None else name


def _rename(scope: Scope, reserved: set[str]) -> None:
    taken = reserved | KEYWORDS | {_outer_name(scope, n) for n in _below(scope)}
    fresh = (n for n in _names() if n not in taken)
    for name in sorted(scope.declared - reserved):
        scope.renamed[name] = next(fresh)
    for child in scope.children:
        _rename(child, reserved)


def _below(scope: Scope) -> set[str]:
    """The names used in `scope` or any function inside it that are declared outside `scope`."""
    return scope.used_free | {n for c in scope.children for n in _below(c) if n not in scope.declared}
