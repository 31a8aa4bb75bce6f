"""Findings: the one record every layer speaks.

Loader errors, rule results and engine verdicts are all findings. A finding
knows where it points (file, line, column) and what it says; severity and
exit codes are decided by whoever consumes it, never by the code that made it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

FAIL_LEVELS = ("error", "warning", "unknown")
"""The levels at which a run fails (``--fail-on``, ``fail_on`` in the configuration).

Here, below both, so that the command line and the configuration accept the
same list; interop.engine.results says what each level means."""


class Verdict(str, enum.Enum):
    """Outcome of one rule, one stage or one rescue."""

    PASS = "pass"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        """Higher is worse; combining verdicts keeps the worst."""
        return _VERDICT_RANK[self]

    @staticmethod
    def worst(verdicts) -> Verdict:
        result, worst_rank = Verdict.PASS, 0
        for verdict in verdicts:
            rank = _VERDICT_RANK[verdict]  # not .rank: this runs for every finding of a matrix
            if rank > worst_rank:
                result, worst_rank = verdict, rank
        return result


_VERDICT_RANK = {Verdict.PASS: 0, Verdict.CONDITIONAL: 1, Verdict.UNKNOWN: 2, Verdict.FAIL: 3}


@dataclass(frozen=True, order=True)
class Position:
    """A place in a spec file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass
class Finding:
    """A problem or a result, anchored to the spec value that caused it."""

    code: str
    message: str
    position: Position | None = None
    severity: Severity = Severity.ERROR
    verdict: Verdict = Verdict.FAIL
    subject: str = ""
    remedy: str = ""
    conditions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    wanted: list[tuple[str, str, tuple] | None] = field(default_factory=list)
    """For each of ``missing``: (kind, id, path) of the spec value it names, or None
    when it is no one value of a document (an interface the catalog lacks)."""
    evidence: list[Position] = field(default_factory=list)
    locator: str = ""
    """Kind, id and path of the value the finding is about; stable across edits
    that only move lines, so fingerprints are built from it, not from positions."""
    waived: str | None = None
    """Why the finding is waived (reason, owner, expiry), from the project
    configuration; a waived finding is still reported but no longer counts."""

    @property
    def counts(self) -> bool:
        """Whether the finding weighs on a verdict: not advisory, not waived."""
        return self.severity is not Severity.INFO and self.waived is None

    def fingerprint(self) -> str:
        import hashlib

        basis = "\x1f".join((self.code, self.subject, self.locator or str(self.position or "")))
        # surrogatepass: a file name that is not UTF-8 (os.fsdecode) still has a fingerprint
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def sort_key(self) -> tuple:
        pos = self.position or Position("")
        return (pos.path, pos.line, pos.column, self.code, self.message)

    def format(self) -> str:
        where = str(self.position) if self.position else "<input>"
        return f"{where}: {self.message} [{self.code}]"
