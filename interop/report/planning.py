"""Plans as records, text, Markdown and HTML: what it would take (gaps: interop.report.gaps)."""

from __future__ import annotations

import html
import textwrap

from interop.engine.plan import Outcome, PlanResult
from interop.engine.plan_changes import ORDER, ChangeKind
from interop.report.records import position_record

PLAN_REPORT_VERSION = 2
"""2: outcome, requirements (condition records), patches; no data entries among the changes."""


def plan_record(result: PlanResult) -> dict:
    counts = {kind.value: sum(1 for c in result.changes if c.change.kind is kind) for kind in ORDER}
    return {
        "report_version": PLAN_REPORT_VERSION,
        "kind": "plan",
        "asked": result.asked,
        "goal": result.goal,
        "outcome": result.outcome.value,
        "systems": list(result.systems),
        "counts": counts,
        "requirements": [{**r.condition.record(), "rows": r.rows} for r in result.requirements],
        "changes": [
            {
                "kind": planned.change.kind.value,
                "action": planned.change.action,
                "document": {"kind": planned.change.document[0], "id": planned.change.document[1]},
                "summary": planned.change.summary,
                "position": position_record(planned.position),
                "unlocks": planned.unlocks,
                "requires": [c.record() for c in planned.change.requires],
                "patch": planned.patch,
            }
            for planned in result.changes
        ],
        "rows": [
            {
                "subject": row.subject,
                "rescuer": row.rescuer,
                "before": row.before.value,
                "after": row.after.value,
                "if_requirements": row.if_requirements.value,
                "outcome": row.outcome.value,
                "requirements": row.requirements,
            }
            for row in result.rows
        ],
        "out_of_reach": [{"subject": o.subject, "reasons": o.reasons, "needs": o.needs} for o in result.out_of_reach],
        "bounds_hit": result.bound_hit,
    }


_HEADLINE = {
    Outcome.REACHED: "REACHED whatever the unpublished values turn out to be",
    Outcome.REACHED_IF: "REACHED IF the values below meet their conditions",
    Outcome.NOT_REACHED: "NOT REACHED",
}
_SECTION = {
    ChangeKind.HARDWARE: "Hardware",
    ChangeKind.QUALIFICATION: "Qualification",
    ChangeKind.CREW: "Crew",
    ChangeKind.PROCEDURE: "Procedure",
}


def _counts(result: PlanResult) -> str:
    counts = {kind: sum(1 for c in result.changes if c.change.kind is kind) for kind in ORDER}
    return ", ".join(f"{counts[k]} {k.value}" for k in ORDER) + f" ({len(result.changes)} changes in all)"


def _publishers(condition) -> str:
    return ", ".join(condition.publishers) or "publisher not stated"


def render_plan_text(result: PlanResult, width: int = 80) -> str:
    """The plan for a terminal: headline, changes (hardware first), requirements, rows; wrapped at ``width``."""

    def wrap(text: str, indent: str = "", more: str = "    ") -> list[str]:
        return textwrap.wrap(
            text,
            max(width, 20),
            initial_indent=indent,
            subsequent_indent=indent + more,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [indent]

    lines = wrap(f"Plan: {result.asked}")
    lines += wrap(f"Goal: {result.goal}: {_HEADLINE[result.outcome]} (checked by re-running the engine)")
    lines += wrap(f"Changes: {_counts(result)}; {len(result.requirements)} value(s) the plan rests on")
    for kind in ORDER:
        chosen = [c for c in result.changes if c.change.kind is kind]
        if not chosen:
            continue
        lines += ["", f"{_SECTION[kind]}:"]
        for planned in chosen:
            where = f" ({planned.position})" if planned.position else ""
            lines += wrap(f"- {planned.change.summary}{where}", "  ")
            for condition in planned.change.requires:
                lines += wrap(f"rests on: {condition.text} ({_publishers(condition)})", "      ")
            if planned.unlocks:
                lines += wrap(f"for: {'; '.join(planned.unlocks)}", "      ")
    if result.out_of_reach:
        lines += [""] + wrap("Out of reach (no change the specs can declare lifts these):")
        for item in result.out_of_reach:
            lines += wrap(item.subject, "  ")
            lines += [line for reason in item.reasons for line in wrap(reason, "    ")]
            if item.needs:
                lines += wrap(f"it would take: {', '.join(item.needs)}", "    ")
    if result.requirements:
        lines += [""] + wrap("Requirements (values nobody has published that the outcome rests on):")
        for requirement in result.requirements:
            condition = requirement.condition
            lines += wrap(f"- {condition.text} [{condition.rule}] ({_publishers(condition)})", "  ")
            lines += wrap(f"for {len(requirement.rows)} row(s): {'; '.join(requirement.rows)}", "      ")
    lines += [""] + wrap("Verdicts after the changes (as the re-run gives them):")
    for row in result.rows:
        note = ""
        if row.if_requirements is not row.after:
            note = f" ({row.if_requirements.value} if its requirements are met)"
        lines += wrap(f"{row.subject}: {row.before.value} -> {row.after.value}{note}", "  ")
    if result.bound_hit:
        lines += [""] + wrap("Search bounds hit (the plan may not be the smallest):")
        lines += [line for note in result.bound_hit for line in wrap(note, "  ")]
    return "\n".join(lines).rstrip() + "\n"


def _md(text) -> str:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    return str(text)


_ICON = {Outcome.REACHED: "✅", Outcome.REACHED_IF: "⚠️", Outcome.NOT_REACHED: "❌"}


def render_plan_markdown(result: PlanResult) -> str:
    lines = [
        f"## interop plan: {_md(result.asked)}: {_ICON[result.outcome]} {_md(_HEADLINE[result.outcome])}",
        "",
        f"{_md(result.goal)}. {_md(_counts(result))}; {len(result.requirements)} value(s) the plan rests on.",
        "",
    ]
    if result.changes:
        lines += ["| kind | change | spec line | for |", "| --- | --- | --- | --- |"]
        for planned in result.changes:
            where = f"`{planned.position}`" if planned.position else "—"
            rests = "".join(f"<br>rests on: {_md(c.text)}" for c in planned.change.requires)
            lines.append(
                f"| {planned.change.kind.value} | {_md(planned.change.summary)}{rests} | {where} | {_md('; '.join(planned.unlocks))} |"
            )
        lines.append("")
    if result.out_of_reach:
        lines += ["**Out of reach**", ""] + [
            f"- {_md(o.subject)}: {_md('; '.join(o.reasons))}"
            + (f" (it would take: {_md(', '.join(o.needs))})" if o.needs else "")
            for o in result.out_of_reach
        ]
        lines.append("")
    if result.requirements:
        lines += ["**Requirements**", "", "| value must | rule | publisher | rows |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_md(r.condition.text)} | {_md(r.condition.rule)} | {_md(_publishers(r.condition))} | {len(r.rows)} |"
            for r in result.requirements
        ]
        lines.append("")
    lines += ["| verdict | before | after | if its requirements are met |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {_md(r.subject)} | {r.before.value} | {r.after.value} | {r.if_requirements.value} |" for r in result.rows
    ]
    if result.bound_hit:
        lines += ["", "**Search bounds hit**", ""] + [f"- {_md(note)}" for note in result.bound_hit]
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
        f"<p><b>{e(_HEADLINE[result.outcome])}</b>: {e(result.goal)} (checked by re-running the engine). {e(_counts(result))}; "
        f"{len(result.requirements)} value(s) the plan rests on.</p>",
    ]
    if result.changes:
        body.append("<table><tr><th>kind</th><th>change</th><th>spec line</th><th>for</th></tr>")
        for planned in result.changes:
            rests = "".join(f"<br><i>rests on: {e(c.text)}</i>" for c in planned.change.requires)
            body.append(
                f"<tr><td>{e(planned.change.kind.value)}</td><td>{e(planned.change.summary)}{rests}</td>"
                f"<td><code>{e(str(planned.position or '—'))}</code></td><td>{len(planned.unlocks)} row(s)</td></tr>"
            )
        body.append("</table>")
    if result.out_of_reach:
        body.append(
            "<h2>Out of reach</h2><ul>"
            + "".join(
                f"<li>{e(o.subject)}: {e('; '.join(o.reasons))}"
                + (f" (it would take: {e(', '.join(o.needs))})" if o.needs else "")
                + "</li>"
                for o in result.out_of_reach
            )
            + "</ul>"
        )
    if result.requirements:
        body.append(
            "<h2>Requirements</h2><table><tr><th>value must</th><th>rule</th><th>publisher</th><th>rows</th></tr>"
        )
        body += [
            f"<tr><td>{e(r.condition.text)}</td><td>{e(r.condition.rule)}</td><td>{e(_publishers(r.condition))}</td><td>{len(r.rows)}</td></tr>"
            for r in result.requirements
        ]
        body.append("</table>")
    body.append(
        "<h2>Verdicts after the changes</h2><table><tr><th>verdict</th><th>before</th><th>after</th><th>if its requirements are met</th></tr>"
    )
    body += [
        f"<tr><td>{e(r.subject)}</td><td>{r.before.value}</td><td>{r.after.value}</td><td>{r.if_requirements.value}</td></tr>"
        for r in result.rows
    ]
    body.append("</table>")
    if result.bound_hit:
        body.append("<h2>Search bounds hit</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in result.bound_hit) + "</ul>")
    return _page(f"interop plan {result.asked}", body)
