"""The printed forms: real PDFs from fpdf2 with the shipped font, read back with poppler's pdftotext and pdffonts."""
from __future__ import annotations

import ast
import hashlib
import io
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from functions.apply.forms import (
    Candidate,
    CourseRow,
    FormData,
    FormError,
    PriorEducation,
    ResumeEntry,
    render_form,
    unsupported_characters,
)
from functions.apply.forms.fonts import FONT_DIR
from functions.profiles.loader import load_profile
from infra.demo.generate import plan_courses

ROOT = Path(__file__).resolve().parents[4]
RARE = "𬌗𬍛𠇔䶮"
SELF_ASSESSMENT = (
    "本人自二〇一九年参加高等教育自学考试以来，始终坚持工作与学习两不误，利用业余时间系统学习了专业课程。"
    "在学习中，我按照考试计划循序渐进，先打牢高等数学、离散数学等基础，再深入数据结构、操作系统、"
    "数据库系统原理等核心课程，并通过实践课程把所学知识用于实际工作，提高了分析问题和解决问题的能力。"
    "思想上，我认真学习马克思主义基本原理和中国近现代史纲要，遵纪守法，诚实守信，团结同事，乐于助人。"
) * 4  # about 760 characters: several wrapped lines, as a real one is


def jpeg(width: int, height: int, colour=(100, 197, 255)) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).ellipse((width * 0.25, height * 0.2, width * 0.75, height * 0.7), fill=(230, 190, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def form_data(courses: list[dict], **changes) -> FormData:
    methods = ("考试", "考试", "免考", "考试", "顶替", "转入")
    rows = tuple(CourseRow(code=c["code"], name=c["name"], credits=str(c["credits"]),
                           score="合格" if c.get("kind") == "thesis" else str(60 + (i * 7) % 38),
                           passed_by=methods[i % len(methods)], passed_on=f"{2019 + i // 8}-{'04' if i % 2 else '10'}")
                 for i, c in enumerate(courses))
    data = FormData(
        authority="湖北省教育考试院", title="湖北省高等教育自学考试毕业生申请表", batch="2025年上半年",
        reference="HB-2025A-000123", generated_on=date(2025, 4, 18),
        candidate=Candidate(name="李𬌗", gender="男", ethnicity="汉族", birth_date=date(1998, 3, 14),
                            id_number="42010619980314531X", exam_no="011219100123", phone="13907150000",
                            address="湖北省武汉市洪山区珞喻路1037号华中小区3栋2单元501室"),
        major_code="080901", major_name="计算机科学与技术", level="本科",
        host_universities=("华中科技大学",), graduation_date=date(2025, 6, 30), courses=rows,
        photo_jpeg=jpeg(480, 640),
        prior_education=PriorEducation(school="武汉职业技术学院", certificate_no="128341201906001234",
                                       graduated_on=date(2019, 6, 30)),
        resume=(ResumeEntry("2013-09", "2016-06", "武汉市第二中学", "学生"),
                ResumeEntry("2016-09", "2019-06", "武汉职业技术学院", "学生"),
                ResumeEntry("2019-07", "至今", "武汉光谷软件有限公司", "软件测试工程师")),
        self_assessment=SELF_ASSESSMENT)
    return replace(data, **changes)


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text without any white space: wrapped lines and table padding join up again."""
    return re.sub(r"\s+", "", text)


def pages(pdf: bytes) -> list[str]:
    return pdftotext(pdf).split("\f")[:-1]


@pytest.fixture(scope="module")
def hubei():
    return load_profile("hubei").data


@pytest.fixture(scope="module")
def shanxi():
    return load_profile("shanxi").data


@pytest.fixture(scope="module")
def hubei_pdf(hubei):
    data = form_data(plan_courses("HB-080901-LEGACY"))
    return data, render_form("application_form", data, hubei)


@pytest.fixture(scope="module")
def shanxi_pdf(shanxi):
    data = form_data(plan_courses("JS-080901-2024R"), authority="山西省招生考试管理中心",
                     title="山西省高等教育自学考试毕业生登记表", reference="SX-2025A-004567",
                     host_universities=("山西大学", "太原理工大学"),
                     candidate=replace(form_data([]).candidate, name="王䶮𠇔", address="山西省太原市小店区"))
    return data, render_form("registration_form", data, shanxi)


@pytest.mark.parametrize("which", ["hubei_pdf", "shanxi_pdf"])
def test_the_text_copies_out_exactly(which, request):
    data, pdf = request.getfixturevalue(which)
    text = pdftotext(pdf)
    flat = squeezed(text)
    assert data.title in text
    assert data.candidate.name in text and data.candidate.id_number in text and data.candidate.exam_no in text
    assert data.major_name in text and data.major_code in text
    for host in data.host_universities:
        assert host in flat
    for row in data.courses:
        assert squeezed(row.name) in flat, row.name
        assert re.search(rf"\b{row.code}\b", text), row.code
    for entry in data.resume:
        assert entry.unit in text and f"{entry.start} 至 {entry.end}" in text
    assert squeezed(data.self_assessment) in flat
    assert data.prior_education.certificate_no in text
    assert "生成日期：2025年4月18日" in text and f"申请编号：{data.reference}" in text


def test_each_form_has_its_own_boxes(hubei_pdf, shanxi_pdf):
    hubei_text, shanxi_text = squeezed(pdftotext(hubei_pdf[1])), squeezed(pdftotext(shanxi_pdf[1]))
    for stage in ("市(州)自考办审核", "主考院校审核", "省自考办审核"):
        assert stage in hubei_text
    assert "考生承诺" in hubei_text and "品德鉴定" not in hubei_text
    assert "县(市、区)招办审核" in shanxi_text and "招办复核" in shanxi_text and "品德鉴定" in shanxi_text
    assert "本表一式两份" in shanxi_text and "一式" not in hubei_text


def test_a_blank_self_assessment_is_ruled_for_handwriting_only_where_the_form_says_so(shanxi, shanxi_pdf):
    """山西's 登记表 (forms[].fill has self_assessment: 可电脑输入也可打印后手写): left blank, it has ruled lines to
    write on; a 登记表 without `fill` (安徽) keeps its plain box."""
    blank = replace(shanxi_pdf[0], self_assessment="")
    ruled = render_form("registration_form", blank, shanxi)
    assert "自我鉴定（请在横线上手写）" in squeezed(pdftotext(ruled))
    anhui = load_profile("anhui").data
    plain = squeezed(pdftotext(render_form("registration_form", blank, anhui)))
    assert "自我鉴定" in plain and "手写" not in plain


def test_the_font_is_embedded_and_the_page_is_a4(hubei_pdf):
    fonts = subprocess.run(["pdffonts", "-"], input=hubei_pdf[1], capture_output=True, check=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), fonts
    assert all("BiyeSerifSC" in row for row in rows)
    info = subprocess.run(["pdfinfo", "-"], input=hubei_pdf[1], capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info


def test_a_long_course_table_flows_onto_a_second_page_under_its_heading(hubei):
    courses = plan_courses("JS-080901-2024R", "JS-080901-2021", "HB-080901-LEGACY", "JS-120203K-2024R",
                           "JS-530601-2024R", limit=40)
    assert len(courses) == 40
    data = form_data(courses, resume=(), self_assessment="")
    sheets = pages(render_form("application_form", data, hubei))
    heading = r"序号\s+课程代码\s+课程名称\s+学分\s+成绩\s+取得方式\s+取得时间"
    assert re.search(heading, sheets[0]) and re.search(heading, sheets[1])
    first, second = squeezed(sheets[0]), squeezed(sheets[1])
    assert courses[0]["code"] in first and courses[-1]["code"] in second and courses[-1]["code"] not in first
    assert all(squeezed(c["name"]) in first + second for c in courses)
    assert f"{data.title}（续）" in second and data.candidate.name in second  # the running head of page 2
    total = len(sheets)
    assert [f"第{n}页共{total}页" in squeezed(sheet) for n, sheet in enumerate(sheets, 1)] == [True] * total


def test_no_photo_leaves_a_box_labelled_photo_and_a_signature_image_is_drawn(hubei):
    data = form_data(plan_courses("HB-080901-LEGACY"), photo_jpeg=None)
    assert "照片" in pdftotext(render_form("application_form", data, hubei))
    signed = replace(data, signature_png=jpeg(300, 100, colour=(255, 255, 255)))
    assert render_form("application_form", signed, hubei).count(b"/Subtype /Image") == 1
    assert render_form("application_form", data, hubei).count(b"/Subtype /Image") == 0


def test_the_same_data_gives_the_same_bytes_and_a_change_changes_them(hubei):
    data = form_data(plan_courses("HB-080901-LEGACY"))
    first, second = render_form("application_form", data, hubei), render_form("application_form", data, hubei)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    changed = render_form("application_form", replace(data, candidate=replace(data.candidate, phone="13907150001")),
                          hubei)
    assert changed != first
    assert b"/CreationDate (D:20250418000000+08'00')" in first


def test_the_shipped_font_covers_the_standard_table_and_the_rare_name_characters():
    table = [line for line in (FONT_DIR / "tongyong_8105.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert len(table) == 8105
    assert unsupported_characters("".join(table)) == []
    assert unsupported_characters(RARE + "ABCxyz0123，。、；：？！“”《》（）【】—…·ＡＢＣ１２３\u3000") == []


def test_unsupported_characters_are_named_once_in_order():
    # U+30000 (CJK Ext G) and U+1F600 (an emoji) are not in the font; Hangul was left out of the subset.
    assert unsupported_characters("张\U00030000三😀\U00030000한") == ["\U00030000", "😀", "한"]


def test_a_name_the_font_cannot_print_is_refused_with_a_chinese_message(hubei):
    data = form_data(plan_courses("HB-080901-LEGACY"))
    data = replace(data, candidate=replace(data.candidate, name="张\U00030000"))
    with pytest.raises(FormError, match="以下字符无法打印：“\U00030000”\\(U\\+30000\\)，请联系考试机构"):
        render_form("application_form", data, hubei)


def test_a_form_the_province_does_not_print_is_refused(hubei, shanxi):
    data = form_data(plan_courses("HB-080901-LEGACY"))
    with pytest.raises(FormError,
                       match="湖北没有表格 registration_form；可打印的表格：application_form（毕业生申请表）"):
        render_form("registration_form", data, hubei)
    with pytest.raises(FormError, match="取得方式"):
        render_form("registration_form", replace(data, courses=(replace(data.courses[0], passed_by="补考"),)), shanxi)


def test_no_wrapped_line_starts_with_closing_punctuation(shanxi_pdf):
    lines = [line.strip() for line in pdftotext(shanxi_pdf[1]).splitlines() if line.strip()]
    wrapped = [line for line in lines if len(line) > 20 and squeezed(line) in squeezed(SELF_ASSESSMENT)]
    assert len(wrapped) >= 10  # the self-assessment did wrap, over many lines
    assert not [line for line in lines if line[0] in "，。、；：？！）》”"]


def test_the_forms_core_reads_no_clock_environment_or_aws():
    forbidden_modules = {"boto3", "botocore", "fastapi", "mangum", "time", "os", "random"}
    for path in (ROOT / "functions" / "apply" / "forms").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & forbidden_modules, path.name
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module.split(".")[0] not in forbidden_modules, path.name
            elif isinstance(node, ast.Attribute):
                assert node.attr not in {"now", "today", "utcnow", "getenv", "environ"}, f"{path.name}: .{node.attr}"


def test_the_chosen_direction_is_printed_under_the_major_and_only_where_there_is_one(hubei):
    """湖北's 专业毕业方向 (a major with several 方向): the form says which one the candidate graduates in."""
    data = form_data(plan_courses("HB-080901-LEGACY"), direction="市场营销方向")
    assert "专业方向市场营销方向" in squeezed(pdftotext(render_form("application_form", data, hubei)))
    without = squeezed(pdftotext(render_form("application_form", replace(data, direction=""), hubei)))
    assert "专业方向" not in without
