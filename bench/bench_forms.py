"""Printed-forms benchmark: median warm ms per render of each form (goal ≤ 100 ms), its PDF size, and the cold first
render of a fresh interpreter (import, shipped font loaded once, one form), which a new container pays once.

    .venv/bin/python bench/bench_forms.py
"""
from __future__ import annotations

import io
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402 (after the path, so the file also runs as a script)

REPEAT = 25
COLD_RUNS = 5


def _photo() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (480, 640), (100, 197, 255)).save(out, "JPEG", quality=80)
    return out.getvalue()


def form_data(province: str, courses: list[dict]):
    """A realistic candidate: a rare name character, a photo, prior education, three resume lines and a
    self-assessment of about 600 characters."""
    from functions.apply.forms import Candidate, CourseRow, FormData, PriorEducation, ResumeEntry
    methods = ("考试", "考试", "免考", "考试", "顶替", "转入")
    return FormData(
        authority=f"{province}教育考试机构", title=f"{province}高等教育自学考试毕业生申请表", batch="2025年上半年",
        reference="BENCH-2025A-000001", generated_on=date(2025, 4, 18),
        candidate=Candidate("李𬌗", "男", "汉族", date(1998, 3, 14), "42010619980314531X", "011219100123",
                            "13907150000", "湖北省武汉市洪山区珞喻路1037号华中小区3栋2单元501室"),
        major_code="080901", major_name="计算机科学与技术", level="本科", host_universities=("华中科技大学",),
        graduation_date=date(2025, 6, 30),
        courses=tuple(CourseRow(c["code"], c["name"], str(c["credits"]), str(60 + i * 7 % 38), methods[i % 6],
                                f"{2019 + i // 8}-10") for i, c in enumerate(courses)),
        photo_jpeg=_photo(),
        prior_education=PriorEducation("武汉职业技术学院", "128341201906001234", date(2019, 6, 30)),
        resume=(ResumeEntry("2013-09", "2016-06", "武汉市第二中学", "学生"),
                ResumeEntry("2016-09", "2019-06", "武汉职业技术学院", "学生"),
                ResumeEntry("2019-07", "至今", "武汉光谷软件有限公司", "软件测试工程师")),
        self_assessment=("本人自参加高等教育自学考试以来，坚持工作与学习两不误，系统学习了专业课程，"
                         "通过实践课程把所学知识用于实际工作，提高了分析问题和解决问题的能力。") * 10)


def _warm(form_id: str, data, profile: dict) -> tuple[float, int]:
    from functions.apply.forms import render_form
    pdf = render_form(form_id, data, profile)  # warm-up: the shipped font is loaded once per process
    return median_ms(lambda: render_form(form_id, data, profile), REPEAT, warm_up=False), len(pdf)


COLD = """
import time
t = time.perf_counter()
from functions.apply.forms import render_form
imported = time.perf_counter()
from bench.bench_forms import form_data
from infra.demo.generate import plan_courses
from functions.profiles.loader import load_profile
data, profile = form_data("湖北省", plan_courses("HB-080901-LEGACY")), load_profile("hubei").data
ready = time.perf_counter()
render_form("application_form", data, profile)
print((imported - t) * 1000, (time.perf_counter() - ready) * 1000)
"""


def _cold() -> tuple[float, float]:
    runs = [tuple(map(float, subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True,
                                            check=True).stdout.split())) for _ in range(COLD_RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def run() -> list[tuple[str, float, str]]:
    from functions.profiles.loader import load_profile
    from infra.demo.generate import plan_courses
    hubei, shanxi = load_profile("hubei").data, load_profile("shanxi").data
    hubei_form = form_data("湖北省", plan_courses("HB-080901-LEGACY"))
    shanxi_form = form_data("山西省", plan_courses("JS-080901-2024R"))
    long_form = form_data("湖北省", plan_courses("JS-080901-2024R", "JS-080901-2021", "HB-080901-LEGACY",
                                             "JS-120203K-2024R", "JS-530601-2024R", limit=40))
    rows = []
    for label, form_id, data, profile in (
            (f"湖北 application_form, {len(hubei_form.courses)} courses", "application_form", hubei_form, hubei),
            (f"山西 registration_form, {len(shanxi_form.courses)} courses", "registration_form", shanxi_form, shanxi),
            (f"湖北 application_form, {len(long_form.courses)} courses", "application_form", long_form, hubei)):
        ms, size = _warm(form_id, data, profile)
        rows += [(f"{label}: warm render (median of {REPEAT})", ms, "ms"), (f"{label}: PDF size", size, "bytes")]
    imported, first = _cold()
    rows += [("import functions.apply.forms, fresh process (median)", imported, "ms"),
             ("first render in that process, font load included (median)", first, "ms")]
    return rows


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:62s} {value:10.1f} {unit}")
