"""The mechanism map as a record, text, Markdown (Mermaid) and HTML (inline SVG)."""

from __future__ import annotations

import html
import math

from interop.engine.mechanisms import MechanismMap
from interop.rules.context import MateStatus

REPORT_VERSION = 1
_WORD = {MateStatus.MATES: "docks", MateStatus.SLOW: "berths", MateStatus.UNKNOWN: "unknown"}


def map_record(result: MechanismMap) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "map",
        "interfaces": [
            {
                "id": interface,
                "port_kinds": [{"role": k.role, "gender": k.gender} for k in result.kinds[interface]],
                "vehicles": result.users[interface],
            }
            for interface in result.interfaces
        ],
        "matings": [
            {
                "a": {"interface": m.a.interface, "role": m.a.role, "gender": m.a.gender},
                "b": {"interface": m.b.interface, "role": m.b.role, "gender": m.b.gender},
                "status": m.status.value,
                "reason": m.reason,
            }
            for m in result.matings
        ],
        "adapters": [
            {
                "id": b.adapter,
                "ports": [{"interface": k.interface, "role": k.role, "gender": k.gender} for k in b.ports],
                "joins": [list(pair) for pair in b.joins],
                "placements": [
                    {"system": p.system, "places": p.places, "carried_by": p.carried_by, "in_stack": p.in_stack}
                    for p in b.placements
                ],
            }
            for b in result.bridges
        ],
        "vehicle": result.vehicle,
        "partners": [{"vehicle": p.vehicle, "adapters": p.adapters, "status": p.status.value} for p in result.partners],
    }


def _where(bridge) -> str:
    places = []
    for p in bridge.placements:
        if p.carried_by:
            places.append(f"carried by {p.carried_by} ({p.system})")
        else:
            at = ", ".join(p.places) or "no place stated"
            places.append(f"{'in the stack at ' if p.in_stack else 'at '}{at} ({p.system})")
    return "; ".join(places) or "in no system"


def _interface_pairs(result: MechanismMap, status: MateStatus) -> dict[tuple[str, str], list[str]]:
    pairs: dict[tuple[str, str], list[str]] = {}
    for m in result.matings:
        if m.status is status:
            a, b = sorted((m.a.interface, m.b.interface))
            pairs.setdefault((a, b), []).append(f"{_roles(m.a)} + {_roles(m.b)}")
    return pairs


def _roles(kind) -> str:
    return f"{kind.role} {kind.gender}" if kind.gender else kind.role


def render_text(result: MechanismMap) -> str:
    lines = ["Mechanism map: which docking interfaces mate", ""]
    for status, heading in ((MateStatus.MATES, "Dock directly"), (MateStatus.SLOW, "Berth (robotic arm, slow)")):
        pairs = _interface_pairs(result, status)
        lines.append(f"{heading}:")
        for (a, b), roles in sorted(pairs.items()):
            lines.append(f"  {a} <-> {b}: {'; '.join(roles)}" if a != b else f"  {a} with itself: {'; '.join(roles)}")
        if not pairs:
            lines.append("  none")
        lines.append("")
    unknown = _interface_pairs(result, MateStatus.UNKNOWN)
    if unknown:
        lines.append("Not known (a partner list is not published):")
        for (a, b), _roles_list in sorted(unknown.items()):
            lines.append(f"  {a} ? {b}")
        lines.append("")
    lines.append("Adapters in the catalog:")
    for bridge in result.bridges:
        joins = (
            ", ".join(f"{x} to {y}" for x, y in bridge.joins) or "nothing (its ports mate with no declared interface)"
        )
        lines.append(f"  {bridge.adapter}: joins {joins}; {_where(bridge)}")
    if not result.bridges:
        lines.append("  none")
    if result.vehicle is not None:
        lines += ["", f"Partners of {result.vehicle} (fewest adapters first):"]
        for partner in result.partners:
            via = f"through {' + '.join(partner.adapters)}" if partner.adapters else "directly"
            lines.append(f"  {partner.vehicle}: {via} ({_WORD[partner.status]})")
        if not result.partners:
            lines.append("  none: no port of it mates with another vehicle's, even through the catalog's adapters")
    return "\n".join(lines).rstrip() + "\n"


def _node(interface: str) -> str:
    return "i_" + interface.replace("-", "_")


def _md(text: str) -> str:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    return str(text)


def render_markdown(result: MechanismMap) -> str:
    lines = ["## interop mechanism map", "", "```mermaid", "graph LR"]
    for interface in result.interfaces:
        lines.append(f'  {_node(interface)}["{interface}"]')
    for status, arrow in ((MateStatus.MATES, "---"), (MateStatus.SLOW, "-.-"), (MateStatus.UNKNOWN, "-.-")):
        for (a, b), roles in sorted(_interface_pairs(result, status).items()):
            label = "?" if status is MateStatus.UNKNOWN else "; ".join(roles)
            lines.append(f'  {_node(a)} {arrow}|"{label}"| {_node(b)}')
    for bridge in result.bridges:
        for x, y in bridge.joins:
            if x != y:
                lines.append(f'  {_node(x)} ==>|"{bridge.adapter}"| {_node(y)}')
    lines += ["```", "", "| adapter | joins | where |", "| --- | --- | --- |"]
    for bridge in result.bridges:
        joins = ", ".join(f"{x} to {y}" for x, y in bridge.joins) or "—"
        lines.append(f"| {_md(bridge.adapter)} | {_md(joins)} | {_md(_where(bridge))} |")
    if result.vehicle is not None:
        lines += ["", f"### Partners of {_md(result.vehicle)}", "", "| vehicle | how | status |", "| --- | --- | --- |"]
        for partner in result.partners:
            via = " + ".join(partner.adapters) or "direct"
            lines.append(f"| {_md(partner.vehicle)} | {_md(via)} | {_WORD[partner.status]} |")
    return "\n".join(lines) + "\n"


def svg(result: MechanismMap) -> str:
    """Interfaces on a circle, docking pairs as solid lines, berthing dashed, adapters as labelled arcs."""
    count = max(len(result.interfaces), 1)
    radius = 120 + 18 * count
    size = 2 * radius + 320
    centre = size / 2
    at: dict[str, tuple[float, float]] = {}
    for index, interface in enumerate(result.interfaces):
        angle = 2 * math.pi * index / count - math.pi / 2
        at[interface] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" role="img" aria-label="mechanism map">'
    ]
    for status, style in (
        (MateStatus.MATES, 'stroke="#1a7f37" stroke-width="3"'),
        (MateStatus.SLOW, 'stroke="#9a6700" stroke-width="2" stroke-dasharray="6 4"'),
        (MateStatus.UNKNOWN, 'stroke="#8c959f" stroke-width="1" stroke-dasharray="2 4"'),
    ):
        for (a, b), roles in sorted(_interface_pairs(result, status).items()):
            (x1, y1), (x2, y2) = at[a], at[b]
            title = html.escape(f"{a} and {b}: {_WORD[status]} ({'; '.join(roles)})")
            if a == b:
                parts.append(
                    f'<circle cx="{x1:.1f}" cy="{y1 - 34:.1f}" r="14" fill="none" {style}><title>{title}</title></circle>'
                )
            else:
                parts.append(
                    f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style}><title>{title}</title></line>'
                )
    for bridge in result.bridges:
        for one, other in bridge.joins:
            if one == other:
                continue
            (x1, y1), (x2, y2) = at[one], at[other]
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            # Bow the arc toward the centre so it does not hide a direct line between the same two.
            cx, cy = mx + (centre - mx) * 0.35, my + (centre - my) * 0.35
            title = html.escape(f"{bridge.adapter} joins {one} to {other}; {_where(bridge)}")
            parts.append(
                f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" stroke="#0969da" stroke-width="2"><title>{title}</title></path>'
            )
            parts.append(
                f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="10" text-anchor="middle" fill="#0969da">{html.escape(bridge.adapter)}</text>'
            )
    for interface, (x, y) in at.items():
        users = result.users.get(interface, [])
        title = html.escape(f"{interface}: {', '.join(users) or 'no vehicle'}")
        parts.append(
            f'<g><title>{title}</title><rect x="{x - 70:.1f}" y="{y - 14:.1f}" width="140" height="28" rx="6" fill="#f6f8fa" stroke="#57606a"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="middle">{html.escape(interface)}</text>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 26:.1f}" font-size="9" text-anchor="middle" fill="#57606a">{len(users)} vehicle(s)</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(result: MechanismMap) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(b.adapter)}</td><td>{e(', '.join(f'{x} to {y}' for x, y in b.joins) or '—')}</td><td>{e(_where(b))}</td></tr>"
        for b in result.bridges
    )
    body = [
        "<h1>Mechanism map</h1>",
        "<p>Green: the interfaces dock (hover a line for the roles and genders that work); dashed brown: berthing;"
        " dotted grey: not known; blue arcs: a catalog adapter joins the two.</p>",
        svg(result),
        f"<h2>Adapters</h2><table><tr><th>adapter</th><th>joins</th><th>where</th></tr>{rows}</table>",
        "<h2>Interfaces</h2><table><tr><th>interface</th><th>port kinds</th><th>vehicles</th></tr>"
        + "".join(
            f"<tr><td>{e(i)}</td><td>{e(', '.join(k.label() for k in result.kinds[i]) or '—')}</td><td>{e(', '.join(result.users[i]) or '—')}</td></tr>"
            for i in result.interfaces
        )
        + "</table>",
    ]
    if result.vehicle is not None:
        body.append(
            f"<h2>Partners of {e(result.vehicle)}</h2><table><tr><th>vehicle</th><th>how</th><th>status</th></tr>"
        )
        body += [
            f"<tr><td>{e(p.vehicle)}</td><td>{e(' + '.join(p.adapters) or 'direct')}</td><td>{_WORD[p.status]}</td></tr>"
            for p in result.partners
        ]
        body.append("</table>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>interop mechanism map</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse}"
        "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}th{background:#f6f8fa}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
