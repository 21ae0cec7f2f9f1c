"""The parts a form is made of, each drawn from FormData onto a FormPDF at the current position."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO

from .layout import BODY, LINE, MARGIN, SHADE, WIDTH, FormPDF
from .model import FormData

ROW = 9.0                       # mm, a row of the identity grid
PHOTO_W, PHOTO_H = 30.0, 40.0   # the 480 × 640 registration photo at 3:4
PHOTO_COL = 36.0
LABEL = 20.0
BLANK_HEIGHT = 90.0             # mm, a 自我鉴定 left to write by hand: about 9 ruled lines
HAND_LINE = 9.0                 # mm between its ruled lines, a comfortable handwriting height
SIGN_HERE = "考生签名：" + "\u3000" * 8 + "年\u3000\u3000月\u3000\u3000日"
STAMP_HERE = "（盖章）" + "\u3000" * 4 + "年\u3000\u3000月\u3000\u3000日"
COURSE_COLUMNS = ((10, "序号", "C"), (18, "课程代码", "C"), (64, "课程名称", "L"), (14, "学分", "C"),
                  (18, "成绩", "C"), (22, "取得方式", "C"), (34, "取得时间", "C"))
RESUME_COLUMNS = ((48, "起止时间", "C"), (96, "学习或工作单位", "L"), (36, "职务或身份", "C"))
PLEDGE = ("本人保证所填信息真实、准确，所列课程成绩与本人档案一致，符合毕业条件。"
          "如有不实，本人自愿承担由此产生的一切后果。")


def chinese_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def title(pdf: FormPDF, data: FormData, copies: int | None) -> None:
    pdf.set_font_size(18)
    pdf.cell(WIDTH, 10, data.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(BODY)
    note = f"{data.authority}制\u3000\u3000批次：{data.batch}\u3000\u3000申请编号：{data.reference}"
    if copies and copies > 1:
        note += f"\u3000\u3000（本表一式{'两' if copies == 2 else copies}份）"
    pdf.set_font_size(9.5)
    pdf.cell(WIDTH, 7, note, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font_size(BODY)
    pdf.ln(1)


def identity(pdf: FormPDF, data: FormData) -> None:
    """The candidate grid with the photo box spanning its first five rows at the top right."""
    c = data.candidate
    value = (WIDTH - PHOTO_COL - 2 * LABEL) / 2
    pairs = [("姓名", c.name, "性别", c.gender), ("民族", c.ethnicity, "出生日期", chinese_date(c.birth_date)),
             ("身份证号", c.id_number, "准考证号", c.exam_no), ("联系电话", c.phone, "层次", data.level),
             ("申请批次", data.batch, "毕业时间", chinese_date(data.graduation_date))]
    top = pdf.get_y()
    pdf.set_fill_color(*SHADE)
    for i, (label1, value1, label2, value2) in enumerate(pairs):
        y = top + i * ROW
        x: float = MARGIN
        for text, width, shaded in ((label1, LABEL, True), (value1, value, False), (label2, LABEL, True),
                                    (value2, value, False)):
            pdf.boxed(x, y, width, ROW, text, align="C" if shaded else "L", fill=shaded)
            x += width
    photo(pdf, MARGIN + WIDTH - PHOTO_COL, top, PHOTO_COL, ROW * len(pairs), data.photo_jpeg)
    y = top + ROW * len(pairs)
    wide = WIDTH - LABEL
    rows = [[("专业代码", LABEL, True), (data.major_code, value, False), ("专业名称", LABEL, True),
             (data.major_name, wide - value - LABEL, False)],
            *([[("专业方向", LABEL, True), (data.direction, wide, False)]] if data.direction else []),
            [("主考学校", LABEL, True), ("、".join(data.host_universities), wide, False)],
            [("通讯地址", LABEL, True), (c.address, wide, False)]]
    for row in rows:
        x = MARGIN
        for text, width, shaded in row:
            pdf.boxed(x, y, width, ROW, text, align="C" if shaded else "L", fill=shaded)
            x += width
        y += ROW
    pdf.set_xy(MARGIN, y + 3)


def photo(pdf: FormPDF, x: float, y: float, w: float, h: float, jpeg: bytes | None) -> None:
    pdf.rect(x, y, w, h)
    left, top = x + (w - PHOTO_W) / 2, y + (h - PHOTO_H) / 2
    if jpeg:
        pdf.image(BytesIO(jpeg), x=left, y=top, w=PHOTO_W, h=PHOTO_H)
    else:
        pdf.set_draw_color(150, 150, 150)
        pdf.rect(left, top, PHOTO_W, PHOTO_H)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_xy(left, top)
        pdf.cell(PHOTO_W, PHOTO_H, "照片", align="C")


def prior_education(pdf: FormPDF, data: FormData) -> None:
    prior = data.prior_education
    if prior is None:
        return
    pdf.section("前置学历", need=ROW)
    y, x = pdf.get_y(), float(MARGIN)
    for text, width, shaded in (("毕业学校", LABEL, True), (prior.school, 52, False), ("证书编号", LABEL, True),
                                (prior.certificate_no, 40, False), ("毕业时间", LABEL, True),
                                (chinese_date(prior.graduated_on), WIDTH - 152, False)):
        pdf.boxed(x, y, width, ROW, text, align="C" if shaded else "L", fill=shaded)
        x += width
    pdf.set_xy(MARGIN, y + ROW + 3)


def _credits_total(data: FormData) -> str:
    try:
        total = sum((Decimal(row.credits) for row in data.courses), Decimal(0))
    except InvalidOperation:
        return ""
    return f"，总学分 {total.normalize():f}"


def courses(pdf: FormPDF, data: FormData) -> None:
    pdf.section(f"课程成绩（共 {len(data.courses)} 门{_credits_total(data)}）", need=3 * LINE)
    rows = [(str(i), row.code, row.name, row.credits, row.score, row.passed_by, row.passed_on)
            for i, row in enumerate(data.courses, start=1)]
    pdf.grid(COURSE_COLUMNS, rows)
    pdf.ln(3)


def resume(pdf: FormPDF, data: FormData, blank_rows: int = 0) -> None:
    """The resume table; with no entries it prints `blank_rows` empty rows to fill in by hand (or nothing)."""
    if not data.resume and not blank_rows:
        return
    pdf.section("个人简历（从高中或中专起填写，时间连续）", need=3 * LINE)
    rows = [(f"{e.start} 至 {e.end}", e.unit, e.role) for e in data.resume] or [("", "", "")] * blank_rows
    pdf.grid(RESUME_COLUMNS, rows)
    pdf.ln(3)


def self_assessment(pdf: FormPDF, data: FormData, always: bool, by_hand: bool = False) -> None:
    """The typed 自我鉴定; left blank where it may be written by hand on the printout (`by_hand`: 山西's 毕业生登记表,
    可电脑输入也可打印后手写), ruled lines to write on, the whole box on one page."""
    if not data.self_assessment and not always:
        return
    text = "\n".join("\u3000\u3000" + p.strip() for p in data.self_assessment.splitlines() if p.strip())
    if text or not by_hand:
        pdf.section("自我鉴定", need=30)
        pdf.paragraph_box(text, min_height=70 if not text else 30, tail=SIGN_HERE)
    else:
        pdf.section("自我鉴定（请在横线上手写）", need=BLANK_HEIGHT)
        top = pdf.get_y()
        pdf.paragraph_box("", min_height=BLANK_HEIGHT, tail=SIGN_HERE)
        pdf.set_draw_color(150, 150, 150)
        y = top + HAND_LINE
        while y < pdf.get_y() - 9:          # down to the signature line
            pdf.line(MARGIN + 4, y, MARGIN + WIDTH - 4, y)
            y += HAND_LINE
        pdf.set_draw_color(0, 0, 0)
    _signature(pdf, data)
    pdf.ln(3)


def statement(pdf: FormPDF, data: FormData) -> None:
    """情况说明, printed only where the candidate wrote one (what the office is asked to consider)."""
    if not data.statement:
        return
    pdf.section("情况说明", need=20)
    pdf.paragraph_box("\n".join("\u3000\u3000" + p.strip() for p in data.statement.splitlines() if p.strip()),
                      min_height=20)
    pdf.ln(3)


def pledge(pdf: FormPDF, data: FormData) -> None:
    pdf.section("考生承诺", need=22)
    pdf.paragraph_box("\u3000\u3000" + PLEDGE, min_height=22, tail=SIGN_HERE)
    _signature(pdf, data)
    pdf.ln(3)


def _signature(pdf: FormPDF, data: FormData) -> None:
    """The candidate's signature image over the blank after 考生签名 in the line just drawn."""
    if data.signature_png:
        end = pdf.get_y()
        x = MARGIN + WIDTH - 2 - pdf.get_string_width(SIGN_HERE) + pdf.get_string_width("考生签名：")
        pdf.image(BytesIO(data.signature_png), x=x, y=end - 9, h=8)
        pdf.set_y(end)


def opinion_boxes(pdf: FormPDF, names: list[str], height: float = 26.0) -> None:
    """One box per reviewer: the reviewer's name on the left, room for the opinion, a stamp and a date."""
    for name in names:
        y = pdf._room(height)
        pdf.set_fill_color(*SHADE)
        pdf.boxed(MARGIN, y, 36, height, name, align="C", fill=True)
        pdf.rect(MARGIN + 36, y, WIDTH - 36, height)
        pdf.set_xy(MARGIN + 36, y + height - 8)
        pdf.cell(WIDTH - 40, 7, STAMP_HERE, align="R")
        pdf.set_xy(MARGIN, y + height)
