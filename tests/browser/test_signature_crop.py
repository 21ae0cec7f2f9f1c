"""重庆's 截取签名 (issue 19 item 11): on a 360 px phone the candidate picks a photo of the signature, frames it on the
canvas with a drag and the keyboard, and 确认截取 stores the framed part as a JPEG within the profile's 50 KB
through the ordinary upload and check. Provinces that take no signature have no crop tool."""
from __future__ import annotations

import io
import random
import re

import httpx
import pytest
from conftest import as_province, settled
from PIL import Image, ImageDraw
from playwright.sync_api import expect
from steps import axe
from test_uploads import candidate_page  # noqa: F401  (the fixture)

from functions.profiles.loader import load_profile


def scribble_on_grey_paper(grain: int = 70) -> bytes:
    """A dark scribble on grey paper, grainy by ±`grain` (from a fixed seed), darker towards its left as under a
    shadow, as a phone photographs it. The default grain keeps the framed part over 50 KB at a JPEG's usual
    quality, so the quality must step down."""
    noise = random.Random(19)
    paper = Image.new("L", (800, 500))
    paper.putdata([max(0, min(255, 120 + x // 8 + noise.randint(-grain, grain)))
                   for y in range(500) for x in range(800)])
    ink = ImageDraw.Draw(paper)
    ink.line([(220, 300), (280, 190), (330, 310), (400, 200), (450, 290), (520, 210), (580, 280)], fill=25, width=7)
    ink.line([(240, 320), (560, 305)], fill=30, width=5)
    out = io.BytesIO()
    paper.convert("RGB").save(out, "PNG")
    return out.getvalue()


def choose(page, photo: bytes):
    form = page.locator("#signature-upload")
    form.get_by_label("拍照或选择签名照片").set_input_files(
        {"name": "签名.png", "mimeType": "image/png", "buffer": photo})
    canvas = form.get_by_role("application", name=re.compile("签名选框"))
    expect(canvas).to_be_visible()
    canvas.scroll_into_view_if_needed()
    return form, canvas


def confirmed(page, form) -> bytes:
    """确认截取, then the stored signature as the documents page links it."""
    form.get_by_role("button", name="确认截取").click()
    settled(page)
    expect(form.locator("[data-result]")).to_contain_text("已通过检查")
    current = page.locator("[data-current=signature]")
    expect(current).to_contain_text("已上传")
    return httpx.get(current.get_by_role("link").evaluate("a => a.href")).content


def framed(page) -> tuple[int, int]:
    """The size the readout shows (宽 × 高, in the photo's pixels)."""
    match = re.search(r"宽 (\d+) × 高 (\d+) 像素", page.locator("[data-crop-size]").inner_text())
    assert match, page.locator("[data-crop-size]").inner_text()
    return int(match[1]), int(match[2])


def test_chongqing_signature_framed_by_drag_and_keys_is_stored_as_a_jpeg_within_50_kb(candidate_page,  # noqa: F811
                                                                                       screenshot):
    limit = load_profile("chongqing").data["documents"]["signature"]["max_bytes"]
    with as_province("chongqing"):
        person, page = candidate_page("chongqing", "/documents.html")
        photo = scribble_on_grey_paper()
        form, canvas = choose(page, photo)
        box = canvas.bounding_box()
        assert box and box["width"] <= 360       # the whole photo shown within the phone's width
        page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.3)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.7, steps=5)
        page.mouse.up()
        expect(canvas).to_be_focused()
        width, height = framed(page)
        assert 360 <= width <= 440 and 180 <= height <= 220, (width, height)   # half × 40 % of 800 × 500
        canvas.press("ArrowLeft")                  # moves: the size stays
        assert framed(page) == (width, height)
        canvas.press("Shift+ArrowRight")           # widens by a step (1 % of the photo's width)
        canvas.press("Shift+ArrowDown")
        expect(page.locator("[data-crop-size]")).to_have_text(f"选框：宽 {width + 8} × 高 {height + 8} 像素")
        assert axe(page) == []
        screenshot(page, "signature-crop", desktop=False)
        first = io.BytesIO()        # at the first quality tried the frame is over the limit: it had to step down
        Image.open(io.BytesIO(photo)).convert("RGB").crop((200, 150, 208 + width, 158 + height)).save(
            first, "JPEG", quality=92)
        assert len(first.getvalue()) > limit
        stored = confirmed(page, form)
        picture = Image.open(io.BytesIO(stored))
        assert picture.format == "JPEG" and len(stored) <= limit, (picture.format, len(stored))
        assert picture.size == (width + 8, height + 8)
        assert axe(page) == []


def test_chongqing_signature_turned_black_on_white_loses_the_paper_and_its_shadow(candidate_page):  # noqa: F811
    with as_province("chongqing"):
        person, page = candidate_page("chongqing", "/documents.html")
        form, canvas = choose(page, scribble_on_grey_paper(grain=8))
        form.get_by_label("转为白底黑字（去掉纸上的阴影）").check()
        grey = Image.open(io.BytesIO(confirmed(page, form))).convert("L")
        shades = grey.histogram()
        white, black = sum(shades[200:]), sum(shades[:56])
        assert white + black >= 0.97 * grey.width * grey.height   # only ink and white paper, but for JPEG's fringes
        assert black > 0.01 * grey.width * grey.height and white > 0.8 * grey.width * grey.height


@pytest.mark.parametrize("province", ["hubei", "anhui", "shanxi"])
def test_provinces_without_a_signature_have_no_crop_tool(province, candidate_page):  # noqa: F811
    with as_province(province):
        person, page = candidate_page(province, "/documents.html")
        expect(page.locator("form[data-crop], canvas")).to_have_count(0)
        assert not page.locator("script[src$='/sign.js']").count()
