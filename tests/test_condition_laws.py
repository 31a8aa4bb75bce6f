"""The condition an UNKNOWN states is the truth about its rule (hypothesis).

For each rule below that takes a number, a list or a flag: unpublish one
value of the base fixture catalog (tests/rules/base), read the condition
the waiting rule states for it, then put a generated value in its place.
A value that meets the condition makes the rule pass; one that breaks it,
with every alternative the condition names taken away, makes it fail.
The values are generated from the condition record alone (its op, value
and unit), never from its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine import run_scenario
from interop.load import load_catalog
from interop.load.catalog import Catalog
from interop.model.finding import Condition, ConditionOp, Verdict
from interop.model.vocabulary import Regime
from tests.rules.harness import BASE

LAWS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@dataclass(frozen=True)
class Case:
    """One value of one document, unpublished; ``setup`` edits (path, value) first, ``absent`` takes the alternatives away."""

    rule: str
    kind: str
    document: str
    path: tuple
    shape: str  # "int", "float", "list", "flag"
    universe: tuple = ()
    """For a list: the items it may hold."""
    setup: tuple = ()
    absent: tuple = ()
    never_fails: bool = False
    best: Verdict = Verdict.PASS
    """What meeting the condition gives: PASS, or CONDITIONAL where the value only ever makes a procedure
    possible (seats installed before launch, spare suits flown up)."""
    convert: str = ""
    lowest: float = 0
    """The smallest value to generate (a passage of 0 mm is no passage at all: DOCK007's, not XFER001's)."""
    """How a list item becomes a spec value ("regime")."""


def _set(catalog: Catalog, kind: str, document: str, path: tuple, value) -> None:
    target = catalog.table(kind)[document]
    for step in path[:-1]:
        target = target[step] if isinstance(target, dict) else getattr(target, step)
    last = path[-1]
    if isinstance(target, dict):
        target[last] = value
    else:
        setattr(target, last, value)


NO_ADJUSTABLE = tuple(
    (("Vehicle", v, ("atmosphere", bound)), None)
    for v in ("rescuer", "distressed")
    for bound in ("adjustable_min_kpa", "adjustable_max_kpa")
)
NO_AIRLOCK = tuple((("Vehicle", v, ("airlock",)), False) for v in ("rescuer", "distressed"))

CASES = [
    Case("ATM001", "Vehicle", "distressed", ("atmosphere", "pressure_kpa"), "float", absent=NO_ADJUSTABLE + NO_AIRLOCK),
    Case("ATM001", "Vehicle", "rescuer", ("atmosphere", "pressure_kpa"), "float", absent=NO_ADJUSTABLE + NO_AIRLOCK),
    Case("ATM002", "Vehicle", "distressed", ("atmosphere", "o2_fraction"), "fraction", absent=NO_AIRLOCK),
    Case("XFER001", "DockingInterface", "idss", ("passage_diameter_mm",), "float", lowest=1),
    Case("REACH003", "Vehicle", "rescuer", ("propulsion", "delta_v_mps"), "float"),
    Case(
        "CONS001",
        "Vehicle",
        "rescuer",
        ("life_support", "crew_days"),
        "float",
        setup=((("Vehicle", "rescuer", ("life_support", "endurance_days")), None),),  # else derived from it
    ),
    Case("RET002", "Vehicle", "rescuer", ("life_support", "endurance_days"), "float"),
    Case(
        "CREW002",
        "Vehicle",
        "rescuer",
        ("seats", "addable"),
        "int",
        setup=((("Vehicle", "rescuer", ("seats", "total")), 3),),
        best=Verdict.CONDITIONAL,
    ),
    Case(
        "CREW004",
        "Vehicle",
        "rescuer",
        ("crew_equipment", "spare_suits"),
        "int",
        setup=((("Vehicle", "distressed", ("crew_equipment", "suits")), ["suit-b"]),),
        best=Verdict.CONDITIONAL,
    ),
    Case(
        "CREW004",
        "Vehicle",
        "distressed",
        ("crew_equipment", "suits"),
        "list",
        universe=("suit-a", "suit-b", "suit-c"),
    ),
    Case(
        "REACH001",
        "Vehicle",
        "rescuer",
        ("regimes",),
        "list",
        universe=tuple(r.value for r in Regime),
        convert="regime",
    ),
    Case("RET001", "Vehicle", "rescuer", ("earth_return",), "flag"),
    Case(
        "CREW006",
        "Vehicle",
        "rescuer",
        ("seats", "min_crew"),
        "int",
        setup=((("Vehicle", "rescuer", ("seats", "nominal_crew")), None),),  # else it flies its nominal crew
        never_fails=True,
    ),
]


def _outcome(case: Case, edits) -> tuple[Verdict, list[Condition]]:
    catalog = _copy(_base())
    for (kind, document, path), value in edits:
        _set(catalog, kind, document, path, value)
    [result] = run_scenario(catalog, "stranded").results
    [finding] = [f for f in result.findings if f.code == case.rule]
    return finding.verdict, finding.requirements


def _condition(case: Case) -> Condition:
    verdict, requirements = _outcome(case, case.setup + (((case.kind, case.document, case.path), None),))
    assert verdict is Verdict.UNKNOWN
    name = f"{case.document}." + ".".join(str(p) for p in case.path)
    [condition] = [c for c in requirements if name in c.names]
    assert condition.rule == case.rule and condition.fields[0].kind == case.kind
    return condition


def _number(case: Case, low: float, high: float):
    if case.shape == "int":
        return st.integers(int(-(-low // 1)), int(high // 1))
    return st.floats(low, high, allow_nan=False)


def _values(case: Case, condition: Condition, meet: bool):
    """Values that meet the condition (``meet``) or break it, from its op and value alone."""
    op, value = condition.op, condition.value
    top = 1.0 if case.shape == "fraction" else 1e5
    if op is ConditionOp.AT_LEAST:
        return (
            _number(case, value, top)
            if meet
            else _number(case, case.lowest, value - (1 if case.shape == "int" else 1e-6))
        )
    if op is ConditionOp.AT_MOST:
        return (
            _number(case, case.lowest, value)
            if meet
            else _number(case, value + (1 if case.shape == "int" else 1e-6), top)
        )
    if op is ConditionOp.BETWEEN:
        low, high = value
        if meet:
            return _number(case, low, high)
        return st.one_of(_number(case, 0, max(low - 1e-6, 0)), _number(case, high + 1e-6, top)).filter(
            lambda x: not low <= x <= high
        )
    if op in (ConditionOp.INCLUDES, ConditionOp.INCLUDES_ANY):
        wanted = set(value) if isinstance(value, tuple) else {value}
        others = [u for u in case.universe if u not in wanted]
        if meet:
            return st.tuples(st.sampled_from(sorted(wanted)), st.lists(st.sampled_from(case.universe))).map(
                lambda t: [t[0], *t[1]]
            )
        return st.lists(st.sampled_from(others), unique=True) if others else st.just([])
    if op is ConditionOp.IS:
        return st.just(value) if meet else st.just(not value)
    raise AssertionError(f"{case.rule}: no values generated for op {op.value}")


def _spec_value(case: Case, value):
    if case.convert == "regime":
        return [Regime(v) for v in value]
    return value


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'.'.join(map(str, c.path))}" for c in CASES])
@LAWS
@given(data=st.data())
def test_a_value_that_meets_the_condition_makes_the_rule_pass(case, data):
    condition = _condition(case)
    value = data.draw(_values(case, condition, meet=True))
    verdict, _ = _outcome(case, case.setup + (((case.kind, case.document, case.path), _spec_value(case, value)),))
    assert verdict is case.best, (condition.text, value)


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if not c.never_fails],
    ids=[f"{c.rule}-{'.'.join(map(str, c.path))}" for c in CASES if not c.never_fails],
)
@LAWS
@given(data=st.data())
def test_a_value_that_breaks_it_with_no_alternative_makes_the_rule_fail(case, data):
    condition = _condition(case)
    value = data.draw(_values(case, condition, meet=False))
    edits = case.setup + case.absent + (((case.kind, case.document, case.path), _spec_value(case, value)),)
    verdict, _ = _outcome(case, edits)
    assert verdict is Verdict.FAIL, (condition.text, value)


def test_a_rule_that_never_fails_still_stays_short_of_a_pass_when_its_condition_is_broken():
    [case] = [c for c in CASES if c.never_fails]
    condition = _condition(case)
    assert (condition.op, condition.value) == (ConditionOp.AT_LEAST, 1)
    verdict, _ = _outcome(case, case.setup + (((case.kind, case.document, case.path), 0),))
    assert verdict is Verdict.CONDITIONAL


def test_the_conditions_example_in_the_docs_is_what_check_reports():
    import json
    from pathlib import Path

    from interop.engine import check_systems
    from interop.report.records import system_record

    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "uncertainty.md").read_text()
    marker = "test_the_conditions_example_in_the_docs_is_what_check_reports"
    block = text[text.index(marker) :].split("```json\n", 1)[1].split("```", 1)[0]
    catalog = load_catalog([root / "specs"]).catalog
    report = system_record(check_systems(catalog, "us-artemis", "ru-lunar"))
    [row] = [r for d in report["directions"] for r in d["rows"] if (r["distressed"], r["place"]) == ("orel", "leo")]
    assert row["rescuer"] == "orion"
    [wanted] = [w for w in row["wanted"] if w["name"] == "orel.atmosphere.pressure_kpa"]
    assert wanted["conditions"][0] == json.loads(block), "docs/uncertainty.md's Conditions example drifted"
