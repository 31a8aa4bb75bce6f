"""Plans and gaps as records, text, Markdown and HTML: what it would take, what to ask for."""

from __future__ import annotations

import html

from interop.engine.gaps import GapsResult
from interop.engine.plan import ChangeKind, PlanResult

REPORT_VERSION = 1


def _position(position) -> dict | None:
    if position is None:
        return None
    return {"path": position.path, "line": position.line, "column": position.column}


def plan_record(result: PlanResult) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "plan",
        "asked": result.asked,
        "goal": result.goal,
        "reached": result.reached,
        "reached_if_values_disappoint": result.reached_unfavourable,
        "hardware_changes": result.hardware,
        "changes": [
            {
                "kind": planned.change.kind.value,
                "action": planned.change.action,
                "document": {"kind": planned.change.document[0], "id": planned.change.document[1]},
                "summary": planned.change.summary,
                "position": _position(planned.position),
                "unlocks": planned.unlocks,
            }
            for planned in result.changes
        ],
        "rows": [
            {
                "subject": row.subject,
                "before": row.before.value,
                "after": row.after.value,
                "after_if_values_disappoint": row.after_unfavourable.value,
            }
            for row in result.rows
        ],
        "out_of_reach": [{"subject": o.subject, "reasons": o.reasons} for o in result.out_of_reach],
        "bounds_hit": result.bound_hit,
    }


def gaps_record(result: GapsResult) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "gaps",
        "asked": result.asked,
        "verdicts": result.verdicts,
        "unknown": result.unknown,
        "documents": [
            {
                "kind": d.kind,
                "id": d.document,
                "publisher": d.publisher,
                "file": d.file,
                "decides": d.decides,
                "fields": [
                    {
                        "name": w.name,
                        "position": _position(w.position),
                        "rules": w.rules,
                        "decides_alone": w.alone,
                        "decides_with_others": w.together,
                    }
                    for w in d.fields
                ],
            }
            for d in result.documents
        ],
        "undecided": result.undecided,
        "not_compared": [list(pair) for pair in result.other_eras],
    }


_ORDER = (ChangeKind.HARDWARE, ChangeKind.QUALIFICATION, ChangeKind.PROCEDURE, ChangeKind.DATA)


def render_plan_text(result: PlanResult) -> str:
    verdict = "reached" if result.reached else "not reached"
    lines = [f"Plan: {result.asked}", f"Goal: {result.goal}: {verdict.upper()} (checked by re-running the engine)", ""]
    counts = {kind: sum(1 for c in result.changes if c.change.kind is kind) for kind in _ORDER}
    lines.append("Changes: " + ", ".join(f"{counts[k]} {k.value}" for k in _ORDER) + f" ({len(result.changes)} in all)")
    for kind in _ORDER:
        chosen = [c for c in result.changes if c.change.kind is kind]
        if not chosen:
            continue
        lines += ["", f"{kind.value}:"]
        for planned in chosen:
            where = f" ({planned.position})" if planned.position else ""
            lines.append(f"  - {planned.change.summary}{where}")
            if planned.unlocks:
                lines.append(f"      for: {'; '.join(planned.unlocks)}")
    lines += ["", "Verdicts after the changes (as the re-run gives them):"]
    for row in result.rows:
        note = ""
        if row.after_unfavourable is not row.after:
            note = f" ({row.after_unfavourable.value} if a published value does not satisfy its rule)"
        lines.append(f"  {row.subject}: {row.before.value} -> {row.after.value}{note}")
    if result.out_of_reach:
        lines += ["", "Out of reach (no change the rules can name makes these pass):"]
        for item in result.out_of_reach:
            lines.append(f"  {item.subject}")
            lines += [f"    {reason}" for reason in item.reasons]
    if result.bound_hit:
        lines += ["", "Search bounds hit (the plan may not be the smallest):"] + [
            f"  {note}" for note in result.bound_hit
        ]
    return "\n".join(lines).rstrip() + "\n"


def render_gaps_text(result: GapsResult) -> str:
    lines = [
        f"Gaps: {result.unknown} of {result.verdicts} verdicts are UNKNOWN ({', '.join(result.asked)})",
        "",
    ]
    if not result.documents:
        lines.append("Nothing is waiting for a value.")
        return "\n".join(lines) + "\n"
    first = result.documents[0]
    lines.append(
        f"Ask first: {first.kind} {first.document} ({', '.join(first.publisher) or 'publisher not stated'}): "
        f"its {len(first.fields)} missing value(s) decide {len(first.decides)} verdict(s)"
    )
    lines.append("")
    for document in result.documents:
        lines.append(
            f"{document.kind} {document.document} — {', '.join(document.publisher) or 'publisher not stated'} ({document.file})"
        )
        lines.append(f"  decides {len(document.decides)} verdict(s) once published")
        for wanted in document.fields:
            where = f" at {wanted.position}" if wanted.position else ""
            lines.append(
                f"  {wanted.name}{where}: decides {len(wanted.alone)} alone, {len(wanted.together)} with others; waits: {', '.join(wanted.rules)}"
            )
        lines.append("")
    if result.undecided:
        lines.append(f"{len(result.undecided)} verdict(s) wait for values from more than one document.")
    if result.other_eras:
        pairs = ", ".join(f"{a} <-> {b}" for a, b in result.other_eras)
        lines.append(f"Not asked (different eras; --all-eras asks them): {pairs}")
    return "\n".join(lines).rstrip() + "\n"


def _md(text) -> str:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    return str(text)


def render_plan_markdown(result: PlanResult) -> str:
    icon = "✅" if result.reached else "❌"
    lines = [
        f"## interop plan: {_md(result.asked)}: {icon} goal {'reached' if result.reached else 'not reached'}",
        "",
        _md(result.goal),
        "",
    ]
    lines += ["| kind | change | spec line | for |", "| --- | --- | --- | --- |"]
    for planned in result.changes:
        where = f"`{planned.position}`" if planned.position else "—"
        lines.append(
            f"| {planned.change.kind.value} | {_md(planned.change.summary)} | {where} | {_md('; '.join(planned.unlocks))} |"
        )
    lines += ["", "| verdict | before | after | if a published value disappoints |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {_md(r.subject)} | {r.before.value} | {r.after.value} | {r.after_unfavourable.value} |" for r in result.rows
    ]
    if result.out_of_reach:
        lines += ["", "**Out of reach**", ""] + [
            f"- {_md(o.subject)}: {_md('; '.join(o.reasons))}" for o in result.out_of_reach
        ]
    return "\n".join(lines) + "\n"


def render_gaps_markdown(result: GapsResult) -> str:
    lines = [f"## interop gaps: {result.unknown} of {result.verdicts} verdicts UNKNOWN", ""]
    lines += [
        "| document | publisher | decides | value | spec line | alone | with others | rules |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for document in result.documents:
        for wanted in document.fields:
            where = f"`{wanted.position}`" if wanted.position else "—"
            lines.append(
                f"| {_md(document.kind + ' ' + document.document)} | {_md(', '.join(document.publisher) or '—')} | {len(document.decides)} | "
                f"`{_md(wanted.name)}` | {where} | {len(wanted.alone)} | {len(wanted.together)} | {_md(', '.join(wanted.rules))} |"
            )
    return "\n".join(lines) + "\n"


def _page(title: str, body: list[str]) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}table{border-collapse:collapse}"
        "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def render_plan_html(result: PlanResult) -> str:
    e = html.escape
    body = [
        f"<h1>Plan: {e(result.asked)}</h1>",
        f"<p>{e(result.goal)}: <b>{'reached' if result.reached else 'not reached'}</b> (checked by re-running the engine).</p>",
    ]
    body.append("<table><tr><th>kind</th><th>change</th><th>spec line</th><th>for</th></tr>")
    for planned in result.changes:
        body.append(
            f"<tr><td>{e(planned.change.kind.value)}</td><td>{e(planned.change.summary)}</td>"
            f"<td><code>{e(str(planned.position or '—'))}</code></td><td>{e('; '.join(planned.unlocks))}</td></tr>"
        )
    body.append(
        "</table><h2>Verdicts after the changes</h2><table><tr><th>verdict</th><th>before</th><th>after</th><th>if a published value disappoints</th></tr>"
    )
    body += [
        f"<tr><td>{e(r.subject)}</td><td>{r.before.value}</td><td>{r.after.value}</td><td>{r.after_unfavourable.value}</td></tr>"
        for r in result.rows
    ]
    body.append("</table>")
    if result.out_of_reach:
        body.append(
            "<h2>Out of reach</h2><ul>"
            + "".join(f"<li>{e(o.subject)}: {e('; '.join(o.reasons))}</li>" for o in result.out_of_reach)
            + "</ul>"
        )
    return _page(f"interop plan {result.asked}", body)


def render_gaps_html(result: GapsResult) -> str:
    e = html.escape
    body = [f"<h1>Gaps: {result.unknown} of {result.verdicts} verdicts UNKNOWN</h1>"]
    for document in result.documents:
        body.append(
            f"<h2>{e(document.kind)} {e(document.document)}</h2><p>publisher: {e(', '.join(document.publisher) or 'not stated')}; decides {len(document.decides)} verdict(s) once published</p>"
        )
        body.append("<table><tr><th>value</th><th>spec line</th><th>alone</th><th>with others</th><th>rules</th></tr>")
        body += [
            f"<tr><td><code>{e(w.name)}</code></td><td><code>{e(str(w.position or '—'))}</code></td><td>{len(w.alone)}</td><td>{len(w.together)}</td><td>{e(', '.join(w.rules))}</td></tr>"
            for w in document.fields
        ]
        body.append("</table>")
    return _page("interop gaps", body)
