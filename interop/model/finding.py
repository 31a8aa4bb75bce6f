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


class ConditionOp(str, enum.Enum):
    """What a Condition says about its fields (numbers in its ``unit``). An id, never rewritten by a report."""

    AT_LEAST = ">="
    AT_MOST = "<="
    BETWEEN = "between"
    WITHIN = "within"
    IS = "is"
    INCLUDES = "includes"
    INCLUDES_ANY = "includes-any"
    SHARE = "share"
    DIFFER = "differ"
    MATES = "mates"
    EXPRESSION = "expression"


CONDITION_OPS = {
    ConditionOp.AT_LEAST: "each field at least ``value``",
    ConditionOp.AT_MOST: "each field at most ``value``",
    ConditionOp.BETWEEN: "each field within ``value`` = [low, high]",
    ConditionOp.WITHIN: "the fields differ from one another by at most ``value``",
    ConditionOp.IS: "each field equal to ``value`` (a flag, a word)",
    ConditionOp.INCLUDES: "each field, a list, holds ``value``",
    ConditionOp.INCLUDES_ANY: "each field, a list, holds at least one of ``value``",
    ConditionOp.SHARE: "the fields, lists, hold at least one item in common",
    ConditionOp.DIFFER: "the fields take different ones of ``value`` (one probe, one drogue)",
    ConditionOp.MATES: "the field (a mechanism, a vehicle's ports) mates with ``value`` (mechanism ids; null: any)",
    ConditionOp.EXPRESSION: "the fields together keep the quantity the text names within ``value``",
}
"""What each op means, for the docs."""


@dataclass(frozen=True)
class ConditionField:
    """One value a condition is about: the document it belongs in and its name in reports."""

    kind: str
    """The kind of document (Vehicle, DockingInterface...); empty when it is no one document's."""
    document: str
    name: str
    """As findings name it in ``missing``: ``<document id>.<dotted path>``, or an absent interface's id."""

    def record(self) -> dict:
        return {"kind": self.kind or None, "document": self.document or None, "name": self.name}


@dataclass(frozen=True)
class Condition:
    """What unpublished values must be for a rule that waits on them to pass.

    Worked out by the rule from its own logic and options, never from a
    message: ``fields`` ``op`` ``value`` (in ``unit``), or else one of the
    ``alternatives`` (other ways the rule passes, in words). ``text`` is the
    whole sentence, alternatives included. The engine stamps ``rule`` and
    fills ``publishers`` (who would publish the fields); a rule leaves them
    empty. Several fields in one condition are stated jointly: all of them
    together decide the rule.
    """

    text: str
    fields: tuple[ConditionField, ...]
    op: ConditionOp
    value: float | int | str | bool | tuple | None = None
    unit: str | None = None
    alternatives: tuple[str, ...] = ()
    rule: str = ""
    publishers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.op, ConditionOp):
            object.__setattr__(self, "op", ConditionOp(self.op))
        if not self.fields:
            raise ValueError("a condition names the values it is about")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def record(self) -> dict:
        """The JSON shape every report uses."""
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "rule": self.rule,
            "text": self.text,
            "fields": [f.record() for f in self.fields],
            "op": self.op.value,
            "value": value,
            "unit": self.unit,
            "alternatives": list(self.alternatives),
            "publishers": list(self.publishers),
        }


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
    requirements: list[Condition] = field(default_factory=list)
    """For an UNKNOWN: what the values it waits for must be for the rule to pass."""
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
