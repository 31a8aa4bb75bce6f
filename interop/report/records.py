"""Results as plain records: the one shape every reporter shares.

Reporters never recompute verdicts; they read these records (or the result
objects they come from) and lay them out. The walk every report for people
makes (a direction's rows, the rows it explains, the findings that decide a
rescue, its conditions and waivers) is written here once.

Longer than 500 lines because every result kind's record is here, so that
all reporters share one shape (one record module, one report schema).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interop.model.finding import Finding, Position, Severity, Verdict
from interop.model.values import is_span

if TYPE_CHECKING:  # validate's reports need no engine
    from interop.engine.results import (
        DirectionResult,
        Leg,
        MatrixResult,
        RescueResult,
        Row,
        ScenarioResult,
        SystemResult,
        Wanted,
    )
    from interop.load.library import LibraryRead

REPORT_VERSION = 2
"""2: rows and rescues carry ``best``, ``splits`` and ``ranges``; a range is ``{low, high, unit}`` (issue 23)."""


@dataclass(frozen=True)
class Explanation:
    """Why a rescue has its verdict."""

    deciding: list[Finding]
    """The findings that set the verdict (the worst ones that count)."""
    conditions: list[str]
    """What a CONDITIONAL verdict rests on; empty for any other verdict."""
    waived: list[Finding]
    ranges: list[str] = dataclasses.field(default_factory=list)
    """How the verdict holds over the ranges it reads: where it splits, or that it holds across them."""


def explanation(result: RescueResult) -> Explanation:
    conditional = result.verdict is Verdict.CONDITIONAL
    return Explanation(
        result.deciding(),
        list(result.conditions) if conditional else [],
        [f for f in result.findings if f.waived],
        range_texts(result),
    )


def number(value: float) -> str:
    """An end or a split point as people read it: 12, 95.5, 0.3."""
    return f"{value:.6g}"


def _with_unit(value: float, unit: str | None) -> str:
    return f"{number(value)} {unit}" if unit else number(value)


def _span_text(used) -> str:
    """``5..30 days``; ``62.05..101.4 kPa ("9..14.7 psi")`` when the spec wrote other units."""
    text = f"{used.low:.4g}..{used.high:.4g}" + (f" {used.unit}" if used.unit else "")
    written = " ".join(used.written.split()) if used.written else ""
    if any(c.isalpha() for c in written) and written.replace(" ", "") != text.replace(" ", ""):
        return f'{text} ("{written}")'
    return text


def range_texts(result: RescueResult) -> list[str]:
    """``orel.life_support.endurance_days: FAIL below 12 days, PASS from 12 days``, one line per range read.

    A range the verdict holds across says so; ranges taken at one end (``--assume``) say which.
    """
    if result.assumed:
        if not result.ranges:
            return []
        read = ", ".join(f"{r.document}.{r.field} {number(r.low)}..{_with_unit(r.high, r.unit)}" for r in result.ranges)
        return [
            f"every range taken at the end that gives its {result.assumed} verdict (--assume {result.assumed}): {read}"
        ]
    lines = []
    by_field: dict[tuple[str, str], list] = {}
    for split in result.splits:
        by_field.setdefault((split.document, split.field), []).append(split)
    for (document, field_name), splits in by_field.items():
        parts = [f"{splits[0].below.value.upper()} below {_with_unit(splits[0].at, splits[0].unit)}"]
        parts += [f"{s.above.value.upper()} from {_with_unit(s.at, s.unit)}" for s in splits]
        lines.append(f"{document}.{field_name}: {', '.join(parts)}")
    best = result.best
    if best is not None and best is not result.verdict and not result.splits and result.ranges:
        # The verdict moves across the ranges taken together, yet no one range moves it
        # alone: there is no split point to give, and "across it" would not be true.
        read = ", ".join(f"{used.document}.{used.field} {_span_text(used)}" for used in result.ranges)
        lines.append(
            f"{result.verdict.value.upper()} with every range at its worst end, {best.value.upper()} with every "
            f"range at its best end; no one range alone splits it: {read}"
        )
        return lines + ([f"search over ranges bounded: {result.range_bound}"] if result.range_bound else [])
    for used in result.ranges:
        if (used.document, used.field) not in by_field:
            lines.append(
                f"{used.document}.{used.field} is {_span_text(used)}: "
                f"{result.verdict.value.upper()} across it"
                + ("" if not result.splits else " (with the others as the worst case has them)")
            )
    if result.range_bound:
        lines.append(f"search over ranges bounded: {result.range_bound}")
    return lines


def assumed_text(result) -> str:
    """What a report's header says under ``--assume``; empty for the honest pair."""
    rescues = _rescues(result)
    mode = next((r.assumed for r in rescues if r.assumed), None)
    if mode is None:
        return ""
    return f"Ranges: every range taken at the end that gives its {mode} verdict (--assume {mode}), not the worst and best pair"


def _rescues(result) -> list[RescueResult]:
    from interop.engine.results import MatrixResult, RescueResult, ScenarioResult, SystemResult

    if isinstance(result, RescueResult):
        return [result]
    if isinstance(result, ScenarioResult):
        return list(result.results)
    if isinstance(result, SystemResult):
        return [row.best for d in result.directions for row in d.rows if row.best]
    if isinstance(result, MatrixResult):
        return [row.best for d in result.cells.values() for row in d.rows if row.best]
    return []


def range_value(value):
    """A count or quantity for JSON: a number, or ``{low, high, unit}`` for a range."""
    if is_span(value):
        return {"low": value.low, "high": value.high, "unit": None}
    return value


def split_record(split) -> dict:
    return {
        "document": split.document,
        "field": split.field,
        "at": split.at,
        "unit": split.unit,
        "below": split.below.value,
        "above": split.above.value,
    }


def ranges_read_record(used) -> dict:
    return {"document": used.document, "field": used.field, "low": used.low, "high": used.high, "unit": used.unit}


@dataclass(frozen=True)
class Publisher:
    """Who would publish some of the values an UNKNOWN waits for."""

    document: str
    """``<kind> <id>`` of the document the values belong in; empty when they are no one document's."""
    publishers: list[str]
    """The vehicle's operators or the system's nations; empty when the document names none."""
    names: list[str]
    """The missing values, as findings name them."""
    inferred: bool = False
    """Whether the publishers are inferred (interop.engine.publishers), not stated by the document."""

    def describe(self) -> str:
        """One line: the values, then who would publish them."""
        values = ", ".join(self.names)
        if not self.document:
            return f"{values} (no one document of the catalog holds it)"
        if not self.publishers:
            return f"{self.document} (no publisher named in the catalog): {values}"
        inferred = " (inferred)" if self.inferred else ""
        return f"{self.document}, published by {', '.join(self.publishers)}{inferred}: {values}"


_KIND_WORD = {"Vehicle": "vehicle", "TransportSystem": "system", "DockingInterface": "interface"}


def publishers(wanted: list[Wanted]) -> list[Publisher]:
    """The missing values grouped by the document, and so the operators or nations, that would publish them."""
    groups: dict[tuple[str, str], Publisher] = {}
    for item in wanted:
        document = f"{_KIND_WORD.get(item.kind, item.kind)} {item.document}" if item.document else ""
        key = (item.kind, item.document)
        if key not in groups:
            groups[key] = Publisher(document, list(item.publishers), [], item.inferred)
        groups[key].names.append(item.name)
    return list(groups.values())


def row_publishers(row: Row) -> list[Publisher]:
    """Who would publish what an UNKNOWN row waits for; empty for any other verdict."""
    if row.verdict is not Verdict.UNKNOWN:
        return []
    return publishers(row.best.wanted if row.best else row.wanted)


def mating_unknowns(result: RescueResult) -> list[str]:
    """What the mate stage waits for, when the mating is unknown."""
    stage = result.stage("mate")
    if result.mating_mode != "unknown" or stage is None:
        return []
    return list(dict.fromkeys(name for f in stage.findings if f.counts for name in f.missing))


def mating_requirements(result: RescueResult) -> list[str]:
    """What the values the mating waits for must be for it to mate, in words."""
    stage = result.stage("mate")
    if result.mating_mode != "unknown" or stage is None:
        return []
    return requirement_texts(f for f in stage.findings if f.counts)


def requirement_texts(findings) -> list[str]:
    """The conditions under which the values ``findings`` wait for would make their rules pass, in words."""
    return list(dict.fromkeys(c.text for f in findings for c in f.requirements))


def days_text(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "?"
    low, high = round(low, 2), round(high, 2)
    return f"{low:g}" if low == high else f"{low:g}..{high:g}"


def rescuer_label(result: RescueResult | None, none: str = "-") -> str:
    """Who rescues: the rescuer, the carriers of a path (``starship-hls > orion``), or a split crew's (``a + b``)."""
    if result is None:
        return none
    if result.rescues:
        return " + ".join(share.rescuer for share in result.rescues)
    if len(result.legs) > 1:
        return " > ".join(leg.carrier for leg in result.legs)
    return result.rescuer


def path_label(result: RescueResult, none: str = "-") -> str:
    """The carriers of a path of several legs in order, its first a shelter where there is one
    (``lm > capsule``); ``none`` for a rescue in one leg."""
    return rescuer_label(result) if len(result.legs) > 1 and not result.rescues else none


def time_line(result: RescueResult) -> str:
    """The rescue's timeline in one line: each event's day from the call, the margin and the reserve."""
    timing = result.timing
    if timing is None:
        return ""
    events = "; ".join(f"{what} day {days_text(low, high)}" for what, low, high in timing.events if what != "call")
    if timing.margin_days is None:
        lacking = sorted({f.missing for f in timing.figures if f.missing})
        margin = "margin unknown (not known: " + ", ".join(lacking) + ")" if lacking else "margin unknown"
    elif timing.ranged and timing.margin_days_best != timing.margin_days:
        margin = f"margin {round(timing.margin_days, 2):g} days (best case {round(timing.margin_days_best or 0, 2):g})"
    else:
        margin = f"margin {round(timing.margin_days, 2):g} days"
    if len(result.legs) > 1 and timing.margin_leg is not None and timing.margin_limit:
        margin += f" (leg {timing.margin_leg}: {timing.margin_limit})"
    path = ""
    if len(result.legs) > 1:
        path = " via " + ", ".join(f"{leg.carrier} {leg.from_place}->{leg.to_place}" for leg in result.legs) + ";"
    back = timing.return_margin_days
    home = f", {round(back, 2):g} days of endurance left at the end" if back is not None else ""
    return f"time:{path} call day 0; {events}; {margin}{home}, reserve {timing.reserve_days:g}"


def coverage_count(direction: DirectionResult) -> str:
    """``2/7 crews``: rows that pass or are conditional, over all rows."""
    noun = "crew" if len(direction.rows) == 1 else "crews"
    return f"{direction.rows_covered}/{len(direction.rows)} {noun}"


LEGEND_SYSTEMS = [
    ("mutual", "each system can rescue every crew of the other: both directions yes"),
    ("one-way", "one direction yes, the other no"),
    ("none", "both directions no"),
    ("undetermined", "at least one direction unknown: values nobody has published decide it"),
]
LEGEND_DIRECTIONS = [
    ("yes", "a direction: every crew of the distressed system has a rescuer that passes or is conditional"),
    ("no", "a direction: at least one crew has no rescuer that can make it"),
]
LEGEND_COUNT = [("n/m crews", "crews (one vehicle's crew at one place) covered, over all crews")]
LEGEND_VERDICTS = [
    ("pass", "every check of the rescue passes"),
    ("conditional", "it passes if the conditions listed hold"),
    (
        "unknown",
        "a value it needs is not published (listed as missing); a direction: no crew fails, "
        "but at least one waits for such a value",
    ),
    ("fail", "a check fails; the remedy says what would fix it"),
]


def legend(kind: str) -> list[tuple[str, str]]:
    """Each verdict word a report of ``kind`` uses, once, with what it means."""
    if kind == "matrix":
        from interop.report.overview import LEGEND

        return LEGEND_SYSTEMS + LEGEND_DIRECTIONS + LEGEND_COUNT + LEGEND + LEGEND_VERDICTS
    return LEGEND_SYSTEMS + LEGEND_DIRECTIONS + LEGEND_VERDICTS


def matrix_cell_label(result: MatrixResult, a: str, b: str) -> str | None:
    """A matrix cell's category and count (interop.report.overview); None when not categorised."""
    from interop.report.overview import cell_label

    return cell_label(result, a, b)


def explained_rows(direction: DirectionResult) -> list[Row]:
    """The rows a report explains: those that decide a direction not covered, else every row."""
    return direction.deciding_rows()


def covered(direction: DirectionResult) -> bool:
    return direction.coverage.value == "yes"


def worth_listing(finding: Finding) -> bool:
    """Every finding but an advisory pass, for reports that list a rescue's findings in full."""
    return not (finding.severity is Severity.INFO and finding.verdict is Verdict.PASS)


def position_record(position: Position | None) -> dict | None:
    """``path`` as printed; a position in the bundled library says so, with its place in it (``library_path``)."""
    if position is None:
        return None
    from interop.load.library import LibraryPosition

    record: dict = {"path": position.path, "line": position.line, "column": position.column}
    if isinstance(position, LibraryPosition):
        record["library"] = True
        record["library_path"] = position.relative
    return record


def finding_record(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "verdict": finding.verdict.value,
        "message": finding.message,
        "subject": finding.subject,
        "position": position_record(finding.position),
        "evidence": [position_record(p) for p in finding.evidence],
        "remedy": finding.remedy or None,
        "conditions": list(finding.conditions),
        "missing": list(finding.missing),
        "requirements": [c.record() for c in finding.requirements],
        "fingerprint": finding.fingerprint(),
        "waived": finding.waived,
    }


def rescue_record(result: RescueResult) -> dict:
    record = {
        "rescuer": result.rescuer,
        "distressed": result.distressed,
        "place": result.place,
        "crew": range_value(result.crew),
        "verdict": result.verdict.value,
        "best": result.best_case.value,
        "splits": [split_record(s) for s in result.splits],
        "ranges": [ranges_read_record(r) for r in result.ranges],
        "assumed": result.assumed,
        "mating": {
            "mode": result.mating_mode,
            "adapters": list(result.adapters),
            "path": [
                {
                    "near": step.near,
                    "far": step.far,
                    "interface_near": step.interface_near,
                    "interface_far": step.interface_far,
                    "permanent": step.permanent,
                    "note": step.note,
                }
                for step in result.path
            ],
        },
        "conditions": result.conditions,
        "missing": result.missing,
        "stages": [
            {
                "stage": stage.stage,
                "verdict": stage.verdict.value,
                "findings": [finding_record(f) for f in stage.findings],
            }
            for stage in result.stages
        ],
    }
    record["wanted"] = [wanted_record(w) for w in result.wanted]
    record.update(time_record(result))
    if result.scenario:
        record["scenario"] = result.scenario
        record["expected"] = result.expected
    return record


def leg_record(leg: Leg) -> dict:
    return {
        "carrier": leg.carrier,
        "from_vehicle": leg.from_vehicle,
        "to_vehicle": leg.to_vehicle,
        "from_place": leg.from_place,
        "to_place": leg.to_place,
        "launch_days": leg.launch_days,
        "depart_days": leg.depart_days,
        "arrive_days": leg.arrive_days,
        "depart_days_best": leg.depart_days_best,
        "arrive_days_best": leg.arrive_days_best,
    }


def time_record(result: RescueResult) -> dict:
    """The fields every rescue and row carries about time (docs/time.md)."""
    timing = result.timing
    record: dict = {
        "margin_days": result.margin_days,
        "margin_days_best": result.margin_days_best,
        "return_margin_days": timing.return_margin_days if timing else None,
        "margin_leg": timing.margin_leg if timing else None,
        "margin_limit": (timing.margin_limit or None) if timing else None,
        "time_reserve_days": timing.reserve_days if timing else 0.0,
        "legs": [leg_record(leg) for leg in result.legs],
        "timeline": [{"event": what, "earliest_days": low, "latest_days": high} for what, low, high in timing.events]
        if timing
        else [],
        "time_figures": [
            {
                "leg": f.leg,
                "name": f.name,
                "low_days": f.low,
                "high_days": f.high,
                "source": f.source,
                "note": f.note,
                "missing": f.missing or None,
            }
            for f in timing.figures
        ]
        if timing
        else [],
    }
    if result.rescues:
        record["rescues"] = [
            {"crew": share.crew, "rescuer": share.rescuer, "verdict": share.verdict.value, **time_record(share)}
            for share in result.rescues
        ]
    if result.search_bound:
        record["search_bound"] = result.search_bound
    return record


def wanted_record(wanted: Wanted) -> dict:
    return {
        "name": wanted.name,
        "kind": wanted.kind or None,
        "document": wanted.document or None,
        "publishers": list(wanted.publishers),
        "condition": wanted.condition or None,
        "conditions": [c.record() for c in wanted.conditions],
        "publishers_inferred": wanted.inferred,
    }


def row_record(row: Row) -> dict:
    return {
        "distressed": row.distressed,
        "place": row.place,
        "crew": range_value(row.crew),
        "verdict": row.verdict.value,
        "best": row.best_case.value,
        "splits": [split_record(s) for s in row.splits],
        "rescuer": row.best.rescuer if row.best else None,
        "candidates": row.candidates,
        "note": row.note or None,
        "wanted": [wanted_record(w) for w in (row.best.wanted if row.best else row.wanted)],
        "margin_days": row.best.margin_days if row.best else None,
        "margin_days_best": row.best.margin_days_best if row.best else None,
        "legs": [leg_record(leg) for leg in row.best.legs] if row.best else [],
        "rescue": rescue_record(row.best) if row.best else None,
    }


def direction_record(direction: DirectionResult) -> dict:
    return {
        "rescuer_system": direction.rescuer_system,
        "distressed_system": direction.distressed_system,
        "coverage": direction.coverage.value,
        "covered": direction.rows_covered,
        "crews": len(direction.rows),
        "rows": [row_record(r) for r in direction.rows],
    }


def system_record(result: SystemResult) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "systems",
        "verdict": result.verdict.value,
        "strict": result.strict,
        "systems": [result.system_a, result.system_b],
        "directions": [direction_record(d) for d in result.directions],
    }


def vehicle_record(result: RescueResult, strict: bool = False) -> dict:
    return {"report_version": REPORT_VERSION, "kind": "vehicles", "strict": strict, **rescue_record(result)}


def scenario_record(result: ScenarioResult, strict: bool = False) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "scenario",
        "strict": strict,
        "scenario": result.scenario,
        "name": result.name,
        "verdict": result.verdict.value,
        "responders": [rescue_record(r) for r in result.results],
        "mismatches": [r.rescuer for r in result.mismatches],
    }


def scenarios_record(results: list[ScenarioResult], strict: bool = False) -> list[dict]:
    return [scenario_record(result, strict) for result in results]


def validation_record(findings: list[Finding], files: int) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "validation",
        "files": files,
        "valid": not findings,
        "findings": [finding_record(f) for f in findings],
    }


def matrix_record(result: MatrixResult, strict: bool = False) -> dict:
    record = _matrix_record(result, strict)
    if result.categories:
        from interop.report import overview

        for cell, (a, b) in zip(record["cells"], result.cells, strict=True):
            cell.update(overview.cell_record(result, a, b))
            for row, category in zip(cell["direction"]["rows"], result.row_categories[(a, b)], strict=True):
                row.update(overview.row_record(category))
    return record


def _matrix_record(result: MatrixResult, strict: bool = False) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "kind": "matrix",
        "strict": strict,
        "systems": list(result.systems),
        "cells": [
            {
                "rescuer_system": a,
                "distressed_system": b,
                "coverage": cell.coverage.value,
                "covered": cell.rows_covered,
                "crews": len(cell.rows),
                "direction": direction_record(cell),
            }
            for (a, b), cell in result.cells.items()
        ],
        "pairs": [{"systems": [a, b], "verdict": pair.verdict.value} for (a, b), pair in result.pairs.items()],
        "not_compared": [{"systems": [a, b], "reason": "different eras"} for a, b in result.other_eras],
    }


def _unchanged(text: str) -> str:
    return text


def cleaned(value, escape: Callable[[str], str] | None, library: LibraryRead | None = None, full: bool = False):
    """A copy of a result with ``escape`` applied to every string in it (enums are ids: kept).

    With ``library`` (the documents a run read from the bundled library), its
    positions become :class:`~interop.load.library.LibraryPosition` and its
    file names read ``library:vehicles/orion.yaml`` (the full path when
    ``full``): the one place reports learn which positions are the library's.

    Parts that come out the same are the parts themselves, not copies, and a
    part the result holds in several places (a rescue in its row and its
    cell, a finding in several rescues) is cleaned once: the matrix of the
    bundled library read as the library took 2.9 s of CPU here, copying
    every dataclass (docs/performance.md, round 9).
    """
    return _Cleaner(escape or _unchanged, library if library is not None and library.files else None, full).clean(value)


_ATOMS = (bool, int, float, type(None))
_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(kind: type) -> tuple[str, ...]:
    names = _INIT_FIELDS.get(kind)
    if names is None:
        names = _INIT_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.init)
    return names


class _Cleaner:
    """One :func:`cleaned` call: what it has cleaned so far, by identity (the part kept alive beside it)."""

    def __init__(self, escape: Callable[[str], str], library: LibraryRead | None, full: bool) -> None:
        self.escape = escape
        self.library = library
        self.full = full
        self.texts: dict[str, str] = {}
        self.done: dict[int, tuple[object, object]] = {}

    def text(self, value: str) -> str:
        shown = self.texts.get(value)
        if shown is None:
            library = self.library
            text = library.shown_file(value, self.full) if library is not None and value in library.files else value
            shown = self.texts[value] = self.escape(text)
        return shown

    def clean(self, value):
        kind = type(value)
        if kind is str:
            return self.text(value)
        if kind in _ATOMS or isinstance(value, enum.Enum) or isinstance(value, _ATOMS):
            return value
        if isinstance(value, str):
            return self.text(value)
        seen = self.done.get(id(value))
        if seen is not None:
            return seen[1]
        shown = self._part(value)
        self.done[id(value)] = (value, shown)
        return shown

    def _part(self, value):
        clean = self.clean
        if isinstance(value, list):
            items = [clean(item) for item in value]
            return value if type(value) is list and _same(items, value) else items
        if isinstance(value, tuple):
            kept = tuple(clean(item) for item in value)
            return value if type(value) is tuple and _same(kept, value) else kept
        if isinstance(value, dict):
            pairs = {clean(key): clean(item) for key, item in value.items()}
            unchanged = type(value) is dict and len(pairs) == len(value)
            return value if unchanged and _same_pairs(pairs, value) else pairs
        if isinstance(value, Position):
            library, escape = self.library, self.escape
            if library is not None:
                shown = library.shown(value, self.full)
                if shown is not value:
                    return dataclasses.replace(shown, path=escape(shown.path))
            path = escape(value.path)
            return (
                value
                if path == value.path and type(path) is type(value.path)
                else dataclasses.replace(value, path=path)
            )
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            changed = False
            for name in _init_fields(type(value)):
                item = getattr(value, name)
                shown = clean(item)
                changes[name] = shown
                changed = changed or shown is not item
            return dataclasses.replace(value, **changes) if changed else value
        return value


def _same(shown, value) -> bool:
    return all(a is b for a, b in zip(shown, value, strict=True))


def _same_pairs(shown: dict, value: dict) -> bool:
    return all(a is b and shown[a] is item for a, (b, item) in zip(shown, value.items(), strict=True))
