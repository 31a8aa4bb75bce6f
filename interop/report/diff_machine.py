"""``interop diff`` for CI tools: SARIF 2.1.0, JUnit XML, GitHub workflow commands.

A diff is turned into annotations placed on the spec lines whose edits moved
a verdict, so a pull request shows "this line broke the rescue of ..." where
the line is. Each annotation has a stable code:

- DIFF001, error: a rescue verdict got worse (fails the diff);
- DIFF002, note: a rescue verdict got better;
- DIFF003, note: a verdict changed without getting better or worse;
- DIFF004, warning: a breaking change to the catalog (a removed document, a
  reference left dangling); it does not fail the diff on its own.

Problems that fail the diff on their own (HEAD's spec problems, expired
waivers) keep their codes and positions, as errors.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from interop.engine.diff import DiffResult, Trend, VerdictChange
from interop.load.edits import FieldChange
from interop.model.finding import Position
from interop.report.ci_formats import (
    Annotation as GithubAnnotation,
)
from interop.report.ci_formats import (
    JunitSuite,
    github_command,
    junit_document,
    sarif_location,
    sarif_log,
    within_limits,
)
from interop.report.diff_report import change_headline, field_line

# code -> (short description, what it means, SARIF level)
DIFF_CODES = {
    "DIFF001": (
        "verdict got worse",
        "A rescue that was possible (or better) in BASE is worse in HEAD; the location is the edit behind it.",
        "error",
    ),
    "DIFF002": (
        "verdict got better",
        "A rescue is better in HEAD than in BASE; the location is the edit behind it.",
        "note",
    ),
    "DIFF003": (
        "verdict changed",
        "A verdict changed without getting better or worse (another best rescuer, other rows).",
        "note",
    ),
    "DIFF004": (
        "breaking change",
        "A change to the catalog that can break other users of it: a removed document, a dangling reference.",
        "warning",
    ),
}
_TREND_CODE = {Trend.WORSE: "DIFF001", Trend.BETTER: "DIFF002", Trend.CHANGED: "DIFF003"}
_GITHUB = {"error": "error", "warning": "warning", "note": "notice"}
_LISTED = 3  # edits and findings named in one annotation's message


@dataclass
class Annotation:
    code: str
    level: str  # "error", "warning" or "note"
    message: str
    subject: str
    position: Position | None = None
    related: list[Position] = field(default_factory=list)
    case: str = ""
    """The JUnit test case name after the code, when the subject holds a message (names stay stable)."""

    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.code}\x1f{self.subject}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _edit_text(edit: FieldChange) -> str:
    def shown(value) -> str:
        if value is None:
            return "(absent)"
        return json.dumps(value, ensure_ascii=False, default=str, separators=(", ", ": "))

    return f"{edit.id}.{edit.field}: {shown(edit.old)} -> {shown(edit.new)}"


def _change_annotation(change: VerdictChange, context: str) -> Annotation:
    code = _TREND_CODE[change.trend]
    parts = [f"{change_headline(change)} [{context}]."]
    if change.fields:
        parts.append("Changed: " + "; ".join(field_line(d) for d in change.fields) + ".")
    if change.edits:
        parts.append(
            "Edits: "
            + "; ".join(_edit_text(e) for e in change.edits[:_LISTED])
            + ("; ..." if len(change.edits) > _LISTED else "")
            + "."
        )
    if change.findings:
        parts.append(
            "Findings: "
            + "; ".join(f"{f.code} {f.message}" for f in change.findings[:_LISTED])
            + ("; ..." if len(change.findings) > _LISTED else "")
            + "."
        )
    places = [e.position for e in change.edits if e.position is not None] or [
        f.position for f in change.findings if f.position is not None
    ]
    return Annotation(
        code=code,
        level=DIFF_CODES[code][2],
        message=" ".join(parts),
        subject=f"{context}: {change.subject}",
        position=places[0] if places else None,
        related=places[1:],
    )


def diff_annotations(result: DiffResult) -> list[Annotation]:
    """What a diff says, one annotation per changed row, breaking change and problem."""
    found = []
    for pair in result.pairs:
        for direction in pair.directions:
            context = f"{direction.rescuer_system} -> {direction.distressed_system}"
            found += [_change_annotation(row, context) for row in direction.rows]
    for scenario in result.scenarios:
        found += [_change_annotation(responder, f"scenario {scenario.scenario}") for responder in scenario.responders]
    for breaking in result.breaking:
        found.append(
            Annotation(
                "DIFF004",
                DIFF_CODES["DIFF004"][2],
                f"{breaking.kind}: {breaking.message}",
                breaking.message,
                breaking.position,
                case=f"{breaking.kind} {breaking.position or breaking.message}",
            )
        )
    for problem in result.problems:
        found.append(
            Annotation(
                problem.code,
                "error",
                problem.message,
                f"{problem.code} {problem.message}",
                problem.position,
                case=problem.subject or problem.locator or str(problem.position or problem.message),
            )
        )
    return found


# ------------------------------------------------------------------ SARIF


def _rules(codes: set[str]) -> list[dict]:
    from interop.load.errors import ERROR_CODES

    rules = []
    for code in sorted(codes):
        if code in DIFF_CODES:
            title, meaning, level = DIFF_CODES[code]
        elif code in ERROR_CODES:
            title, meaning, level = ERROR_CODES[code].title, ERROR_CODES[code].meaning, "error"
        else:  # a configuration problem (expired waiver and the like)
            title, meaning, level = code, "A problem that fails the diff on its own; see the message.", "error"
        rules.append(
            {
                "id": code,
                "name": title.lower().replace(" ", "-"),
                "shortDescription": {"text": title},
                "fullDescription": {"text": meaning},
                "help": {"text": meaning},
                "defaultConfiguration": {"level": level},
            }
        )
    return rules


def diff_sarif(result: DiffResult) -> str:
    notes = diff_annotations(result)
    rules = _rules({n.code for n in notes})
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for note in notes:
        entry = {
            "ruleId": note.code,
            "ruleIndex": index[note.code],
            "level": note.level,
            "message": {"text": note.message},
            "partialFingerprints": {"interopDiff/v1": note.fingerprint()},
            "properties": {"subject": note.subject},
        }
        if note.position is not None:
            entry["locations"] = [sarif_location(note.position)]
        if note.related:
            entry["relatedLocations"] = [{"id": i, **sarif_location(p)} for i, p in enumerate(note.related)]
        results.append(entry)
    return sarif_log(
        rules,
        results,
        {
            "base": result.base,
            "head": result.head,
            "compared": result.compared,
            "failed": result.failed,
            "strict": result.strict,
        },
    )


# ------------------------------------------------------------------ JUnit


def diff_junit(result: DiffResult) -> str:
    """One testsuite for the diff; one testcase per annotation, failing for errors."""
    from xml.sax.saxutils import escape, quoteattr

    notes = diff_annotations(result)
    cases, failures = [], 0
    named: Counter = Counter()
    for note in notes:
        name = f"{note.code} {note.case or note.subject}"
        named[name] += 1
        if named[name] > 1:
            name += f" #{named[name]}"
        where = f" ({note.position})" if note.position else ""
        if note.level == "error":
            failures += 1
            body = f"<failure message={quoteattr(note.message)} type={quoteattr(note.code)}>{escape(note.message + where)}</failure>"
        else:
            body = f"<system-out>{escape(note.message + where)}</system-out>"
        cases.append(f"    <testcase classname={quoteattr('interop diff')} name={quoteattr(name)}>{body}</testcase>")
    return junit_document([JunitSuite(f"interop diff {result.base} {result.head}", cases, failures)])


# ------------------------------------------------------------------ GitHub


_LEVEL_ORDER = {"error": 0, "warning": 1, "note": 2}
_SUMMARY_LABEL = {"DIFF001": "worse", "DIFF002": "better", "DIFF003": "changed", "DIFF004": "breaking"}
_SEE_ALL = "See every change with --format sarif (upload it to code scanning) or --format text."


def diff_github(result: DiffResult) -> str:
    """GitHub Actions workflow commands: one annotation per change, on the edited line, within GitHub's limits."""
    notes = sorted(
        diff_annotations(result), key=lambda n: _LEVEL_ORDER[n.level]
    )  # stable: the diff's order within a level
    lines = within_limits(
        [
            GithubAnnotation(
                _GITHUB[note.level],
                github_command(
                    _GITHUB[note.level],
                    note.position,
                    f"{note.code} {DIFF_CODES.get(note.code, (note.code,))[0]}",
                    note.message,
                ),
                _SUMMARY_LABEL.get(note.code, "problem"),
            )
            for note in notes
        ],
        _SEE_ALL,
    )
    return "\n".join(lines) + ("\n" if lines else "")
