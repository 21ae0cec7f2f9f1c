"""Issue 20 item 1: developer text never reaches people. Every field of every candidate form is sent too long (past
its maxlength, as a pasted text or an old browser would), empty and wrong, on a 360 px phone in each province; each
message shown (the error summary and next to the field) names the field in Chinese and says what is allowed, never a
field path, a type name or a union's alternatives ("changes.hukou_place.constrained-str过长", "通讯地址应为是/否").
Every text input carries the API's maxlength. (The contexts bypass the CSP only so a value can be set past the
input's maxlength.)"""
from __future__ import annotations

import re

import journey
import pytest
from conftest import PROVINCES, as_province, settled

from functions.profiles.loader import load_profile

# A field path (changes.hukou_place, entries.0.to), a snake_case key, a pydantic type or a union tag.
DEVELOPER_TEXT = re.compile(r"[A-Za-z_]+\.[\w\[\]]+|[a-z]+_[a-z]+|constrained|\b(?:str|bool|int|float|dict|list|None|"
                            r"null|true|false|string|Field|value)\b|是/否")
TEXT_INPUTS = ("input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=date]):visible, "
               "textarea:visible")
SECTIONS = {"basic": ("核对基本信息", "确认并继续"), "contact": ("填写联系方式", "保存并继续"),
            "resume": ("填写简历", "保存并继续"), "self_assessment": ("填写自我鉴定", "保存并继续")}


def shown_messages(page) -> list[str]:
    """Every error text on the page: the summary's lines and the messages by the fields."""
    texts = page.locator("#error-summary:visible li").all_inner_texts()
    texts += page.locator(".error-message:visible").all_inner_texts()
    return [t.replace("错误：", "").strip() for t in texts if t.strip()]


def send(page, url: str, field: str, value: str, button: str) -> list[str]:
    """Open the page afresh, put `value` into the field (past its maxlength), press the button: the messages."""
    page.goto(url)
    settled(page)
    box = page.locator(f"[name='{field}']")
    box.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value)
    page.get_by_role("button", name=button).click()
    settled(page)
    page.wait_for_timeout(0)
    return shown_messages(page) if page.url.split("?")[0] == url else []


def values_for(box_max: int | None) -> dict[str, str]:
    longest = max(box_max or 0, 300)
    return {"too long": "长" * (longest + 50), "empty": "", "wrong": "~!@#$%^&*()_+{}|:<>?"}


@pytest.mark.parametrize("province", PROVINCES)
def test_every_section_field_answers_in_plain_chinese_and_carries_the_apis_maxlength(people, province):
    app = load_profile(province).data["application"]
    with as_province(province):
        me, page, _, base = people(province, {"bypass_csp": True})
        page.goto(base + "/me.html")
        journey.choose_major(page, me.who["majors"][0])
        wrong: list[str] = []
        for section, (task, button) in SECTIONS.items():
            if section in ("resume", "self_assessment") and not app[section]:
                continue
            journey.task(page, task)
            url = page.url.split("?")[0]
            boxes = page.locator("form[data-section]").locator(TEXT_INPUTS)
            fields = [(boxes.nth(i).get_attribute("name"), boxes.nth(i).get_attribute("maxlength"),
                       boxes.nth(i).evaluate("el => el.tagName")) for i in range(boxes.count())]
            # the resume's first entry stands for every entry (they are the same inputs)
            fields = [f for f in fields if not re.match(r"resume\[[1-9]", f[0] or "")]
            # (山西's basic information edits only choices: 民族 and 政治面貌)
            assert fields or page.locator("form[data-section] select").count(), f"{province} {task}: no fields found"
            for name, maxlength, tag in fields:
                if tag == "INPUT" and not maxlength:
                    wrong.append(f"{task} {name}: 没有 maxlength")
                for how, value in values_for(int(maxlength) if maxlength else None).items():
                    for message in send(page, url, name, value, button):
                        if DEVELOPER_TEXT.search(message):
                            wrong.append(f"{task} {name} {how}: {message}")
        assert wrong == [], "\n".join(wrong)
