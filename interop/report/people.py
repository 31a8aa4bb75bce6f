"""Reports for people: Markdown (pull-request comments) and self-contained HTML.

Both lay out the result objects; neither computes a verdict.

Longer than 500 lines because Markdown and HTML lay out the same results with
the same legends and deciding rows; the split into one module per format waits
for the HTML matrix work (issue 23) to settle.
"""

from __future__ import annotations

import html as _html
from typing import TYPE_CHECKING

from interop.model.finding import Finding
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

_ICON = {
    "pass": "✅",
    "conditional": "🟡",
    "unknown": "❔",
    "fail": "❌",
    "yes": "✅",
    "no": "❌",
    "mutual": "✅",
    "one-way": "🟡",
    "none": "❌",
    "undetermined": "❔",
}


# ------------------------------------------------------------------ markdown


def _md_deciding(result: RescueResult) -> list[str]:
    lines = []
    why = records.explanation(result)
    lines += [f"- range: {text}" for text in why.ranges]
    for finding in why.deciding:
        where = f" — `{finding.position}`" if finding.position else ""
        about = f"[{finding.subject}] " if result.steps else ""
        lines.append(f"- {about}**{finding.code}** {finding.message}{where}")
        if finding.remedy:
            lines.append(f"  - remedy: {finding.remedy}")
        if finding.missing:
            lines.append(f"  - missing: {', '.join(f'`{m}`' for m in finding.missing)}")
        lines += [f"  - would pass if {text}" for text in records.requirement_texts([finding])]
        if finding.waived:
            lines.append(f"  - waived: {finding.waived}")
    lines += [f"- if {c}" for c in why.conditions]
    timeline = records.time_line(result)
    if timeline:
        lines.append(f"- {timeline}")
    return lines


def _md_publisher(publisher: records.Publisher) -> str:
    values = ", ".join(f"`{name}`" for name in publisher.names)
    if not publisher.document:
        return f"{values} (no one document of the catalog holds it)"
    if not publisher.publishers:
        return f"{publisher.document} (no publisher named in the catalog): {values}"
    return f"{publisher.document}, published by **{', '.join(publisher.publishers)}**: {values}"


def _md_legend(kind: str) -> list[str]:
    return (
        ["", "<details><summary>What the verdicts mean</summary>", ""]
        + [f"- **{word}**: {meaning}" for word, meaning in records.legend(kind)]
        + ["", "</details>"]
    )


def mermaid(result: RescueResult) -> list[str]:
    """The mating path as a Mermaid flowchart (vehicles as nodes, joints as edges)."""
    if not result.path:
        return []
    lines = ["```mermaid", "graph LR"]
    for step in result.path:
        near, far = step.near_vehicle, step.far_vehicle
        arrow = "===" if step.permanent else "---"
        label = (
            step.interface_near
            if step.interface_near == step.interface_far
            else f"{step.interface_near} / {step.interface_far}"
        )
        lines.append(f'  {_node(near)}["{near}"] {arrow}|{label}| {_node(far)}["{far}"]')
    lines.append("```")
    return lines


def _node(vehicle: str) -> str:
    return vehicle.replace("-", "_")


def _md_direction(direction: DirectionResult) -> list[str]:
    lines = [
        f"### {direction.rescuer_system} rescuing crews of {direction.distressed_system}: {_ICON[direction.coverage.value]} {direction.coverage.value} ({records.coverage_count(direction)})",
        "",
        "| crew of | at | crew | best rescuer | verdict |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in direction.rows:
        lines.append(
            f"| {row.distressed} | {row.place} | {row.crew if row.crew is not None else '?'} | {records.rescuer_label(row.best, '—')} | {_ICON[row.verdict.value]} {row.verdict.value} |"
        )
    for row in records.explained_rows(direction):
        lines += ["", f"<details><summary>{row.distressed} at {row.place}: {row.verdict.value}</summary>", ""]
        if row.best and records.mating_unknowns(row.best):
            lines.append(
                f"- mating unknown: waits for {', '.join(f'`{m}`' for m in records.mating_unknowns(row.best))}"
            )
            lines += [f"  - would mate if {text}" for text in records.mating_requirements(row.best)]
        if row.note:
            lines.append(f"- {row.note}")
        if row.best:
            lines += _md_deciding(row.best)
        lines += [f"- to publish: {_md_publisher(p)}" for p in records.row_publishers(row)]
        if row.best:
            lines += [""] + mermaid(row.best)
        lines += ["", "</details>"]
    return lines + [""]


def _markdown_system(result: SystemResult) -> str:
    lines = [
        f"## interop: {result.system_a} ↔ {result.system_b}: {_ICON[result.verdict.value]} **{result.verdict.value}**",
        "",
    ]
    lines += [f"- {d.rescuer_system} → {d.distressed_system}: {d.coverage.value}" for d in result.directions] + [""]
    for direction in result.directions:
        lines += _md_direction(direction)
    lines += _md_legend("systems")
    return "\n".join(lines).rstrip() + "\n"


def _markdown_vehicles(result: RescueResult) -> str:
    lines = [
        f"## interop: {result.rescuer} rescuing {result.distressed}'s crew ({result.crew}) at {result.place}: {_ICON[result.verdict.value]} **{result.verdict.value}**",
        "",
        "| stage | verdict |",
        "| --- | --- |",
    ]
    lines += [f"| {s.stage} | {_ICON[s.verdict.value]} {s.verdict.value} |" for s in result.stages]
    lines += [""] + mermaid(result) + [""] + _md_deciding(result)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_scenario(result: ScenarioResult) -> str:
    lines = [
        f"## interop scenario {result.scenario}: {_ICON[result.verdict.value]} **{result.verdict.value}**",
        "",
        f"{result.name}",
        "",
        "| responder | via | mating | verdict | expected |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.rescuer} | {records.path_label(r, '—')} | {r.mating_mode} | {_ICON[r.verdict.value]} {r.verdict.value}"
        f" | {r.expected or '—'} |"
        for r in result.results
    ]
    for r in result.results:
        lines += (
            ["", f"<details><summary>{r.rescuer}: {r.verdict.value}</summary>", ""]
            + _md_deciding(r)
            + [""]
            + mermaid(r)
            + ["", "</details>"]
        )
    return "\n".join(lines).rstrip() + "\n"


def _markdown_matrix(result: MatrixResult) -> str:
    ids = result.systems
    lines = [
        "## interop rescue matrix (row rescues column's crews)",
        "",
        "| rescuer \\ crews of | " + " | ".join(ids) + " |",
        "| --- |" + " --- |" * len(ids),
    ]
    for a in ids:
        lines.append(f"| **{a}** | " + " | ".join(_md_cell(result, a, b) for b in ids) + " |")
    lines += ["", "| pair | verdict |", "| --- | --- |"] + [
        f"| {a} ↔ {b} | {_ICON[p.verdict.value]} {p.verdict.value} |" for (a, b), p in result.pairs.items()
    ]
    if result.other_eras:
        lines += ["", "Not compared: different eras (`--all-eras` compares them): "]
        lines[-1] += ", ".join(f"{a} ↔ {b}" for a, b in result.other_eras)
    if result.categories:
        from interop.report.overview import markdown_lines

        lines += markdown_lines(result)
    lines += _md_legend("matrix")
    return "\n".join(lines).rstrip() + "\n"


def _md_cell(result: MatrixResult, a: str, b: str) -> str:
    cell = result.cells.get((a, b))
    if cell is None:
        return "other era"
    label = records.matrix_cell_label(result, a, b)
    if label is not None:
        return label
    return f"{_ICON[cell.coverage.value]} {cell.coverage.value} · {records.coverage_count(cell)}"


def _markdown_validation(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"## interop validate: ✅ {files} files valid\n"
    lines = [
        f"## interop validate: ❌ {len(findings)} problem(s) in {files} files",
        "",
        "| where | code | message |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{f.position}` | {f.code} | {f.message} |" for f in findings]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- html

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
.v{font-weight:600;border-radius:4px;padding:.1rem .45rem;display:inline-block}
.pass,.yes,.mutual{background:#d1f7d6;color:#0b5d1e}.conditional,.one-way{background:#fff3c4;color:#6b5200}
.unknown,.undetermined{background:#e6e9ef;color:#404852}.fail,.no,.none{background:#ffd7d5;color:#8a1111}
.grid td.cell{text-align:center}.grid td.cell a{display:block;text-decoration:none;color:inherit}
.finding{margin:.25rem 0 .25rem 1rem}.remedy,.missing,.cond{margin-left:2.2rem;color:#404852}
code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}svg{display:block;margin:.5rem 0}
.legend{display:grid;grid-template-columns:max-content auto;gap:.2rem .8rem}.legend dd{margin:0}
"""


def _e(text) -> str:
    return _html.escape(str(text), quote=True)


def _badge(value: str) -> str:
    return f'<span class="v {_e(value)}">{_e(value)}</span>'


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def svg_path(result: RescueResult) -> str:
    """The mating path drawn inline: vehicles as boxes, joints as labelled links."""
    if not result.path:
        return ""
    vehicles = [result.path[0].near_vehicle] + [s.far_vehicle for s in result.path]
    box, gap, height = 150, 70, 90
    width = len(vehicles) * box + (len(vehicles) - 1) * gap + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="mating path">'
    ]
    for index, vehicle in enumerate(vehicles):
        x = 10 + index * (box + gap)
        parts.append(f'<rect x="{x}" y="25" width="{box}" height="40" rx="6" fill="#f6f8fa" stroke="#57606a"/>')
        parts.append(f'<text x="{x + box / 2}" y="50" font-size="12" text-anchor="middle">{_e(vehicle)}</text>')
        if index < len(result.path):
            step = result.path[index]
            x1, x2 = x + box, x + box + gap
            dash = "" if step.permanent else ' stroke-dasharray="5 3"'
            parts.append(f'<line x1="{x1}" y1="45" x2="{x2}" y2="45" stroke="#0969da" stroke-width="3"{dash}/>')
            label = (
                step.interface_near
                if step.interface_near == step.interface_far
                else f"{step.interface_near}/{step.interface_far}"
            )
            parts.append(f'<text x="{(x1 + x2) / 2}" y="18" font-size="10" text-anchor="middle">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_timeline(result: RescueResult) -> str:
    """The rescue's timeline drawn inline: days from the call, each event a mark (a bar for a range).

    Supplies running out are red; a carrier's own endurance running out is amber;
    events with an unknown day are listed under the axis.
    """
    timing = result.timing
    if timing is None:
        return ""
    known = [(what, low, high) for what, low, high in timing.events if low is not None and high is not None]
    unknown = [what for what, low, high in timing.events if low is None or high is None]
    span = max([high for _what, _low, high in known if high is not None] + [1.0])
    left, width, row = 10, 620, 16
    height = 40 + row * len(known) + (row if unknown else 0) + 10

    def x(day: float) -> float:
        return left + width * day / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left * 2 + width + 200}" height="{height}" '
        f'role="img" aria-label="timeline">',
        f'<line x1="{left}" y1="25" x2="{left + width}" y2="25" stroke="#57606a"/>',
        f'<text x="{left}" y="15" font-size="10">day 0 (call)</text>',
        f'<text x="{left + width}" y="15" font-size="10" text-anchor="end">day {span:g}</text>',
    ]
    for index, (what, low, high) in enumerate(known):
        assert low is not None and high is not None
        y = 40 + index * row
        colour = "#cf222e" if what.startswith("supplies") else ("#bf8700" if what.endswith("runs out") else "#0969da")
        parts.append(
            f'<rect x="{x(low):.1f}" y="{y - 8}" width="{max(x(high) - x(low), 3):.1f}" height="10" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x(high) + 6:.1f}" y="{y + 1}" font-size="11">{_e(what)}: day {_e(records.days_text(low, high))}</text>'
        )
    if unknown:
        parts.append(
            f'<text x="{left}" y="{40 + row * len(known) + 4}" font-size="11" fill="#8250df">'
            f"not known: {_e(', '.join(unknown))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _html_time(result: RescueResult) -> list[str]:
    line = records.time_line(result)
    return [svg_timeline(result), f'<p class="time">{_e(line)}</p>'] if line else []


def _html_findings(result: RescueResult, everything: bool = False) -> list[str]:
    out = [f'<div class="cond">range: {_e(text)}</div>' for text in records.range_texts(result)]
    for finding in result.findings if everything else records.explanation(result).deciding:
        if everything and not records.worth_listing(finding):
            continue
        where = f" <code>{_e(finding.position)}</code>" if finding.position else ""
        out.append(
            f'<div class="finding">{_badge(finding.verdict.value)} <b>{_e(finding.code)}</b> {_e(finding.message)}{where}</div>'
        )
        if finding.remedy:
            out.append(f'<div class="remedy">remedy: {_e(finding.remedy)}</div>')
        if finding.missing:
            out.append(f'<div class="missing">missing: {_e(", ".join(finding.missing))}</div>')
        for text in records.requirement_texts([finding]):
            out.append(f'<div class="cond">would pass if {_e(text)}</div>')
        for condition in finding.conditions:
            out.append(f'<div class="cond">if {_e(condition)}</div>')
        if finding.waived:
            out.append(f'<div class="cond">waived: {_e(finding.waived)}</div>')
    return out


def _anchor(*parts: str) -> str:
    return "-".join(p.replace(" ", "_") for p in parts)


def _html_direction(direction: DirectionResult) -> list[str]:
    key = _anchor(direction.rescuer_system, direction.distressed_system)
    out = [
        f'<h2 id="{_e(key)}">{_e(direction.rescuer_system)} rescuing crews of {_e(direction.distressed_system)}: {_badge(direction.coverage.value)} {_e(records.coverage_count(direction))}</h2>',
        "<table><tr><th>crew of</th><th>at</th><th>crew</th><th>best rescuer</th><th>verdict</th></tr>",
    ]
    for row in direction.rows:
        row_key = _anchor(key, row.distressed, row.place)
        out.append(
            f'<tr><td><a href="#{_e(row_key)}">{_e(row.distressed)}</a></td><td>{_e(row.place)}</td><td>{_e(row.crew if row.crew is not None else "?")}</td>'
            f"<td>{_e(records.rescuer_label(row.best, '—'))}</td><td>{_badge(row.verdict.value)}</td></tr>"
        )
    out.append("</table>")
    for row in direction.rows:
        out += _html_row(key, row)
    return out


def _html_row(key: str, row: Row) -> list[str]:
    out = [
        f'<h3 id="{_e(_anchor(key, row.distressed, row.place))}">{_e(row.distressed)} at {_e(row.place)}: {_badge(row.verdict.value)}</h3>'
    ]
    if row.note:
        out.append(f"<p>{_e(row.note)}</p>")
    if row.best:
        out.append(
            f"<p>best rescuer <b>{_e(records.rescuer_label(row.best))}</b>, mating {_e(row.best.mating_mode)}</p>"
        )
        unknowns = records.mating_unknowns(row.best)
        if unknowns:
            out.append(f'<p class="missing">mating unknown: waits for {_e(", ".join(unknowns))}</p>')
            for text in records.mating_requirements(row.best):
                out.append(f'<p class="cond">would mate if {_e(text)}</p>')
        out.append(svg_path(row.best))
        out += _html_time(row.best)
        out += _html_findings(row.best)
    for publisher in records.row_publishers(row):
        out.append(f'<div class="missing">to publish: {_e(publisher.describe())}</div>')
    return out


def _html_legend(kind: str) -> str:
    items = "".join(
        f"<dt>{_badge(word) if word in _ICON else f'<b>{_e(word)}</b>'}</dt><dd>{_e(meaning)}</dd>"
        for word, meaning in records.legend(kind)
    )
    return f'<h2 id="legend">What the verdicts mean</h2><dl class="legend">{items}</dl>'


def _html_system(result: SystemResult) -> str:
    body = [
        f"<h1>Mutual rescue: {_e(result.system_a)} ↔ {_e(result.system_b)} {_badge(result.verdict.value)}</h1>",
        _html_grid(
            [result.system_a, result.system_b], {(d.rescuer_system, d.distressed_system): d for d in result.directions}
        ),
    ]
    for direction in result.directions:
        body += _html_direction(direction)
    body.append(_html_legend("systems"))
    return _page(f"interop: {result.system_a} and {result.system_b}", body)


def _html_grid(ids: list[str], cells: dict) -> str:
    rows = [
        '<table class="grid"><tr><th>rescuer \\ crews of</th>' + "".join(f"<th>{_e(i)}</th>" for i in ids) + "</tr>"
    ]
    for a in ids:
        tds = []
        for b in ids:
            if (a, b) not in cells:
                tds.append('<td class="cell">other era</td>')
            else:
                coverage = cells[(a, b)].coverage.value
                count = records.coverage_count(cells[(a, b)])
                tds.append(
                    f'<td class="cell {_e(coverage)}"><a href="#{_e(_anchor(a, b))}">{_e(coverage)}<br>{_e(count)}</a></td>'
                )
        rows.append(f"<tr><th>{_e(a)}</th>{''.join(tds)}</tr>")
    return "".join(rows) + "</table>"


def _html_matrix(result: MatrixResult) -> str:
    if result.categories:
        from interop.report.overview import html_grid

        grid = html_grid(result)
        intro = (
            "<h1>Rescue matrix</h1><p>Each cell: how far the row's system is from rescuing every crew of the"
            " column's system (its worst row); open a cell for its rows.</p>"
        )
    else:
        grid = _html_grid(result.systems, result.cells)
        intro = "<h1>Rescue matrix</h1><p>Each cell: can the row's system rescue every crew of the column's system? Click a cell for its explanation.</p>"
    body = [intro, grid]
    body.append(
        "<table><tr><th>pair</th><th>verdict</th></tr>"
        + "".join(
            f"<tr><td>{_e(a)} ↔ {_e(b)}</td><td>{_badge(p.verdict.value)}</td></tr>"
            for (a, b), p in result.pairs.items()
        )
        + "</table>"
    )
    if result.other_eras:
        body.append(
            "<p>Not compared: different eras (<code>--all-eras</code> compares them): "
            + ", ".join(f"{_e(a)} ↔ {_e(b)}" for a, b in result.other_eras)
            + "</p>"
        )
    for cell in result.cells.values():
        body += _html_direction(cell)
    body.append(_html_legend("matrix"))
    return _page("interop rescue matrix", body)


def _html_vehicles(result: RescueResult) -> str:
    body = [
        f"<h1>{_e(result.rescuer)} rescuing {_e(result.distressed)}'s crew ({result.crew}) at {_e(result.place)} {_badge(result.verdict.value)}</h1>",
        svg_path(result),
        *_html_time(result),
        "<table><tr><th>stage</th><th>verdict</th></tr>"
        + "".join(f"<tr><td>{_e(s.stage)}</td><td>{_badge(s.verdict.value)}</td></tr>" for s in result.stages)
        + "</table>",
    ]
    body += _html_findings(result, everything=True)
    return _page(f"interop: {result.rescuer} and {result.distressed}", body)


def _html_scenario(result: ScenarioResult) -> str:
    body = [f"<h1>Scenario {_e(result.scenario)} {_badge(result.verdict.value)}</h1><p>{_e(result.name)}</p>"]
    for r in result.results:
        via = records.path_label(r, "")
        title = f"{_e(r.rescuer)}" + (f" <small>via {_e(via)}</small>" if via else "")
        body += [f"<h2>{title}: {_badge(r.verdict.value)}</h2>", svg_path(r), *_html_time(r)] + _html_findings(r)
    return _page(f"interop scenario {result.scenario}", body)


def _html_validation(findings: list[Finding], files: int) -> str:
    rows = "".join(
        f"<tr><td><code>{_e(f.position)}</code></td><td>{_e(f.code)}</td><td>{_e(f.message)}</td></tr>"
        for f in findings
    )
    summary = f"{len(findings)} problem(s) in {files} files" if findings else f"{files} files valid"
    return _page(
        "interop validate",
        [
            f"<h1>interop validate: {_e(summary)}</h1>",
            f"<table><tr><th>where</th><th>code</th><th>message</th></tr>{rows}</table>" if findings else "",
        ],
    )


def _md_assumed(text: str, result) -> str:
    """The report with the ``--assume`` note under its title, when ranges were taken at one end."""
    note = records.assumed_text(result)
    if not note:
        return text
    title, _, rest = text.partition("\n")
    return f"{title}\n\n> {note}\n{rest}"


def _html_assumed(page: str, result) -> str:
    note = records.assumed_text(result)
    return page.replace("</h1>", f"</h1>\n<p><b>{_e(note)}</b></p>", 1) if note else page


class MarkdownReporter(Reporter):
    """Markdown for pull-request comments and job summaries."""

    format = "markdown"
    escape = staticmethod(escaping.markdown)

    def _systems(self, result) -> str:
        return _md_assumed(_markdown_system(result), result)

    def _vehicles(self, result) -> str:
        return _md_assumed(_markdown_vehicles(result), result)

    def _scenario(self, result) -> str:
        return _md_assumed(_markdown_scenario(result), result)

    def _scenarios(self, results) -> str:
        return one_after_another(self._scenario, results)

    def _matrix(self, result) -> str:
        return _md_assumed(_markdown_matrix(result), result)

    def _validation(self, findings, files) -> str:
        return _markdown_validation(findings, files)

    def _diff(self, result) -> str:
        from interop.report.diff_report import diff_markdown

        return diff_markdown(result)

    def _plan(self, result) -> str:
        from interop.report.planning import render_plan_markdown

        return render_plan_markdown(result)

    def _gaps(self, result) -> str:
        from interop.report.gaps import render_gaps_markdown

        return render_gaps_markdown(result, self.options.verbose)

    def _map(self, result) -> str:
        from interop.report.mechanisms import render_markdown

        return render_markdown(result)


class HtmlReporter(Reporter):
    """One self-contained page per run: no scripts, no links out."""

    format = "html"
    escape = staticmethod(escaping.controls)

    def _systems(self, result) -> str:
        return _html_assumed(_html_system(result), result)

    def _vehicles(self, result) -> str:
        return _html_assumed(_html_vehicles(result), result)

    def _scenario(self, result) -> str:
        return _html_assumed(_html_scenario(result), result)

    def _matrix(self, result) -> str:
        return _html_assumed(_html_matrix(result), result)

    def _validation(self, findings, files) -> str:
        return _html_validation(findings, files)

    def _plan(self, result) -> str:
        from interop.report.planning import render_plan_html

        return render_plan_html(result)

    def _gaps(self, result) -> str:
        from interop.report.gaps import render_gaps_html

        return render_gaps_html(result)

    def _map(self, result) -> str:
        from interop.report.mechanisms import render_html

        return render_html(result)
