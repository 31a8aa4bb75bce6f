"""interop.report.json_write lays JSON out byte for byte as json.dumps(indent=2) does (issue 28)."""

from __future__ import annotations

import enum
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interop.report import json_write

orjson = pytest.importorskip("orjson")

ROOT = Path(__file__).resolve().parent.parent


def _reference(value, ensure_ascii: bool, default=None) -> str:
    return json.dumps(value, indent=2, ensure_ascii=ensure_ascii, default=default)


def _same(value, ensure_ascii: bool) -> None:
    assert json_write.dumps(value, ensure_ascii=ensure_ascii) == _reference(value, ensure_ascii)


# Text with what each layer treats apart: C0 and C1 controls, quotes and
# backslashes, bidirectional marks, non-BMP characters, lone surrogates.
_CHARACTERS = st.one_of(
    st.characters(codec=None, categories=None),
    st.sampled_from(
        ['"', "\\", "/", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "\u202e", "\ud800", "\udfff", "\U0001f680"]
    ),
)
_TEXT = st.text(_CHARACTERS, max_size=12)
_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [0.0, -0.0, 1e-4, 9.99e-5, 1e-5, 1e-7, 5e-324, 1e16, 9999999999999998.0, 1e22, 1.7976931348623157e308]
    ),
)
_INTS = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1]),
)
_LEAVES = st.one_of(st.none(), st.booleans(), _INTS, _FLOATS, _TEXT)
_KEYS = st.one_of(_TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_TEXT, inner, max_size=5),
        st.dictionaries(_KEYS, inner, max_size=3),
    ),
    max_leaves=40,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_VALUES, st.booleans())
@example("\x7f", True)  # json escapes DEL with ensure_ascii, orjson does not (found by this test)
@example({"a\x7f": ["\x7f", "x"]}, True)
def test_any_json_like_value_is_laid_out_as_json_does(value, ensure_ascii):
    _same(value, ensure_ascii)


_PLAIN_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_PLAIN = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**64 - 1),
        st.floats(min_value=1e-4, max_value=1e15) | st.floats(min_value=-1e15, max_value=-1e-4) | st.just(0.0),
        _PLAIN_TEXT,
    ),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_PLAIN_TEXT, inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_plain_values_take_the_fast_path(value):
    """The values reports hold go to orjson, not back to json: the speed is not lost unseen."""
    assert json_write._plain(value, json_write.encodes_as_utf8)
    _same(value, False)


@pytest.mark.parametrize(
    "value",
    [
        1e-5,  # orjson: 0.00001
        1e-7,  # orjson: 1e-7
        math.inf,
        -math.inf,
        math.nan,  # orjson: null
        2**64,
        -(2**63) - 1,  # orjson refuses
        {1: "a"},
        {None: 1, True: 2, 1.5: 3},
        "\ud800",
        {"a": ["\udcff"]},
        [[[]]] * 3,
    ],
)
def test_values_orjson_writes_otherwise_go_to_json(value):
    for ensure_ascii in (True, False):
        _same(value, ensure_ascii)


def test_subclasses_enums_and_defaults_go_to_json():
    class Text(str):
        pass

    class Number(int):
        pass

    class Colour(str, enum.Enum):
        RED = "red"

    class Plain(enum.Enum):
        ONE = 1

    for value in [Text("a"), Number(3), Colour.RED, {Text("k"): 1}, {Colour.RED: [Colour.RED]}]:
        assert not json_write._plain(value, json_write.encodes_as_utf8)
        _same(value, False)
    # orjson would write the enum's value; json with default=str writes "Plain.ONE".
    value = {"old": Plain.ONE, "when": __import__("datetime").date(2026, 1, 2)}
    assert json_write.dumps(value, ensure_ascii=False, default=str) == _reference(value, False, str)


def test_nesting_deeper_than_orjson_takes_goes_to_json():
    deep: list = []
    for _ in range(400):
        deep = [deep]
    _same(deep, False)
    circular: list = []
    circular.append(circular)
    with pytest.raises(ValueError, match="Circular"):
        json_write.dumps(circular)


def test_non_ascii_under_ensure_ascii_is_escaped_as_json_does():
    _same({"name": "Мир", "rocket": "\U0001f680"}, True)
    assert json_write.dumps({"a": "é"}) == '{\n  "a": "\\u00e9"\n}'


@pytest.fixture(scope="module")
def library_results():
    """Real results on the bundled library, read as the library (positions ``library:...``)."""
    from interop.engine import check_systems, run_scenario
    from interop.load.library import load_specs

    loaded = load_specs([], True)
    catalog = loaded.result.catalog
    assert loaded.library is not None and loaded.library.files
    scenario = sorted(catalog.scenarios)[0]
    return loaded.library, {
        "systems": check_systems(catalog, "us-artemis", "ru-lunar"),
        "scenario": run_scenario(catalog, scenario),
        "validation": (loaded.result.findings, len(loaded.library.files)),
    }


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_real_reports_are_laid_out_as_json_does(library_results, fmt, monkeypatch):
    from interop.report import ReportOptions, records, reporter

    library, results = library_results
    report = reporter(fmt, ReportOptions(library=library))
    fast = {
        kind: getattr(report, kind)(*(value if kind == "validation" else (value,))) for kind, value in results.items()
    }
    assert json_write._plain(records.system_record(results["systems"]), json_write.encodes_as_utf8)
    monkeypatch.setattr(json_write, "orjson", None)
    for kind, value in results.items():
        assert getattr(report, kind)(*(value if kind == "validation" else (value,))) == fast[kind], kind


def test_cleaned_copies_only_what_changes_and_each_shared_part_once():
    """records.cleaned (round 9): unchanged parts are kept, a part held twice is cleaned once, alike."""
    from interop.model.finding import Finding, Position, Severity, Verdict
    from interop.report.escape import plain
    from interop.report.records import cleaned

    finding = Finding("DOCK001", "ok", Position("a.yaml", 1, 1), Severity.ERROR, Verdict.FAIL)
    hostile = Finding("DOCK001", "bad\x1b[31m", Position("::b\n.yaml", 2, 3), Severity.ERROR, Verdict.FAIL)
    value = {"kept": [finding, finding], "hostile": [hostile, hostile], "tuple": ("x", 1.5)}
    shown = cleaned(value, plain)
    assert shown["kept"] is value["kept"] and shown["kept"][0] is finding
    assert shown["tuple"] is value["tuple"]
    first, second = shown["hostile"]
    assert first is second and first.message == "bad\\x1b[31m" and first.position.path == "\\x3a:b\\n.yaml"
    assert hostile.message == "bad\x1b[31m"  # the result itself is left as it was
