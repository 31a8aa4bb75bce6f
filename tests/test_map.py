"""Issue 24's map people can read and issue 27's bounded map: vehicles by place, captions clear, work counted."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine import mechanisms
from interop.engine.mechanisms import mechanism_map
from interop.load import load_catalog
from interop.report.mechanisms import FONT, GLYPH, mermaid, render_text, svg
from interop.rules.port_compatibility import MateCause, MateStatus, check_mate
from tests import bundled as shared
from tests import cli_process
from tests import spec_builders as b

ROOT = Path(__file__).resolve().parent.parent


bundled = shared.catalog  # the bundled library, loaded once per worker (tests/bundled.py)


def _text_boxes(picture: str) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) of every caption, a glyph taken as 0.55 of the font size wide."""
    boxes = []
    for match in re.finditer(r'<text x="([\d.]+)" y="([\d.]+)" font-size="([\d.]+)"[^>]*>([^<]*)</text>', picture):
        x, y, size, text = float(match[1]), float(match[2]), float(match[3]), match[4]
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'")
        width = len(text) * GLYPH * size
        boxes.append((x, y - size, x + width, y + 0.25 * size, text))
    assert len(boxes) == picture.count("<text"), "every caption is read"
    return boxes


def _segments(picture: str) -> list[tuple[float, float, float, float]]:
    """Every straight piece of every line and path (the map draws only M/H/V paths and lines)."""
    pieces = []
    for d in re.findall(r'<path d="([^"]+)"', picture):
        x = y = 0.0
        for op, value in re.findall(r"([MHV])([\d.,]+)", d):
            if op == "M":
                x, y = map(float, value.split(","))
            elif op == "H":
                pieces.append((x, y, float(value), y))
                x = float(value)
            else:
                pieces.append((x, y, x, float(value)))
                y = float(value)
    for x1, y1, x2, y2 in re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"', picture):
        pieces.append((float(x1), float(y1), float(x2), float(y2)))
    return pieces


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(segment, box) -> bool:
    x1, y1, x2, y2 = segment
    left, right = min(x1, x2), max(x1, x2)
    top, bottom = min(y1, y2), max(y1, y2)
    return left <= box[2] and box[0] <= right and top <= box[3] and box[1] <= bottom


@pytest.mark.parametrize("vehicle", [None, "soyuz-ms", "orion", "crew-dragon", "gaganyaan"])
def test_no_two_captions_overlap_and_no_line_strikes_one(vehicle):
    picture = svg(mechanism_map(bundled(), vehicle))
    boxes = _text_boxes(picture)
    assert boxes
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not _overlap(one, other), (one[4], other[4])
    segments = _segments(picture)
    assert segments
    for segment in segments:
        for box in boxes:
            assert not _crosses(segment, box), (segment, box[4])


def test_the_map_groups_vehicles_by_place_and_names_what_joins_them():
    result = mechanism_map(bundled())
    places = {g.place: g for g in result.places}
    leo = {n.id for n in places["leo"].nodes}
    assert {"soyuz-ms", "crew-dragon", "iss stack", "tiangong"} <= leo
    assert "orion" not in leo and "orion" in {n.id for n in places["nrho"].nodes}
    joins = {(j.a, j.b): j for g in result.places for j in g.joins}
    assert joins[("crew-dragon", "iss stack")].how == "direct"
    assert joins[("apollo-csm", "soyuz-7k-tm")].how == "adapter"
    assert joins[("apollo-csm", "soyuz-7k-tm")].adapters == ["astp-docking-module"]
    # Undirected: each pair once, in order.
    assert all(j.a < j.b for j in joins.values())
    # Every join between two vehicles agrees with the one docking function.
    assert ("shenzhou", "soyuz-ms") not in joins  # an androgynous ring and a probe: decided, never drawn


def test_pairs_that_style_and_gender_decide_are_never_unknown():
    catalog = bundled()
    result = mechanism_map(catalog)
    for group in result.places:
        for join in group.joins:
            if join.how != "unknown":
                continue
            a, b = join.interfaces
            # The interfaces that meet: the check leaves them open for want of a partner list.
            kinds = [k for k in result.kinds[a] + result.kinds[b]]
            assert kinds
            statuses = set()
            for ka in result.kinds[a]:
                for kb in result.kinds[b]:
                    check = mechanisms._check(ka, kb, catalog)
                    statuses.add((check.status, check.cause))
            assert (MateStatus.UNKNOWN, MateCause.STYLES) not in statuses
            assert any(status is MateStatus.UNKNOWN for status, _cause in statuses)


def test_map_vehicle_draws_only_its_neighbourhood():
    result = mechanism_map(bundled(), "orion")
    assert [g.place for g in result.places] == ["cislunar-transit", "nrho", "dro"]
    for group in result.places:
        assert group.nodes[0].id == "orion"
        assert all("orion" in (j.a, j.b) for j in group.joins)
        assert {n.id for n in group.nodes[1:]} == {j.a if j.b == "orion" else j.b for j in group.joins}
    # Partners where Orion does not operate are left out of the picture and listed apart.
    elsewhere = {p.vehicle for p in result.elsewhere}
    assert "crew-dragon" in elsewhere
    drawn = {n.id for g in result.places for n in g.nodes}
    assert not elsewhere & drawn
    diagram = "\n".join(mermaid(result))
    assert "crew_dragon" not in diagram and "orion" in diagram
    assert "crew-dragon" not in svg(result)
    text = render_text(result)
    assert "directly (unknown)" not in text and "(unknown)" not in text


def test_the_map_commands_say_not_known_as_what_it_is():
    text = render_text(mechanism_map(bundled(), "gaganyaan"))
    assert "not known:" in text and "directly (unknown)" not in text


# ------------------------------------------------------------------ bounds, counted


def _line(folder: Path, count: int):
    """``count`` crew vehicles at one place, all on one androgynous interface."""
    documents = [b.interface("ring", status="operational")]
    documents += [
        b.vehicle(f"ship-{i}", [b.port("p", "ring", "either")], regimes=["leo"], seats={"total": 3, "nominal_crew": 2})
        for i in range(count)
    ]
    loaded = load_catalog([b.write(folder, *documents)])
    assert loaded.findings == []
    return loaded.catalog


def test_partner_search_work_grows_linearly(tmp_path):
    work = {}
    for count in (10, 100, 1000):
        result = mechanism_map(_line(tmp_path / str(count), count), "ship-0")
        assert len(result.partners) == count - 1 and not result.bounds_hit
        work[count] = result.work
    # Linear: ten times the vehicles, at most about ten times the work (plus the map of interfaces).
    assert work[1000] <= 12 * work[100] and work[100] <= 12 * work[10]


def test_map_pairs_are_bounded_and_the_bound_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(mechanisms, "MAX_PAIRS", 1000)
    small = mechanism_map(_line(tmp_path / "small", 10))
    assert small.work < 1000 and not small.bounds_hit
    large = mechanism_map(_line(tmp_path / "large", 1000))
    # At most the documented bound of pairs, each with its port-kind checks (one kind a vehicle here).
    assert large.work <= 2 * 1000 + 10
    assert any("MAX_PAIRS" in note for note in large.bounds_hit)


def test_unknown_joins_drawn_are_bounded_and_summarised_per_interface(tmp_path):
    documents = [b.interface("open", mates_with=None, status="operational")]
    documents[0].pop("mates_with")
    documents.append(b.interface("ring", status="operational"))
    documents += [
        b.vehicle(f"ship-{i}", [b.port("p", "open" if i % 2 else "ring", "either")], regimes=["leo"]) for i in range(60)
    ]
    loaded = load_catalog([b.write(tmp_path, *documents)])
    result = mechanism_map(loaded.catalog)
    drawn = sum(1 for g in result.places for j in g.joins if j.how == "unknown")
    assert drawn == mechanisms.MAX_UNKNOWN_JOINS
    assert sum(u.pairs for u in result.unknown_pairs) > drawn
    assert any("MAX_UNKNOWN_JOINS" in note for note in result.bounds_hit)
    picture = svg(result)
    assert picture.count('stroke-dasharray="2 3"') == mechanisms.MAX_UNKNOWN_JOINS


def test_map_reports_bounds_in_json():
    import json

    import jsonschema

    from interop.report.report_schema import SCHEMA

    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", "map", "--vehicle", "soyuz-ms", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    report = json.loads(done.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["bounds_hit"] == [] and report["places"] and report["work"] > 0


def test_check_mate_is_the_one_docking_function():
    # The map asks interop.rules.port_compatibility.check_mate, as check and plan do.
    assert mechanisms.check_mate is check_mate
    assert FONT > 0


_NAME = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=24)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            _NAME,
            st.sampled_from(["ring", "open", "probe"]),
            st.lists(st.sampled_from(["leo", "llo", "nrho"]), min_size=1, max_size=2, unique=True),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda item: item[0],
    )
)
def test_law_captions_never_overlap_on_generated_catalogs(tmp_path_factory, ships):
    folder = tmp_path_factory.mktemp("map")
    ring = b.interface("ring", status="operational")
    open_ended = b.interface("open", status="operational")
    open_ended.pop("mates_with")
    probe = b.interface("probe", style="gendered", gender="probe", mates_with=[], status="operational")
    documents = [ring, open_ended, probe]
    for name, interface, places in ships:
        documents.append(b.vehicle(f"v-{name}", [b.port("p", interface, "either")], regimes=places))
    loaded = load_catalog([b.write(folder, *documents)])
    assert loaded.findings == [], loaded.findings
    for vehicle in (None, f"v-{ships[0][0]}"):
        picture = svg(mechanism_map(loaded.catalog, vehicle))
        boxes = _text_boxes(picture)
        for i, one in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert not _overlap(one, other), (one[4], other[4])
        for segment in _segments(picture):
            for box in boxes:
                assert not _crosses(segment, box), (segment, box[4])
