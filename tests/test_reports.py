"""Every reporter on the same results; machine formats checked by real consumers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from interop.engine import check_matrix, check_systems, check_vehicles, run_scenario
from interop.engine.results import fail_level_reached
from interop.load import load_catalog
from interop.model.finding import Finding, Position, Severity, Verdict
from interop.model.vocabulary import Regime
from interop.report import FORMATS, ReportOptions, reporter
from tests import cli_process
from tests.spec_builders import element, interface, port, system, vehicle, write

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Small hand-built catalog: a pass, a conditional through an adapter, a fail, unknowns."""
    folder = tmp_path_factory.mktemp("catalog")
    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2})
    write(
        folder,
        interface("idss", passage_diameter_mm=800),
        interface("apas", passage_diameter_mm=800),
        vehicle("capsule-a", [port("nose", "idss", "active")], **common),
        vehicle("capsule-b", [port("nose", "apas", "either")], **common),
        vehicle("station-c", [port("dock", "idss", "passive")], vehicle_type="station", **common),
        vehicle(
            "bridge", [port("a", "idss", "passive"), port("b", "apas", "either")], vehicle_type="adapter", crewed=False
        ),
        system("west", [element("capsule-a"), element("station-c", role="station")]),
        system("east", [element("capsule-b"), element("bridge", role="adapter")]),
        {
            "kind": "RescueScenario",
            "schema_version": 1,
            "id": "drill",
            "name": "Drill",
            "distressed": {"vehicle": "station-c", "at": "leo", "crew": 2},
            "responders": [{"vehicle": "capsule-a"}, {"vehicle": "capsule-b"}],
            "sources": [{"title": "t", "url": "https://example.org"}],
        },
    )
    loaded = load_catalog([folder])
    assert loaded.findings == []
    catalog = loaded.catalog
    bad = folder.parent / "bad.yaml"
    bad.write_text("kind: Vehicle\nschema_version: 1\nid: Bad\n")
    return {
        "systems": check_systems(catalog, "west", "east"),
        "vehicles": check_vehicles(catalog, "capsule-a", "capsule-b", Regime.LEO, crew=2),
        "scenario": run_scenario(catalog, "drill"),
        "matrix": check_matrix(catalog),
        "validation": (load_catalog([bad]).findings, 1),
    }


def _render(results, kind, fmt, **options):
    render = getattr(reporter(fmt, ReportOptions(**options)), kind)
    if kind == "validation":
        return render(*results[kind])
    return render(results[kind])


KINDS = ["systems", "vehicles", "scenario", "matrix", "validation"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_renders_in_every_format(results, kind, fmt):
    text = _render(results, kind, fmt)
    assert text.endswith("\n")
    assert text.strip() or fmt == "github"


@pytest.mark.parametrize("kind", KINDS)
def test_sarif_passes_the_published_schema(results, kind):
    sarif = json.loads(_render(results, kind, "sarif"))
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["kind"] in {"fail", "open", "review"}
        if result["kind"] != "fail":
            assert result["level"] == "none"


def test_sarif_has_rule_help_locations_and_levels(results):
    sarif = json.loads(_render(results, "systems", "sarif"))
    run = sarif["runs"][0]
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    located = [r for r in run["results"] if "locations" in r]
    assert located
    region = located[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    validation = json.loads(_render(results, "validation", "sarif"))["runs"][0]
    assert {r["level"] for r in validation["results"]} == {"error"}
    [bad_id] = [r for r in validation["results"] if r["ruleId"] == "SPEC016"]
    assert bad_id["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5}


def test_sarif_reads_back_with_sarif_tools(results, tmp_path):
    from sarif import loader

    path = tmp_path / "report.sarif"
    path.write_text(_render(results, "validation", "sarif"))
    sarif_file = loader.load_sarif_file(str(path))
    records = sarif_file.get_records()
    codes = sorted(record["Code"].split()[0] for record in records)
    assert "SPEC016" in codes and "SPEC010" in codes
    assert {record["Line"] for record in records if record["Code"].startswith("SPEC016")} == {3}


def test_junit_parses_with_junitparser(results, tmp_path):
    from junitparser import Failure, JUnitXml, Skipped

    path = tmp_path / "report.xml"
    path.write_text(_render(results, "systems", "junit"))
    xml = JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    assert cases
    outcomes = [type(r) for case in cases for r in case.result]
    findings = [f for d in results["systems"].directions for row in d.rows if row.best for f in row.best.findings]
    assert outcomes.count(Failure) == sum(1 for f in findings if f.verdict is Verdict.FAIL and f.counts)
    # Skipped: whatever is not a clean pass nor a counted failure (UNKNOWN, CONDITIONAL, waived, advisory).
    assert outcomes.count(Skipped) == sum(
        1 for f in findings if f.verdict in (Verdict.UNKNOWN, Verdict.CONDITIONAL) or not f.counts
    )
    assert sum(1 for f in findings if f.verdict is Verdict.CONDITIONAL) > 0


def test_github_annotations_are_escaped_workflow_commands():
    finding = Finding(
        "DOCK002",
        "roles: both active,\nno mate 100%",
        Position("specs/a,b.yaml", 3, 7),
        Severity.ERROR,
        Verdict.FAIL,
        remedy="make one passive",
    )
    [line] = reporter("github").validation([finding], 1).splitlines()
    assert line.startswith("::error file=specs/a%2Cb.yaml,line=3,col=7,title=DOCK002 fail::")
    assert "%0A" in line and "100%25" in line and "\n" not in line


def test_markdown_has_summary_tables_reasons_and_a_mermaid_path(results):
    text = _render(results, "systems", "markdown")
    assert text.startswith("## interop: west ↔ east")
    assert "| crew of | at | crew | best rescuer | verdict |" in text
    assert "```mermaid" in text and "graph LR" in text


def test_html_is_self_contained_with_linked_grid_and_diagram(results):
    page = _render(results, "matrix", "html")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page
    anchors = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links and links <= anchors
    assert "<svg" in _render(results, "systems", "html")


def test_text_fits_eighty_columns(results):
    # A position on a line of its own is one path, which never wraps; how long
    # it is depends on where pytest puts tmp_path (longer under xdist workers).
    exempted = 0
    for kind in ("systems", "vehicles", "scenario", "matrix"):
        lines = _render(results, kind, "text").splitlines()
        prose = [line for line in lines if not re.fullmatch(r"\s*\(?\S+:\d+:\d+\)?", line)]
        exempted += len(lines) - len(prose)
        assert max(len(line) for line in prose) <= 80, kind
    assert exempted  # the positions are there, on lines of their own


def test_fail_levels(results):
    systems = results["systems"]
    error = fail_level_reached(systems, "error")
    warning = fail_level_reached(systems, "warning")
    unknown = fail_level_reached(systems, "unknown")
    assert error <= warning <= unknown  # each level includes the ones before it
    assert unknown  # the catalog leaves atmosphere and more unknown
    with pytest.raises(ValueError):
        fail_level_reached(systems, "sometimes")


def test_waived_failures_do_not_reach_the_fail_level():
    from interop.engine.results import RescueResult, StageResult

    failing = Finding("DOCK001", "no path", None, Severity.ERROR, Verdict.FAIL, remedy="add an adapter")
    result = RescueResult("a", "b", "leo", 1, Verdict.FAIL, [StageResult("mate", Verdict.FAIL, [failing])], "none")
    assert fail_level_reached(result, "error")
    failing.waived = "accepted until the adapter flies (ops, 2027-01-01)"
    assert not fail_level_reached(result, "error")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_html_loads_in_headless_chromium_without_console_errors(results, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_render(results, "matrix", "html"))
    shot = tmp_path / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert "Rescue matrix" in dom.stdout
    assert "CONSOLE" not in dom.stderr and "Uncaught" not in dom.stderr, dom.stderr[-2000:]
    shoot = subprocess.run(
        [CHROMIUM, *flags, "--hide-scrollbars", "--window-size=1200,900", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 10_000, shoot.stderr[-2000:]


def test_output_file_is_atomic_and_never_clobbered_on_failure(tmp_path, monkeypatch):
    from interop import atomic as output

    target = tmp_path / "report.txt"
    target.write_text("previous report\n")

    class Boom(Exception):
        pass

    def failing_fsync(_fd):
        raise Boom()

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(Boom):
        output.write_atomically(target, "half a new report")
    assert target.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_every_format_through_the_cli(tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = cli_process.run_argv(
            [
                sys.executable,
                "-m",
                "interop",
                "--no-config",
                "check",
                "astp-1975",
                "shuttle-mir",
                "-f",
                fmt,
                "-o",
                str(out),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        assert out.read_text().endswith("\n")


def test_json_report_schema_is_committed_and_current():
    from interop.report.report_schema import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text() == schema_text(), (
        "interop/report/schemas/report.schema.json drifted: regenerate it from interop/report/report_schema.py"
    )


@pytest.mark.parametrize("kind", ["systems", "vehicles", "scenario", "matrix", "validation"])
def test_json_reports_pass_their_schema(results, kind):
    from interop.report.report_schema import SCHEMA

    report = json.loads(_render(results, kind, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["report_version"] == 2
    broken = dict(report, report_version=1)
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(broken)


def test_fingerprint_survives_an_edit_that_only_moves_lines(tmp_path):
    import shutil as _shutil

    def fingerprints(folder):
        catalog = load_catalog([folder]).catalog
        result = check_vehicles(catalog, "crew-dragon", "starliner", Regime.LEO, crew=2)
        return {f.code: (f.fingerprint(), f.position.line) for f in result.findings if f.code == "DOCK002"}

    folder = tmp_path / "specs"
    _shutil.copytree(ROOT / "specs", folder)
    before = fingerprints(folder)
    dragon = folder / "vehicles" / "crew-dragon.yaml"
    lines = dragon.read_text().splitlines(keepends=True)
    dragon.write_text(lines[0] + "# an unrelated comment\n# and another\n" + "".join(lines[1:]))
    after = fingerprints(folder)
    assert before["DOCK002"][0] == after["DOCK002"][0]
    assert after["DOCK002"][1] == before["DOCK002"][1] + 2


def test_rich_tables_only_for_a_terminal_without_no_color(results, monkeypatch, capsys):
    import io

    from interop.report import reporter_class, wants_terminal_colours
    from interop.report.terminal import TerminalReporter

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_terminal_colours(Terminal())
    assert not wants_terminal_colours(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_terminal_colours(Terminal())
    assert reporter_class("terminal") is TerminalReporter
    coloured = TerminalReporter(ReportOptions(colour=True)).systems(results["systems"])
    assert "\x1b[" in coloured and "┏" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert max(len(line) for line in plain.splitlines()) <= 80
    assert capsys.readouterr().out == ""  # rendering prints nothing by itself


def test_the_table_names_one_class_per_format_and_each_says_what_it_reports():
    from interop.report import KINDS, REPORTERS, formats_for, reporter_class

    assert set(FORMATS) | {"terminal"} == set(REPORTERS)
    for name in REPORTERS:
        cls = reporter_class(name)
        assert cls.format == name
        assert not cls.supports("planner")
    assert {kind: formats_for(kind) for kind in KINDS if len(formats_for(kind)) < len(FORMATS)} == {
        "scenarios": ["github", "json", "markdown", "text"],
        "diff": ["github", "json", "junit", "markdown", "sarif", "text"],
        "plan": ["html", "json", "markdown", "text"],
        "gaps": ["html", "json", "markdown", "text"],
        "map": ["html", "json", "markdown", "text"],
    }


@pytest.mark.parametrize("kind", ["vehicles", "scenario", "matrix", "systems"])
@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_strict_run_says_strict_in_json_and_sarif(tmp_path, kind, fmt):
    args = {
        "vehicles": ["check", "--rescuer", "soyuz-ms", "--distressed", "crew-dragon", "--at", "leo"],
        "scenario": ["scenario", "soyuz-ms-22-coolant-leak"],
        "matrix": ["matrix", "us-artemis", "ru-lunar"],
        "systems": ["check", "us-artemis", "ru-lunar"],
    }[kind]
    for flag, expected in (("--strict", True), ("--no-strict", False)):
        result = cli_process.run_argv(
            [sys.executable, "-m", "interop", "--no-config", *args, "-f", fmt, flag],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode in (0, 1), result.stderr
        report = json.loads(result.stdout)
        strict = report["strict"] if fmt == "json" else report["runs"][0]["properties"]["strict"]
        assert strict is expected


def test_several_scenarios_are_one_json_array_built_by_the_reporter(results):
    text = reporter("json").scenarios([results["scenario"], results["scenario"]])
    assert [r["kind"] for r in json.loads(text)] == ["scenario", "scenario"]
    with pytest.raises(LookupError, match="formats that do: github, json"):
        from interop.report import check_supported

        check_supported("html", "scenarios")


def test_validation_findings_have_the_shape_of_every_other_report(results):
    report = json.loads(_render(results, "validation", "json"))
    assert report["report_version"] == 2 and report["kind"] == "validation"
    assert report["valid"] is False and report["files"] == 1
    finding = report["findings"][0]
    assert set(finding["position"]) == {"path", "line", "column"}
    from interop.report.records import finding_record

    assert set(finding) == set(finding_record(results["validation"][0][0]))


# ------------------------------------------------------- reports a planner can read


@pytest.fixture(scope="module")
def planner(tmp_path_factory):
    """West and East overlap in era, Old does not; East has a vehicle whose ports nobody published."""
    folder = tmp_path_factory.mktemp("planner")
    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2})
    portless = vehicle("mystery", [], operators=["East Agency"], **common)
    del portless["ports"]
    write(
        folder,
        interface("idss", passage_diameter_mm=800),
        vehicle("capsule-a", [port("nose", "idss", "active")], operators=["West Agency"], **common),
        vehicle("capsule-b", [port("nose", "idss", "passive")], operators=["East Agency"], **common),
        vehicle("old-ship", [port("nose", "idss", "active")], **common),
        portless,
        system("west", [element("capsule-a")], era="2020-", nations=["Westland"]),
        system("east", [element("capsule-b"), element("mystery")], era="2021-", nations=["Eastland"]),
        system("old", [element("old-ship")], era="1975"),
    )
    loaded = load_catalog([folder])
    assert loaded.findings == []
    catalog = loaded.catalog
    return {
        "folder": folder,
        "systems": check_systems(catalog, "west", "east"),
        "matrix": check_matrix(catalog, ["east", "old", "west"]),
        "all-eras": check_matrix(catalog, all_eras=True),
    }


def test_text_and_markdown_say_who_would_publish_what_an_unknown_row_waits_for(planner):
    def published(text, prefix, name):
        return any(line.strip().startswith(prefix) and name in line for line in text.splitlines())

    text = _render(planner, "systems", "text", width=400)
    assert published(
        text, "to publish: vehicle capsule-b, published by East Agency:", "capsule-b.atmosphere.pressure_kpa"
    )
    assert published(
        text, "to publish: vehicle capsule-a, published by West Agency:", "capsule-a.atmosphere.pressure_kpa"
    )
    assert not published(text, "to publish: vehicle capsule-a", "capsule-b.")  # each value under its own publisher
    markdown = _render(planner, "systems", "markdown")
    assert published(
        markdown,
        "- to publish: vehicle capsule-b, published by **East Agency**:",
        "`capsule-b.atmosphere.pressure_kpa`",
    )
    page = _render(planner, "systems", "html")
    assert published(
        page, '<div class="missing">to publish: vehicle capsule-b, published by East Agency:', "capsule-b.radios"
    )
    report = json.loads(_render(planner, "systems", "json"))
    row = next(r for r in report["directions"][0]["rows"] if r["distressed"] == "capsule-b")
    wanted = {w["name"]: w for w in row["wanted"]}
    pressure = wanted["capsule-b.atmosphere.pressure_kpa"]
    assert {k: pressure[k] for k in ("name", "kind", "document", "publishers", "publishers_inferred")} == {
        "name": "capsule-b.atmosphere.pressure_kpa",
        "kind": "Vehicle",
        "document": "capsule-b",
        "publishers": ["East Agency"],
        "publishers_inferred": False,
    }
    # Both pressures unknown: one joint condition, published by both agencies.
    [condition] = [c for c in pressure["conditions"] if c["rule"] == "ATM001"]
    assert condition["rule"] == "ATM001"
    assert condition["op"] == "within" and condition["value"] == 10.0 and condition["unit"] == "kPa"
    assert [f["name"] for f in condition["fields"]] == [
        "capsule-a.atmosphere.pressure_kpa",
        "capsule-b.atmosphere.pressure_kpa",
    ]
    assert condition["publishers"] == ["West Agency", "East Agency"]
    assert condition["text"] in pressure["condition"]
    assert condition in wanted["capsule-a.atmosphere.pressure_kpa"]["conditions"]


def test_mating_unknown_says_what_is_unknown(planner):
    [row] = [r for r in planner["systems"].directions[0].rows if r.distressed == "mystery"]
    assert row.best.mating_mode == "unknown"
    assert "mating unknown: waits for mystery.ports" in _render(planner, "systems", "text")
    assert "mating unknown: waits for `mystery.ports`" in _render(planner, "systems", "markdown")
    assert "mating unknown: waits for mystery.ports" in _render(planner, "systems", "html")


def test_a_direction_and_a_matrix_cell_say_how_many_crews_are_covered(planner):
    matrix = planner["matrix"]
    text = _render(planner, "matrix", "text")
    markdown = _render(planner, "matrix", "markdown")
    page = _render(planner, "matrix", "html")
    report = json.loads(_render(planner, "matrix", "json"))
    cells = {(c["rescuer_system"], c["distressed_system"]): c for c in report["cells"]}
    for key, cell in matrix.cells.items():
        covered = sum(1 for r in cell.rows if r.verdict in (Verdict.PASS, Verdict.CONDITIONAL))
        assert (cells[key]["covered"], cells[key]["crews"]) == (covered, len(cell.rows))
        assert f"{cell.coverage.value} {covered}/{len(cell.rows)}" in text
        crews = f"{covered}/{len(cell.rows)} crew{'s' if len(cell.rows) != 1 else ''}"
        assert f"{cell.coverage.value} · {crews}" in markdown
        assert f"{cell.coverage.value}<br>{crews}" in page
    assert "rescuing crews of east: UNKNOWN (0/2 crews)" in _render(planner, "systems", "text")


def test_the_matrix_lists_the_pairs_of_other_eras_as_not_compared(planner):
    assert planner["matrix"].other_eras == [("east", "old"), ("old", "west")]
    text = _render(planner, "matrix", "text")
    assert "Not compared: different eras" in text and "  east <-> old" in text and "  old <-> west" in text
    assert "east ↔ old, old ↔ west" in _render(planner, "matrix", "markdown")
    assert "east ↔ old, old ↔ west" in _render(planner, "matrix", "html")
    report = json.loads(_render(planner, "matrix", "json"))
    assert report["not_compared"] == [
        {"systems": ["east", "old"], "reason": "different eras"},
        {"systems": ["old", "west"], "reason": "different eras"},
    ]
    from interop.report.report_schema import SCHEMA

    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert "Not compared" not in _render({"matrix": planner["all-eras"]}, "matrix", "text")


def test_matrix_all_eras_through_the_cli(planner):
    def run(*extra):
        result = cli_process.run_argv(
            [
                sys.executable,
                "-m",
                "interop",
                "--no-config",
                "matrix",
                "-s",
                str(planner["folder"]),
                "-f",
                "json",
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode in (0, 1), result.stderr
        return json.loads(result.stdout)

    default = run()
    assert default["systems"] == ["east", "west"] and default["not_compared"] == []
    assert len(run("east", "old", "west")["not_compared"]) == 2
    everything = run("--all-eras")
    # Six ordered pairs and the diagonal.
    assert everything["not_compared"] == [] and len(everything["cells"]) == 9


@pytest.mark.parametrize("kind", ["systems", "matrix"])
def test_each_verdict_word_is_explained_once(planner, kind):
    from interop.report import records

    words = [word for word, _ in records.legend(kind)]
    assert len(words) == len(set(words))
    assert {"mutual", "one-way", "none", "undetermined", "pass", "conditional", "unknown", "fail"} <= set(words)
    text = _render(planner, kind, "text", width=200)
    legend = text[text.index("\nVerdicts\n") :]
    markdown = _render(planner, kind, "markdown")
    page = _render(planner, kind, "html")
    for word in words:
        assert len(re.findall(rf"^  {re.escape(word)} ", legend, re.M)) == 1, word
        assert markdown.count(f"- **{word}**:") == 1, word
        assert len(re.findall(rf"<dt>(<span [^>]*>|<b>){re.escape(word)}<", page)) == 1, word


def test_every_format_states_what_an_unknown_value_must_be(planner):
    """check prints the condition each unknown value must meet, in every format."""
    expected = "capsule-a.atmosphere.pressure_kpa and capsule-b.atmosphere.pressure_kpa within 10 kPa of each other"
    for fmt in ("text", "markdown", "html", "sarif", "junit", "github"):
        rendered = _render(planner, "systems", fmt, width=400) if fmt == "text" else _render(planner, "systems", fmt)
        assert expected in rendered, fmt
    report = json.loads(_render(planner, "systems", "json"))
    findings = [
        f
        for d in report["directions"]
        for r in d["rows"]
        if r["rescue"]
        for s in r["rescue"]["stages"]
        for f in s["findings"]
        if f["code"] == "ATM001" and f["verdict"] == "unknown"
    ]
    assert findings
    for finding in findings:
        [requirement] = finding["requirements"]
        assert requirement["op"] == "within" and "within 10 kPa of each other" in requirement["text"]
        assert sorted(f["name"] for f in requirement["fields"]) == sorted(finding["missing"])
