"""Verdict diff between two spec trees: what a change does to rescue paths.

Both catalogs are evaluated with the same engine options. Compared are, for
every pair of systems present in both (or the configured ones), the system
verdict, each direction's coverage and each row (a crew of one system at one
place, with its best rescuer from the other); and, for every scenario in
both, its verdict and each responder's.

Ranks, lower is better:
- a row or a responder: ``Verdict.rank`` (pass < conditional < unknown < fail);
- a direction: yes < unknown < no;
- a system pair: judged by its two directions, not by a fixed order of
  system verdicts, because ``one-way -> undetermined`` is an improvement when
  the failing direction became unknown and a regression when the passing one
  did. A pair got worse when either direction got worse.

Each changed row and responder carries the spec edits that explain it
(:mod:`interop.load.edits`) of the documents the old and new rescues involve
(rescuer, distressed vehicle, adapters, interfaces of their ports, the systems
and scenario, and every document a finding or its evidence points at).
Schema-level breaking changes are listed beside.

Besides its verdict, each row and responder is compared on the fields
registered with :func:`compared_field` (the best case over ranges, the
splits, the conditions its unknowns must meet, the row's category): a change
of one of them lists the row too, with trend ``changed`` when the verdict
did not move, and the change names the fields. A new field of the reports
is one registered reader here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from interop.engine.rescue import EngineOptions
from interop.engine.results import Coverage, DirectionResult, RescueResult, Row, SystemResult
from interop.engine.systems import check_matrix, run_scenario
from interop.load.catalog import Catalog
from interop.load.edits import BreakingChange, FieldChange, breaking_changes, document_edits
from interop.model.finding import Finding, Verdict

_COVERAGE_RANK = {Coverage.YES: 0, Coverage.UNKNOWN: 1, Coverage.NO: 2}
_DOCUMENTARY = ("sources", "notes", "description", "name", "estimates")


class Trend(str, enum.Enum):
    WORSE = "worse"
    BETTER = "better"
    CHANGED = "changed"
    """Neither better nor worse: a row that appeared or went away."""


def _trend(old_rank: int | None, new_rank: int | None) -> Trend:
    if old_rank is None or new_rank is None:
        return Trend.CHANGED
    return Trend.WORSE if new_rank > old_rank else Trend.BETTER


@dataclass(frozen=True)
class Compared:
    """One side of a row or responder, as the readers of compared fields see it."""

    result: RescueResult | None
    """The rescue (a row's best rescuer's); None when the row has none."""
    row: Row | None = None
    """The row, for a row of a direction (None for a scenario responder)."""
    category: Any = None
    """The row's interop.engine.categories.RowCategory, when the matrix was categorised."""


COMPARED_FIELDS: dict[str, Callable[[Compared], Any]] = {}
"""Field name -> reader of a JSON-ready value: what the diff compares besides the verdict."""


def compared_field(name: str):
    """Register ``reader(compared) -> value`` as a field the diff compares (values are compared with ==)."""

    def register(reader: Callable[[Compared], Any]) -> Callable[[Compared], Any]:
        COMPARED_FIELDS[name] = reader
        return reader

    return register


@compared_field("best")
def _best(side: Compared):
    if side.row is not None:
        return side.row.best_case.value
    return side.result.best_case.value if side.result is not None else None


@compared_field("splits")
def _splits(side: Compared):
    found = side.result.splits if side.result is not None else []
    return [
        {
            "document": s.document,
            "field": s.field,
            "at": s.at,
            "unit": s.unit,
            "below": s.below.value,
            "above": s.above.value,
        }
        for s in found
    ]


@compared_field("conditions")
def _conditions(side: Compared):
    """What each value an unknown waits for must be, by the value's name (the condition records' texts)."""
    wanted = side.result.wanted if side.result is not None else (side.row.wanted if side.row is not None else [])
    return {w.name: w.condition for w in wanted if w.conditions}


@compared_field("category")
def _category(side: Compared):
    category = side.category
    return category.category.value if category is not None else None


@dataclass(frozen=True)
class FieldDelta:
    """A compared field whose value differs between BASE and HEAD."""

    name: str
    old: Any
    new: Any


def field_deltas(before: Compared | None, after: Compared | None) -> list[FieldDelta]:
    """The compared fields that differ; none for a row that appeared or went away (its verdict says it)."""
    if before is None or after is None:
        return []
    deltas = []
    for name, reader in COMPARED_FIELDS.items():
        old, new = reader(before), reader(after)
        if old != new:
            deltas.append(FieldDelta(name, old, new))
    return deltas


@dataclass
class VerdictChange:
    """A row (a crew at a place) or a scenario responder whose verdict moved."""

    subject: str
    old: str | None
    new: str | None
    trend: Trend
    old_rescuer: str | None = None
    new_rescuer: str | None = None
    findings: list[Finding] = field(default_factory=list)
    """What decides the worse side: HEAD's findings for a regression, BASE's for an improvement."""
    edits: list[FieldChange] = field(default_factory=list)
    fields: list[FieldDelta] = field(default_factory=list)
    """The compared fields (best, splits, conditions, category) that changed."""


@dataclass
class DirectionDiff:
    rescuer_system: str
    distressed_system: str
    old: str
    new: str
    trend: Trend | None
    """None when the coverage is the same and only rows moved."""
    rows: list[VerdictChange]


@dataclass
class PairDiff:
    systems: tuple[str, str]
    old: str
    new: str
    trend: Trend | None
    directions: list[DirectionDiff]


@dataclass
class ScenarioDiff:
    scenario: str
    old: str
    new: str
    trend: Trend | None
    responders: list[VerdictChange]


@dataclass
class DiffResult:
    base: str
    head: str
    pairs: list[PairDiff] = field(default_factory=list)
    scenarios: list[ScenarioDiff] = field(default_factory=list)
    breaking: list[BreakingChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    edits: list[FieldChange] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    """Findings that fail the diff on their own: HEAD's spec problems, expired waivers."""
    notes: list[str] = field(default_factory=list)
    compared: bool = True
    strict: bool = False

    def changes(self) -> list[tuple[str, Trend]]:
        """Every (subject, trend) listed, systems, directions, rows and scenarios alike."""
        found = []
        for pair in self.pairs:
            if pair.trend:
                found.append((" <-> ".join(pair.systems), pair.trend))
            for direction in pair.directions:
                if direction.trend:
                    found.append((f"{direction.rescuer_system} -> {direction.distressed_system}", direction.trend))
                found += [(row.subject, row.trend) for row in direction.rows]
        for scenario in self.scenarios:
            if scenario.trend:
                found.append((f"scenario {scenario.scenario}", scenario.trend))
            found += [(r.subject, r.trend) for r in scenario.responders]
        return found

    @property
    def regressions(self) -> int:
        return sum(1 for _s, trend in self.changes() if trend is Trend.WORSE)

    @property
    def improvements(self) -> int:
        return sum(1 for _s, trend in self.changes() if trend is Trend.BETTER)

    @property
    def failed(self) -> bool:
        return self.regressions > 0 or bool(self.problems)


# ------------------------------------------------------------------ the diff


def diff_catalogs(
    base: Catalog,
    head: Catalog,
    *,
    systems: list[str] | None = None,
    options: EngineOptions | None = None,
    base_name: str = "BASE",
    head_name: str = "HEAD",
) -> DiffResult:
    """Every verdict that differs between ``base`` and ``head``, with its causes."""
    options = options or EngineOptions()
    result = DiffResult(base_name, head_name, strict=options.strict)
    edits = document_edits(base, head)
    result.edits = [change for changes in edits.values() for change in changes]
    result.breaking = breaking_changes(base, head)
    result.added = [f"{kind} {ident}" for kind, ident in sorted(set(head.sources) - set(base.sources))]
    explain = _Explainer(base, head, edits)

    wanted = list(systems) if systems else sorted(set(base.systems) & set(head.systems))
    for system_id in wanted:
        for side, catalog in (("BASE", base), ("HEAD", head)):
            if system_id not in catalog.systems:
                result.notes.append(f"system {system_id} is not in {side}; pairs with it are not compared")
    ids = [s for s in wanted if s in base.systems and s in head.systems]
    if len(ids) >= 2:
        # Every era: BASE and HEAD must hold the same pairs even when an edit moves an era.
        old_matrix = check_matrix(base, ids, options, all_eras=True, categorise=True)
        new_matrix = check_matrix(head, ids, options, all_eras=True, categorise=True)
        explain.categories = {
            id(row): category
            for matrix in (old_matrix, new_matrix)
            for cell, rows in matrix.row_categories.items()
            for row, category in zip(matrix.cells[cell].rows, rows, strict=True)
        }
        for key, old_pair in old_matrix.pairs.items():
            pair = _pair_diff(old_pair, new_matrix.pairs[key], explain)
            if pair is not None:
                result.pairs.append(pair)
    for scenario_id in sorted(set(base.scenarios) & set(head.scenarios)):
        scenario = _scenario_diff(
            scenario_id, run_scenario(base, scenario_id, options), run_scenario(head, scenario_id, options), explain
        )
        if scenario is not None:
            result.scenarios.append(scenario)
    return result


def diff_trees(
    base: str,
    head: str,
    paths=(),
    *,
    systems: list[str] | None = None,
    options: EngineOptions | None = None,
    cwd=None,
) -> DiffResult:
    """Load BASE and HEAD (folders or git revisions) and diff their verdicts.

    Verdicts are compared only when both trees load cleanly. HEAD's spec
    problems are problems of the diff (it fails); BASE's alone are a note,
    since the change under review did not cause them. Raises
    ``interop.load.Unreadable`` for a tree that cannot be read at all.
    """
    from interop.load.git import load_spec_tree

    options = options or EngineOptions()
    old, new = load_spec_tree(base, paths, cwd), load_spec_tree(head, paths, cwd)
    if not old.findings and not new.findings:
        return diff_catalogs(old.catalog, new.catalog, systems=systems, options=options, base_name=base, head_name=head)
    result = DiffResult(base, head, compared=False, strict=options.strict)
    result.breaking = breaking_changes(old.catalog, new.catalog)
    result.edits = [change for changes in document_edits(old.catalog, new.catalog).values() for change in changes]
    result.problems = list(new.findings)
    if old.findings:
        result.notes.append(f"{base} has {len(old.findings)} spec problem(s) of its own; verdicts were not compared")
    if new.findings:
        result.notes.append(
            f"{head} has {len(new.findings)} spec problem(s); run 'interop validate' on it; verdicts were not compared"
        )
    return result


def _pair_diff(old: SystemResult, new: SystemResult, explain: _Explainer) -> PairDiff | None:
    directions, trends = [], []
    for old_direction, new_direction in zip(old.directions, new.directions, strict=False):
        systems = (old_direction.rescuer_system, old_direction.distressed_system)
        changed = _direction_diff(old_direction, new_direction, explain, systems)
        if changed is not None:
            directions.append(changed)
            if changed.trend:
                trends.append(changed.trend)
    if old.verdict is new.verdict and not directions:
        return None
    trend = None
    if old.verdict is not new.verdict:
        trend = Trend.WORSE if Trend.WORSE in trends else Trend.BETTER
    return PairDiff((old.system_a, old.system_b), old.verdict.value, new.verdict.value, trend, directions)


def _direction_diff(old: DirectionResult, new: DirectionResult, explain: _Explainer, systems) -> DirectionDiff | None:
    old_rows = {(r.distressed, r.place): r for r in old.rows}
    new_rows = {(r.distressed, r.place): r for r in new.rows}
    rows = []
    for key in sorted(set(old_rows) | set(new_rows)):
        before, after = old_rows.get(key), new_rows.get(key)
        deltas = field_deltas(explain.side_of(before), explain.side_of(after))
        if before is not None and after is not None and before.verdict is after.verdict and not deltas:
            continue
        rows.append(_row_change(before, after, explain, systems, deltas))
    if old.coverage is new.coverage and not rows:
        return None
    trend = None
    if old.coverage is not new.coverage:
        trend = _trend(_COVERAGE_RANK[old.coverage], _COVERAGE_RANK[new.coverage])
    return DirectionDiff(old.rescuer_system, old.distressed_system, old.coverage.value, new.coverage.value, trend, rows)


def _row_change(
    before: Row | None, after: Row | None, explain: _Explainer, systems, deltas: list[FieldDelta]
) -> VerdictChange:
    row = after or before
    assert row is not None, "a row comes from BASE, HEAD or both"
    subject = f"crew of {row.distressed} @ {row.place}, rescued by {systems[0]}"
    change = VerdictChange(
        subject,
        before.verdict.value if before else None,
        after.verdict.value if after else None,
        _verdict_trend(before.verdict if before else None, after.verdict if after else None),
        old_rescuer=before.best.rescuer if before and before.best else None,
        new_rescuer=after.best.rescuer if after and after.best else None,
        fields=deltas,
    )
    explain.attach(change, before.best if before else None, after.best if after else None, systems=systems)
    return change


def _scenario_diff(scenario_id: str, old, new, explain: _Explainer) -> ScenarioDiff | None:
    old_by = _responders_by_key(old.results)
    new_by = _responders_by_key(new.results)
    responders = []
    for key in list(old_by) + [k for k in new_by if k not in old_by]:
        before, after = old_by.get(key), new_by.get(key)
        deltas = field_deltas(
            Compared(before) if before is not None else None, Compared(after) if after is not None else None
        )
        if before is not None and after is not None and before.verdict is after.verdict and not deltas:
            continue
        result = after or before
        assert result is not None, "a responder comes from BASE, HEAD or both"
        change = VerdictChange(
            f"scenario {scenario_id}: {result.rescuer} -> {result.distressed} @ {result.place}",
            before.verdict.value if before else None,
            after.verdict.value if after else None,
            _verdict_trend(before.verdict if before else None, after.verdict if after else None),
            old_rescuer=before.rescuer if before else None,
            new_rescuer=after.rescuer if after else None,
            fields=deltas,
        )
        explain.attach(change, before, after, scenario=scenario_id)
        responders.append(change)
    if old.verdict is new.verdict and not responders:
        return None
    trend = _trend(old.verdict.rank, new.verdict.rank) if old.verdict is not new.verdict else None
    return ScenarioDiff(scenario_id, old.verdict.value, new.verdict.value, trend, responders)


def _verdict_trend(old: Verdict | None, new: Verdict | None) -> Trend:
    """Worse or better by the verdict; ``changed`` when only compared fields moved (exit codes follow ``verdict``)."""
    if old is not None and old is new:
        return Trend.CHANGED
    return _trend(old.rank if old else None, new.rank if new else None)


def _responders_by_key(results: list[RescueResult]) -> dict[str, RescueResult]:
    """Responders by vehicle id, numbered when a scenario sends two of one vehicle (Crew-9 as flown and as first crewed)."""
    by_key: dict[str, RescueResult] = {}
    for index, result in enumerate(results):
        key = result.rescuer or str(index)
        seen = sum(1 for k in by_key if k == key or k.startswith(f"{key}#"))
        by_key[f"{key}#{seen + 1}" if seen else key] = result
    return by_key


# ------------------------------------------------------------- explanations


class _Explainer:
    """Finds the documents a rescue involves and the edits made to them."""

    def __init__(self, base: Catalog, head: Catalog, edits: dict[tuple[str, str], list[FieldChange]]):
        self.base, self.head, self.edits = base, head, edits
        self.categories: dict[int, Any] = {}
        """id(row) -> its RowCategory, for the rows of the two matrices."""
        self.by_file = {catalog.sources[key].file: key for catalog in (base, head) for key in catalog.sources}

    def side_of(self, row: Row | None) -> Compared | None:
        if row is None:
            return None
        return Compared(row.best, row, self.categories.get(id(row)))

    def attach(
        self,
        change: VerdictChange,
        before: RescueResult | None,
        after: RescueResult | None,
        *,
        systems=(),
        scenario=None,
    ) -> None:
        worse_side = after if change.trend is not Trend.BETTER else before
        if worse_side is not None:
            change.findings = [
                f for f in worse_side.findings if f.verdict is worse_side.verdict and f.verdict is not Verdict.PASS
            ]
        involved: list[tuple[str, str]] = [("TransportSystem", s) for s in systems]
        if scenario:
            involved.append(("RescueScenario", scenario))
        for catalog, result in ((self.base, before), (self.head, after)):
            if result is not None:
                involved += self._documents_of(catalog, result)
        seen = set()
        for key in involved:
            if key in seen:
                continue
            seen.add(key)
            change.edits += [e for e in self.edits.get(key, ()) if not e.field.startswith(_DOCUMENTARY)]

    def _documents_of(self, catalog: Catalog, result: RescueResult) -> list[tuple[str, str]]:
        keys = []
        vehicles = {result.rescuer, result.distressed, *result.adapters}
        # The systems that station or carry these vehicles: where an adapter
        # is added to or taken from a station, the edit is in a system.
        for system in catalog.systems.values():
            if any(e.vehicle in vehicles or e.carried_by in vehicles for e in system.elements):
                keys.append(("TransportSystem", system.id))
        for vehicle_id in [result.rescuer, result.distressed, *result.adapters]:
            keys.append(("Vehicle", vehicle_id))
            vehicle = catalog.vehicles.get(vehicle_id)
            for port in (vehicle.ports or ()) if vehicle else ():
                if port.interface:
                    keys.append(("DockingInterface", port.interface))
        for step in result.path:
            keys += [("DockingInterface", step.interface_near), ("DockingInterface", step.interface_far)]
            # Vehicles on the path (station-stack members such as an IDA) are involved too.
            keys += [("Vehicle", step.near_vehicle), ("Vehicle", step.far_vehicle)]
        for finding in result.findings:
            if finding.verdict is Verdict.PASS:
                continue
            if finding.locator:
                kind, ident, _rest = (finding.locator.split(":", 2) + ["", ""])[:3]
                keys.append((kind, ident))
            for position in [finding.position, *finding.evidence]:
                if position is not None and position.path in self.by_file:
                    keys.append(self.by_file[position.path])
        return keys
