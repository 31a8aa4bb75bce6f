"""Rich tables for an interactive terminal (80 columns, coloured verdicts).

Used only when standard output is a terminal and NO_COLOR is not set; pipes,
files and CI get the plain text reporter. rich is imported only here.
"""

from __future__ import annotations

from interop.engine.results import DirectionResult, MatrixResult, RescueResult, ScenarioResult, SystemResult
from interop.report import ReportOptions, records
from interop.report import escape as escaping
from interop.report.base import Reporter, one_after_another

_STYLE = {
    "pass": "green",
    "yes": "green",
    "mutual": "green",
    "conditional": "yellow",
    "one-way": "yellow",
    "unknown": "bright_black",
    "undetermined": "bright_black",
    "fail": "red",
    "no": "red",
    "none": "red",
}


def _console(options):
    import io

    from rich.console import Console

    # Recorded, then exported: the caller decides where the text goes.
    return Console(
        file=io.StringIO(),
        record=True,
        width=options.width,
        force_terminal=True,
        color_system="standard" if options.colour else None,
        no_color=not options.colour,  # --color always wins over NO_COLOR, which rich reads itself
        highlight=False,
    )


def _text(*parts):
    """Plain text, never rich markup: a folder named ``[/x]`` is printed as itself."""
    from rich.text import Text

    return Text.assemble(*parts)


def _title(text: str) -> str:
    """A table title keeps the table's title style, so it is markup: escaped."""
    from rich.markup import escape

    return escape(text)


def _verdict(value: str):
    from rich.text import Text

    return Text(value, style=f"bold {_STYLE.get(value, '')}")


def _direction_table(direction: DirectionResult):
    from rich.table import Table

    table = Table(
        title=_title(
            f"{direction.rescuer_system} rescuing crews of {direction.distressed_system}"
            f" ({records.coverage_count(direction)})"
        ),
        title_justify="left",
    )
    for column in ("crew of", "at", "crew", "best rescuer", "verdict"):
        table.add_column(column)
    for row in direction.rows:
        table.add_row(
            _text(row.distressed),
            _text(row.place),
            _text(str(row.crew if row.crew is not None else "?")),
            _text(records.rescuer_label(row.best)),
            _verdict(row.verdict.value),
        )
    return table


def _reasons(console, result: RescueResult) -> None:
    for finding in records.explanation(result).deciding:
        console.print(_text("  ", (finding.code, "bold"), f" {finding.message}"), highlight=False)
        if finding.position:
            console.print(_text(f"    at {finding.position}"), style="bright_black", highlight=False)
        if finding.remedy:
            console.print(_text(f"    remedy: {finding.remedy}"), style="cyan", highlight=False)
        if finding.missing:
            console.print(_text(f"    missing: {', '.join(finding.missing)}"), style="bright_black", highlight=False)
        for text in records.requirement_texts([finding]):
            console.print(_text(f"    would pass if {text}"), style="bright_black", highlight=False)


def _export(console) -> str:
    return console.export_text(styles=True)


def _system(result: SystemResult, options: ReportOptions) -> str:
    console = _console(options)
    console.print(_text(f"Mutual rescue: {result.system_a} <-> {result.system_b}: "), _verdict(result.verdict.value))
    for direction in result.directions:
        console.print(_direction_table(direction))
        for row in [] if records.covered(direction) else records.explained_rows(direction):
            console.print(_text(f"{row.distressed} at {row.place}: "), _verdict(row.verdict.value), highlight=False)
            if row.best and records.mating_unknowns(row.best):
                console.print(
                    _text(f"  mating unknown: waits for {', '.join(records.mating_unknowns(row.best))}"),
                    highlight=False,
                )
                for text in records.mating_requirements(row.best):
                    console.print(_text(f"    would mate if {text}"), highlight=False)
            if row.note:
                console.print(_text(f"  {row.note}"), highlight=False)
            if row.best:
                _reasons(console, row.best)
            for publisher in records.row_publishers(row):
                console.print(_text(f"  to publish: {publisher.describe()}"), style="cyan", highlight=False)
    _legend(console, "systems")
    return _export(console)


def _legend(console, kind: str) -> None:
    entries = records.legend(kind)
    width = max(len(word) for word, _ in entries)
    console.print(_text("Verdicts"), highlight=False)
    for word, meaning in entries:
        console.print(_text("  ", _verdict(word), " " * (width - len(word) + 2), meaning), highlight=False)


def _cell(result: MatrixResult, a: str, b: str):
    cell = result.cells.get((a, b))
    if cell is None:
        return _text("other era")
    label = records.matrix_cell_label(result, a, b)
    if label is not None:
        return _text(label)
    return _text(_verdict(cell.coverage.value), f" {cell.rows_covered}/{len(cell.rows)}")


def _vehicles(result: RescueResult, options: ReportOptions) -> str:
    from rich.table import Table

    console = _console(options)
    console.print(
        _text(f"{result.rescuer} rescuing {result.distressed}'s crew ({result.crew}) at {result.place}: "),
        _verdict(result.verdict.value),
    )
    if result.path:
        console.print(
            _text(
                "path: "
                + " ".join([result.path[0].near] + [("= " if s.permanent else "<-> ") + s.far for s in result.path])
            ),
            highlight=False,
        )
    table = Table()
    for column in ("stage", "verdict", "findings"):
        table.add_column(column)
    for stage in result.stages:
        table.add_row(
            _text(stage.stage),
            _verdict(stage.verdict.value),
            _text(", ".join(f"{f.code}:{f.verdict.value}" for f in stage.findings if f.verdict.value != "pass") or "-"),
        )
    console.print(table)
    _reasons(console, result)
    return _export(console)


def _scenario(result: ScenarioResult, options: ReportOptions) -> str:
    from rich.table import Table

    console = _console(options)
    console.print(_text(f"Scenario {result.scenario}: "), _verdict(result.verdict.value))
    table = Table()
    for column in ("responder", "via", "mating", "verdict", "expected"):
        table.add_column(column)
    for r in result.results:
        table.add_row(
            _text(r.rescuer),
            _text(records.path_label(r)),
            _text(r.mating_mode),
            _verdict(r.verdict.value),
            _text(r.expected or "-"),
        )
    console.print(table)
    for r in result.results:
        console.print(_text(f"{r.rescuer}: "), _verdict(r.verdict.value))
        _reasons(console, r)
    return _export(console)


def _matrix(result: MatrixResult, options: ReportOptions) -> str:
    from rich.table import Table

    console = _console(options)
    table = Table(title="rescuer (row) -> crews of (column)", title_justify="left")
    table.add_column("")
    for system in result.systems:
        table.add_column(_text(system[:12]))
    for a in result.systems:
        table.add_row(
            _text(a[:14]),
            *[_cell(result, a, b) for b in result.systems],
        )
    console.print(table)
    for (a, b), pair in result.pairs.items():
        console.print(_text(f"{a} <-> {b}: "), _verdict(pair.verdict.value))
    if result.other_eras:
        console.print(_text("Not compared: different eras (--all-eras compares them)"), highlight=False)
        for a, b in result.other_eras:
            console.print(_text(f"  {a} <-> {b}"), highlight=False)
    if result.categories:
        from interop.report.overview import text_lines

        console.print(_text("Each cell and row, by how far it is from a pass:"), highlight=False)
        for line in text_lines(result, options.width):
            console.print(_text(line), highlight=False)
    _legend(console, "matrix")
    return _export(console)


class TerminalReporter(Reporter):
    """The text reporter's coloured variant, for an interactive terminal."""

    format = "terminal"
    escape = staticmethod(escaping.plain)

    def _systems(self, result) -> str:
        return _system(result, self.options)

    def _vehicles(self, result) -> str:
        return _vehicles(result, self.options)

    def _scenario(self, result) -> str:
        return _scenario(result, self.options)

    def _scenarios(self, results) -> str:
        return one_after_another(self._scenario, results)

    def _matrix(self, result) -> str:
        return _matrix(result, self.options)
