"""Plans as records, text, Markdown and HTML: what it would take (gaps: interop.report.gaps)."""

from __future__ import annotations

import html

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
