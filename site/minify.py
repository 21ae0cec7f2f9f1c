"""What the browser downloads, without what only a reader of the source needs: the site's own JavaScript and CSS
lose comments and indentation when the site is built, the pages their indentation (page weight is a budget: 15 KB
gzip per page with its CSS and JavaScript, tests/browser/test_site_files.py). Pure: text in, text out.

JavaScript is read as tokens (strings, regular expressions, words, punctuation: our scripts are ES5, with no
template literals) and written back with only the white space that keeps its meaning, so the code runs exactly as
written: a space between two words (or `a - -b`), and a line break wherever one was, unless the token before it
cannot end a statement (`;`, `{`, `,`, an operator) or the one after it ends one anyway (`}`, `)`): so automatic
semicolon insertion and `return`/`throw` on their own line are unchanged (the browser tests run the built files)."""
from __future__ import annotations

import re

from mangle import mangle

_JS_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\f\v\ufeff\u00a0]+)
  | (?P<newline>\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<word>[A-Za-z_$][\w$]*|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<punct>>>>=|===|!==|>>>|<<=|>>=|&&|\|\||==|!=|<=|>=|\+\+|--|[-+*/%&|^]=|<<|>>|[{}()\[\];,<>+\-*/%&|^!~?:=.])
""", re.X | re.S)
_REGEX = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
# After these a `/` starts a regular expression, not a division.
_BEFORE_REGEX = {"return", "typeof", "instanceof", "in", "new", "delete", "void", "throw", "case", "do", "else"}
# A statement may end with these (or a word, string or regular expression): a line break after one stays, unless
# the next token closes or ends the statement anyway.
_ENDS_VALUE = {")", "]", "}", "++", "--"}
_ENDS_STATEMENT = {")", "]", "}", ",", ";"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def js_tokens(source: str) -> list[tuple[str, str]]:
    """(kind, text) of every token that means something, with ("newline", "\n") where a line break stood between
    two of them (a comment spanning lines counts as one)."""
    tokens: list[tuple[str, str]] = []
    at, last = 0, None
    while at < len(source):
        if source[at] == "/" and (last is None or (last[0] == "punct" and last[1] not in _ENDS_VALUE)
                                  or (last[0] == "word" and last[1] in _BEFORE_REGEX)):
            found = _REGEX.match(source, at)
            if found and not source.startswith(("//", "/*"), at):
                last = ("regex", found.group())
                tokens.append(last)
                at = found.end()
                continue
        match = _JS_TOKEN.match(source, at)
        if match is None:
            raise ValueError(f"cannot read the script at {source[at:at + 40]!r}")
        kind, text = match.lastgroup or "", match.group()
        at = match.end()
        if kind == "newline" or (kind == "comment" and "\n" in text):
            if tokens and tokens[-1][0] != "newline":
                tokens.append(("newline", "\n"))
        elif kind not in ("space", "comment"):
            last = (kind, text)
            tokens.append(last)
    return tokens


def _word_edge(char: str) -> bool:
    return char.isalnum() or char in "_$"


def _between(before: tuple[str, str], after: str, broken: bool) -> str:
    """The white space the token `after` needs after `before` (a line break stood between them if `broken`)."""
    kind, text = before
    can_end = kind in ("word", "string", "regex") or text in _ENDS_VALUE
    if broken and can_end and after not in _ENDS_STATEMENT:
        return "\n"
    if _word_edge(text[-1]) and _word_edge(after[0]) or text[-1] in "+-/" and after[0] == text[-1] \
            or text[0].isdigit() and after[0] == ".":
        return " "
    return ""


def javascript(source: str, short_names: bool = False) -> str:
    """The script with only the white space it needs; with `short_names`, its functions' locals renamed short
    (mangle.py: the joined scripts of a page that keeps a weight budget)."""
    out: list[str] = []
    previous, broken = None, False
    tokens = js_tokens(source)
    for kind, text in mangle(tokens) if short_names else tokens:
        if kind == "newline":
            broken = True
            continue
        if previous is not None:
            out.append(_between(previous, text, broken))
        out.append(text)
        previous, broken = (kind, text), False
    return "".join(out) + "\n"


def stylesheet(source: str) -> str:
    lines = (line.strip() for line in _CSS_COMMENT.sub("", source).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


_TEXT_KEPT_AS_TYPED = re.compile(r"<(pre|textarea)\b[^>]*>[^<]")


def page(source: str) -> str:
    """A page without indentation and blank lines. A line break stays wherever one was, so the page renders exactly
    as before (HTML collapses white space between words and tags alike), except inside <pre> and <textarea>, where
    white space is the text: a page that writes text there is left as it is."""
    if _TEXT_KEPT_AS_TYPED.search(source):
        return source
    lines = (line.strip() for line in source.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
