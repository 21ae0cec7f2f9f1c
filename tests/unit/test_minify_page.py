"""The built pages lose their indentation and blank lines but render the same: every line break stays, so no two
words or tags run together, and a page that writes text inside <pre> or <textarea> is left as written."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site"))

import minify  # noqa: E402


def test_indentation_and_blank_lines_go_and_every_line_break_stays():
    source = "<ul>\n    <li>考生\n      <a href='/me.html'>我的申请</a></li>\n\n  </ul>\n"
    assert minify.page(source) == "<ul>\n<li>考生\n<a href='/me.html'>我的申请</a></li>\n</ul>\n"


def test_a_page_with_text_in_pre_or_textarea_is_left_as_written():
    for source in ("<pre>\n  一\n    二</pre>\n", "<textarea>\n  已填写的内容</textarea>\n"):
        assert minify.page(source) == source
    # an empty box (every form's) is no text: such a page is shrunk like any other
    assert minify.page("<div>\n  <textarea name=t\n    rows=6></textarea>\n</div>") == \
        "<div>\n<textarea name=t\nrows=6></textarea>\n</div>\n"
