"""The built scripts lose the white space that only a reader needs and keep every token and every line break that
could matter (issue 17 item 9: the staff application page's weight), so they run exactly as written."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "site"
sys.path.insert(0, str(SITE))

import minify  # noqa: E402

SCRIPTS = sorted(p.name for p in (SITE / "static" / "js").glob("*.js"))


def test_spaces_go_where_no_two_words_meet():
    source = "var a = b + c, d = \"x  y\";\nif (a) { f(a, 'p q'); }\n"
    assert minify.javascript(source) == "var a=b+c,d=\"x  y\";if(a){f(a,'p q');}\n"


def test_a_line_break_that_could_end_a_statement_stays():
    source = "var a = b\nreturn\nx\na\n++b\nc = d -\n  -e\n"
    assert minify.javascript(source) == "var a=b\nreturn\nx\na\n++b\nc=d- -e\n"


def test_a_regular_expression_is_kept_whole_and_division_is_division():
    source = "if (/^\\d{12}$/.test(n)) x = a / b / c;\nvar r = [/ +/g, /[/]/];\n"
    assert minify.javascript(source) == "if(/^\\d{12}$/.test(n))x=a/b/c;var r=[/ +/g,/[/]/];\n"


def test_comments_go_even_inside_a_line_and_text_like_them_in_strings_stays():
    source = "f(1); // call\n/* a\n   b */ g(\"// not a comment\", '/* nor this */');\n"
    assert minify.javascript(source) == "f(1);g(\"// not a comment\",'/* nor this */');\n"


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_keeps_its_tokens(name):
    source = (SITE / "static" / "js" / name).read_text(encoding="utf-8")
    meaningful = [t for t in minify.js_tokens(source) if t[0] != "newline"]
    assert [t for t in minify.js_tokens(minify.javascript(source)) if t[0] != "newline"] == meaningful


def test_a_functions_own_names_get_short_and_nothing_else_changes_name():
    source = ("var shown = 1;\nfunction draw(record, list) {\n  var count = list.length, el = Biye.el;\n"
              "  try { count += record.total; } catch (e) { count = shown; }\n"
              "  return el('p', {count: count, title: record.title}, [count, e]);\n}\n")
    assert minify.javascript(source, short_names=True) == (
        "var shown=1;function draw(d,c){var a=c.length,b=Biye.el;"
        "try{a+=d.total;}catch(e){a=shown;}\nreturn b('p',{count:a,title:d.title},[a,e]);}\n")


def test_an_inner_function_never_takes_a_name_it_reads_from_outside():
    source = "function f(first) {\n  return function (second) { return first + second + window.x; };\n}\n"
    assert minify.javascript(source, short_names=True) == \
        "function f(a){return function(b){return a+b+window.x;};}\n"


def test_a_script_this_does_not_understand_keeps_its_names():
    for source in ("function f(a1) { let b = a1; return b; }\n", "function f(v) { switch (v) { default: } }\n"):
        assert minify.javascript(source, short_names=True) == minify.javascript(source)


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_with_short_names_differs_only_in_names(name):
    source = minify.javascript((SITE / "static" / "js" / name).read_text(encoding="utf-8"))
    before = [t for t in minify.js_tokens(source) if t[0] != "newline"]
    after = [t for t in minify.js_tokens(minify.javascript(source, short_names=True)) if t[0] != "newline"]
    assert [k for k, _ in after] == [k for k, _ in before]
    assert [t for t in after if t[0] != "word"] == [t for t in before if t[0] != "word"]
