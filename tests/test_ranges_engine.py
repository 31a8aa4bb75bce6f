"""Verdicts over ranges: worst and best, the splits between them, and their laws."""

from __future__ import annotations

import json
from functools import lru_cache

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interop.engine import EngineOptions, check_vehicles
from interop.engine import ranges as spans
from interop.engine.rescue import Evaluator
from interop.load import load_catalog
from interop.load.catalog import Catalog
from interop.model.finding import Verdict
from interop.model.values import CountSpan, Span
from interop.model.vocabulary import Regime
from tests.rules.harness import BASE

LAWS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def _base() -> Catalog:
    loaded = load_catalog([BASE])
    assert loaded.findings == []
    return loaded.catalog


def _copy() -> Catalog:
    fresh = Catalog()
    for (kind, ident), source_map in _base().sources.items():
        fresh.add(_base().table(kind)[ident].model_copy(deep=True), source_map)
    fresh.vehicles["rescuer"].return_transit_days = {Regime.LEO: 12.0}
    return fresh


# Numbers the base rescue depends on, each read by a rule of its own kind:
# RET002 (monotone: endurance against 12 days home), ATM001 (a window around
# the rescuer's 101.3 kPa, and its adjustable 70..101.3 kPa), CREW003 (a count).
FIELDS = {
    "endurance": ("rescuer", ("life_support", "endurance_days"), 0.0, 60.0, False),
    "pressure": ("distressed", ("atmosphere", "pressure_kpa"), 30.0, 200.0, False),
    "max_crew": ("rescuer", ("life_support", "max_crew"), 0, 12, True),
}


def _set(catalog: Catalog, name: str, value) -> None:
    vehicle, path, _low, _high, _count = FIELDS[name]
    part = catalog.vehicles[vehicle]
    for key in path[:-1]:
        part = getattr(part, key)
    setattr(part, path[-1], value)


def _span(name: str, low, high):
    if low == high:
        return low
    if FIELDS[name][4]:
        return CountSpan(low, high)
    return Span(low, high, "days" if name == "endurance" else "kpa")


def _rescue(name: str, value, **options):
    catalog = _copy()
    _set(catalog, name, value)
    return check_vehicles(catalog, "rescuer", "distressed", Regime.LEO, crew=2, options=EngineOptions(**options))


def _value(name: str):
    _vehicle, _path, low, high, count = FIELDS[name]
    if count:
        return st.integers(low, high)
    return st.floats(low, high, allow_nan=False).map(lambda v: round(v, 3))


@st.composite
def ranged(draw):
    name = draw(st.sampled_from(sorted(FIELDS)))
    a, b = draw(_value(name)), draw(_value(name))
    return name, min(a, b), max(a, b)


def _predicted(splits, value) -> Verdict:
    """The verdict the splits give at ``value``."""
    verdict = splits[0].below
    for split in sorted(splits, key=lambda s: s.at):
        if value >= split.at:
            verdict = split.above
    return verdict


def test_a_range_that_splits_says_where():
    result = _rescue("endurance", Span(5, 30, "days"))
    assert (result.verdict, result.best) == (Verdict.FAIL, Verdict.PASS)
    [split] = result.splits
    assert (split.document, split.field, split.at, split.unit) == ("rescuer", "life_support.endurance_days", 12, "days")
    assert (split.below, split.above) == (Verdict.FAIL, Verdict.PASS)
    [read] = result.ranges
    assert (read.document, read.field, read.low, read.high) == ("rescuer", "life_support.endurance_days", 5, 30)
    # the findings shown are the worst case's
    [ret] = [f for f in result.findings if f.code == "RET002"]
    assert ret.verdict is Verdict.FAIL and ret.message.startswith("5 days")


def test_a_window_rule_splits_on_both_sides():
    result = _rescue("pressure", Span(50, 130, "kpa"))
    assert (result.verdict, result.best) == (Verdict.CONDITIONAL, Verdict.PASS)
    assert [(s.at, s.below, s.above) for s in result.splits] == [
        (91.3, Verdict.CONDITIONAL, Verdict.PASS),
        (111.3, Verdict.PASS, Verdict.CONDITIONAL),
    ]


def test_a_count_splits_at_a_whole_number():
    result = _rescue("max_crew", CountSpan(2, 8))
    [split] = result.splits
    assert split.at == 4 and isinstance(split.at, int) and split.unit is None


def test_a_range_the_verdict_holds_across_is_firm():
    result = _rescue("endurance", Span(14, 30, "days"))
    assert result.verdict is result.best is Verdict.PASS
    assert result.splits == [] and len(result.ranges) == 1


@pytest.mark.parametrize(("assumed", "verdict"), [("worst", Verdict.FAIL), ("best", Verdict.PASS)])
def test_assume_takes_every_range_at_one_end(assumed, verdict):
    result = _rescue("endurance", Span(5, 30, "days"), assume=assumed)
    assert result.verdict is result.best is verdict
    assert result.splits == [] and result.assumed == assumed


def test_a_rescue_without_ranges_is_evaluated_once(monkeypatch):
    calls = []
    judge = Evaluator._judge

    def counted(self, context, subject, *rest):
        calls.append(subject)
        return judge(self, context, subject, *rest)

    monkeypatch.setattr(Evaluator, "_judge", counted)
    plain = _rescue("endurance", 30.0)
    assert len(calls) == 1 and plain.best is plain.verdict and plain.ranges == []
    calls.clear()
    ranged = _rescue("endurance", Span(5, 30, "days"))
    assert len(calls) == 2  # the two ends; the splits only when asked for
    assert ranged.splits and 2 < len(calls) <= 2 + spans.BISECTION_STEPS + 13  # the halvings, the shortest number


@LAWS
@given(ranged(), st.floats(0, 1))
def test_a_value_inside_a_range_gets_what_the_range_says_there(item, where):
    name, low, high = item
    value = low + (high - low) * where
    value = round(value) if FIELDS[name][4] else value
    over = _rescue(name, _span(name, low, high))
    single = _rescue(name, value)
    assert over.best.rank <= single.verdict.rank <= over.verdict.rank
    if low == high or over.best is over.verdict:
        assert single.verdict is over.verdict
    else:
        assume(all(abs(value - s.at) > 1e-3 * max(1.0, abs(s.at)) for s in over.splits))
        assert single.verdict is _predicted(over.splits, value)


@LAWS
@given(ranged(), ranged())
def test_widening_a_range_never_turns_a_split_verdict_into_a_firm_one(item, other):
    name, low, high = item
    _, more_low, more_high = other
    if other[0] != name:
        more_low, more_high = low, high
    wide_low, wide_high = min(low, more_low), max(high, more_high)
    narrow = _rescue(name, _span(name, low, high))
    wide = _rescue(name, _span(name, wide_low, wide_high))
    assert wide.verdict.rank >= narrow.verdict.rank
    assert wide.best.rank <= narrow.best.rank
    if narrow.best is not narrow.verdict:
        assert wide.best is not wide.verdict and wide.splits


@LAWS
@given(ranged(), st.sampled_from([None, "worst", "best"]))
def test_best_is_never_worse_than_the_verdict(item, assumed):
    name, low, high = item
    result = _rescue(name, _span(name, low, high), assume=assumed)
    assert result.best.rank <= result.verdict.rank
    assert bool(result.splits) == (result.best is not result.verdict)


# ------------------------------------------------------------ the analysis alone


def _input(low, high, count=False, ident="v"):
    from interop.model.documents import DockingInterface

    document = DockingInterface.model_construct(id=ident, KIND="DockingInterface")
    return spans.RangeInput(document, ("passage_diameter_mm",), low, high, count, "mm")


def _threshold(at: float, index: int = 0):
    def evaluate(values):
        verdict = Verdict.PASS if values[index] >= at else Verdict.FAIL
        return verdict, values

    return evaluate


def test_bisection_finds_a_threshold_to_a_short_number():
    analysis = spans.analyse([_input(0, 1000)], _threshold(761.5), lambda values: ())
    [change] = analysis.find_changes()
    assert change.at == 761.5 and (change.below, change.above) == (Verdict.FAIL, Verdict.PASS)
    assert analysis.payload == (0,) and analysis.bounded == ""


def test_ranges_beyond_the_bound_are_held_and_said_so():
    items = [_input(0, 10, ident=f"v{i}") for i in range(spans.MAX_RANGES + 2)]
    seen = []

    def evaluate(values):
        seen.append(values)
        return Verdict.PASS, values

    analysis = spans.analyse(items, evaluate, lambda values: ())
    assert analysis.held == items[spans.MAX_RANGES :]
    assert f"beyond the first {spans.MAX_RANGES}" in analysis.bounded
    assert all(v[spans.MAX_RANGES :] == (0, 0) for v in seen)
    assert len(seen) == 2**spans.MAX_RANGES


def test_too_many_turning_points_fall_back_to_the_ends():
    items = [_input(0, 100, ident=f"v{i}") for i in range(3)]

    def turns(values):
        return [(item.key, float(x)) for item in items for x in range(1, 99, 10)]

    analysis = spans.analyse(items, lambda values: (Verdict.PASS, values), turns)
    assert f"more than {spans.MAX_POINTS} points" in analysis.bounded


def test_json_rows_carry_best_and_splits_and_pass_the_schema(tmp_path):
    from interop.report import ReportOptions, reporter
    from interop.report.report_schema import SCHEMA

    result = _rescue("endurance", Span(5, 30, "days"))
    record = json.loads(reporter("json", ReportOptions()).vehicles(result))
    jsonschema.Draft202012Validator(SCHEMA).validate(record)
    assert (record["report_version"], record["verdict"], record["best"]) == (2, "fail", "pass")
    assert record["splits"] == [
        {
            "document": "rescuer",
            "field": "life_support.endurance_days",
            "at": 12.0,
            "unit": "days",
            "below": "fail",
            "above": "pass",
        }
    ]
    assert record["ranges"] == [
        {"document": "rescuer", "field": "life_support.endurance_days", "low": 5.0, "high": 30.0, "unit": "days"}
    ]


def test_text_says_where_the_verdict_splits():
    from interop.report import ReportOptions, reporter

    text = reporter("text", ReportOptions()).vehicles(_rescue("endurance", Span(5, 30, "days")))
    assert "Verdict: FAIL at worst, PASS at best" in text
    assert "rescuer.life_support.endurance_days: FAIL below 12 days, PASS from 12 days" in text
    assumed = reporter("text", ReportOptions()).vehicles(_rescue("endurance", Span(5, 30, "days"), assume="worst"))
    assert "(--assume worst)" in assumed and "FAIL below" not in assumed


# ------------------------------------------------------------------ the diff


def _with_endurance(value) -> Catalog:
    catalog = _copy()
    _set(catalog, "endurance", value)
    return catalog


def _responder_change(base_value, head_value):
    from interop.engine.diff import diff_catalogs

    result = diff_catalogs(_with_endurance(base_value), _with_endurance(head_value))
    return [r for s in result.scenarios for r in s.responders], result


def test_diff_reports_a_new_best_case_and_its_split_when_the_verdict_holds():
    from interop.engine.diff import Trend

    [change], result = _responder_change(Span(5, 10, "days"), Span(5, 30, "days"))
    assert (change.old, change.new, change.trend) == ("fail", "fail", Trend.CHANGED)
    fields = {d.name: (d.old, d.new) for d in change.fields}
    assert fields["best"] == ("fail", "pass")
    assert fields["splits"][0] == [] and fields["splits"][1][0]["at"] == 12.0
    assert result.regressions == 0 and not result.failed  # exit codes follow the verdict


def test_diff_lists_the_fields_of_a_verdict_change_and_nothing_for_an_unchanged_row():
    from interop.engine.diff import Trend

    [change], _result = _responder_change(30.0, Span(5, 30, "days"))
    assert (change.old, change.new, change.trend) == ("pass", "fail", Trend.WORSE)
    assert "best" not in {d.name for d in change.fields}  # pass at best on both sides
    assert {d.name for d in change.fields} == {"splits"}
    unchanged, _ = _responder_change(Span(14, 30, "days"), Span(13, 30, "days"))
    assert unchanged == []


def test_a_registered_field_is_compared_too(monkeypatch):
    from interop.engine import diff

    monkeypatch.setitem(diff.COMPARED_FIELDS, "rescuer-crew", lambda side: side.result.crew if side.result else None)
    [change], _ = _responder_change(Span(5, 10, "days"), Span(5, 30, "days"))
    assert "rescuer-crew" not in {d.name for d in change.fields}  # the same on both sides
    monkeypatch.setitem(diff.COMPARED_FIELDS, "endurance", lambda side: str(side.result.ranges[0].high))
    [change], _ = _responder_change(Span(5, 10, "days"), Span(5, 30, "days"))
    assert {d.name: (d.old, d.new) for d in change.fields}["endurance"] == ("10.0", "30.0")


def test_a_result_with_splits_pickles_with_them_found():
    import pickle

    result = _rescue("endurance", Span(5, 30, "days"))
    again = pickle.loads(pickle.dumps(result))
    assert again.splits == result.splits and again.splits[0].at == 12
