"""Path and query parameters several functions' routes take, checked the same way everywhere: the candidate a
staff route is about, and the paging of staff lists."""
from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

EXAM_NO_PATTERN = r"^\d{12}$"
BATCH_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"      # a batch id as imported (HUBEI-2026H2)

ExamNo = Annotated[str, Path(pattern=EXAM_NO_PATTERN, description="准考证号")]

OfficeFilter = Annotated[str | None, Query(pattern=r"^\d{6}$", description="只看这个县（市、区）或市的考试机构")]
PageLimit = Annotated[int, Query(ge=1, le=100, description="每页条数")]
PageCursor = Annotated[str | None, Query(max_length=2000, pattern=r"^[A-Za-z0-9_-]+$",
                                         description="上一页答复中的 cursor")]
