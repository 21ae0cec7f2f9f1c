"""`biye import`: the reference data and the province's exam records, from JSON, CSV or Excel, into the main table.

    run.py              import_directory: read and check everything, then write (or, dry run, say what would change)
    reference_files.py  plans, rule sets, courses, batches (JSON)
    tabular.py          CSV and XLSX as streams of rows;  sheets.py: which table a sheet is (the column map)
    rows.py             rows and JSON entries into parts parked by 准考证号 (spill.py);  identity.py: who a record is
    assemble.py         a candidate's parts into the record the engine reads; problems traced to file, row and column
    writer.py           what changes per kind, and the writes;  problems.py, progress.py
"""
from .problems import ImportRejected, Problem
from .run import ImportReport, import_directory, read_directory
from .writer import KINDS

__all__ = ["KINDS", "ImportRejected", "ImportReport", "Problem", "import_directory", "read_directory"]
