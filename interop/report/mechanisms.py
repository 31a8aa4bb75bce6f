"""The mechanism map as a record, text, Markdown (Mermaid) and HTML (inline SVG)."""

from __future__ import annotations

import html

from interop.engine.mechanisms import Join, MechanismMap, PlaceGroup
from interop.report.records import REPORT_VERSION  # one version for every JSON report
from interop.rules.port_compatibility import MateStatus


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
        "places": [
            {
                "place": group.place,
                "nodes": [
                    {"id": n.id, "members": n.members, "ports_published": n.ports_published} for n in group.nodes
                ],
                "joins": [
                    {
                        "a": j.a,
                        "b": j.b,
                        "how": j.how,
                        "status": j.status.value,
                        "adapters": j.adapters,
                        "interfaces": [i for i in j.interfaces if i],
                    }
                    for j in group.joins
                ],
            }
            for group in result.places
        ],
        "elsewhere": [
            {"vehicle": p.vehicle, "adapters": p.adapters, "status": p.status.value} for p in result.elsewhere
        ],
        "unknown_pairs": [{"a": u.a, "b": u.b, "pairs": u.pairs} for u in result.unknown_pairs],
        "bounds_hit": result.bounds_hit,
        "work": result.work,
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


def _partner_words(partner) -> str:
    """How a partner docks, worded as what it is: ``directly``, ``through ida-2``, ``not known: ...``."""
    via = f"through {' + '.join(partner.adapters)}" if partner.adapters else "directly"
    if partner.status is MateStatus.UNKNOWN:
        return f"not known: would dock {via}, but a partner list that decides it is not published"
    if partner.status is MateStatus.SLOW:
        return f"{via} (berthing, with an arm)"
    return via


def _places_text(result: MechanismMap, wrap) -> list[str]:
    if result.vehicle is not None:
        lines = [f"Where {result.vehicle} operates, what it can dock with:"]
    else:
        lines = ["Vehicles by the places where they operate, and what lets them dock:"]
    for group in result.places:
        lines += wrap(f"{group.place}: {', '.join(n.id for n in group.nodes) or 'nothing'}", "  ")
        for join in group.joins:
            lines += wrap(f"{join.a} - {join.b}: {join_words(join)}", "    ")
        if not group.joins:
            lines.append("    no joins")
    if result.vehicle is not None:
        if result.elsewhere:
            lines.append(f"  Partners only where {result.vehicle} does not operate (left out of the picture):")
            for partner in result.elsewhere:
                lines += wrap(f"{partner.vehicle}: {_partner_words(partner)}", "    ")
    return lines


def render_text(result: MechanismMap, width: int = 80) -> str:
    import textwrap

    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(
            text, max(40, width), initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False
        ) or [indent]

    lines = _places_text(result, wrap) + ["", "Mechanism map: which docking interfaces mate", ""]
    for status, heading in ((MateStatus.MATES, "Dock directly"), (MateStatus.SLOW, "Berth (robotic arm, slow)")):
        pairs = _interface_pairs(result, status)
        lines.append(f"{heading}:")
        for (a, b), roles in sorted(pairs.items()):
            text = f"{a} <-> {b}: {'; '.join(roles)}" if a != b else f"{a} with itself: {'; '.join(roles)}"
            lines += wrap(text, "  ")
        if not pairs:
            lines.append("  none")
        lines.append("")
    unknown = _interface_pairs(result, MateStatus.UNKNOWN)
    if unknown:
        counts = {(u.a, u.b): u.pairs for u in result.unknown_pairs}
        lines.append("Not known (a partner list that would decide it is not published):")
        for a, b in sorted(unknown):
            waiting = counts.get((a, b), 0)
            lines.append(f"  {a} ? {b}" + (f" ({waiting} pair(s) of vehicles wait on it)" if waiting else ""))
        lines.append("")
    lines.append("Adapters in the catalog:")
    for bridge in result.bridges:
        joins = (
            ", ".join(f"{x} to {y}" for x, y in bridge.joins) or "nothing (its ports mate with no declared interface)"
        )
        lines += wrap(f"{bridge.adapter}: joins {joins}; {_where(bridge)}", "  ")
    if not result.bridges:
        lines.append("  none")
    if result.vehicle is not None:
        lines += ["", f"Partners of {result.vehicle} (fewest adapters first):"]
        for partner in result.partners:
            lines += wrap(f"{partner.vehicle}: {_partner_words(partner)}", "  ")
        if not result.partners:
            lines.append("  none: no port of it mates with another vehicle's, even through the catalog's adapters")
    if result.bounds_hit:
        lines += ["", "Bounds hit:"] + [line for note in result.bounds_hit for line in wrap(note, "  ")]
    return "\n".join(lines).rstrip() + "\n"


def _mermaid_id(place: str, node: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in f"{place}__{node}")


def _md(text: str) -> str:
    # The Markdown reporter has already escaped every string of the result (interop.report.escape).
    return str(text)


def mermaid(result: MechanismMap) -> list[str]:
    """The vehicle map as a Mermaid graph: a subgraph per place, a node per vehicle or stack, joins undirected."""
    lines = ["```mermaid", "graph LR"]
    for group in result.places:
        lines.append(f'  subgraph {_mermaid_id(group.place, "")}["{group.place}"]')
        for node in group.nodes:
            lines.append(f'    {_mermaid_id(group.place, node.id)}["{node.label}"]')
        lines.append("  end")
        for join in group.joins:
            arrow = {"direct": "---", "adapter": "-.-", "unknown": "-.-"}[join.how]
            label = {"direct": "directly", "adapter": " + ".join(join.adapters), "unknown": "not known"}[join.how]
            lines.append(f'  {_mermaid_id(group.place, join.a)} {arrow}|"{label}"| {_mermaid_id(group.place, join.b)}')
    lines.append("```")
    return lines


def render_markdown(result: MechanismMap) -> str:
    title = f"## interop map: {_md(result.vehicle)} and its partners" if result.vehicle else "## interop map"
    lines = [title, ""] + mermaid(result)
    if result.vehicle is not None and result.elsewhere:
        lines += ["", f"Partners only where {_md(result.vehicle)} does not operate (not drawn):", ""]
        lines += [f"- {_md(p.vehicle)}: {_md(_partner_words(p))}" for p in result.elsewhere]
    lines += ["", "| adapter | joins | where |", "| --- | --- | --- |"]
    for bridge in result.bridges:
        joins = ", ".join(f"{x} to {y}" for x, y in bridge.joins) or "—"
        lines.append(f"| {_md(bridge.adapter)} | {_md(joins)} | {_md(_where(bridge))} |")
    if result.unknown_pairs:
        lines += ["", "| not known | pairs of vehicles |", "| --- | --- |"]
        lines += [f"| {_md(u.a)} ? {_md(u.b)} | {u.pairs} |" for u in result.unknown_pairs]
    if result.vehicle is not None:
        lines += ["", f"### Partners of {_md(result.vehicle)}", "", "| vehicle | how |", "| --- | --- |"]
        for partner in result.partners:
            lines.append(f"| {_md(partner.vehicle)} | {_md(_partner_words(partner))} |")
    if result.bounds_hit:
        lines += ["", "Bounds hit:", ""] + [f"- {_md(note)}" for note in result.bounds_hit]
    return "\n".join(lines) + "\n"


FONT = 12
"""Font size of every caption of the picture; a glyph is taken as 0.55 of it wide (tests read the boxes so)."""
GLYPH = 0.55
_BOX_H, _ROW_GAP, _LANE, _PAD = 26, 14, 9, 10
_STYLE = {
    "direct": 'stroke="#1a7f37" stroke-width="2"',
    "adapter": 'stroke="#0969da" stroke-width="2" stroke-dasharray="7 3"',
    "unknown": 'stroke="#8c959f" stroke-width="1.5" stroke-dasharray="2 3"',
}


def text_width(text: str, size: float = FONT) -> float:
    return len(text) * GLYPH * size


def join_words(join: Join, vehicle: str | None = None) -> str:
    """What lets the two dock, in words: ``directly``, ``through pma-2``, ``not known (...)``."""
    if join.how == "adapter":
        return f"through {' + '.join(join.adapters)}"
    if join.how == "unknown":
        if join.interfaces[0]:
            return f"not known: whether {join.interfaces[0]} mates with {join.interfaces[1]} waits for a partner list"
        return "not known: it waits for a partner list nobody has published"
    return "directly (berthing, with an arm)" if join.status is MateStatus.SLOW else "directly"


def _caption(join: Join) -> str:
    return f"{join.a} - {join.b}: {join_words(join)}"


def _column(group: PlaceGroup, x: float, top: float) -> tuple[list[str], float, float]:
    """One place: its nodes stacked, its joins as lanes to their right, its captions below; (parts, width, height)."""
    e = html.escape
    parts: list[str] = []
    box_w = max([text_width(n.label) + 2 * _PAD for n in group.nodes] + [text_width(group.place) + 2 * _PAD, 120])
    header_y = top + FONT
    parts.append(f'<text x="{x:.1f}" y="{header_y:.1f}" font-size="{FONT}" font-weight="bold">{e(group.place)}</text>')
    y0 = header_y + 12
    mid: dict[str, float] = {}
    for index, node in enumerate(group.nodes):
        y = y0 + index * (_BOX_H + _ROW_GAP)
        mid[node.id] = y + _BOX_H / 2
        dash = "" if node.ports_published else ' stroke-dasharray="4 3"'
        title = f"{node.id}: {', '.join(node.members)}" + ("" if node.ports_published else " (ports not published)")
        parts.append(
            f'<g><title>{e(title)}</title><rect x="{x:.1f}" y="{y:.1f}" width="{box_w:.1f}" height="{_BOX_H}" rx="5"'
            f' fill="#f6f8fa" stroke="#57606a"{dash}/>'
            f'<text x="{x + _PAD:.1f}" y="{y + _BOX_H / 2 + FONT * 0.35:.1f}" font-size="{FONT}">{e(node.label)}</text></g>'
        )
    right = x + box_w
    lanes = 0
    # Short spans nearest the boxes: the brackets nest instead of crossing.
    drawn = [j for j in group.joins if j.a in mid and j.b in mid]
    for join in sorted(drawn, key=lambda j: (abs(mid[j.a] - mid[j.b]), min(mid[j.a], mid[j.b]))):
        lanes += 1
        lane_x = right + lanes * _LANE
        ya, yb = mid[join.a], mid[join.b]
        parts.append(
            f'<path d="M{right:.1f},{ya:.1f} H{lane_x:.1f} V{yb:.1f} H{right:.1f}" fill="none" {_STYLE[join.how]}>'
            f"<title>{e(_caption(join))}</title></path>"
        )
    bottom = y0 + len(group.nodes) * (_BOX_H + _ROW_GAP)
    captions = [_caption(j) for j in group.joins] or ["no joins"]
    for index, caption in enumerate(captions):
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 4 + (index + 1) * (FONT + 5):.1f}" font-size="{FONT}" fill="#24292f">{e(caption)}</text>'
        )
    width = max([box_w + (lanes + 1) * _LANE] + [text_width(c) for c in captions])
    height = bottom + 4 + len(captions) * (FONT + 5) + 8 - top
    return parts, width, height


def svg(result: MechanismMap) -> str:
    """The vehicle map: a column per place, vehicles (and stacks) as boxes, joins as lanes, every join captioned.

    Captions never overlap and no line crosses one: boxes and captions are laid
    on a grid from their text's width (a glyph 0.55 of the font size), lanes
    run to the right of a column's boxes, and captions sit below its lowest box.
    """
    parts: list[str] = []
    x, top, height = 10.0, 10.0, 0.0
    for group in result.places:
        column, width, tall = _column(group, x, top)
        parts += column
        x += width + 40
        height = max(height, tall)
    width = max(x, 200)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height + 2 * top:.0f}" role="img"'
        ' aria-label="which vehicles can dock, by place">'
    )
    return head + "".join(parts) + "</svg>"


def render_html(result: MechanismMap) -> str:
    e = html.escape
    body = [
        f"<h1>{'Partners of ' + e(result.vehicle) if result.vehicle else 'Which vehicles can dock'}</h1>",
        "<p>A column per place where vehicles operate; a station's permanent stack is one box. Green: they dock"
        " directly; dashed blue: through the named adapter; dotted grey: not known (a partner list is not"
        " published). Every join is captioned below its column; hover a box for what it stands for.</p>",
        svg(result),
    ]
    if result.vehicle is not None and result.elsewhere:
        body.append(
            f"<h2>Partners only where {e(result.vehicle)} does not operate (not drawn)</h2><ul>"
            + "".join(f"<li>{e(p.vehicle)}: {e(_partner_words(p))}</li>" for p in result.elsewhere)
            + "</ul>"
        )
    if result.unknown_pairs:
        body.append(
            "<h2>Not known, per pair of interfaces</h2><table><tr><th>interfaces</th><th>pairs of vehicles</th></tr>"
            + "".join(f"<tr><td>{e(u.a)} ? {e(u.b)}</td><td>{u.pairs}</td></tr>" for u in result.unknown_pairs)
            + "</table>"
        )
    rows = "".join(
        f"<tr><td>{e(b.adapter)}</td><td>{e(', '.join(f'{x} to {y}' for x, y in b.joins) or '—')}</td><td>{e(_where(b))}</td></tr>"
        for b in result.bridges
    )
    body.append(f"<h2>Adapters</h2><table><tr><th>adapter</th><th>joins</th><th>where</th></tr>{rows}</table>")
    body.append(
        "<h2>Interfaces</h2><table><tr><th>interface</th><th>port kinds</th><th>vehicles</th></tr>"
        + "".join(
            f"<tr><td>{e(i)}</td><td>{e(', '.join(k.label() for k in result.kinds[i]) or '—')}</td><td>{e(', '.join(result.users[i]) or '—')}</td></tr>"
            for i in result.interfaces
        )
        + "</table>"
    )
    if result.vehicle is not None:
        body.append(f"<h2>Partners of {e(result.vehicle)}</h2><table><tr><th>vehicle</th><th>how</th></tr>")
        body += [f"<tr><td>{e(p.vehicle)}</td><td>{e(_partner_words(p))}</td></tr>" for p in result.partners]
        body.append("</table>")
    if result.bounds_hit:
        body.append("<h2>Bounds hit</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in result.bounds_hit) + "</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>interop map</title>'
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse}"
        "th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}th{background:#f6f8fa}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
