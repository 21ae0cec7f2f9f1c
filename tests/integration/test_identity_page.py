"""山西's identity page says, in plain words, when the system verifies by itself and that a person decides
everything else (issue 15 item 3, with issue 22's real check)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_identity_page_says_only_a_full_match_passes_by_itself_and_staff_decide_the_rest(tmp_path):
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    build("shanxi", tmp_path, "prod")
    text = re.sub(r"<[^>]+>|\s+", "", (tmp_path / "identity.html").read_text(encoding="utf-8"))
    assert "姓名和公民身份号码" in text and "考籍记录核对" in text and "比对证件上的照片和您本人的脸" in text
    assert "只有这三项都一致，才会自动通过" in text
    assert "其他情况不会自动通过" in text and "报名点" in text and "工作人员确认" in text
