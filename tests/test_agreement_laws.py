"""Laws of crew agreements between partners (hypothesis; issue 26).

An agreement (interop.rules.agreements, read through
``RescueContext.under_agreement`` by CREW004 suits, CREW005 seat liners and
CREW006 training) lifts a crew finding that would be FAIL or UNKNOWN to
CONDITIONAL on what the agreement provides, between the systems of two
nations that both declare it, for a rescuer it names. Three systems of
three nations, each with one crew vehicle at LEO that every other can dock
with, are given generated agreements and generated crew equipment; the
laws hold over every row of the matrix:

- removing an agreement never makes a verdict better;
- an agreement between two systems never changes a row of any other pair;
- an agreement both sides declare alike is symmetric: each side's crew is
  taken home by the other's vehicle on the same terms;
- it changes only CREW004, CREW005 and CREW006, and only to CONDITIONAL,
  and only where both sides declare it.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine import check_matrix, check_vehicles
from interop.load import load_catalog
from interop.load.catalog import Catalog
from interop.model.documents import Agreement, TransportSystem
from interop.model.finding import Verdict
from interop.model.vocabulary import AgreementTerm, Regime, SeatLiners
from tests.rules.harness import BASE
from tests.spec_builders import element, system, write

LAWS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NATIONS = {"a": "Nation A", "b": "Nation B", "c": "Nation C"}
SYSTEMS = [f"sys-{side}" for side in NATIONS]
CREW_CODES = {
    "CREW004": AgreementTerm.SUITS,
    "CREW005": AgreementTerm.SEAT_LINERS,
    "CREW006": AgreementTerm.CREW_TRAINING,
}
NAMES = ["one agreement", "another agreement"]


@lru_cache(maxsize=1)
def _base() -> Catalog:
    """Three nations' systems, one crew vehicle each, all able to dock with each other (base rescuer's figures)."""
    base = yaml.safe_load((BASE / "vehicles" / "rescuer.yaml").read_text())
    idss = yaml.safe_load((BASE / "interfaces" / "idss.yaml").read_text())
    documents = [idss]
    for side, nation in NATIONS.items():
        ports = [{"id": "nose", "interface": "idss", "role": "either"}]
        documents.append({**base, "id": f"ship-{side}", "name": f"Ship {side.upper()}", "ports": ports})
        documents.append(system(f"sys-{side}", [element(f"ship-{side}")], nations=[nation]))
    with tempfile.TemporaryDirectory(prefix="agreement-laws-") as scratch:
        loaded = load_catalog([write(Path(scratch) / "specs", *documents)])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    return loaded.catalog


def _copy(catalog: Catalog) -> Catalog:
    fresh = Catalog()
    for (kind, ident), source_map in catalog.sources.items():
        fresh.add(catalog.table(kind)[ident].model_copy(deep=True), source_map)
    return fresh


# Crew equipment, drawn per vehicle: suits that fit or not or are unknown, liners
# moulded per crew or adjustable or unknown, spares none or unknown, a minimum crew
# of none (it flies up uncrewed) or unknown. Each makes CREW004-006 give a different verdict.
equipment = st.fixed_dictionaries(
    {
        "suits": st.sampled_from([["suit-a"], ["suit-x"], None]),
        "spare_suits": st.sampled_from([0, None]),
        "seat_liners": st.sampled_from(["custom-per-crew", "adjustable", None]),
        "spare_seat_liners": st.sampled_from([0, None]),
        "min_crew": st.sampled_from([0, 2, None]),
    }
)

agreements = st.fixed_dictionaries(
    {
        "name": st.sampled_from(NAMES),
        "covers": st.lists(st.sampled_from([t.value for t in AgreementTerm]), unique=True, max_size=5),
        "vehicles": st.lists(st.sampled_from([f"ship-{s}" for s in NATIONS]), unique=True, max_size=3),
    }
)

# Each system's declarations: a few agreements, each with its own terms and vehicles.
declarations = st.fixed_dictionaries({s: st.lists(agreements, max_size=2) for s in SYSTEMS})


def _agreement(drawn: dict) -> dict:
    return {"partners": ["Agency A", "Agency B"], "signed": "2022-07-14", **drawn}


def _catalog(kit: dict[str, dict], declared: dict[str, list[dict]]) -> Catalog:
    catalog = _copy(_base())
    for side in NATIONS:
        vehicle = catalog.vehicles[f"ship-{side}"]
        drawn = kit[side]
        assert vehicle.crew_equipment is not None and vehicle.seats is not None
        vehicle.crew_equipment.suits = drawn["suits"]
        vehicle.crew_equipment.spare_suits = drawn["spare_suits"]
        liners = drawn["seat_liners"]
        vehicle.crew_equipment.seat_liners = None if liners is None else SeatLiners(liners)
        vehicle.crew_equipment.spare_seat_liners = drawn["spare_seat_liners"]
        vehicle.seats.min_crew = drawn["min_crew"]
    for ident, listed in declared.items():
        data = catalog.systems[ident].model_dump(mode="json", exclude_none=True)
        data["agreements"] = [_agreement(a) for a in listed]
        catalog.systems[ident] = TransportSystem.model_validate(data)
    return catalog


kits = st.fixed_dictionaries({side: equipment for side in NATIONS})


def _rows(catalog: Catalog) -> dict[tuple, tuple]:
    """Every row of the matrix: its verdict, and each finding of its best rescue."""
    matrix = check_matrix(catalog, SYSTEMS)
    rows = {}
    for (rescuing, distressed), cell in matrix.cells.items():
        for row in cell.rows:
            findings = () if row.best is None else tuple((f.code, f.verdict, f.message) for f in row.best.findings)
            rows[(rescuing, distressed, row.distressed, row.place)] = (row.verdict, findings)
    return rows


def _crew_verdicts(catalog: Catalog, rescuer: str, crew: str) -> dict[str, Verdict]:
    result = check_vehicles(catalog, rescuer, crew, Regime.LEO)
    return {f.code: f.verdict for f in result.findings if f.code in CREW_CODES}


@LAWS
@given(kits, declarations, st.data())
def test_removing_an_agreement_never_makes_a_verdict_better(kit, declared, data):
    holders = [s for s, listed in declared.items() if listed]
    if not holders:
        return
    holder = data.draw(st.sampled_from(holders))
    index = data.draw(st.integers(min_value=0, max_value=len(declared[holder]) - 1))
    fewer = {**declared, holder: [a for i, a in enumerate(declared[holder]) if i != index]}
    before, after = _rows(_catalog(kit, declared)), _rows(_catalog(kit, fewer))
    assert before.keys() == after.keys()
    for key, (verdict, _) in before.items():
        assert after[key][0].rank >= verdict.rank, (key, verdict, after[key][0])


@LAWS
@given(kits, declarations, agreements, st.sampled_from([(0, 1), (0, 2), (1, 2)]))
def test_an_agreement_between_two_systems_never_changes_the_rows_of_another_pair(kit, declared, added, pair):
    first, second = SYSTEMS[pair[0]], SYSTEMS[pair[1]]
    # A name nobody else declares: the agreement is between these two systems alone.
    own = {**added, "name": "an agreement of two"}
    joined = {**declared, first: [*declared[first], own], second: [*declared[second], own]}
    before, after = _rows(_catalog(kit, declared)), _rows(_catalog(kit, joined))
    for (rescuing, distressed, *row), seen in before.items():
        if {rescuing, distressed} == {first, second}:
            continue
        assert after[(rescuing, distressed, *row)] == seen, (rescuing, distressed, row)


@LAWS
@given(equipment, agreements, st.sampled_from(NAMES))
def test_an_agreement_both_sides_declare_alike_is_symmetric(kit, drawn, name):
    """Two alike vehicles, one agreement declared alike by both: the crew rules read the same both ways."""
    same = {**drawn, "name": name, "vehicles": ["ship-a", "ship-b"]}
    catalog = _catalog({side: kit for side in NATIONS}, {"sys-a": [same], "sys-b": [same], "sys-c": []})
    assert _crew_verdicts(catalog, "ship-a", "ship-b") == _crew_verdicts(catalog, "ship-b", "ship-a")


@LAWS
@given(kits, declarations)
def test_an_agreement_lifts_only_crew_findings_only_to_conditional_and_only_when_both_sides_declare_it(kit, declared):
    plain = _catalog(kit, {s: [] for s in SYSTEMS})
    agreed = _catalog(kit, declared)
    for rescuer_side in NATIONS:
        for crew_side in NATIONS:
            if rescuer_side == crew_side:
                continue
            rescuer, crew = f"ship-{rescuer_side}", f"ship-{crew_side}"
            without = {f.code: f for f in check_vehicles(plain, rescuer, crew, Regime.LEO).findings}
            within = {f.code: f for f in check_vehicles(agreed, rescuer, crew, Regime.LEO).findings}
            assert without.keys() == within.keys()
            both = {
                term
                for a in declared[f"sys-{crew_side}"]
                if rescuer in a["vehicles"] and a["name"] in {b["name"] for b in declared[f"sys-{rescuer_side}"]}
                for term in a["covers"]
            }
            for code, finding in without.items():
                lifted = within[code]
                if (lifted.verdict, lifted.message) == (finding.verdict, finding.message):
                    continue
                assert code in CREW_CODES, (code, finding.message, lifted.message)
                assert lifted.verdict is Verdict.CONDITIONAL and finding.verdict is not Verdict.PASS, code
                assert CREW_CODES[code].value in both, (code, both)


def test_the_generated_catalog_is_one_where_an_agreement_decides():
    """The laws above are not vacuous: an agreement both sides declare lifts all three crew findings."""
    kit = {
        "suits": ["suit-x"],
        "spare_suits": 0,
        "seat_liners": "custom-per-crew",
        "spare_seat_liners": 0,
        "min_crew": 0,
    }
    full = {"name": NAMES[0], "covers": ["suits", "seat-liners", "crew-training"], "vehicles": ["ship-a", "ship-b"]}
    kits_a_x = {"a": {**kit, "suits": ["suit-a"]}, "b": kit, "c": kit}
    plain = _catalog(kits_a_x, {s: [] for s in SYSTEMS})
    agreed = _catalog(kits_a_x, {"sys-a": [full], "sys-b": [full], "sys-c": []})
    assert set(_crew_verdicts(plain, "ship-a", "ship-b").values()) <= {Verdict.FAIL, Verdict.CONDITIONAL}
    assert Verdict.FAIL in _crew_verdicts(plain, "ship-a", "ship-b").values()
    assert set(_crew_verdicts(agreed, "ship-a", "ship-b").values()) == {Verdict.CONDITIONAL}
    assert _crew_verdicts(agreed, "ship-a", "ship-c") == _crew_verdicts(plain, "ship-a", "ship-c")
    assert Agreement.model_validate(_agreement(full)).covers == [
        AgreementTerm.SUITS,
        AgreementTerm.SEAT_LINERS,
        AgreementTerm.CREW_TRAINING,
    ]
