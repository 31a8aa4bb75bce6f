"""Gaps, the mechanism map and the planner commands (issue 18): what to ask for, what mates."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.engine.mechanisms import mechanism_map
from interop.load import load_catalog
from interop.rules.context import MateStatus
from tests import bundled as shared
from tests import cli_process
from tests import spec_builders as b

ROOT = Path(__file__).resolve().parent.parent


bundled = shared.catalog  # loaded once per worker, shared with the other modules (tests/bundled.py)


def _catalog(folder: Path, *documents):
    loaded = load_catalog([b.write(folder, *documents)])
    assert loaded.findings == [], loaded.findings
    return loaded.catalog


# Plans themselves are tested in tests/test_plan.py (issue 24).


def test_gaps_rank_the_values_that_decide_verdicts():
    gaps = shared.gaps()  # find_gaps(bundled()), computed once per worker
    assert gaps.unknown > 0
    ranked = [(len(w.alone), len(w.together)) for w in gaps.fields]
    assert ranked == sorted(ranked, reverse=True)
    for document in gaps.documents:
        for wanted in document.fields:
            assert wanted.rules and wanted.position is not None and wanted.position.path == document.file


def test_mechanism_map_agrees_with_the_port_check():
    result = mechanism_map(bundled(), "crew-dragon")
    pairs = {(m.a.interface, m.a.role, m.b.interface, m.b.role): m.status for m in result.matings}
    assert pairs[("idss", "active", "idss", "passive")] is MateStatus.MATES
    assert ("idss", "passive", "idss", "passive") not in pairs
    assert pairs[("cbm", "active", "cbm", "passive")] is MateStatus.SLOW
    ida = next(bridge for bridge in result.bridges if bridge.adapter == "ida-2")
    assert ("apas-95", "idss") in ida.joins
    partners = {p.vehicle: p for p in result.partners}
    assert partners["orion"].adapters == []
    assert "soyuz-ms" not in partners


def _cli(*args: str):
    import sys

    return cli_process.run_argv(
        [sys.executable, "-m", "interop", *args, "--specs", str(ROOT / "specs"), "--no-library"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "us-artemis", "ru-lunar"),
        ("plan", "--direction", "ru-lunar:us-artemis"),
        ("plan", "--scenario", "soyuz-ms-22-coolant-leak"),
        # The whole library's gaps as JSON are validated in-process by tests/test_overview.py
        # (test_gaps_json_validates_and_lists_rows_behind_each_number); the command line's here.
        ("gaps", "ru-lunar", "us-artemis"),
        ("gaps", "--scenario", "all"),
        ("map", "--vehicle", "soyuz-ms"),
    ],
)
def test_planner_commands_write_json_their_schema_accepts(args):
    import json

    import jsonschema

    from interop.report.report_schema import SCHEMA

    done = _cli(*args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["kind"] == args[0]
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


# gaps on two systems: the command line takes every format. The whole library's gaps are rendered
# in-process from the gaps computed once per worker: as text by tests/test_overview.py
# (test_gaps_text_wraps_at_the_width), in the other formats by test_the_library_gaps_in_markdown_and_html.
@pytest.mark.parametrize("command", [("plan", "us-artemis", "ru-lunar"), ("gaps", "ru-lunar", "us-artemis"), ("map",)])
@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_planner_commands_in_every_format_they_offer(command, format):
    done = _cli(*command, "--format", format)
    # gaps and map always exit 0 (the gaps case was also run by tests/test_overview.py, now only here).
    assert done.returncode in ((0,) if command[0] in ("gaps", "map") else (0, 1)), done.stderr
    assert done.stdout.strip()
    if format == "html":
        assert done.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_the_library_gaps_in_markdown_and_html(format):
    from interop.report import ReportOptions, renderer_for

    gaps = shared.gaps()
    out = renderer_for("gaps", format, ReportOptions())(gaps)
    assert f"of {gaps.verdicts} verdicts wait for values" in out
    if format == "html":
        assert out.startswith("<!DOCTYPE html>")


def test_planner_command_usage_errors():
    assert _cli("plan", "us-artemis").returncode == 2
    assert _cli("plan", "--direction", "us-artemis").returncode == 2
    assert _cli("plan", "us-artemis", "nowhere").returncode == 2
    assert _cli("plan", "us-artemis", "ru-lunar", "--format", "sarif").returncode == 2
    assert _cli("map", "--vehicle", "no-such-vehicle").returncode == 2


def test_map_picture_has_a_box_per_vehicle_at_each_place():
    from interop.report.mechanisms import render_markdown, svg

    result = mechanism_map(bundled())
    picture = svg(result)
    assert picture.count("<rect") == sum(len(group.nodes) for group in result.places)
    assert "```mermaid" in render_markdown(result)
