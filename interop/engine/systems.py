"""System against system: for every crew of one, the best rescuer in the other."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace

from interop.engine import parallel
from interop.engine.eras import eras_overlap, present_era
from interop.engine.paths import (
    CrewSplit,
    PathSearch,
    Rank,
    loses_on_leading,
    needs_seats,
    outranks,
    scenario_paths,
    stopped_before_carrying,
)
from interop.engine.rescue import EngineOptions, Evaluator, judged_whole
from interop.engine.results import (
    Coverage,
    DirectionResult,
    MatrixResult,
    RescueResult,
    Row,
    ScenarioResult,
    SystemResult,
    SystemVerdict,
    Wanted,
)
from interop.engine.world import RESCUER_TYPES, World, system_vehicles
from interop.load.catalog import Catalog
from interop.model.documents import Vehicle
from interop.model.finding import Condition, Verdict
from interop.model.vocabulary import Regime, VehicleType

DISTRESSED_TYPES = RESCUER_TYPES | {VehicleType.STATION}
_REGIME_ORDER = {regime: index for index, regime in enumerate(Regime)}


class UnknownId(LookupError):
    """A system, vehicle or scenario id that is not in the catalog.

    ``wanted`` is the kind of document asked for ("vehicle"); ``found`` the
    kind the catalog holds under that id instead, if any, so that a caller can
    say which option takes it.
    """

    def __init__(self, message: str, ident: str = "", wanted: str = "", found: str | None = None):
        super().__init__(message)
        self.ident, self.wanted, self.found = ident, wanted, found


# The nouns _require names kinds by, and the catalog table of each.
_TABLES = {
    "transport system": "systems",
    "vehicle": "vehicles",
    "rescue scenario": "scenarios",
    "docking interface": "interfaces",
}


def _require(table: dict, kind: str, ident: str, catalog: Catalog | None = None):
    if not isinstance(ident, str):
        raise TypeError(f"a {kind} is named by its id, a str, not {type(ident).__name__}")
    if ident not in table:
        import difflib
        from pathlib import PurePath

        found = None
        if catalog is not None:
            found = next(
                (noun for noun, name in _TABLES.items() if noun != kind and ident in getattr(catalog, name)), None
            )
        stem = PurePath(ident).stem
        close = difflib.get_close_matches(ident, list(table), n=1, cutoff=0.6)
        if found is not None:
            hint = f" ({ident} is a {found}, not a {kind})"
        elif stem != ident and stem in table:
            hint = f" (give its id, not its file: {stem})"
        else:
            hint = f" (did you mean {close[0]}?)" if close else ""
        raise UnknownId(f"no {kind} {ident!r} in the catalog{hint}", ident, kind, found)
    return table[ident]


def as_place(place: Regime | str) -> Regime:
    """A place given as a :class:`Regime` or its name (``"llo"``)."""
    if isinstance(place, Regime):
        return place
    if isinstance(place, str):
        try:
            return Regime(place)
        except ValueError:
            raise ValueError(
                f"unknown place {place!r}: one of {', '.join(r.value for r in Regime)} (a str or an interop Regime)"
            ) from None
    raise TypeError(f"a place is a Regime or its name (a str such as 'llo'), not {type(place).__name__}")


def crews_of(catalog: Catalog, system_id: str) -> list[tuple[Vehicle, list[Regime] | None, int | None]]:
    """Each crewed element of a system, where it operates, and its crew."""
    crews, seen = [], set()
    for vehicle, placement in system_vehicles(catalog, system_id):
        if vehicle.id in seen or not vehicle.crewed or vehicle.vehicle_type not in DISTRESSED_TYPES:
            continue
        seen.add(vehicle.id)
        places = placement.element.stationed_at if placement.element.stationed_at is not None else vehicle.regimes
        seats = vehicle.seats
        crew = seats.nominal_crew if seats and seats.nominal_crew else (seats.total if seats else None)
        crews.append((vehicle, sorted(places, key=_REGIME_ORDER.__getitem__) if places is not None else None, crew))
    return sorted(crews, key=lambda item: item[0].id)


def rescuers_of(catalog: Catalog, system_id: str) -> list[Vehicle]:
    found = {}
    for vehicle, _placement in system_vehicles(catalog, system_id):
        if vehicle.crewed and vehicle.vehicle_type in RESCUER_TYPES:
            found[vehicle.id] = vehicle
    return [found[k] for k in sorted(found)]


def _wanted_in(catalog: Catalog, name: str, kind: str, ident: str) -> Wanted:
    """The value ``name`` of document (``kind``, ``ident``), with who would publish it (interop.engine.publishers)."""
    from interop.engine.publishers import publisher_of

    publisher = publisher_of(catalog, kind, ident)
    return Wanted(name, kind, ident, list(publisher.names), inferred=publisher.inferred)


def _wanted(catalog: Catalog, name: str, where: tuple | None) -> Wanted:
    """The missing value ``name``, the document it belongs in and who would publish it.

    ``where`` is the finding's (kind, id, path) for the name. A name made
    upstream without one (the mating plan's ``<vehicle>.ports``) is
    ``<document id>.<dotted path>`` (interop.rules.base.Anchor.describe), and
    ids are slugs: the part before the first dot is looked up among vehicles,
    systems, then interfaces. An interface the catalog lacks is named by its
    id alone and belongs in no document.
    """
    if where is not None:
        kind, ident, _path = where
        return _wanted_in(catalog, name, kind, ident)
    ident = name.partition(".")[0]
    for kind, table in (
        ("Vehicle", catalog.vehicles),
        ("TransportSystem", catalog.systems),
        ("DockingInterface", catalog.interfaces),
    ):
        if ident in table and ident != name:
            return _wanted_in(catalog, name, kind, ident)
    return Wanted(name)


def _explained(catalog: Catalog, result: RescueResult) -> RescueResult:
    """``result`` with each value it waits for named with its document and publishers."""
    seen: dict[str, Wanted] = {}
    for finding in result.findings:
        for name, where in zip(finding.missing, finding.wanted or [None] * len(finding.missing), strict=True):
            if name not in seen or (where is not None and not seen[name].kind):
                seen[name] = _wanted(catalog, name, where)
    for finding in result.findings:
        finding.requirements = [_published_by(catalog, c, seen) for c in finding.requirements]
        for condition in finding.requirements:
            for name in condition.names:
                wanted = seen.get(name)
                if wanted is not None and condition not in wanted.conditions:
                    wanted.conditions.append(condition)
    result.wanted = list(seen.values())
    return result


def _published_by(catalog: Catalog, condition: Condition, seen: dict[str, Wanted]) -> Condition:
    """``condition`` with who would publish its fields: the publishers of each field's document, in order."""
    names: list[str] = []
    for item in condition.fields:
        wanted = seen.get(item.name) or _wanted(
            catalog, item.name, (item.kind, item.document, ()) if item.kind else None
        )
        names.extend(wanted.publishers)
    return replace(condition, publishers=tuple(dict.fromkeys(names)))


def evaluate_direction(
    evaluator: Evaluator,
    catalog: Catalog,
    rescuer_system: str,
    distressed_system: str,
    only: frozenset[str] | None = None,
    at: Regime | None = None,
) -> DirectionResult:
    """Every crew of ``distressed_system`` (those of ``only``, when given) and its best rescuer in ``rescuer_system``.

    ``at``: only the rows at that place (each row is worked out on its own, so a row is the same with or
    without it; the planner asks one row at a time)."""
    rescuers = rescuers_of(catalog, rescuer_system)
    crews = crews_of(catalog, distressed_system)
    if only is not None:
        crews = [crew for crew in crews if crew[0].id in only]
    if at is not None:
        crews = [
            (vehicle, [p for p in places if p is at] if places is not None else None, crew)
            for vehicle, places, crew in crews
        ]
    # Rescuer by rescuer, keeping the best result per crew and place so far, so
    # that each rescuer's search frontiers are released as soon as it is done:
    # memory stays bounded by one rescuer's, not the whole matrix's. The first
    # best in rescuer order wins, as min() over each row's results would.
    best: dict[tuple[str, Regime], tuple[Rank, RescueResult]] = {}
    stopped: dict[tuple[str, Regime], set[str]] = {}  # rescuers that fail a crew before the carrying
    for rescuer in rescuers:
        for vehicle, places, crew in crews:
            if places is None or crew is None or vehicle.id == rescuer.id:
                continue
            for place in places:
                # Judged until a stage fails: most rescuers of a large system lose their row on what that
                # tells (the verdict, timing and progress ranked first); one that may win is judged whole.
                result = evaluator.evaluate(rescuer, vehicle, place, crew, until_failed=True)
                if stopped_before_carrying(result):
                    stopped.setdefault((vehicle.id, place), set()).add(rescuer.id)
                held = best.get((vehicle.id, place))
                if not judged_whole(result.stages):
                    if loses_on_leading(result, held[0] if held is not None else None):
                        continue
                    result = evaluator.evaluate(rescuer, vehicle, place, crew)
                better = outranks(result, held[0] if held is not None else None)
                if better is not None:
                    best[(vehicle.id, place)] = (better, result)
        evaluator.release(rescuer)
    for (vehicle_id, place), (rank, result) in list(best.items()):
        if result.verdict in (Verdict.PASS, Verdict.CONDITIONAL) and rank.late == 0:
            continue  # a direct rescue that holds, in time: no path of more legs ranks above it
        search = PathSearch(evaluator, rescuers, max_legs=evaluator.options.max_legs)
        failed = stopped.get((vehicle_id, place), set())
        first_legs = [index for index, rescuer in enumerate(rescuers) if rescuer.id in failed]
        for path in search.search(catalog.vehicles[vehicle_id], place, result.crew, first_legs):
            if (better := outranks(path, rank)) is not None:
                rank, result = better, path
        if search.bound_hit:
            result.search_bound = f"path search stopped after {search.evaluations} leg evaluations"
        if result.verdict is Verdict.FAIL and needs_seats(result) and result.crew > 1:
            split = CrewSplit(evaluator, rescuers)
            for shared in split.search(catalog.vehicles[vehicle_id], place, result.crew):
                if (better := outranks(shared, rank)) is not None:
                    rank, result = better, shared
            if split.bound_hit:
                result.search_bound = f"crew split search stopped after {split.evaluations} evaluations"
        best[(vehicle_id, place)] = (rank, result)
    rows: list[Row] = []
    for vehicle, places, crew in crews:
        if places is None or crew is None:
            missing = f"{vehicle.id}.regimes" if places is None else f"{vehicle.id}.seats.nominal_crew"
            rows.append(
                Row(
                    vehicle.id,
                    "?",
                    crew,
                    Verdict.UNKNOWN,
                    None,
                    len(rescuers),
                    f"not known: {missing}",
                    [_wanted_in(catalog, missing, "Vehicle", vehicle.id)],
                )
            )
            continue
        candidates = sum(1 for r in rescuers if r.id != vehicle.id)
        for place in places:
            held = best.get((vehicle.id, place))
            if held is None:
                rows.append(
                    Row(
                        vehicle.id,
                        place.value,
                        crew,
                        Verdict.FAIL,
                        None,
                        0,
                        f"{rescuer_system} has no crew vehicle that could respond",
                    )
                )
                continue
            rows.append(Row(vehicle.id, place.value, crew, held[1].verdict, _explained(catalog, held[1]), candidates))
    return DirectionResult(rescuer_system, distressed_system, _coverage(rows), rows)


def _coverage(rows: list[Row]) -> Coverage:
    if any(row.verdict is Verdict.FAIL for row in rows) or not rows:
        return Coverage.NO
    if any(row.verdict is Verdict.UNKNOWN for row in rows):
        return Coverage.UNKNOWN
    return Coverage.YES


def combine(forward: Coverage, backward: Coverage) -> SystemVerdict:
    if forward is Coverage.YES and backward is Coverage.YES:
        return SystemVerdict.MUTUAL
    if Coverage.UNKNOWN in (forward, backward):
        return SystemVerdict.UNDETERMINED
    if Coverage.YES in (forward, backward):
        return SystemVerdict.ONE_WAY
    return SystemVerdict.NONE


def evaluate_directions(
    evaluator: Evaluator, catalog: Catalog, directions: list[tuple[str, str]], jobs: int | None = 1
) -> dict[tuple[str, str], DirectionResult]:
    """:func:`evaluate_direction` for each (rescuer system, distressed system), in that order.

    With ``jobs`` above 1 (None: every core) and work enough to pay for the
    processes (interop.engine.parallel), each direction's crews are cut into
    consecutive runs evaluated in forked workers, and each direction's rows
    are put back together in crew order: the result is the one a single
    process gives, row for row.
    """
    evaluations = sum(
        len(rescuers_of(catalog, a)) * sum(len(places or ()) for _v, places, _c in crews_of(catalog, b))
        for a, b in directions
    )
    workers = parallel.jobs_for(jobs, evaluations)
    with collector_paused():
        if workers <= 1:
            return {(a, b): evaluate_direction(evaluator, catalog, a, b) for a, b in directions}
        # About PIECES_PER_JOB pieces per worker in all, each direction cut into as many runs of crews.
        parts = -(-workers * parallel.PIECES_PER_JOB // len(directions))
        pieces = []
        for a, b in directions:
            ids = [vehicle.id for vehicle, _places, _crew in crews_of(catalog, b)]
            for run in parallel.split(ids, parts) or [[]]:
                pieces.append((a, b, frozenset(run)))
        done = parallel.run_pieces(_direction_piece, (evaluator, catalog), pieces, workers)
    rows: dict[tuple[str, str], list[Row]] = {direction: [] for direction in directions}
    for (a, b, _run), part in zip(pieces, done, strict=True):
        rows[(a, b)].extend(part.rows)
    return {(a, b): DirectionResult(a, b, _coverage(rows[(a, b)]), rows[(a, b)]) for a, b in directions}


def _direction_piece(state: tuple[Evaluator, Catalog], piece: tuple[str, str, frozenset[str]]) -> DirectionResult:
    evaluator, catalog = state
    a, b, run = piece
    return evaluate_direction(evaluator, catalog, a, b, only=run)


@contextmanager
def collector_paused():
    """Pause Python's cycle collector while results pile up.

    A matrix keeps every rescue's findings alive until it returns; each
    collection would walk all of them again, making the time per pair grow
    with the catalog (docs/performance.md). The engine makes no reference
    cycles, so reference counting still frees its garbage at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_systems(
    catalog: Catalog, system_a: str, system_b: str, options: EngineOptions | None = None, jobs: int | None = 1
) -> SystemResult:
    """Can A rescue every crew of B, and B every crew of A?"""
    _require(catalog.systems, "transport system", system_a, catalog)
    _require(catalog.systems, "transport system", system_b, catalog)
    options = options or EngineOptions()
    evaluator = Evaluator(catalog, World.build(catalog, [system_a, system_b]), options)
    cells = evaluate_directions(evaluator, catalog, [(system_a, system_b), (system_b, system_a)], jobs)
    forward, backward = cells[(system_a, system_b)], cells[(system_b, system_a)]
    return SystemResult(
        system_a, system_b, combine(forward.coverage, backward.coverage), [forward, backward], options.strict
    )


def check_matrix(
    catalog: Catalog,
    system_ids: list[str] | None = None,
    options: EngineOptions | None = None,
    *,
    all_eras: bool = False,
    categorise: bool = False,
    jobs: int | None = 1,
) -> MatrixResult:
    """Every ordered pair of systems, and each system with itself (the diagonal).

    With no systems named, the systems of the catalog's latest era
    (:func:`present_era`), or every system with ``all_eras``. Pairs of systems
    whose eras do not overlap are left out, and listed as such, unless
    ``all_eras``: a 1975 system rescuing a 2030 one is not a question.
    ``categorise`` also says, for every row and cell, how far it is from a
    pass (interop.engine.categories). ``jobs`` is how many processes may
    share the work (None: every core; see :func:`evaluate_directions`); the
    result is the same whatever it is.
    """
    if system_ids:
        ids = list(system_ids)
    else:
        ids = sorted(catalog.systems) if all_eras else present_era(catalog)
    for system_id in ids:
        _require(catalog.systems, "transport system", system_id, catalog)
    options = options or EngineOptions()
    compared: list[tuple[str, str]] = []
    other_eras: list[tuple[str, str]] = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            (compared if all_eras or eras_overlap(catalog, a, b) else other_eras).append((a, b))
    world = World.build(catalog, ids)
    evaluator = Evaluator(catalog, world, options)
    asked = {pair for a, b in compared for pair in ((a, b), (b, a))} | {(a, a) for a in ids}
    order = [(a, b) for a in ids for b in ids if (a, b) in asked]
    cells = evaluate_directions(evaluator, catalog, order, jobs)
    pairs = {}
    for a, b in compared:
        forward, backward = cells[(a, b)], cells[(b, a)]
        pairs[(a, b)] = SystemResult(
            a, b, combine(forward.coverage, backward.coverage), [forward, backward], options.strict
        )
    result = MatrixResult(ids, cells, pairs, other_eras)
    if categorise:
        from interop.engine.categories import categorise_cell, categorise_row

        for (a, b), cell in cells.items():
            rows = [categorise_row(row, a, b, catalog, world) for row in cell.rows]
            result.row_categories[(a, b)] = rows
            result.categories[(a, b)] = categorise_cell(rows)
    return result


def _systems_holding(catalog: Catalog, *vehicle_ids: str) -> list[str]:
    holding = []
    for system_id, system in sorted(catalog.systems.items()):
        if any(e.vehicle in vehicle_ids or e.carried_by in vehicle_ids for e in system.elements):
            holding.append(system_id)
    return holding or sorted(catalog.systems)


def places_for(catalog: Catalog, rescuer_id: str, distressed_id: str) -> list[Regime]:
    """Places where the distressed vehicle operates, and the rescuer too if known."""
    rescuer = _require(catalog.vehicles, "vehicle", rescuer_id, catalog)
    distressed = _require(catalog.vehicles, "vehicle", distressed_id, catalog)
    theirs = set(distressed.regimes or ())
    ours = set(rescuer.regimes or ())
    common = theirs & ours if ours else theirs
    return sorted(common or theirs, key=_REGIME_ORDER.__getitem__)


def check_vehicles(
    catalog: Catalog,
    rescuer_id: str,
    distressed_id: str,
    place: Regime | str,
    crew: int | None = None,
    options: EngineOptions | None = None,
):
    """One vehicle rescuing another's crew at one place (a Regime or its name, ``"llo"``), stage by stage."""
    place = as_place(place)
    rescuer = _require(catalog.vehicles, "vehicle", rescuer_id, catalog)
    distressed = _require(catalog.vehicles, "vehicle", distressed_id, catalog)
    if crew is None:
        seats = distressed.seats
        crew = seats.nominal_crew if seats and seats.nominal_crew else (seats.total if seats and seats.total else 1)
    world = World.build(catalog, _systems_holding(catalog, rescuer_id, distressed_id))
    return _explained(catalog, Evaluator(catalog, world, options).evaluate(rescuer, distressed, place, crew))


def run_scenario(catalog: Catalog, scenario_id: str, options: EngineOptions | None = None) -> ScenarioResult:
    """Every responder of a declared scenario."""
    scenario = _require(catalog.scenarios, "rescue scenario", scenario_id, catalog)
    distressed = catalog.vehicles[scenario.distressed.vehicle]
    systems = [s for s in [scenario.distressed.system] + [r.system for r in scenario.responders] if s]
    vehicles = [scenario.distressed.vehicle] + [r.vehicle for r in scenario.responders]
    world = World.build(catalog, systems or _systems_holding(catalog, *vehicles), scenario)
    evaluator = Evaluator(catalog, world, options)
    direct = [
        evaluator.evaluate(
            catalog.vehicles[r.vehicle],
            distressed,
            scenario.distressed.at,
            scenario.distressed.crew,
            scenario=scenario,
            responder_index=i,
        )
        for i, r in enumerate(scenario.responders)
    ]
    results = [_explained(catalog, result) for result in scenario_paths(evaluator, scenario, direct)]
    return ScenarioResult(scenario.id, scenario.name, results)
