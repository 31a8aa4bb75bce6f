"""Messages are built from the facts a rule found (issue 26).

Every rule's pass, conditional, fail and unknown messages (and remedies and
conditions) are rendered for generated inputs: the fixture cases of every
rule (tests/rules/fixtures, which cover each rule's verdicts) and the base
catalog with generated figures. Two facts are checked on every text: no
number has more than two decimal places, and "flown up" is said only of
what a scenario says was flown up.
"""

from __future__ import annotations

import ast
import inspect
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine import run_scenario
from interop.load import load_catalog
from interop.rules.base import figure
from tests.rules.harness import BASE, load_cases, materialise, run

LONG_DECIMAL = re.compile(r"\d\.\d{3,}")


def _texts(results) -> list[tuple[str, str]]:
    texts = []
    for result in results:
        for finding in result.findings:
            texts.append((finding.code, finding.message))
            if finding.remedy:
                texts.append((finding.code, finding.remedy))
            texts.extend((finding.code, c) for c in finding.conditions)
    return texts


def _no_long_decimals(texts) -> None:
    bad = [(code, text) for code, text in texts if LONG_DECIMAL.search(text)]
    assert bad == [], bad


@pytest.mark.parametrize("value, text", [(0.708333, "0.71"), (101.35294, "101.35"), (4.0, "4"), (3, "3"), (0.001, "0")])
def test_a_figure_has_two_decimal_places_at_most(value, text):
    assert figure(value) == text


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_rule_case_renders_its_figures_plainly(case, tmp_path):
    _no_long_decimals(_texts(run(case, materialise(case, tmp_path / "case"))))


_MAKERS = {"passed": "pass", "conditional": "conditional", "failed": "fail", "unknown": "unknown"}


def _verdicts_written(check) -> set[str]:
    """The verdicts a rule's module can give: the outcome makers it calls, and an agreement's CONDITIONAL."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(check)))
    given = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in _MAKERS:
            given.add(_MAKERS[name])
        elif name == "under_agreement":
            given.add("conditional")
    return given


def test_the_fixture_cases_cover_every_verdict_of_every_rule():
    """The sweep above renders every verdict each rule's module can give, pass, conditional, fail and unknown."""
    from interop.rules.base import registry

    covered: dict[str, set[str]] = {}
    for case in CASES:
        for expected in case.expect:
            covered.setdefault(case.rule, set()).add(expected["verdict"])
    uncovered = {}
    for code, rule in registry().items():
        written = _verdicts_written(rule.check)
        assert len(written) >= 2, (code, written)
        if written - covered.get(code, set()):
            uncovered[code] = sorted(written - covered.get(code, set()))
    assert uncovered == {}, uncovered


def _base_with(tmp_path: Path, replacements: dict[str, list[tuple[str, str]]]) -> Path:
    folder = tmp_path / "specs"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BASE, folder)
    for name, pairs in replacements.items():
        path = folder / name
        text = path.read_text()
        for old, new in pairs:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text)
    return folder


odd = st.floats(min_value=0.001, max_value=500, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pressure=st.floats(min_value=40, max_value=110),
    other=st.floats(min_value=40, max_value=110),
    o2=st.floats(min_value=0.15, max_value=0.95),
    home=st.floats(min_value=0.001, max_value=40),
    crew_days=odd,
    endurance=odd,
    volts=st.floats(min_value=20, max_value=200),
)
def test_generated_figures_print_with_two_decimals_at_most(
    tmp_path, pressure, other, o2, home, crew_days, endurance, volts
):
    folder = _base_with(
        tmp_path,
        {
            "vehicles/rescuer.yaml": [
                ("pressure_kpa: 101.3", f"pressure_kpa: {pressure!r}"),
                ("o2_fraction: 0.21", f"o2_fraction: {o2!r}"),
                ("return_transit_days: {leo: 1}", f"return_transit_days: {{leo: {home!r}}}"),
                ("crew_days: 200", f"crew_days: {crew_days!r}"),
                ("endurance_days: 30", f"endurance_days: {endurance!r}"),
                ("bus_voltage_v: 120", f"bus_voltage_v: {volts!r}"),
            ],
            "vehicles/distressed.yaml": [("pressure_kpa: 101.3", f"pressure_kpa: {other!r}")],
        },
    )
    loaded = load_catalog([folder])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    _no_long_decimals(_texts(run_scenario(loaded.catalog, "stranded").results))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spares=st.integers(min_value=0, max_value=4), flown=st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
def test_flown_up_is_said_only_of_what_was_flown_up(tmp_path, spares, flown):
    """Crew-9 (2024): two spare suits, one flown up and one aboard already, never "2 flown up"."""
    flown = None if flown is None else min(flown, spares)
    stated = f", spare_suits: {spares}" + ("" if flown is None else f", spare_suits_flown_up: {flown}")
    folder = _base_with(
        tmp_path,
        {
            "vehicles/rescuer.yaml": [("suits: [suit-a], spare_suits: 0", "suits: [suit-b], spare_suits: 0")],
            "scenarios/stranded.yaml": [("delta_v_required_mps: 500}", f"delta_v_required_mps: 500{stated}}}")],
        },
    )
    loaded = load_catalog([folder])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    texts = [t for code, t in _texts(run_scenario(loaded.catalog, "stranded").results) if code == "CREW004"]
    assert texts
    said = " ".join(texts)
    if not flown:
        assert "flown up" not in said, said
    else:
        claimed = [int(n) for n in re.findall(r"(\d+) flown up", said)]
        assert all(n == flown for n in claimed), said
        if flown < spares:
            assert f"{spares - flown} already aboard" in said, said


@pytest.mark.parametrize(
    "aboard, seats, said_first",
    [
        (
            ", crew_aboard: 0",
            "seats: {total: 6, nominal_crew: 2, min_crew: 2, addable: 0}",
            "rescuer is docked with none of its own crew aboard",
        ),
        (
            "",
            "seats: {total: 6, addable: 0}",
            "whether rescuer, docked in the crew's stack, has its own crew aboard is not known",
        ),
    ],
    ids=["uncrewed", "crew-unknown"],
)
def test_a_docked_lifeboat_is_not_said_to_fly_up(aboard, seats, said_first):
    """CREW006 for Shenzhou-21, docked at Tianhe with its crew staying aboard the station."""
    from tests.rules.harness import Case

    case = Case(
        rule="CREW006",
        name="docked",
        edits=[
            {
                "file": "vehicles/rescuer.yaml",
                "old": "seats: {total: 6, nominal_crew: 2, min_crew: 2, addable: 0}",
                "new": seats,
            },
            {
                "file": "scenarios/stranded.yaml",
                "old": "distressed: {vehicle: distressed, system: home, at: leo, crew: 2, life_support_hours: 100}",
                "new": "distressed: {vehicle: distressed, system: home, docked_to: station, port: a, at: leo, crew: 2, life_support_hours: 100}",
            },
            {
                "file": "scenarios/stranded.yaml",
                "old": "delta_v_required_mps: 500}",
                "new": f"delta_v_required_mps: 500{aboard}, docked_to: {{vehicle: station, port: b}}}}",
            },
            {
                "file": "systems/home.yaml",
                "old": "  - {vehicle: distressed, role: crew-transport, stationed_at: [leo]}",
                "new": "  - {vehicle: distressed, role: crew-transport, stationed_at: [leo]}\n"
                "  - {vehicle: station, role: station, stationed_at: [leo]}",
            },
        ],
    )
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        results = run(case, materialise(case, Path(scratch) / "case"))
    said = [t for code, t in _texts(results) if code == "CREW006"]
    assert said and not any("flies up" in t for t in said), said
    assert said_first in said[0], said
