"""Plain-text reports for a terminal or a log, as wide as ``ReportOptions.width``.

Lines wrap between words only: an id, a path or a ``file:line:col`` is never
broken (at a hyphen or anywhere else), even when it is wider than the line.

``interop validate`` prints through this module too, so it imports no engine.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from interop.model.finding import Finding, Verdict
from interop.report import escape as escaping
from interop.report import records
from interop.report.base import Reporter, one_after_another

if TYPE_CHECKING:
    from interop.engine.results import (
        DirectionResult,
        MatrixResult,
        RescueResult,
        Row,
        ScenarioResult,
        SystemResult,
    )

_MARK = {Verdict.PASS: "PASS", Verdict.CONDITIONAL: "COND", Verdict.UNKNOWN: "UNKN", Verdict.FAIL: "FAIL"}


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    # Cells are ids and verdicts: whole, even when a column grows wide.
    cells = rows
    widths = [max([len(headers[i])] + [len(r[i]) for r in cells]) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.ljust(widths[i]) for i, v in enumerate(values)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells]


class TextReporter(Reporter):
    format = "text"
    escape = staticmethod(escaping.plain)

    def _wrap(self, text: str, indent: str) -> list[str]:
        return textwrap.wrap(
            text,
            self.options.width,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_on_hyphens=False,
            break_long_words=False,
        ) or [indent]

    def _reasons(self, result: RescueResult, indent: str = "    ") -> list[str]:
        lines = []
        why = records.explanation(result)
        leg = "{} " if result.steps else ""  # a path: say which leg each finding is about
        for text in why.ranges:
            lines += self._wrap(text, indent)
        for finding in why.deciding:
            where = f" ({finding.position})" if finding.position else ""
            about = leg.format(f"[{finding.subject}]") if leg else ""
            lines += self._wrap(f"{about}{finding.code} {finding.message}{where}", indent)
            if finding.remedy:
                lines += self._wrap(f"remedy: {finding.remedy}", indent + "  ")
            if finding.missing:
                lines += self._wrap(f"missing: {', '.join(finding.missing)}", indent + "  ")
            for text in records.requirement_texts([finding]):
                lines += self._wrap(f"would pass if {text}", indent + "  ")
        for condition in why.conditions:
            lines += self._wrap(f"if {condition}", indent)
        for finding in why.waived:
            lines += self._wrap(f"waived: {finding.code} {finding.message} ({finding.waived})", indent)
        timeline = records.time_line(result)
        if timeline:
            lines += self._wrap(timeline, indent)
        return lines

    def _assumed(self, result) -> list[str]:
        text = records.assumed_text(result)
        return self._wrap(text, "") if text else []

    def _legend(self, kind: str) -> list[str]:
        entries = records.legend(kind)
        width = max(len(word) for word, _ in entries)
        lines = ["Verdicts"]
        for word, meaning in entries:
            lines += textwrap.wrap(
                f"{word.ljust(width)}  {meaning}",
                self.options.width,
                initial_indent="  ",
                subsequent_indent=" " * (width + 4),
            )
        return lines

    def _publishers(self, row: Row, indent: str = "    ") -> list[str]:
        lines = []
        for publisher in records.row_publishers(row):
            lines += self._wrap(f"to publish: {publisher.describe()}", indent)
        return lines

    def _direction_lines(self, direction: DirectionResult) -> list[str]:
        title = (
            f"{direction.rescuer_system} rescuing crews of {direction.distressed_system}: "
            f"{direction.coverage.value.upper()} ({records.coverage_count(direction)})"
        )
        lines = [title, "=" * min(len(title), self.options.width)]
        rows = [
            [
                row.distressed,
                row.place,
                str(row.crew if row.crew is not None else "?"),
                records.rescuer_label(row.best),
                row.verdict.value,
            ]
            for row in direction.rows
        ]
        lines += _table(["crew of", "at", "crew", "best rescuer", "verdict"], rows)
        for row in direction.rows if self.options.verbose else records.explained_rows(direction):
            lines.append("")
            head = f"{row.distressed} at {row.place}: {row.verdict.value.upper()}"
            if row.best_case is not row.verdict:
                head += f" at worst, {row.best_case.value.upper()} at best"
            if row.best:
                head += f" (best: {records.rescuer_label(row.best)}, mating {row.best.mating_mode})"
            lines += self._wrap(head, "  ")
            if row.best and records.mating_unknowns(row.best):
                lines += self._wrap(f"mating unknown: waits for {', '.join(records.mating_unknowns(row.best))}", "    ")
                for text in records.mating_requirements(row.best):
                    lines += self._wrap(f"would mate if {text}", "      ")
            if row.note:
                lines += self._wrap(row.note, "    ")
            if row.best and row.best.search_bound:
                lines += self._wrap(f"bound hit: {row.best.search_bound}", "    ")
            if row.best:
                lines += self._reasons(row.best)
            lines += self._publishers(row)
        return lines

    def _systems(self, result: SystemResult) -> str:
        a, b = result.system_a, result.system_b
        lines = [
            f"Mutual rescue: {a} <-> {b}",
            f"Verdict: {result.verdict.value.upper()}"
            + ("  (strict: unknown counts as fail)" if result.strict else ""),
            *self._assumed(result),
            "",
        ]
        for direction in result.directions:
            lines += self._direction_lines(direction) + [""]
        lines += self._legend("systems")
        return "\n".join(lines).rstrip() + "\n"

    def _vehicles(self, result: RescueResult) -> str:
        lines = [
            f"Rescue of {result.distressed}'s crew ({result.crew}) by {result.rescuer} at {result.place}",
            f"Verdict: {result.verdict.value.upper()}"
            + (
                f" at worst, {result.best_case.value.upper()} at best" if result.best_case is not result.verdict else ""
            ),
            *self._assumed(result),
            *[line for text in records.range_texts(result) for line in self._wrap(text, "  ")],
            "",
        ]
        if result.path:
            lines.append("Mating path:")
            for step in result.path:
                joint = "stack" if step.permanent else "docks"
                lines += self._wrap(f"{step.near} {joint} {step.far} ({step.note})", "  ")
            lines.append("")
        timeline = records.time_line(result)
        if timeline:
            lines += self._wrap(timeline, "") + [""]
        if result.search_bound:
            lines += self._wrap(f"bound hit: {result.search_bound}", "") + [""]
        for stage in result.stages:
            lines.append(f"{stage.stage:<9} {stage.verdict.value.upper()}")
            for finding in stage.findings:
                if not (self.options.verbose or records.worth_listing(finding)):
                    continue
                lines += self._wrap(f"[{_MARK[finding.verdict]}] {finding.code} {finding.message}", "  ")
                if finding.waived:
                    lines += self._wrap(f"waived: {finding.waived}", "         ")
                if finding.position and finding.verdict is not Verdict.PASS:
                    lines += self._wrap(f"at {finding.position}", "         ")
                if finding.remedy:
                    lines += self._wrap(f"remedy: {finding.remedy}", "         ")
                if finding.missing:
                    lines += self._wrap(f"missing: {', '.join(finding.missing)}", "         ")
                for text in records.requirement_texts([finding]):
                    lines += self._wrap(f"would pass if {text}", "         ")
                for condition in finding.conditions:
                    lines += self._wrap(f"if {condition}", "         ")
        return "\n".join(lines).rstrip() + "\n"

    def _scenario(self, result: ScenarioResult) -> str:
        lines = [
            f"Scenario {result.scenario}: {result.name}",
            f"Verdict (best responder): {result.verdict.value.upper()}",
            *self._assumed(result),
            "",
        ]
        rows = [
            [r.rescuer, records.path_label(r), r.mating_mode, r.verdict.value, r.expected or "-"]
            for r in result.results
        ]
        lines += _table(["responder", "via", "mating", "verdict", "expected"], rows)
        for r in result.results:
            lines += ["", f"  {r.rescuer}: {r.verdict.value.upper()}"] + self._reasons(r)
        for r in result.mismatches:
            lines += ["", f"MISMATCH: {r.rescuer} expected {r.expected}, got {r.verdict.value}"]
        return "\n".join(lines).rstrip() + "\n"

    def _matrix(self, result: MatrixResult) -> str:
        ids = result.systems
        lines = ["Rescue matrix (row rescues column's crews)", *self._assumed(result), ""]
        headers = ["rescuer \\ crews of"] + list(ids)
        rows = [[a] + [self._cell(result, a, b) for b in ids] for a in ids]
        lines += _table(headers, rows)
        lines.append("")
        for (a, b), pair in result.pairs.items():
            lines.append(f"{a} <-> {b}: {pair.verdict.value}")
        if result.other_eras:
            lines += ["", "Not compared: different eras (--all-eras compares them)"]
            lines += [f"  {a} <-> {b}" for a, b in result.other_eras]
        if result.categories:
            from interop.report.overview import text_lines

            lines += ["", "Each cell and row, by how far it is from a pass:"] + text_lines(result, self.options.width)
        lines += [""] + self._legend("matrix")
        return "\n".join(lines).rstrip() + "\n"

    @staticmethod
    def _cell(result: MatrixResult, a: str, b: str) -> str:
        cell = result.cells.get((a, b))
        if cell is None:
            return "other era"
        return records.matrix_cell_label(result, a, b) or f"{cell.coverage.value} {cell.rows_covered}/{len(cell.rows)}"

    def _validation(self, findings: list[Finding], files: int) -> str:
        lines = [finding.format() for finding in findings]
        if self.options.quiet:
            return "".join(line + "\n" for line in lines)
        if findings:
            noun = "problem" if len(findings) == 1 else "problems"
            affected = len({f.position.path for f in findings if f.position})
            lines.append(f"{len(findings)} {noun} in {affected} of {files} file{'s' if files != 1 else ''}")
        else:
            lines.append(f"{files} file{'s' if files != 1 else ''} valid")
        return "\n".join(lines) + "\n"

    def _scenarios(self, results) -> str:
        return one_after_another(self._scenario, results)

    def _diff(self, result) -> str:
        from interop.report.diff_report import diff_text

        return diff_text(result)

    def _plan(self, result) -> str:
        from interop.report.planning import render_plan_text

        return render_plan_text(result, self.options.width)

    def _gaps(self, result) -> str:
        from interop.report.gaps import render_gaps_text

        return render_gaps_text(result, self.options.width, self.options.verbose)

    def _map(self, result) -> str:
        from interop.report.mechanisms import render_text

        return render_text(result, self.options.width)
