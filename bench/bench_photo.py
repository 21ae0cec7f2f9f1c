"""Photo benchmark on one core: median ms per check and per fix of a 480x640 photo, per photo of 学信网's package,
detector alone, and the import time of the check module (measured in a fresh interpreter, so nothing is cached).

    .venv/bin/python bench/bench_photo.py
"""
from __future__ import annotations

import io
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import median_ms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# One core, as a 1,769 MB Lambda has: numpy's BLAS must not spread either.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

REPEAT = 15


def _photo():
    """A 480x640 portrait from skimage's astronaut on light blue, slightly tilted (so the fix has work to do)."""
    import skimage.data
    from PIL import Image
    a = skimage.data.astronaut().copy()
    a[:200][(a[:200].std(axis=2) < 20) & (a[:200].mean(axis=2) > 150)] = (100, 197, 255)   # backdrop -> blue
    src = Image.fromarray(a)
    s, th = 2.3, math.radians(2.5 - 4.0)
    c, sn = math.cos(th), math.sin(th)
    mx, my, u, v = 225.5, 102.0, 240, 262
    data = (c / s, -sn / s, mx - c / s * u + sn / s * v, sn / s, c / s, my - sn / s * u - c / s * v)
    img = src.transform((480, 640), Image.Transform.AFFINE, data, Image.Resampling.BICUBIC, fillcolor=(100, 197, 255))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80, dpi=(300, 300))
    return img, buf.getvalue()


def _import_ms() -> float:
    code = ("import time; t = time.perf_counter(); import functions.photo.checks.photo; "
            "print((time.perf_counter() - t) * 1000)")
    runs = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


def _load_ms() -> float:
    code = ("import time; from functions.photo.checks import face; t = time.perf_counter(); face._Models.get(); "
            "print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return float(out)


def one_core() -> None:
    """Pin this process (and the interpreters it starts) to one core, as `taskset -c N` would: a Lambda of 1,769 MB
    has one vCPU."""
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})


def cpu_median_ms(action, rounds: int) -> float:
    """The median CPU time of `action` in this process: on a shared machine, what others run is not in it."""
    action()
    times = []
    for _ in range(rounds):
        started = time.process_time()
        action()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def run() -> list[tuple[str, float, str]]:
    one_core()
    from functions.photo.checks import face
    from functions.photo.checks.fix import fix_photo
    from functions.photo.checks.photo import check_photo
    from functions.profiles.loader import load_profile
    from functions.profiles.photo_rules import PhotoRules
    rules = PhotoRules.from_profile(load_profile("anhui").data)
    from functions.photo.checks.xuexin import xuexin_photo
    img, data = _photo()
    big_png = io.BytesIO()
    img.resize((1200, 1600)).save(big_png, "PNG")      # a phone's photo as 山西 takes it (PNG under 2 MB)
    big = big_png.getvalue()
    return [
        ("check_photo 480x640 (median)", median_ms(lambda: check_photo(data, "a.jpg", rules), REPEAT), "ms"),
        ("fix_photo 480x640 (median)", median_ms(lambda: fix_photo(data, "a.jpg", rules), REPEAT), "ms"),
        ("check_photo 480x640, CPU time (median)", cpu_median_ms(lambda: check_photo(data, "a.jpg", rules), REPEAT),
         "ms"),
        ("fix_photo 480x640, CPU time (median)", cpu_median_ms(lambda: fix_photo(data, "a.jpg", rules), REPEAT),
         "ms"),
        # 学信网's package (functions/photo/exports/service.py): per photo, what one request's ~20 s allows.
        ("xuexin_photo 480x640 to mend, CPU time (median)", cpu_median_ms(lambda: xuexin_photo(data, "x"), REPEAT),
         "ms"),
        ("xuexin_photo 1200x1600 PNG, CPU time (median)", cpu_median_ms(lambda: xuexin_photo(big, "x"), 5), "ms"),
        ("BlazeFace + mesh + iris (median)", median_ms(lambda: face.find_faces(img), REPEAT), "ms"),
        ("BlazeFace alone (median)", median_ms(lambda: face.detect_only(img), REPEAT), "ms"),
        ("models load, once per process", _load_ms(), "ms"),
        ("import functions.photo.checks.photo (median)", _import_ms(), "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:42s} {value:8.1f} {unit}")
