"""What the browser downloads, without what only a reader of the source needs: the site's own JavaScript and CSS
lose comments and indentation when the site is built, the pages their indentation (page weight is a budget: 15 KB
gzip per page with its CSS and JavaScript, tests/browser/test_site_files.py). Line by line and conservative, so the
code runs exactly as written: line breaks stay (automatic semicolon insertion is unchanged), a `//` comment is
dropped only when it is the whole line or follows code ending in one of `;{},)]` and a space (our scripts write no
such text inside a string or a template literal; the browser tests run the built files). Pure: text in, text out."""
from __future__ import annotations

import re

_TRAILING_COMMENT = re.compile(r"([;{},)\]])\s+//\s.*$")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def javascript(source: str) -> str:
    kept = []
    for line in source.split("\n"):
        text = line.strip()
        if text and not text.startswith("//"):
            kept.append(_TRAILING_COMMENT.sub(r"\1", text))
    return "\n".join(kept) + "\n"


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
