"""The mating search against an exhaustive one.

plan_mating shares work between pairs: a rescuer's search frontiers, each
adapter step per port signature, and which groups of states may mate with a
target signature. None of that may change a result. The reference below
enumerates every path afresh for every pair, with no caches and no grouping,
and picks the winner by the documented order: fewest adapters, then the worst
link, then the path's length, then its labels. It shares with the engine only
what defines the question: check_mate, the world's stacks and free ports
(free_ports, _stack_path, _reverse) and the adapters in play.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interop.engine.mating import MAX_ADAPTERS, MateCache, _reverse, _stack_path, free_ports, plan_mating
from interop.engine.systems import crews_of, rescuers_of
from interop.engine.world import World
from interop.load import load_catalog
from interop.model.documents import Port, TransportSystem, Vehicle
from interop.model.vocabulary import Regime
from interop.rules.context import Link, MateStatus, MatingMode, missing_name
from interop.rules.port_compatibility import check_mate
from tests.test_engine_laws import LAWS, SOURCE, _base, _copy, _extra_interfaces, interface_sets, port_specs

ROOT = Path(__file__).resolve().parent.parent
RANK = {MateStatus.MATES: 0, MateStatus.SLOW: 1, MateStatus.UNKNOWN: 2, MateStatus.NO: 3}


def _generator():
    spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _label(link: Link) -> str:
    return f"{link.near.label()}>{link.far.label()}"


def _exhaustive(world: World, starts, targets, adapters):
    """(adapters used, links) of the best path through the fewest adapters, and the missing fields seen."""
    interfaces = world.catalog.interfaces

    def mate(a, b):
        return check_mate(a.port, interfaces.get(a.port.interface), b.port, interfaces.get(b.port.interface))

    missing: list[str] = []
    paths = [(links, exposed, ()) for links, exposed in starts]
    for _depth in range(MAX_ADAPTERS + 1):
        candidates = []
        for links, exposed, used in paths:
            for target, inward in targets:
                if target.vehicle.id in used or target.vehicle.id == exposed.vehicle.id:
                    continue
                check = mate(exposed, target)
                if check.status is MateStatus.UNKNOWN:
                    missing.extend(missing_name(m) for m in check.missing)
                if check.status in (MateStatus.MATES, MateStatus.SLOW):
                    full = links + [Link(exposed, target, check)] + inward
                    worst = max(RANK[link.check.status] for link in full)
                    candidates.append(((worst, len(full), tuple(map(_label, full))), used, full))
        if candidates:
            _key, used, full = min(candidates, key=lambda candidate: candidate[0])
            return (used, full), missing
        grown = []
        for links, exposed, used in paths:
            for adapter in adapters:
                if adapter.id in used or adapter.id == exposed.vehicle.id:
                    continue
                ends = [type(exposed)(adapter, index) for index in range(len(adapter.ports or ()))]
                for inbound in ends:
                    check = mate(exposed, inbound)
                    if check.status not in (MateStatus.MATES, MateStatus.SLOW):
                        continue
                    for outbound in ends:
                        if outbound.index != inbound.index:
                            grown.append((links + [Link(exposed, inbound, check)], outbound, used + (adapter.id,)))
        paths = grown
    return None, missing


def _expected(world: World, rescuer, distressed, place):
    """What plan_mating must find, in the terms compared: (mode, links, adapters, suggested, missing)."""
    targets = []
    for vehicle_id in [distressed.id] + [v for v in world.assembly(distressed.id) if v != distressed.id]:
        inward = _stack_path(world, vehicle_id, distressed.id) or []
        targets += [(end, inward) for end in free_ports(world, world.vehicle(vehicle_id))]
    starts = []
    for vehicle_id in world.assembly(rescuer.id):
        outward = _reverse(_stack_path(world, vehicle_id, rescuer.id) or [])
        starts += [(list(outward), end) for end in free_ports(world, world.vehicle(vehicle_id))]
    stationed, carried = world.adapters_for(rescuer, place)
    found, missing = _exhaustive(world, starts, targets, carried + stationed)
    if found is not None:
        used, links = found
        mode = MatingMode.ADAPTERS if used else MatingMode.DIRECT
        return mode, [_label(link) for link in links], list(used), [], []
    if missing:
        return MatingMode.UNKNOWN, [], [], [], sorted(set(missing))
    # Suggested only from the adapters the two vehicles' systems could bring:
    # stationed at the place, or carried by one of their vehicles.
    systems = {p.system.id for v in (rescuer.id, distressed.id) for p in world.placements.get(v, ())}
    reach = [
        adapter
        for adapter in world.spare_adapters()
        if adapter not in carried + stationed
        and any(
            p.system.id in systems and (p.element.carried_by is not None or place in (p.element.stationed_at or ()))
            for p in world.placements.get(adapter.id, ())
        )
    ]
    if not reach:
        return None, [], [], [], []
    pool = sorted(carried + stationed + reach, key=lambda adapter: adapter.id)
    suggestion, _ = _exhaustive(world, starts, targets, pool)
    return None, [], [], list(suggestion[0]) if suggestion else [], []


def _compare_every_pair(catalog, systems) -> Counter:
    """Compares every rescuer with every crew at each of its places; counts what was compared."""
    world = World.build(catalog, systems)
    mate = MateCache(world)  # one for the whole run, as the engine keeps it
    compared: Counter = Counter()
    for rescuing in systems:
        for rescuer in rescuers_of(catalog, rescuing):
            if rescuer.ports is None:
                continue
            for distressed_system in systems:
                for distressed, places, _crew in crews_of(catalog, distressed_system):
                    if distressed.id == rescuer.id or distressed.ports is None:
                        continue
                    for place in places or list(Regime):
                        plan = plan_mating(world, mate, rescuer, distressed, place)
                        mode, links, adapters, suggested, missing = _expected(world, rescuer, distressed, place)
                        where = f"{rescuer.id} -> {distressed.id} at {place.value}"
                        if mode is None:  # no path: EVA or none, decided elsewhere
                            assert plan.mode in (MatingMode.EVA, MatingMode.NONE), where
                        else:
                            assert plan.mode is mode, where
                        assert [_label(link) for link in plan.links] == links, where
                        assert [a.id for a in plan.adapters] == adapters, where
                        assert [a.id for a in plan.suggested_adapters] == suggested, where
                        assert [missing_name(m) for m in plan.missing] == missing, where
                        compared[plan.mode.value] += 1
                        compared["suggested"] += bool(suggested)
        mate.frontiers.clear()
    return compared


@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_the_search_finds_what_an_exhaustive_search_finds_on_generated_catalogs(tmp_path, seed):
    systems = _generator().write_engine_catalog(tmp_path, size=25, seed=seed)
    loaded = load_catalog([tmp_path])
    assert loaded.findings == []
    compared = _compare_every_pair(loaded.catalog, systems)
    # Direct and adapter paths were compared. These catalogs station every
    # adapter, so none is a suggestion (one stationed at the place is searched,
    # one stationed elsewhere is out of reach): the small catalogs below carry some.
    assert compared["direct"] and compared["adapters"], compared


def test_the_search_finds_what_an_exhaustive_search_finds_on_the_bundled_specs():
    catalog = load_catalog([ROOT / "specs"]).catalog
    compared = _compare_every_pair(catalog, sorted(catalog.systems))
    assert compared["direct"] and compared["adapters"], compared


# Small catalogs where paths tie, berthing makes a link slow, an interface
# without a declared partner list makes a link unknown, and an adapter with
# three ports could be passed through twice: the cases the generated catalogs
# above meet rarely or never.
@st.composite
def adapter_catalogs(draw):
    catalog = _copy(_base())
    if draw(st.booleans()):
        catalog.interfaces.update(draw(interface_sets()))
    else:
        _extra_interfaces(catalog)
    for vehicle_id in ("rescuer", "distressed"):
        specs = draw(st.lists(port_specs, min_size=1, max_size=3))
        catalog.vehicles[vehicle_id].ports = [
            Port(id=f"p{i}", interface=interface, role=role) for i, (interface, role) in enumerate(specs)
        ]
    adapters = {}
    for number in range(draw(st.integers(min_value=1, max_value=5))):
        specs = draw(st.lists(port_specs, min_size=2, max_size=3))
        # An adapter the distressed vehicle carries is only a candidate for a
        # suggestion; one stationed elsewhere is not even that.
        place = draw(st.sampled_from(["leo", "nrho", "carried"]))
        adapters[f"adapter-{number}"] = (
            [(f"x{i}", interface, role) for i, (interface, role) in enumerate(specs)],
            place,
        )
    _add_adapters(catalog, adapters)
    return catalog


def _add_adapters(catalog, adapters: dict[str, tuple[list[tuple], str]]) -> None:
    """Adapters by id, each with its ports (id, interface, role) and where the home system stations it
    (``carried``: the distressed vehicle carries it)."""
    elements = []
    for ident, (ports, place) in adapters.items():
        catalog.vehicles[ident] = Vehicle(
            kind="Vehicle",
            schema_version=1,
            id=ident,
            name=ident,
            sources=SOURCE,
            vehicle_type="adapter",
            status="operational",
            crewed=False,
            ports=[Port(id=i, interface=f, role=r) for i, f, r in ports],
        )
        if place == "carried":
            elements.append({"vehicle": ident, "role": "adapter", "carried_by": "distressed"})
        else:
            elements.append({"vehicle": ident, "role": "adapter", "stationed_at": [place]})
    home = catalog.systems["home"].model_dump(mode="json", exclude_none=True)
    catalog.systems["home"] = TransportSystem.model_validate({**home, "elements": home["elements"] + elements})


@LAWS
@given(adapter_catalogs())
def test_the_search_finds_what_an_exhaustive_search_finds_on_small_catalogs(catalog):
    _compare_every_pair(catalog, ["home"])


def _catalog_with(rescuer_ports, distressed_ports, adapters):
    catalog = _copy(_base())
    _extra_interfaces(catalog)
    catalog.vehicles["rescuer"].ports = [Port(id=i, interface=f, role=r) for i, f, r in rescuer_ports]
    catalog.vehicles["distressed"].ports = [Port(id=i, interface=f, role=r) for i, f, r in distressed_ports]
    _add_adapters(catalog, {ident: (ports, "leo") for ident, ports in adapters.items()})
    return catalog


def _plan(catalog):
    world = World.build(catalog, ["home"])
    rescuer, distressed = catalog.vehicles["rescuer"], catalog.vehicles["distressed"]
    return plan_mating(world, MateCache(world), rescuer, distressed, Regime.LEO)


def test_only_adapters_the_two_systems_could_bring_are_suggested():
    ports = [("x0", "idss", "passive"), ("x1", "apas", "active")]
    catalog = _copy(_base())
    _extra_interfaces(catalog)
    catalog.vehicles["rescuer"].ports = [Port(id="p", interface="idss", role="active")]
    catalog.vehicles["distressed"].ports = [Port(id="nose", interface="apas", role="passive")]
    _add_adapters(catalog, {"a-elsewhere": (ports, "nrho"), "brought": (ports, "carried")})
    assert [a.id for a in _plan(catalog).suggested_adapters] == ["brought"]
    assert _compare_every_pair(catalog, ["home"])["suggested"]


def test_a_berthed_link_on_the_way_loses_to_docked_links_of_the_same_length():
    # Both paths take one adapter and two links; the berthing one comes first by
    # its labels (rescuer/a < rescuer/b) but needs an arm, so the docked one wins.
    catalog = _catalog_with(
        [("a", "cbm", "active"), ("b", "idss", "active")],
        [("nose", "apas", "passive")],
        {
            "berth-adapter": [("x0", "cbm", "passive"), ("x1", "apas", "active")],
            "dock-adapter": [("y0", "idss", "passive"), ("y1", "apas", "active")],
        },
    )
    plan = _plan(catalog)
    assert plan.mode is MatingMode.ADAPTERS
    assert [a.id for a in plan.adapters] == ["dock-adapter"]


def test_an_adapter_port_is_not_used_twice_on_one_path():
    # Only by going out of the three-port adapter, through the other adapter and
    # back into its port x0, which already holds the rescuer, would the rescuer reach the crew.
    catalog = _catalog_with(
        [("p", "idss", "active")],
        [("nose", "idss", "active")],
        {
            "hub": [("x0", "idss", "passive"), ("x1", "apas", "active"), ("x2", "cbm", "passive")],
            "loop": [("y0", "apas", "passive"), ("y1", "cbm", "active")],
        },
    )
    plan = _plan(catalog)
    assert plan.mode in (MatingMode.EVA, MatingMode.NONE)
    assert plan.links == [] and plan.suggested_adapters == []


def test_a_mate_check_depends_only_on_what_it_is_memoised_on():
    """The engine memoises check_mate on (interface, role, gender) of each side,
    so two ports that differ only in id must get the same answer, and an unknown
    gender is named by its interface."""
    catalog = _copy(_base())
    _extra_interfaces(catalog)
    catalog.interfaces["probe"].gender = None
    interfaces = catalog.interfaces
    drogue = Port(id="cone", interface="drogue", role="passive")
    checks = {
        check_mate(Port(id=ident, interface="probe", role="active"), interfaces["probe"], drogue, interfaces["drogue"])
        for ident in ("nose", "aft", "zenith")
    }
    assert len(checks) == 1
    [check] = checks
    assert check.status is MateStatus.UNKNOWN and [missing_name(m) for m in check.missing] == ["probe.gender"]


def test_no_near_miss_pairs_a_port_with_its_own_vehicle_on_the_bundled_specs():
    """The no-path report once compared ida-3/nds with ida-3/nds: a port is never its own partner."""
    catalog = load_catalog([ROOT / "specs"]).catalog
    systems = sorted(catalog.systems)
    world = World.build(catalog, systems)
    mate = MateCache(world)
    misses = 0
    for rescuing in systems:
        for rescuer in rescuers_of(catalog, rescuing):
            for distressed_system in systems:
                for distressed, places, _crew in crews_of(catalog, distressed_system):
                    if distressed.id == rescuer.id:
                        continue
                    for place in places or ():
                        plan = plan_mating(world, mate, rescuer, distressed, place)
                        for miss in plan.near_misses:
                            assert miss.near.vehicle.id != miss.far.vehicle.id, miss.describe()
                            misses += 1
        mate.frontiers.clear()
    assert misses


def test_a_free_port_is_searched_before_a_held_one_and_the_plan_names_the_visitor():
    from interop.rules.base import Anchor
    from interop.rules.context import Hold

    catalog = _copy(_base())
    station = catalog.vehicles["station"]
    world = World.build(catalog, ["home"])
    distressed = catalog.vehicles["distressed"]
    rescuer = catalog.vehicles["rescuer"]
    mate = MateCache(world)

    def hold(port, can_undock):
        return Hold("visitor", None, "station", port, can_undock, None, Anchor(station, ()), ("can_undock",))

    world.holds[("station", "a")] = hold("a", True)
    plan = plan_mating(world, mate, rescuer, distressed, Regime.LEO, docked_to="station")
    assert [link.far.port.id for link in plan.docking_links] == ["b"] and plan.holds == []
    world.holds[("station", "b")] = hold("b", None)
    mate.frontiers.clear()
    plan = plan_mating(world, mate, rescuer, distressed, Regime.LEO, docked_to="station")
    # Both held: the one whose visitor can leave wins over the one nobody has said.
    assert [(end.port.id, h.visitor) for end, h in plan.holds] == [("a", "visitor")]
    world.holds[("station", "a")] = hold("a", False)
    mate.frontiers.clear()
    plan = plan_mating(world, mate, rescuer, distressed, Regime.LEO, docked_to="station")
    assert [end.port.id for end, _h in plan.holds] == ["b"]


def test_a_rescuer_that_is_a_module_of_the_crews_stack_is_already_there():
    catalog = load_catalog([ROOT / "specs"]).catalog
    world = World.build(catalog, ["iss"])
    plan = plan_mating(
        world, MateCache(world), catalog.vehicles["zvezda"], catalog.vehicles["soyuz-ms"], Regime.LEO, "harmony"
    )
    assert plan.mode is MatingMode.STACK
    assert plan.docking_links == [] and plan.near_misses == []
