"""Laws of the domain the engine must never break (hypothesis)."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine import EngineOptions, check_matrix, check_systems, check_vehicles, run_scenario
from interop.load import load_catalog
from interop.load.catalog import Catalog
from interop.model.documents import DockingInterface, Port, PortRef, TransportSystem, Vehicle
from interop.model.finding import Verdict
from interop.model.vocabulary import Gender, MatingStyle, PortRole, Regime, SeatLiners
from interop.rules.port_compatibility import check_mate
from tests.rules.harness import BASE

LAWS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOURCE = [{"title": "generated", "url": "https://example.org"}]
INTERFACE_IDS = ["idss", "apas", "probe", "drogue", "cbm"]


@lru_cache(maxsize=1)
def _base() -> Catalog:
    loaded = load_catalog([BASE])
    assert loaded.findings == []
    return loaded.catalog


def _copy(catalog: Catalog) -> Catalog:
    fresh = Catalog()
    for (kind, ident), source_map in catalog.sources.items():
        fresh.add(catalog.table(kind)[ident].model_copy(deep=True), source_map)
    return fresh


def _extra_interfaces(catalog: Catalog) -> None:
    for data in (
        {"id": "apas", "style": "androgynous", "mates_with": ["apas"], "passage_diameter_mm": 800},
        {"id": "probe", "style": "gendered", "gender": "probe", "mates_with": ["drogue"], "passage_diameter_mm": 760},
        {"id": "drogue", "style": "gendered", "gender": "drogue", "mates_with": ["probe"], "passage_diameter_mm": 760},
        {"id": "cbm", "style": "berthing", "mates_with": ["cbm"], "passage_diameter_mm": 1270},
    ):
        catalog.interfaces[data["id"]] = DockingInterface.model_validate(
            {"kind": "DockingInterface", "schema_version": 1, "name": data["id"], "sources": SOURCE, **data}
        )


ports = st.builds(
    lambda interface, role, gender: Port(id="p", interface=interface, role=role, gender=gender),
    st.sampled_from(INTERFACE_IDS),
    st.sampled_from(list(PortRole)),
    st.one_of(st.none(), st.sampled_from(list(Gender))),
)


@st.composite
def interface_sets(draw):
    interfaces = {}
    for ident in INTERFACE_IDS:
        style = draw(st.sampled_from(list(MatingStyle)))
        mates = draw(st.one_of(st.none(), st.lists(st.sampled_from(INTERFACE_IDS), unique=True)))
        gender = draw(st.one_of(st.none(), st.sampled_from(list(Gender))))
        interfaces[ident] = DockingInterface(
            kind="DockingInterface",
            schema_version=1,
            id=ident,
            name=ident,
            sources=SOURCE,
            style=style,
            mates_with=mates,
            gender=gender,
        )
    return interfaces


@LAWS
@given(interface_sets(), ports, ports)
def test_mating_is_symmetric(interfaces, a, b):
    forward = check_mate(a, interfaces[a.interface], b, interfaces[b.interface])
    backward = check_mate(b, interfaces[b.interface], a, interfaces[a.interface])
    assert forward.status is backward.status


def _with_distressed_port(catalog: Catalog, interface: str, role: PortRole) -> None:
    distressed = catalog.vehicles["distressed"]
    distressed.ports = [Port(id="nose", interface=interface, role=role)]


def _add_adapter(catalog: Catalog, ident: str, first: tuple[str, PortRole], second: tuple[str, PortRole]) -> None:
    catalog.vehicles[ident] = Vehicle(
        kind="Vehicle",
        schema_version=1,
        id=ident,
        name=ident,
        sources=SOURCE,
        vehicle_type="adapter",
        status="operational",
        crewed=False,
        ports=[Port(id="a", interface=first[0], role=first[1]), Port(id="b", interface=second[0], role=second[1])],
    )
    home = catalog.systems["home"]
    catalog.systems["home"] = TransportSystem.model_validate(
        {
            **home.model_dump(mode="json", exclude_none=True),
            "elements": home.model_dump(mode="json", exclude_none=True)["elements"]
            + [{"vehicle": ident, "role": "adapter", "stationed_at": ["leo"]}],
        }
    )


port_specs = st.tuples(st.sampled_from(INTERFACE_IDS), st.sampled_from(list(PortRole)))


@LAWS
@given(port_specs, port_specs, port_specs)
def test_adding_an_adapter_never_removes_a_rescue_path(target, adapter_a, adapter_b):
    catalog = _copy(_base())
    _extra_interfaces(catalog)
    _with_distressed_port(catalog, *target)
    before = check_vehicles(catalog, "rescuer", "distressed", Regime.LEO, crew=2)
    _add_adapter(catalog, "extra-adapter", adapter_a, adapter_b)
    after = check_vehicles(catalog, "rescuer", "distressed", Regime.LEO, crew=2)
    if before.mating_mode in ("direct", "adapters"):
        assert after.mating_mode in ("direct", "adapters")
        assert len(after.adapters) <= len(before.adapters)


@LAWS
@given(st.floats(min_value=300, max_value=1500), st.floats(min_value=0, max_value=700))
def test_enlarging_a_passage_never_turns_a_pass_into_a_fail(width, growth):
    def verdicts(passage):
        catalog = _copy(_base())
        catalog.interfaces["idss"].passage_diameter_mm = passage
        result = check_vehicles(catalog, "rescuer", "distressed", Regime.LEO, crew=2)
        [xfer] = [f for f in result.findings if f.code == "XFER001"]
        return xfer.verdict, result.verdict

    narrow_rule, narrow_overall = verdicts(width)
    wide_rule, wide_overall = verdicts(width + growth)
    assert wide_rule.rank <= narrow_rule.rank
    assert wide_overall.rank <= narrow_overall.rank


OPTIONAL_VEHICLE_FIELDS = [
    ("seats",),
    ("crew_equipment",),
    ("atmosphere",),
    ("rendezvous",),
    ("radios",),
    ("power",),
    ("propulsion",),
    ("life_support",),
    ("regimes",),
    ("earth_return",),
    ("return_transit_days",),
    ("airlock",),
    ("suited_egress",),
    ("seats", "min_crew"),
    ("seats", "nominal_crew"),
    ("atmosphere", "pressure_kpa"),
    ("atmosphere", "o2_fraction"),
    ("atmosphere", "max_o2_fraction"),
    ("crew_equipment", "suits"),
    ("crew_equipment", "spare_suits"),
    ("life_support", "crew_days"),
    ("life_support", "max_crew"),
    ("life_support", "endurance_days"),
]


def _remove(catalog: Catalog, vehicle_id: str, path: tuple) -> None:
    node = catalog.vehicles[vehicle_id]
    for part in path[:-1]:
        node = getattr(node, part)
        if node is None:
            return
    setattr(node, path[-1], None)


def _rule_verdicts(catalog: Catalog) -> dict[str, set[Verdict]]:
    [result] = run_scenario(catalog, "stranded").results
    verdicts: dict[str, set[Verdict]] = {}
    for finding in result.findings:
        verdicts.setdefault(finding.code, set()).add(finding.verdict)
    return verdicts


removals = st.lists(
    st.tuples(st.sampled_from(["rescuer", "distressed"]), st.sampled_from(OPTIONAL_VEHICLE_FIELDS)), max_size=4
)


@LAWS
@given(removals, st.sampled_from(["rescuer", "distressed"]), st.sampled_from(OPTIONAL_VEHICLE_FIELDS))
def test_removing_a_known_value_never_turns_unknown_into_pass(already_removed, vehicle, field):
    catalog = _copy(_base())
    for vehicle_id, path in already_removed:
        _remove(catalog, vehicle_id, path)
    before = _rule_verdicts(catalog)
    _remove(catalog, vehicle, field)
    after = _rule_verdicts(catalog)
    for code, verdicts in before.items():
        if Verdict.UNKNOWN in verdicts:
            assert after.get(code, set()) != {Verdict.PASS}, code


@st.composite
def varied_catalogs(draw):
    catalog = _copy(_base())
    _extra_interfaces(catalog)
    for vehicle_id in ("rescuer", "distressed"):
        vehicle = catalog.vehicles[vehicle_id]
        vehicle.ports = [
            Port(id=f"p{i}", interface=i_, role=r) for i, (i_, r) in enumerate(draw(st.lists(port_specs, max_size=3)))
        ]
        vehicle.regimes = draw(st.one_of(st.none(), st.lists(st.sampled_from(list(Regime)), unique=True, max_size=3)))
        if draw(st.booleans()):
            vehicle.atmosphere = None
        if draw(st.booleans()):
            vehicle.seats = None
    if draw(st.booleans()):
        _add_adapter(catalog, "extra-adapter", draw(port_specs), draw(port_specs))
    return catalog


@LAWS
@given(varied_catalogs(), st.booleans())
def test_the_engine_never_raises_on_a_valid_catalog(catalog, strict):
    options = EngineOptions(strict=strict)
    check_systems(catalog, "home", "home", options)
    check_matrix(catalog, None, options)
    run_scenario(catalog, "stranded", options)
    for place in Regime:
        check_vehicles(catalog, "rescuer", "distressed", place, options=options)


def test_each_row_holds_the_best_of_all_rescuers_evaluated_one_pair_at_a_time():
    """A direction keeps a running best per crew while releasing search caches;
    each row must still be the best rescue over every rescuer, each evaluated
    on its own by a fresh evaluator (or a path of several legs that ranks above them all)."""
    from pathlib import Path

    from interop.engine.paths import rank as _rank
    from interop.engine.rescue import Evaluator
    from interop.engine.systems import crews_of, rescuers_of
    from interop.engine.world import World

    catalog = load_catalog([Path(__file__).resolve().parent.parent / "specs"]).catalog
    systems = ["us-artemis", "ru-lunar", "cn-lunar"]
    matrix = check_matrix(catalog, systems)
    world = World.build(catalog, systems)
    compared = 0
    for (rescuing, distressed), cell in matrix.cells.items():
        rows = {(row.distressed, row.place): row for row in cell.rows}
        for vehicle, places, crew in crews_of(catalog, distressed):
            for place in places or ():
                results = [
                    Evaluator(catalog, world).evaluate(r, vehicle, place, crew)
                    for r in rescuers_of(catalog, rescuing)
                    if r.id != vehicle.id
                ]
                row = rows[(vehicle.id, place.value)]
                if not results:
                    assert row.best is None
                    continue
                expected = min(results, key=_rank)
                if len(row.best.legs) > 1:
                    # A path of several legs holds the row only when it ranks above every direct rescue.
                    assert _rank(row.best) < _rank(expected) and row.candidates == len(results)
                    compared += 1
                    continue
                assert (row.best.rescuer, row.best.verdict, row.candidates) == (
                    expected.rescuer,
                    expected.verdict,
                    len(results),
                )
                compared += 1
    assert compared > 5


# ------------------------------------------------ rescue situations (issue 16)
#
# The base catalog's station (tests/rules/base/vehicles/station.yaml) is made
# part of the home system; the crew shelters aboard it, their vehicle docked
# at its port a, with port b free or held by a visitor.


def _at_station(catalog: Catalog, station_ports, distressed_undock, visitor=None) -> Catalog:
    station = catalog.vehicles["station"]
    station.ports = [Port(id=name, interface=interface, role=role) for name, (interface, role) in station_ports]
    home = catalog.systems["home"].model_dump(mode="json", exclude_none=True)
    home["elements"].append({"vehicle": "station", "role": "station", "stationed_at": ["leo"]})
    catalog.systems["home"] = TransportSystem.model_validate(home)
    scenario = catalog.scenarios["stranded"].model_dump(mode="json", exclude_none=True)
    scenario["distressed"].update(docked_to="station", port="a")
    if distressed_undock is not None:
        scenario["distressed"]["can_undock"] = distressed_undock
    if visitor is not None:
        scenario["dockings"] = [{"vehicle": "visitor", "at": {"vehicle": "station", "port": "b"}, **visitor}]
    catalog.scenarios["stranded"] = type(catalog.scenarios["stranded"]).model_validate(scenario)
    return catalog


def _scenario_verdict(catalog: Catalog, index: int = 0) -> Verdict:
    return run_scenario(catalog, "stranded").results[index].verdict


station_ports = st.tuples(port_specs, port_specs)
flags = st.one_of(st.none(), st.booleans())


@LAWS
@given(station_ports, flags, st.one_of(st.none(), st.fixed_dictionaries({"can_undock": flags, "can_relocate": flags})))
def test_a_vehicle_that_can_undock_never_makes_a_rescue_worse(ports, visitor_undock, visitor):
    """Declaring that the vehicle holding a port can leave is never worse than saying it cannot, or nothing."""
    named = list(zip(("a", "b"), ports, strict=True))

    def verdict(distressed_undock, visitor_flags):
        catalog = _at_station(_copy(_base()), named, distressed_undock, visitor_flags)
        _extra_interfaces(catalog)
        return _scenario_verdict(catalog)

    visitor = {k: v for k, v in (visitor or {}).items() if v is not None} if visitor is not None else None
    for held_back in (False, None):
        assert verdict(True, visitor).rank <= verdict(held_back, visitor).rank
    if visitor is not None:
        leaves = {**visitor, "can_undock": True}
        for stays in ({**visitor, "can_undock": False}, {k: v for k, v in visitor.items() if k != "can_undock"}):
            assert verdict(visitor_undock, leaves).rank <= verdict(visitor_undock, stays).rank


@LAWS
@given(station_ports, st.lists(port_specs, max_size=2), flags)
def test_a_rescuer_in_the_crews_stack_never_needs_a_docking(ports, rescuer_ports, distressed_undock):
    """Whatever its ports, a rescuer docked at the crew's station makes no new docking and no approach."""
    catalog = _at_station(_copy(_base()), list(zip(("a", "b"), ports, strict=True)), distressed_undock)
    _extra_interfaces(catalog)
    catalog.vehicles["rescuer"].ports = [
        Port(id=f"p{i}", interface=f, role=r) for i, (f, r) in enumerate(rescuer_ports)
    ]
    catalog.scenarios["stranded"].responders[0].docked_to = PortRef(vehicle="station", port="b")
    [result] = run_scenario(catalog, "stranded").results
    assert result.mating_mode == "stack"
    assert all(step.permanent for step in result.path)
    # A declared docking goes through the mate check (issue 26): ports that cannot
    # mate are a DOCK001 failure at the docking, the one exception to the law.
    from interop.rules.port_compatibility import MateStatus, check_mate

    docked = result.path[0] if result.path else None
    cannot = False
    if docked is not None and docked.near_vehicle == "rescuer":
        own = catalog.vehicles["rescuer"].port(docked.near_port)
        at = catalog.vehicles[docked.far_vehicle].port(docked.far_port)
        assert own is not None and at is not None
        interfaces = catalog.interfaces
        cannot = (
            check_mate(own, interfaces.get(own.interface), at, interfaces.get(at.interface)).status is MateStatus.NO
        )
    for finding in result.findings:
        if finding.locator.endswith(":distressed.port"):
            continue  # the crew's own declared docking, checked for what it is (issue 26), not the rescuer's
        if finding.code == "DOCK001" and cannot:
            assert finding.verdict is Verdict.FAIL, finding.message
            continue
        if finding.code in ("DOCK001", "DOCK005", "DOCK006", "RDV001", "COMM001", "COMM002"):
            assert finding.verdict is Verdict.PASS, (finding.code, finding.message)


design_changes = st.lists(
    st.sampled_from(
        [
            ("rescuer", ("crew_equipment", "suits")),
            ("rescuer", ("crew_equipment", "seat_liners")),
            ("rescuer", ("atmosphere",)),
            ("rescuer", ("radios",)),
            ("distressed", ("crew_equipment", "suits")),
            ("distressed", ("atmosphere",)),
            ("distressed", ("radios",)),
        ]
    ),
    max_size=4,
)


@LAWS
@given(design_changes, st.sampled_from(["suit-b", None]), st.booleans(), st.booleans())
def test_declaring_two_vehicles_of_one_design_never_turns_a_pass_into_a_fail(removed, other_suit, custom, uncrewed):
    """One design shares liners, suits, training, air and radios by declaration: never worse than unrelated."""

    def verdicts(same):
        catalog = _copy(_base())
        for vehicle_id, path in removed:
            _remove(catalog, vehicle_id, path)
        if other_suit and catalog.vehicles["distressed"].crew_equipment is not None:
            catalog.vehicles["distressed"].crew_equipment.suits = [other_suit]
        equipment = catalog.vehicles["rescuer"].crew_equipment
        if custom and equipment is not None:
            equipment.seat_liners = SeatLiners.CUSTOM_PER_CREW
        if uncrewed:
            catalog.scenarios["stranded"].responders[0].crew_aboard = 0
        if same:
            catalog.vehicles["rescuer"].design = "distressed"
        [result] = run_scenario(catalog, "stranded").results
        return result.verdict, {f.code: f.verdict for f in result.findings}

    apart, apart_rules = verdicts(False)
    alike, alike_rules = verdicts(True)
    assert alike.rank <= apart.rank
    for code, verdict in apart_rules.items():
        if verdict is Verdict.PASS:
            assert alike_rules[code] is not Verdict.FAIL, code
