"""The matrix as an overview: each row's and cell's category (interop.engine.categories), in every format."""

from __future__ import annotations

import html
import textwrap

from interop.engine.categories import Category, CellCategory, RowCategory
from interop.engine.results import MatrixResult

SHORT = {
    Category.PASS: "pass",
    Category.CONDITIONAL: "conditional",
    Category.DATA_ONLY: "data only",
    Category.ONE_CHANGE: "one change",
    Category.SEVERAL_CHANGES: "several",
    Category.NOT_FEASIBLE: "not feasible",
}

LEGEND = [
    ("data only", "a matrix row or cell: only unpublished values stand in the way (how many, and whose)"),
    ("one change", "one change the planner names lifts every failing check (the change is named)"),
    ("several", "several changes: more than one (how many)"),
    ("not feasible", "a failing check no change the planner names lifts (the reason is named)"),
    ("k/n", "a cell: k of its n rows are in its worst category; the rows follow the grid"),
    ("empty", "a cell whose column's system has no crew of its own to rescue"),
]

COLOURS = {
    Category.PASS: "#dafbe1",
    Category.CONDITIONAL: "#ddf4ff",
    Category.DATA_ONLY: "#fff8c5",
    Category.ONE_CHANGE: "#ffe7c2",
    Category.SEVERAL_CHANGES: "#ffd8b5",
    Category.NOT_FEASIBLE: "#ffd7d5",
}


def row_phrase(category: RowCategory) -> str:
    """``one change away: qualify mengzhou for nrho``."""
    if category.category is Category.PASS:
        return "passes today"
    if category.category is Category.CONDITIONAL:
        return f"conditional on {category.detail}"
    if category.category is Category.DATA_ONLY:
        return f"data only: {category.detail}"
    if category.category is Category.ONE_CHANGE:
        return f"one change away: {category.detail}"
    if category.category is Category.SEVERAL_CHANGES:
        return f"several changes ({category.detail}): {'; '.join(category.changes)}"
    return f"not feasible: {category.detail}"


def cell_label(result: MatrixResult, a: str, b: str) -> str | None:
    """The grid's word for a cell (``one change 3/3``); None when the matrix is not categorised."""
    category = result.categories.get((a, b))
    if category is None:
        return None
    rows = sum(category.counts.values())
    if not rows:
        return "empty"
    return f"{SHORT[category.category]} {category.counts[category.category]}/{rows}"


def counts_phrase(category: CellCategory) -> str:
    """``1 data only, 2 one change``: the rows of a cell in each category, best first."""
    return ", ".join(f"{n} {SHORT[c]}" for c, n in category.counts.items() if n) or "no rows"


def cell_record(result: MatrixResult, a: str, b: str) -> dict:
    category = result.categories[(a, b)]
    return {"category": category.category.value, "category_counts": {c.value: n for c, n in category.counts.items()}}


def row_record(category: RowCategory) -> dict:
    return {
        "category": category.category.value,
        "category_detail": category.detail,
        "changes": category.changes,
    }


def text_lines(result: MatrixResult, width: int) -> list[str]:
    """Under the grid: each cell's category and counts, then each row's category in words."""
    lines: list[str] = []
    for (a, b), category in result.categories.items():
        cell = result.cells[(a, b)]
        whose = "its own crews" if a == b else f"{b}'s crews"
        lines += _wrap(f"{a} rescuing {whose}: {SHORT[category.category]} ({counts_phrase(category)})", width, "")
        for row, row_category in zip(cell.rows, result.row_categories[(a, b)], strict=True):
            lines += _wrap(f"{row.distressed} @ {row.place}: {row_phrase(row_category)}", width, "  ")
    return lines


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        max(40, width),
        initial_indent=indent,
        subsequent_indent=indent + "    ",
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent]


def markdown_lines(result: MatrixResult) -> list[str]:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    lines: list[str] = []
    for (a, b), category in result.categories.items():
        cell = result.cells[(a, b)]
        whose = "its own crews" if a == b else f"{b}'s crews"
        lines += [
            "",
            f"<details><summary>{a} rescuing {whose}: <b>{SHORT[category.category]}</b> ({counts_phrase(category)})</summary>",
            "",
        ]
        for row, row_category in zip(cell.rows, result.row_categories[(a, b)], strict=True):
            lines.append(f"- {row.distressed} @ {row.place}: {row_phrase(row_category)}")
        lines += ["", "</details>"]
    return lines


def html_grid(result: MatrixResult) -> str:
    """The matrix grid, each cell coloured by its category and opening its rows."""
    e = html.escape
    ids = result.systems
    parts = [
        '<table class="overview"><tr><th>rescuer \\ crews of</th>' + "".join(f"<th>{e(s)}</th>" for s in ids) + "</tr>"
    ]
    for a in ids:
        tds = []
        for b in ids:
            category = result.categories.get((a, b))
            if category is None:
                tds.append('<td class="other">other era</td>')
                continue
            cell = result.cells[(a, b)]
            rows = "".join(
                f"<li>{e(row.distressed)} @ {e(row.place)}: {e(row_phrase(rc))}</li>"
                for row, rc in zip(cell.rows, result.row_categories[(a, b)], strict=True)
            )
            label = cell_label(result, a, b) or ""
            tds.append(
                f'<td class="category {e(category.category.value)}" style="background:{COLOURS[category.category]}">'
                f"<details><summary>{e(label)}</summary><p>{e(counts_phrase(category))}</p><ul>{rows}</ul></details></td>"
            )
        parts.append(f"<tr><th>{e(a)}</th>{''.join(tds)}</tr>")
    parts.append("</table>")
    key = "".join(f'<span class="key" style="background:{COLOURS[c]}">{e(SHORT[c])}</span> ' for c in Category)
    return "".join(parts) + f"<p>{key}</p>"
