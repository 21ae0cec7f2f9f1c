"""`biye import DIR`: plans, rule sets, courses, batches and the province's exam records into the main table.

Every file is read and checked before anything is written: one problem anywhere and nothing is stored, and every
problem of a file is reported at once. Importing the same files twice writes nothing the second time.

DIR layout (the one ../shared/data uses, plus candidates/):
  plans/*.json, rules/*.json, courses.json, batches/*.json   reference data (one document each)
  candidates/*.json          {"candidates": [{"exam_no", "name", "id_number", "office", ... the record ...}]}
  candidates/*.csv, *.xlsx   the province's own exports: 考生, 成绩, 免考, 转考, 违纪, 前置学历 and 准考证号对照
                             tables, each recognised by its header row (profiles/record_columns.py), in any order
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from functions.common.dynamo.store import Store
from functions.profiles.record_columns import RecordColumns

from .assemble import Assembler
from .problems import ImportRejected, Problem, Problems
from .progress import Progress
from .reference_files import read_reference
from .rows import RecordRows
from .spill import Spill
from .tabular import SUFFIXES, Unreadable, open_sheets
from .writer import KINDS, Changes, Writer

XLSX_INFLATION = 8   # an .xlsx is zipped XML: its rows take about this many times its size


@dataclass
class ImportReport:
    files: int = 0
    rows: int = 0
    items: int = 0
    counts: dict = field(default_factory=dict)     # items per kind read (plans, rulesets, courses, batches, candidates)
    changes: Changes = field(default_factory=Changes)
    skipped: list = field(default_factory=list)    # worksheets that are no table
    seconds: float = 0.0
    dry_run: bool = False
    started: float = 0.0

    @property
    def written(self) -> int:
        return self.changes.written

    @property
    def unchanged(self) -> int:
        return self.changes.unchanged

    def summary(self) -> list[str]:
        """The closing lines people read: what was read, how fast, and what changed per kind."""
        speed = f"（{self.rows / self.seconds:,.0f} 行/秒）" if self.rows and self.seconds else ""
        lines = [f"读取 {self.files} 个文件、{self.rows:,} 行数据，用时 {self.seconds:.1f} 秒{speed}"]
        lines += [f"已跳过不是考籍表格的工作表：{label}" for label in self.skipped]
        rows = [(name, self.changes.kinds[kind]) for kind, name in KINDS.items()
                if any(vars(self.changes.kinds[kind]).values())]
        if rows:
            lines.append(f"{'':12}{'新增':>10}{'修改':>10}{'删除':>10}{'未变':>10}")
            lines += [f"{name:　<6}" + "".join(f"{n:>12,}" for n in (t.added, t.changed, t.removed, t.unchanged))
                      for name, t in rows]
        lines.append("试运行：以上是将要发生的变化，未写入任何数据。" if self.dry_run else
                     f"已写入 {self.written:,} 项，{self.unchanged:,} 项与已存的相同。")
        return lines

    def as_dict(self) -> dict:
        return {"files": self.files, "rows": self.rows, "items": self.items, "written": self.written,
                "unchanged": self.unchanged, "counts": self.counts, "dry_run": self.dry_run,
                "changes": {kind: vars(tally) for kind, tally in self.changes.kinds.items()},
                "seconds": round(self.seconds, 2)}


def import_directory(store: Store, directory, offices=None, *, columns: RecordColumns | None = None,
                     dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Read and check everything, then write what changed (dry run: only count it). ImportRejected, with every
    problem, when anything cannot be read: then nothing is written."""
    progress = progress or Progress(enabled=False)
    with read_directory(directory, offices, columns=columns, progress=progress) as (report, reference, chunks):
        report.dry_run = dry_run
        writer = Writer(store, dry_run, report.changes)
        writer.reference(reference)
        track = progress.track("核对已存数据" if dry_run else "写入", report.counts["candidates"], unit="rows")
        done = 0
        for items in chunks():
            writer.candidates(items)
            done += len(items)
            track(done)
        track(None)
    report.seconds = time.perf_counter() - report.started
    return report


@contextmanager
def read_directory(directory, offices=None, *, columns: RecordColumns | None = None, progress: Progress | None = None):
    """Read and check every file of an import, writing nothing. Yields (report, reference, chunks): the reference
    documents as (kind, items), and `chunks()` iterating the candidate items a bucket at a time; raises
    ImportRejected with every problem found. `offices`: the province's office codes (a set) or codes and names
    (a dict); None accepts any office."""
    started = time.perf_counter()
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportRejected([Problem(str(directory), "(目录)", None, "存在的目录")])
    progress = progress or Progress(enabled=False)
    problems = Problems()

    def label_of(path: Path) -> str:
        return path.relative_to(directory).as_posix()

    reference = read_reference(directory, label_of, problems)
    records = sorted(p for p in directory.glob("candidates/*") if p.suffix.lower() in (".json", *SUFFIXES))
    if not reference and not records and not problems:
        raise ImportRejected([Problem(str(directory), "(目录)", None,
                                      "含 plans/、rules/、courses.json、batches/ 或 candidates/ 的数据目录")])
    report = ImportReport(files=len(records) + len(reference), started=started)
    size = sum(p.stat().st_size * (XLSX_INFLATION if p.suffix.lower().startswith(".xls") else 1) for p in records)
    with Spill(size) as spill:
        rows = RecordRows(columns or RecordColumns(), spill, problems, progress)
        sheets = _sheets(records, label_of, columns, problems)
        try:
            rows.read(sheets, [(p, label_of(p)) for p in records if p.suffix.lower() == ".json"])
        finally:
            for sheet in sheets:
                sheet.close()
        report.rows, report.skipped = sum(rows.rows.values()), rows.skipped
        report.counts["candidates"] = _assemble(spill, Assembler(rows.sources, _offices(offices), problems),
                                                progress.track("核对考生记录", report.rows, unit="rows"))
        problems.raise_if_any()
        report.counts = {**{kind: len(items) for kind, items in _by_kind(reference).items()}, **report.counts}
        report.items = sum(report.counts.values())
        yield report, reference, lambda: (items for bucket in range(spill.count) for items in spill.items(bucket))


def _assemble(spill: Spill, assembler: Assembler, track) -> int:
    """Put every bucket's candidates together; keep their items while nothing is refused. How many were read."""
    done = candidates = 0
    for bucket in range(spill.count):
        parts = spill.rows(bucket)
        items = assembler.bucket(parts)
        candidates += len(items)
        if not assembler.problems:
            spill.keep(bucket, items)
        done += len(parts)
        track(done)
    track(None)
    return candidates


def _sheets(paths, label_of, columns, problems: Problems) -> list:
    sheets = []
    encoding = columns.csv_encoding if columns else None
    for path in paths:
        if path.suffix.lower() == ".json":
            continue
        try:
            sheets += open_sheets(path, label_of(path), encoding)
        except Unreadable as bad:
            problems.add(bad.problem)
    return sheets


def _offices(offices) -> dict[str, str] | None:
    if offices is None or isinstance(offices, dict):
        return offices
    return {code: "" for code in offices}


def _by_kind(reference) -> dict[str, list]:
    found: dict[str, list] = {}
    for kind, items in reference:
        found.setdefault(kind, []).extend(items)
    return found
