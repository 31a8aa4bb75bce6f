"""Records made when first read (docs/performance.md, round 9) stand for the plain records they make."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from interop.engine.results import Timing
from interop.engine.timings import _late_timing
from interop.model.anchors import condition
from interop.model.finding import Condition, ConditionField


def _condition() -> Condition:
    return condition([ConditionField("Vehicle", "orion", "orion.seats")], ">=", 4, "seats", alternatives=["another"])


def test_a_late_condition_reads_compares_and_pickles_as_its_record() -> None:
    late, plain = (
        _condition(),
        Condition(
            "orion.seats >= 4 seats, or another",
            (ConditionField("Vehicle", "orion", "orion.seats"),),
            ">=",  # type: ignore[arg-type]
            4,
            "seats",
            ("another",),
        ),
    )
    assert late == plain and plain == late and hash(late) == hash(plain)
    assert late.text == plain.text and late.names == plain.names and late.record() == plain.record()
    assert repr(late) == repr(plain)
    for made in (pickle.loads(pickle.dumps(late)), copy.copy(late), copy.deepcopy(late)):
        assert type(made) is Condition and made == plain
    ruled = dataclasses.replace(_condition(), rule="CREW002")
    assert type(ruled) is Condition and ruled.rule == "CREW002" and ruled.text == plain.text


def test_a_condition_with_no_field_fails_at_once() -> None:
    try:
        condition([], ">=", 1)
    except ValueError:
        return
    raise AssertionError("a condition with no field was made")


def test_a_late_timing_reads_compares_and_pickles_as_its_record() -> None:
    late = _late_timing((), 1.0, 2.0, 3.0, False, None)
    plain = Timing(1.0, [], [], 2.0, 3.0, False, None)
    assert late == plain and plain == late and repr(late) == repr(plain)
    late.margin_leg = 1
    plain.margin_leg = 1
    for made in (pickle.loads(pickle.dumps(late)), copy.deepcopy(late), dataclasses.replace(late, ranged=False)):
        assert type(made) is Timing and made == plain
    late.figures = []
    assert late.figures == [] and late.events == []
