"""The one error the engine raises for input it cannot read."""


class EngineInputError(ValueError):
    """A malformed plan, rule set, case or candidate record.

    Carries the file, the JSON path inside it and what was expected there, so the
    command line and the API can answer with one Chinese line instead of a traceback.
    `problems` lists every problem found in the same document, this one first (the
    candidate reader reports them all at once; other readers stop at the first).
    """

    def __init__(self, file: str, path: str, expected: str, problems: list | None = None):
        self.file = file
        self.path = path or "$"
        self.expected = expected
        self.problems: list[EngineInputError] = problems or [self]
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file} 的 {self.path} 无法读取：应为{self.expected}"

    def as_dict(self) -> dict:
        return {"file": self.file, "path": self.path, "expected": self.expected, "message": str(self)}
