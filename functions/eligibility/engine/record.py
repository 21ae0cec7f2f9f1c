"""Reading a candidate record whole: every ordinary variant into the contract's canonical form, every problem at once.

The audit reads a canonical record directly (a few look-ups per field: candidate.py, transcript.read_sittings). A
record in any other form is read here, field by field, with the readers of values.py; what is really ambiguous
is named by its JSON path, and all such problems of the record are reported together (EngineInputError.problems).
What the variants mean, in the spec's terms:

- a sitting's result is its `score`, else its `result`, else its `note`: a number (also "75", "75.0", "７５"), a
  grade (合格/不合格, 优秀/良好/中等/及格/不及格, 通过), or a note that never passes (缺考, 违纪, 作弊, 取消,
  无效, 缓考: a note that says so voids whatever score stands beside it; `absent: true` likewise). A sitting with
  no result at all is not passed (read as 缺考). 免考 or 转考 as a sitting's result is an approved exemption or
  an accepted transfer of that course. Another note beside a score is kept as `remark`; without a score it is refused.
- an exemption may name several courses (`codes: [...]`, or one code cell "00018、00019"): one certificate, one
  approved decision. Without `approved` an exemption is approved, without `accepted` a transfer is accepted (a
  refused one is recorded as such); the canonical form leaves them out too.
- a date field (registered_on, eligible_on, decided_on, ban_until, a diploma's graduation_date) may be a session
  ("2025-04"): it means that sitting, and is compared as one (dates.earlier).
"""

from . import values as v
from .errors import EngineInputError
from .prior_education import CONCURRENT_STATUSES

_SITTING_INPUT = ("note", "result")
NOTE_EXPECTED = "缺考、违纪、作弊、取消、无效、缓考、免考、转考 或 合格 等结果（成绩为空时，备注须说明结果）"
DISCIPLINE_EXPECTED = "含 ban_until（停考至）、delay_years（延迟毕业年数）或 void_sessions（成绩无效考期）的违纪记录"


def canonical_candidate(record, file="candidate") -> dict:
    """The record in canonical form; EngineInputError (with `.problems`, every one) when it cannot be read."""
    reading = _Reading(file)
    canonical = reading.candidate(record)
    if reading.problems:
        first = reading.problems[0]
        raise EngineInputError(first.file, first.path, first.expected, reading.problems)
    return canonical


class _Reading:
    def __init__(self, file):
        self.file = file
        self.problems: list[EngineInputError] = []

    def fail(self, path, expected):
        self.problems.append(EngineInputError(self.file, path, expected))

    def read(self, obj, key, path, reader, optional=True):
        """obj[key] read by `reader`; None when blank and optional, or unreadable (the problem is noted)."""
        value = obj.get(key)
        if optional and (value is None or value == "" or value == [] or v.blank(value)):
            return None
        try:
            return reader(value)
        except v.Unreadable as bad:
            self.fail(f"{path}.{key}", bad.expected)
            return None

    def put(self, out, obj, key, path, reader, optional=True):
        found = self.read(obj, key, path, reader, optional)
        if found is None:
            out.pop(key, None)
        else:
            out[key] = found
        return found

    def one(self, record, key):
        """record[key] when it is a JSON object; None when absent, or not an object (the problem is noted)."""
        found = record.get(key)
        if found is not None and not isinstance(found, dict):
            self.fail(f"candidate.{key}", "JSON 对象")
            return None
        return found

    def items(self, record, key, read_item, *extra):
        value = record.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            self.fail(f"candidate.{key}", "JSON 数组")
            return None
        found = []
        for i, item in enumerate(value):
            path = f"candidate.{key}[{i}]"
            if not isinstance(item, dict):
                self.fail(path, "JSON 对象")
                continue
            read = read_item(dict(item), item, path, i, *extra)
            if read is not None:
                found.append(read)
        return found

    # -- the record -----------------------------------------------------------------------------------------------

    def candidate(self, record):
        if not isinstance(record, dict):
            self.fail("candidate", "JSON 对象")
            return None
        out = dict(record)  # keys the engine does not read (majors, candidate_type, ...) pass through
        self.put(out, record, "registered_on", "candidate", v.read_moment, optional=False)
        self.put(out, record, "eligible_on", "candidate", v.read_moment)
        self.one(record, "flags")
        exemptions = self.items(record, "exemptions", self.exemption) or []
        transfers = self.items(record, "transfers", self.transfer) or []
        attempts = self.items(record, "attempts", self.sitting, exemptions, transfers)
        for key, found in (("attempts", attempts), ("exemptions", exemptions), ("transfers", transfers)):
            if found or key in record:
                out[key] = found or []
        for key, read_item in (("prior_education", self.prior), ("graduations", self.graduation),
                               ("disciplinary", self.discipline), ("applied_substitutions", self.choice)):
            found = self.items(record, key, read_item)
            if found is not None:
                out[key] = found
        self.concurrent(out, record)
        self.thesis(out, record)
        return out

    def sitting(self, out, item, path, index, exemptions, transfers):
        plain = _plain_sitting(item)
        if plain is not None:
            return plain
        code = self.put(out, item, "code", path, v.read_code, optional=False)
        score = self.read(item, "score", path, v.read_score)
        result = self.read(item, "result", path, v.read_score) if "result" in item else None
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            self.fail(f"{path}.note", "文本（备注，如 缺考、违纪）")
            note = None
        note = v.text(note) if note else ""
        absent = self.read(item, "absent", path, v.read_bool) if "absent" in item else None
        if "credits" in item:
            self.put(out, item, "credits", path, v.read_number)
        for key in (*_SITTING_INPUT, "score", "absent"):
            out.pop(key, None)
        noted = _note_result(note)
        said = [r for r in (score, result, noted) if r is not None]
        if v.EXEMPTED in said or v.TRANSFERRED in said:
            if code is not None and v.EXEMPTED in said:
                exemptions.append({"code": code})  # approved, as every exemption not recorded otherwise
            elif code is not None:
                transfers.append({"code": code})
            return None
        self.put(out, item, "session", path, v.read_session, optional=False)
        void = next((r for r in said if isinstance(r, str) and r in v.NEVER_PASS), None)
        if absent:
            void = void or "缺考"
        if isinstance(score, (int, float)) and void:
            out["recorded_score"] = score
        if note and noted is None:
            if not said and not absent:
                self.fail(f"{path}.note", NOTE_EXPECTED)
            out["remark"] = note
        outcome = void or (score if score is not None else result if result is not None else noted)
        if outcome is None or outcome == "缺考":
            out["score"], out["absent"] = None, True
        else:
            out["score"] = outcome
        return out

    def exemption(self, out, item, path, index):
        key = "codes" if "codes" in item else "code"
        codes = self.read(item, key, path, v.read_codes, optional=False)
        out.pop("codes", None)
        out.pop("code", None)
        if codes:
            if len(codes) == 1:
                out["code"] = codes[0]
            else:
                out["codes"] = list(dict.fromkeys(codes))
        self.put(out, item, "approved", path, v.read_bool)  # absent: approved
        self.put(out, item, "certificate_id", path, v.read_text)
        return out

    def transfer(self, out, item, path, index):
        self.put(out, item, "code", path, v.read_code, optional=False)
        self.put(out, item, "accepted", path, v.read_bool)  # absent: accepted (a refused one is recorded as such)
        return out

    def prior(self, out, item, path, index):
        self.put(out, item, "level", path, v.read_text, optional=False)
        self.put(out, item, "graduation_date", path, v.read_moment)
        self.put(out, item, "status", path, v.read_prior_status)
        self.put(out, item, "verified_on", path, v.read_date)
        self.put(out, item, "school_proof", path, v.read_bool)
        return out

    def graduation(self, out, item, path, index):
        self.put(out, item, "major_code", path, v.read_major_code, optional=False)
        self.put(out, item, "level", path, v.read_text, optional=False)
        return out

    def discipline(self, out, item, path, index):
        if v.blank(item.get("id")):
            out["id"] = f"违纪记录{index + 1}"  # the finding's subject; the record names none
        else:
            self.put(out, item, "id", path, v.read_text)
        ban_until = self.put(out, item, "ban_until", path, v.read_moment)
        years = self.put(out, item, "delay_years", path, v.read_positive)
        for key in ("eligible_on", "decided_on"):
            self.put(out, item, key, path, v.read_moment)
        sessions = self.put(out, item, "void_sessions", path, v.read_sessions)
        self.put(out, item, "results_void_during_delay", path, v.read_bool)
        unreadable = any(not v.blank(item.get(k)) for k in ("ban_until", "delay_years", "void_sessions"))
        if ban_until is None and years is None and not sessions and not unreadable:
            self.fail(path, DISCIPLINE_EXPECTED)
        return out

    def choice(self, out, item, path, index):
        self.put(out, item, "rule_id", path, v.read_text, optional=False)
        self.put(out, item, "use", path, v.read_codes, optional=False)
        self.put(out, item, "replace", path, v.read_codes, optional=False)
        return out

    def concurrent(self, out, record):
        found = self.one(record, "concurrent_associate_application")
        if found is None:
            return
        concurrent = out["concurrent_associate_application"] = dict(found)
        self.put(concurrent, found, "batch", "candidate.concurrent_associate_application", v.read_text, optional=False)
        status = concurrent.get("status")
        if status is not None and status not in CONCURRENT_STATUSES:
            self.fail("candidate.concurrent_associate_application.status", "、".join(CONCURRENT_STATUSES))

    def thesis(self, out, record):
        found = self.one(record, "thesis")
        if found is None:
            return
        thesis = out["thesis"] = dict(found)
        self.put(thesis, found, "code", "candidate.thesis", v.read_code, optional=False)
        key = "grade" if "grade" in found else "score"
        grade = self.read(found, key, "candidate.thesis", v.read_score)
        thesis.pop("score", None)
        if grade in (v.EXEMPTED, v.TRANSFERRED):
            self.fail(f"candidate.thesis.{key}", "毕业论文成绩（数字或 合格、优秀、良好 等），论文不能免考或转考")
        thesis["grade"] = grade
        self.put(thesis, found, "host_university", "candidate.thesis", v.read_text)


def _plain_sitting(item):
    """The usual sitting, {code, session, score} with a number or a grade as text, read in one step; None for any
    other (it is read field by field)."""
    if len(item) != 3:
        return None
    try:
        code, session, score = v.read_code(item["code"]), v.read_session(item["session"]), v.read_score(item["score"])
    except (KeyError, v.Unreadable):
        return None
    if score is None or score == "缺考":
        return {"code": code, "session": session, "score": None, "absent": True}
    if score in (v.EXEMPTED, v.TRANSFERRED):
        return None
    return {"code": code, "session": session, "score": score}


def _note_result(note):
    """What a note says about the result, or None for a note that is only a remark ("补考", "重修")."""
    if not note:
        return None
    try:
        return v.read_score(note)
    except v.Unreadable:
        return None
