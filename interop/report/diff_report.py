"""Reports for ``interop diff``: verdict changes with the spec edits behind them.

One record (``diff_record``) is what JSON serialises; the text and Markdown
reporters lay the diff out with :func:`diff_text` and :func:`diff_markdown`. Regressions come first, then improvements, then the
schema-level breaking changes, then the problems that fail the diff alone.
"""

from __future__ import annotations

import json

from interop.engine.diff import DiffResult, Trend, VerdictChange
from interop.load.edits import FieldChange
from interop.report.records import REPORT_VERSION, finding_record, position_record

_ARROW = {Trend.WORSE: "worse", Trend.BETTER: "better", Trend.CHANGED: "changed", None: "rows changed"}


def _value(value) -> str:
    if value is None:
        return "(absent)"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def edit_record(edit: FieldChange) -> dict:
    return {
        "document": {"kind": edit.kind, "id": edit.id},
        "field": edit.field,
        "old": edit.old,
        "new": edit.new,
        "old_position": position_record(edit.old_position),
        "new_position": position_record(edit.new_position),
    }


def change_record(change: VerdictChange) -> dict:
    return {
        "subject": change.subject,
        "old": change.old,
        "new": change.new,
        "trend": change.trend.value,
        "old_rescuer": change.old_rescuer,
        "new_rescuer": change.new_rescuer,
        "findings": [finding_record(f) for f in change.findings],
        "edits": [edit_record(e) for e in change.edits],
        "fields": [{"name": d.name, "old": d.old, "new": d.new} for d in change.fields],
    }


def diff_record(result: DiffResult) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "diff",
        "base": result.base,
        "head": result.head,
        "strict": result.strict,
        "compared": result.compared,
        "failed": result.failed,
        "regressions": result.regressions,
        "improvements": result.improvements,
        "pairs": [
            {
                "systems": list(pair.systems),
                "old": pair.old,
                "new": pair.new,
                "trend": pair.trend.value if pair.trend else None,
                "directions": [
                    {
                        "rescuer_system": d.rescuer_system,
                        "distressed_system": d.distressed_system,
                        "old": d.old,
                        "new": d.new,
                        "trend": d.trend.value if d.trend else None,
                        "rows": [change_record(r) for r in d.rows],
                    }
                    for d in pair.directions
                ],
            }
            for pair in result.pairs
        ],
        "scenarios": [
            {
                "scenario": s.scenario,
                "old": s.old,
                "new": s.new,
                "trend": s.trend.value if s.trend else None,
                "responders": [change_record(r) for r in s.responders],
            }
            for s in result.scenarios
        ],
        "breaking": [
            {"kind": b.kind, "message": b.message, "position": position_record(b.position)} for b in result.breaking
        ],
        "added": list(result.added),
        "edits": [edit_record(e) for e in result.edits],
        "problems": [finding_record(f) for f in result.problems],
        "notes": list(result.notes),
    }


# ------------------------------------------------------------------ text


def _summary(result: DiffResult) -> str:
    if not result.compared:
        return "verdicts not compared"
    if result.regressions:
        return f"{result.regressions} verdict(s) got worse, {result.improvements} got better"
    if result.improvements:
        return f"no verdict got worse; {result.improvements} got better"
    return "no verdict changed"


def _edit_line(edit: FieldChange) -> str:
    where = str(edit.position) if edit.position else f"{edit.kind} {edit.id}"
    was = f" (was at {edit.old_position})" if edit.old_position and edit.old_position != edit.position else ""
    return f"{where}: {edit.id}.{edit.field}: {_value(edit.old)} -> {_value(edit.new)}{was}"


def change_headline(change: VerdictChange) -> str:
    """``WORSE: <subject>: old -> new (by <rescuer>)``: one verdict change in one line."""
    rescuer = ""
    if change.old_rescuer != change.new_rescuer:
        rescuer = f" (best rescuer {change.old_rescuer or '-'} -> {change.new_rescuer or '-'})"
    elif change.new_rescuer:
        rescuer = f" (by {change.new_rescuer})"
    return (
        f"{change.trend.value.upper()}: {change.subject}: {change.old or '(none)'} -> {change.new or '(none)'}{rescuer}"
    )


def field_line(delta) -> str:
    """``best: fail -> pass``: one compared field that changed."""
    return f"{delta.name}: {_value(delta.old)} -> {_value(delta.new)}"


def _change_lines(change: VerdictChange, indent: str) -> list[str]:
    lines = [f"{indent}{change_headline(change)}"]
    lines += [f"{indent}  {field_line(d)}" for d in change.fields]
    for finding in change.findings:
        where = f"{finding.position}: " if finding.position else ""
        waived = f" [waived: {finding.waived}]" if finding.waived else ""
        lines.append(f"{indent}  {where}{finding.code} {finding.message}{waived}")
    for edit in change.edits:
        lines.append(f"{indent}  edit {_edit_line(edit)}")
    return lines


def diff_text(result: DiffResult) -> str:
    lines = [f"interop diff {result.base} {result.head}: {_summary(result)}"]
    for pair in result.pairs:
        lines += ["", f"{pair.systems[0]} <-> {pair.systems[1]}: {pair.old} -> {pair.new} ({_ARROW[pair.trend]})"]
        for direction in pair.directions:
            lines.append(
                f"  {direction.rescuer_system} rescuing {direction.distressed_system}: {direction.old} -> {direction.new} ({_ARROW[direction.trend]})"
            )
            for row in direction.rows:
                lines += _change_lines(row, "    ")
    for scenario in result.scenarios:
        lines += ["", f"scenario {scenario.scenario}: {scenario.old} -> {scenario.new} ({_ARROW[scenario.trend]})"]
        for responder in scenario.responders:
            lines += _change_lines(responder, "  ")
    if result.breaking:
        lines += ["", "breaking changes:"]
        lines += [f"  {b.position or '-'}: {b.message}" for b in result.breaking]
    if result.problems:
        lines += ["", "problems:"]
        lines += [f"  {f.format()}" for f in result.problems]
    if result.notes:
        lines += [""] + [f"note: {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------- markdown


def _md_edits(edits: list[FieldChange]) -> list[str]:
    if not edits:
        return []
    lines = ["", "| field | old | new |", "| --- | --- | --- |"]
    for edit in edits:
        old_at = f" at `{edit.old_position}`" if edit.old_position else ""
        new_at = f" at `{edit.new_position}`" if edit.new_position else ""
        lines.append(f"| `{edit.id}.{edit.field}` | {_value(edit.old)}{old_at} | {_value(edit.new)}{new_at} |")
    return lines


_ICON = {Trend.WORSE: ":x:", Trend.BETTER: ":white_check_mark:", Trend.CHANGED: ":arrows_counterclockwise:", None: ""}


def diff_markdown(result: DiffResult) -> str:
    lines = [f"## interop: verdict changes `{result.base}` → `{result.head}`", "", f"**{_summary(result)}**"]
    changes: list[tuple[str, VerdictChange]] = []
    if result.pairs:
        lines += ["", "| systems | verdict | direction changes |", "| --- | --- | --- |"]
        for pair in result.pairs:
            moved = "; ".join(
                f"{d.rescuer_system} → {d.distressed_system}: {d.old} → {d.new}" for d in pair.directions if d.trend
            )
            lines.append(
                f"| {pair.systems[0]} ↔ {pair.systems[1]} | {_ICON[pair.trend]} {pair.old} → {pair.new} | {moved or '-'} |"
            )
            changes += [(f"{d.rescuer_system} → {d.distressed_system}", row) for d in pair.directions for row in d.rows]
    for scenario in result.scenarios:
        changes += [(f"scenario {scenario.scenario}: {scenario.old} → {scenario.new}", r) for r in scenario.responders]
    for heading, change in changes:
        lines += [
            "",
            f"### {_ICON[change.trend]} {change.subject}: {change.old or '(none)'} → {change.new or '(none)'}",
            "",
            f"{heading}; best rescuer {change.old_rescuer or '-'} → {change.new_rescuer or '-'}",
        ]
        if change.fields:
            lines.append("")
            lines += [f"- {field_line(d)}" for d in change.fields]
        if change.findings:
            lines.append("")
            for finding in change.findings:
                where = f"`{finding.position}` " if finding.position else ""
                waived = f" (waived: {finding.waived})" if finding.waived else ""
                lines.append(f"- {where}**{finding.code}** {finding.message}{waived}")
        lines += _md_edits(change.edits)
    if result.breaking:
        lines += ["", "### Breaking changes", ""]
        lines += [f"- `{b.position or '-'}` {b.message}" for b in result.breaking]
    if result.problems:
        lines += ["", "### Problems", ""]
        lines += [f"- `{f.position or '-'}` **{f.code}** {f.message}" for f in result.problems]
    if result.notes:
        lines += [""] + [f"> {n}" for n in result.notes]
    return "\n".join(lines) + "\n"
