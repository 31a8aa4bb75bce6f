"""Gaps as a record, text, Markdown and HTML: who can settle the most verdicts, and with what values."""

from __future__ import annotations

import html
import textwrap

from interop.engine.gaps import DocumentGaps, Entry, GapsResult, Wanted
from interop.report.records import REPORT_VERSION, position_record  # one version for every JSON report

FULL_ENTRIES = 3
"""Entries the text and Markdown reports list in full (every value and row); ``--verbose`` lists all."""


def _field_record(w: Wanted) -> dict:
    return {
        "name": w.name,
        "position": position_record(w.position),
        "rules": w.rules,
        "conditions": w.conditions,
        "requirements": [c.record() for c in w.requirements],
        "decides_alone": w.alone,
        "decides_with_others": w.together,
    }


def gaps_record(result: GapsResult) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "gaps",
        "asked": result.asked,
        "verdicts": result.verdicts,
        "unknown": result.unknown,
        "changeable": result.changeable,
        "entries": [
            {
                "publishers": entry.publishers,
                "exchange": entry.exchange,
                "decides": entry.decides,
                "asks": [
                    {
                        "publisher": ask.publisher,
                        "documents": [{"kind": d.kind, "id": d.document} for d in ask.documents],
                        "values": [_field_record(w) for w in ask.values],
                    }
                    for ask in entry.asks
                ],
            }
            for entry in result.entries
        ],
        "documents": [
            {
                "kind": d.kind,
                "id": d.document,
                "publisher": d.publisher,
                "publisher_inferred": d.inferred,
                "publisher_basis": d.basis,
                "file": d.file,
                "decides": d.decides,
                "fields": [_field_record(w) for w in d.fields],
            }
            for d in result.documents
        ],
        "undecided": result.undecided,
        "not_compared": [list(pair) for pair in result.other_eras],
        "left_out": result.left_out,
        "bounds_hit": result.bounds_hit,
    }


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _values(count: int) -> str:
    return f"{count} value" if count == 1 else f"{count} values"


def _headline(result: GapsResult) -> str:
    return (
        f"Gaps: {result.unknown + result.changeable} of {result.verdicts} verdicts wait for values "
        f"({result.unknown} UNKNOWN, {result.changeable} FAIL only for reasons a plan can change); "
        f"asked: {', '.join(result.asked)}"
    )


def _entry_line(entry: Entry) -> str:
    values = sum(len(ask.values) for ask in entry.asks)
    kind = "exchange " if entry.exchange else ""
    return f"{kind}{entry.label}: publish {_values(values)}; decides {_rows(len(entry.decides))}"


def _publisher_word(document: DocumentGaps) -> str:
    names = ", ".join(document.publisher) or "publisher not stated"
    return f"{names} (inferred from its {document.basis})" if document.inferred else names


SHOWN_CONDITIONS = 2
"""Conditions the text and Markdown reports give per value (one per rule and partner); JSON and HTML give all."""


def _conditions(wanted: Wanted) -> str:
    shown = "; ".join(wanted.conditions[:SHOWN_CONDITIONS])
    rest = len(wanted.conditions) - SHOWN_CONDITIONS
    return shown + (f"; and {rest} more (JSON lists them)" if rest > 0 else "")


def _short(wanted: Wanted) -> str:
    """The value's name within its document (``atmosphere.pressure_kpa`` of ``orel``)."""
    prefix = f"{wanted.document}."
    return wanted.name[len(prefix) :] if wanted.document and wanted.name.startswith(prefix) else wanted.name


class _Text:
    def __init__(self, width: int):
        self.width = max(40, width)
        self.lines: list[str] = []

    def add(self, text: str, indent: str = "", hanging: str = "  ") -> None:
        self.lines += textwrap.wrap(
            text,
            self.width,
            initial_indent=indent,
            subsequent_indent=indent + hanging,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [indent.rstrip()]

    def blank(self) -> None:
        self.lines.append("")


def render_gaps_text(result: GapsResult, width: int = 80, verbose: bool = False) -> str:
    out = _Text(width)
    out.add(_headline(result))
    if result.left_out:
        out.add(f"Left out (other eras; --all-eras asks them): {', '.join(result.left_out)}")
    out.blank()
    if not result.entries:
        out.add(
            "Nothing is waiting for a value." if not result.undecided else "No set of publishers decides a verdict."
        )
    else:
        out.add(f"Ask first: {_entry_line(result.entries[0])}")
        out.blank()
    shown = result.entries if verbose else result.entries[:FULL_ENTRIES]
    for rank, entry in enumerate(shown, 1):
        out.add(f"{rank}. {_entry_line(entry)}")
        for ask in entry.asks:
            out.add(f"{ask.publisher} publishes {_values(len(ask.values))}:", "   ", "    ")
            for document in ask.documents:
                out.add(f"{document.kind} {document.document} ({_publisher_word(document)}; {document.file}):", "     ")
                for wanted in ask.values:
                    if (wanted.kind, wanted.document) == (document.kind, document.document):
                        out.add(f"{_short(wanted)}: {_conditions(wanted)}", "       ", "    ")
        out.add(f"rows: {'; '.join(entry.decides)}", "   ", "    ")
        out.blank()
    rest = result.entries[len(shown) :]
    if rest:
        out.add(f"Then ({len(rest)} more; --verbose or --format json lists their values):")
        for entry in rest:
            out.add(_entry_line(entry), "  ")
        out.blank()
    if result.undecided:
        out.add(f"{len(result.undecided)} verdict(s) need more publishers than an exchange takes:")
        out.add("; ".join(result.undecided), "  ")
    if result.other_eras:
        pairs = ", ".join(f"{a} <-> {b}" for a, b in result.other_eras)
        out.add(f"Not asked (different eras; --all-eras asks them): {pairs}")
    if result.bounds_hit:
        out.add("Bounds hit (a smaller exchange may exist):")
        for note in result.bounds_hit:
            out.add(note, "  ")
    return "\n".join(out.lines).rstrip() + "\n"


def _md(text) -> str:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    return str(text)


def render_gaps_markdown(result: GapsResult, verbose: bool = False) -> str:
    lines = [f"## interop gaps: {_md(_headline(result))}", ""]
    if result.left_out:
        lines += [f"Left out (other eras; `--all-eras` asks them): {_md(', '.join(result.left_out))}", ""]
    lines += ["| rank | publishers | decides | values |", "| --- | --- | --- | --- |"]
    for rank, entry in enumerate(result.entries, 1):
        values = sum(len(ask.values) for ask in entry.asks)
        lines.append(f"| {rank} | {_md(entry.label)} | {len(entry.decides)} | {values} |")
    shown = result.entries if verbose else result.entries[:FULL_ENTRIES]
    for rank, entry in enumerate(shown, 1):
        lines += ["", f"### {rank}. {_md(_entry_line(entry))}", ""]
        for ask in entry.asks:
            lines.append(f"- **{_md(ask.publisher)}**:")
            for wanted in ask.values:
                where = f" (`{wanted.position}`)" if wanted.position else ""
                lines.append(f"  - `{_md(wanted.name)}`{where}: {_md(_conditions(wanted))}")
        lines.append(f"- rows: {_md('; '.join(entry.decides))}")
    return "\n".join(lines) + "\n"


def render_gaps_html(result: GapsResult) -> str:
    e = html.escape
    body = [f"<h1>{e(_headline(result))}</h1>"]
    if result.left_out:
        body.append(f"<p>Left out (other eras; --all-eras asks them): {e(', '.join(result.left_out))}</p>")
    for rank, entry in enumerate(result.entries, 1):
        body.append(f"<details{' open' if rank == 1 else ''}><summary>{rank}. {e(_entry_line(entry))}</summary>")
        for ask in entry.asks:
            body.append(f"<h3>{e(ask.publisher)}</h3><table><tr><th>value</th><th>spec line</th><th>must</th></tr>")
            body += [
                f"<tr><td><code>{e(w.name)}</code></td><td><code>{e(str(w.position or '—'))}</code></td>"
                f"<td>{e('; '.join(w.conditions))}</td></tr>"
                for w in ask.values
            ]
            body.append("</table>")
        body.append("<p>rows:</p><ul>" + "".join(f"<li>{e(s)}</li>" for s in entry.decides) + "</ul></details>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>interop gaps</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}table{border-collapse:collapse}"
        "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa}"
        "summary{cursor:pointer;font-weight:600;margin:.4rem 0}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
