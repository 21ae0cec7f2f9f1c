"""Small words (issue 20 item 13): what each province's built pages and the messages say, read as a candidate or
staff member of that province would: no doubled punctuation, no stage name doubled, no 武汉 postcode outside 湖北,
重庆's own name for its office, sizes without “.0”, and no hint offering 自动调整 where it cannot help."""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest

from functions.apply.sections.rules import check_self_assessment
from functions.apply.sections.text_rules import postcode
from functions.common.errors import BadInput
from functions.common.sizes import size_words
from functions.photo.checks.findings import by_hand, finding, problems_in_words, size_text
from functions.photo.checks.fix import fix_photo
from functions.profiles.loader import load_profile
from functions.profiles.photo_rules import PhotoRules

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent / "photo"))     # the photo tests' astronaut portraits
import portraits as P  # noqa: E402

PROVINCES = ("hubei", "anhui", "chongqing", "shanxi")
WUHAN_POSTCODE = "430071"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, dict[str, str]]:
    """Every built page of every province as its text (entities decoded), by province and path."""
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    out = {}
    for province in PROVINCES:
        root = tmp_path_factory.mktemp(f"words-{province}")
        build(province, root)
        out[province] = {str(p.relative_to(root)): html.unescape(p.read_text(encoding="utf-8"))
                         for p in root.rglob("*.html")}
    return out


def test_no_page_has_a_full_stop_before_a_semicolon_or_another_full_stop(pages):
    for province, built in pages.items():
        for path, text in built.items():
            assert "。；" not in text and "。。" not in text, (province, path)


def test_the_check_page_names_the_first_stage_without_saying_审核_twice(pages):
    for province, built in pages.items():
        first = load_profile(province).data["review"]["stages"][0]["name"]
        text = built["apply/check.html"]
        assert f"“{first}”" in text and "审核开始审核" not in text, province


def test_the_hosts_page_does_not_promise_several_universities_before_it_knows(pages):
    for province, built in pages.items():
        assert "多所" not in built["apply/hosts.html"], province


def test_the_wuhan_postcode_is_not_given_as_an_example_anywhere(pages):
    for province, built in pages.items():
        assert not [path for path, text in built.items() if WUHAN_POSTCODE in text], province
    with pytest.raises(BadInput) as err:
        postcode("12345")
    assert WUHAN_POSTCODE not in err.value.message and "6 位数字" in err.value.message


def test_chongqing_calls_its_office_市自考办_as_its_seed_does(pages):
    for path, text in pages["chongqing"].items():
        assert "省自考办" not in text, path
        names = re.search(r'data-role-names="(\{[^}]*\})"', text)
        if names:
            assert json.loads(names.group(1))["province"] == "市自考办", path
    assert "市自考办设置" in pages["chongqing"]["staff/home.html"]
    assert "省自考办设置" in pages["hubei"]["staff/home.html"]


def test_no_page_writes_a_size_with_a_trailing_point_zero(pages):
    for province, built in pages.items():
        for path, text in built.items():
            assert not re.search(r"\d\.0 ?(KB|MB)", text), (province, path)


@pytest.mark.parametrize("n, words", [(40 * 1024, "40 KB"), (1536 * 1024, "1.5 MB"), (1025, "1 KB"),
                                      (5_129_216, "4.9 MB"), (512, "512 字节")])
def test_size_words(n, words):
    assert size_words(n) == words


def test_a_checked_file_size_reads_without_point_zero():
    assert size_text(38_912) == "38,912 字节（38 KB）"
    assert size_text(5_129_216) == "5,129,216 字节（4.9 MB）"       # was “5009.0 KB”
    assert size_text(300) == "300 字节"


@pytest.mark.parametrize("province, n, words", [("anhui", 1001, "自我鉴定最多 1000 字，现有 1001 字"),
                                                ("chongqing", 200, "自我鉴定应为 300–500 字，现有 200 字")])
def test_the_self_assessment_limit_reads_as_a_sentence(province, n, words):
    with pytest.raises(BadInput) as err:
        check_self_assessment(load_profile(province).data, "好" * n)
    assert err.value.message.startswith(words) and "应为 不超过" not in err.value.message


def test_without_a_fix_to_take_no_hint_offers_自动调整():
    result = {"ok": False, "measured": {}, "findings": [finding("DIMENSIONS", [1, 1], [480, 640]),
                                                         finding("FILE_TOO_LARGE", 1, 0), finding("HEAD_TURNED", 0, 0)]}
    hints = [f["hint"] for f in by_hand(result)["findings"]]
    assert hints[2] == result["findings"][2]["hint"] and not [h for h in hints if "自动调整" in h]


def test_problems_are_named_in_one_sentence():
    words = problems_in_words(["BACKGROUND_UNEVEN", "BACKGROUND_COLOUR"])
    assert words == "背景不均匀：有渐变、阴影、其他人或物体；背景颜色不符合要求。"      # was “…物体。；…”


def test_a_fix_that_cannot_help_does_not_offer_自动调整_for_what_is_left():
    """A gradient background cannot be fixed: the warning says so in words (no codes, no doubled stops), and the
    problems left after the fix (a frame too) are not answered with “use 自动调整”, which was just tried."""
    rules = PhotoRules.from_profile(load_profile("anhui").data)
    _, result, warnings = fix_photo(P.jpeg(P.gradient_background()), "a.jpg", rules)
    text = " ".join(w["message"] for w in warnings)
    assert "自动调整无法解决：背景不均匀" in text and "。；" not in text and "。。" not in text
    assert not re.search(r"[A-Z]{2,}_[A-Z]", text)
    assert result["findings"] and not [f for f in result["findings"] if "自动调整" in f["hint"]]
