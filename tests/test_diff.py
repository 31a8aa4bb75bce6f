"""``interop diff``: verdict changes between two revisions of a spec tree.

Each test builds a small git repository in tmp_path, commits specs, changes
one, commits again, and asks what the change did to the rescue verdicts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from interop.cli import app
from interop.engine import EngineOptions
from interop.engine.diff import Trend, diff_catalogs, diff_trees
from interop.load import Unreadable, load_catalog
from interop.load.edits import flatten
from interop.load.git import load_revision
from tests.spec_builders import element, interface, port, system, vehicle, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# Only the docking rules: the other stages are UNKNOWN in these tiny specs,
# and the diff is about what an edit does to a docking path.
DOCKING_ONLY = "enable = ['DOCK']\n"


def documents(*, with_adapter=True, station_role="passive"):
    return [
        interface("idss", passage_diameter_mm=800),
        interface("apas", passage_diameter_mm=800),
        vehicle("capsule", [port("nose", "idss", "active")], regimes=["leo"], seats={"total": 4, "nominal_crew": 2}),
        vehicle("lander", [port("top", "apas", "active")], regimes=["leo"], seats={"total": 4, "nominal_crew": 2}),
        vehicle(
            "station",
            [port("fwd", "idss", station_role)],
            vehicle_type="station",
            regimes=["leo"],
            seats={"total": 4, "nominal_crew": 2},
        ),
        vehicle(
            "pma", [port("a", "apas", "passive"), port("b", "idss", "active")], vehicle_type="adapter", crewed=False
        ),
        system("east", [element("capsule")]),
        system("north", [element("lander")]),
        system(
            "west", [element("station", role="station")] + ([element("pma", role="adapter")] if with_adapter else [])
        ),
    ]


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "ci@example.org")
    git(root, "config", "user.name", "CI")
    git(root, "config", "commit.gpgsign", "false")
    (root / "interop.toml").write_text(DOCKING_ONLY)
    write(root / "specs", *documents())
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base specs")
    return root


def commit_change(repo, message, **change):
    shutil.rmtree(repo / "specs")
    write(repo / "specs", *documents(**change))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run_cli(repo, *args):
    previous = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        os.chdir(previous)


def docking_options():
    from interop.rules.base import registry

    return EngineOptions(disabled=frozenset(code for code in registry() if not code.startswith("DOCK")))


# ------------------------------------------------------------------ library


def test_removing_an_adapter_from_the_station_reports_exactly_the_rescue_it_broke(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    result = diff_trees("HEAD~1", "HEAD", ["specs"], options=docking_options(), cwd=repo)

    assert result.compared and result.failed
    # The lander reached the station only through the adapter; the capsule docks directly.
    assert result.changes() == [
        ("north <-> west", Trend.WORSE),
        ("north -> west", Trend.WORSE),
        ("crew of station @ leo, rescued by north", Trend.WORSE),
    ]
    row = result.pairs[0].directions[0].rows[0]
    assert (row.old, row.new, row.old_rescuer, row.new_rescuer) == ("conditional", "fail", "lander", "lander")
    assert {f.code for f in row.findings} >= {"DOCK001"}
    assert all(f.position.path.startswith("specs/") for f in row.findings)
    [edit] = row.edits
    assert (edit.kind, edit.id, edit.field) == ("TransportSystem", "west", "elements[pma]")
    assert edit.old == {"vehicle": "pma", "role": "adapter", "stationed_at": ["leo"]} and edit.new is None
    assert edit.old_position.path == "specs/transportsystem-west.yaml"
    assert edit.old_position.line == 10


def test_the_reverse_change_is_an_improvement_and_does_not_fail(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    result = diff_trees("HEAD", "HEAD~1", ["specs"], options=docking_options(), cwd=repo)
    assert not result.failed
    assert result.regressions == 0 and result.improvements == 3
    row = result.pairs[0].directions[0].rows[0]
    assert (row.old, row.new, row.trend) == ("fail", "conditional", Trend.BETTER)
    # The findings shown for an improvement are the ones that were fixed.
    assert "DOCK001" in {f.code for f in row.findings}


def test_an_active_only_station_port_breaks_direct_docking_and_names_the_line(repo):
    commit_change(repo, "station port active-only", station_role="active")
    result = diff_trees("HEAD~1", "HEAD", ["specs"], options=docking_options(), cwd=repo)
    subjects = {subject: trend for subject, trend in result.changes()}
    assert subjects["crew of station @ leo, rescued by east"] is Trend.WORSE
    row = next(r for p in result.pairs for d in p.directions for r in d.rows if r.subject.endswith("by east"))
    role = next(e for e in row.edits if e.field == "ports[fwd].role")
    assert (role.old, role.new) == ("passive", "active")
    assert role.new_position.path == "specs/vehicle-station.yaml"
    text = (repo / "specs" / "vehicle-station.yaml").read_text().splitlines()
    assert text[role.new_position.line - 1].strip() == "role: active"


def test_scenario_responders_are_compared_with_their_causes(tmp_path):
    scenario = {
        "kind": "RescueScenario",
        "schema_version": 1,
        "id": "station-crew-stranded",
        "name": "station crew stranded",
        "distressed": {"vehicle": "station", "system": "west", "at": "leo", "crew": 2},
        "responders": [{"vehicle": "lander", "system": "north"}, {"vehicle": "capsule", "system": "east"}],
        "sources": [{"title": "test fixture"}],
    }
    base = load_catalog([write(tmp_path / "base", *documents(), scenario)]).catalog
    head = load_catalog([write(tmp_path / "head", *documents(with_adapter=False), scenario)]).catalog
    result = diff_catalogs(base, head, systems=["east", "west"], options=docking_options())
    assert result.pairs == []  # east docks directly: the only pair compared did not move
    [moved] = result.scenarios
    assert (moved.old, moved.new, moved.trend) == ("pass", "pass", None)  # the capsule still docks directly
    [responder] = moved.responders
    assert responder.subject == "scenario station-crew-stranded: lander -> station @ leo"
    assert (responder.old, responder.new, responder.trend) == ("conditional", "fail", Trend.WORSE)
    assert [e.field for e in responder.edits] == ["elements[pma]"]
    assert result.failed


def test_unchanged_specs_report_nothing():
    catalog = _catalog_of(documents())
    result = diff_catalogs(catalog, catalog)
    assert result.changes() == [] and not result.failed and result.edits == []


def test_removed_document_and_dangling_reference_are_breaking_changes(tmp_path):
    base = load_catalog([write(tmp_path / "base", *documents())]).catalog
    head_documents = [d for d in documents(with_adapter=False) if d["id"] != "pma"]
    head = load_catalog([write(tmp_path / "head", *head_documents)]).catalog
    result = diff_catalogs(base, head, options=docking_options())
    messages = [b.message for b in result.breaking]
    assert "Vehicle 'pma' was removed" in messages
    reference = next(b for b in result.breaking if b.kind == "reference")
    assert "TransportSystem 'west' refers to Vehicle 'pma'" in reference.message
    assert reference.position.path.endswith("transportsystem-west.yaml") and reference.position.line == 10


def test_a_renamed_id_is_suggested_from_the_file_it_lives_in(tmp_path):
    base = load_catalog([write(tmp_path / "base", *documents())]).catalog
    renamed = [dict(d, id="tunnel") if d["id"] == "pma" else d for d in documents(with_adapter=False)]
    folder = write(tmp_path / "head", *renamed)
    (folder / "vehicle-tunnel.yaml").rename(folder / "vehicle-pma.yaml")
    head = load_catalog([folder]).catalog
    removed = next(b for b in diff_catalogs(base, head).breaking if b.kind == "removed")
    assert removed.message == "Vehicle 'pma' was removed (renamed to 'tunnel'?)"


def test_revision_positions_name_repository_paths_not_a_temporary_folder(repo):
    result = load_revision("HEAD", ["specs"], cwd=repo)
    assert result.findings == []
    files = {source.file for source in result.catalog.sources.values()}
    assert files == {f"specs/{p.name}" for p in (repo / "specs").iterdir()}


def test_revisions_are_read_without_touching_the_working_tree_or_index(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    (repo / "specs" / "scratch.txt").write_text("uncommitted")
    status_before = git(repo, "status", "--porcelain")
    load_revision("HEAD~1", ["specs"], cwd=repo)
    assert git(repo, "status", "--porcelain") == status_before
    assert "pma" not in (repo / "specs" / "transportsystem-west.yaml").read_text()  # still HEAD's file


def test_unknown_revision_or_path_is_unreadable(repo):
    with pytest.raises(Unreadable, match="nor a git revision"):
        load_revision("no-such-branch", ["specs"], cwd=repo)
    with pytest.raises(Unreadable, match="holds no nowhere"):
        load_revision("HEAD", ["nowhere"], cwd=repo)


def test_head_that_does_not_load_fails_the_diff_without_comparing(repo):
    (repo / "specs" / "vehicle-station.yaml").write_text("kind: Vehicle\nschema_version: 1\nid: station\n")
    git(repo, "commit", "-qam", "break the station")
    result = diff_trees("HEAD~1", "HEAD", ["specs"], cwd=repo)
    assert not result.compared and result.failed
    assert all(f.position.path.startswith("specs/") for f in result.problems)
    assert any(f.position.path == "specs/vehicle-station.yaml" and f.code == "SPEC010" for f in result.problems)


def test_flatten_names_list_items_by_id_so_removals_do_not_renumber():
    fields = flatten({"ports": [{"id": "a", "role": "active"}, {"id": "b", "role": "passive"}], "regimes": ["leo"]})
    assert fields == {
        "ports[a].id": ("a", ("ports", 0, "id")),
        "ports[a].role": ("active", ("ports", 0, "role")),
        "ports[b].id": ("b", ("ports", 1, "id")),
        "ports[b].role": ("passive", ("ports", 1, "role")),
        "regimes": (["leo"], ("regimes",)),
    }


# ---------------------------------------------------------------------- CLI


def test_cli_diff_exits_1_on_a_regression_with_positions(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    result = run_cli(repo, "diff", "HEAD~1", "HEAD", "--", "specs/")
    assert result.exit_code == 1, result.output
    assert "WORSE: crew of station @ leo, rescued by north: conditional -> fail" in result.stdout
    assert "specs/transportsystem-west.yaml:6:1: west.elements[pma]" in result.stdout
    assert "(was at specs/transportsystem-west.yaml:10:3)" in result.stdout
    assert "/tmp" not in result.stdout


def test_cli_diff_exits_0_on_an_improvement(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    result = run_cli(repo, "diff", "HEAD", "HEAD~1")
    assert result.exit_code == 0, result.output
    assert "no verdict got worse; 3 got better" in result.output
    assert "BETTER: crew of station @ leo, rescued by north: fail -> conditional" in result.output


def test_cli_diff_json_and_markdown(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    record = json.loads(run_cli(repo, "diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert record["kind"] == "diff" and record["failed"] and record["regressions"] == 3
    [row] = record["pairs"][0]["directions"][0]["rows"]
    assert row["edits"][0]["old_position"] == {"path": "specs/transportsystem-west.yaml", "line": 10, "column": 3}
    markdown = run_cli(repo, "diff", "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert markdown.startswith("## interop: verdict changes `HEAD~1` → `HEAD`")
    assert "| north ↔ west | :x: one-way → none |" in markdown
    assert "`west.elements[pma]`" in markdown


def test_cli_diff_between_two_folders(tmp_path):
    write(tmp_path / "base", *documents())
    write(tmp_path / "head", *documents(with_adapter=False))
    (tmp_path / "interop.toml").write_text(DOCKING_ONLY)
    result = run_cli(tmp_path, "diff", "base", "head")
    assert result.exit_code == 1, result.output
    assert "head/transportsystem-west.yaml:6:1" in result.output


def test_cli_diff_of_an_unknown_revision_is_exit_2(repo):
    result = run_cli(repo, "diff", "nope", "HEAD")
    assert result.exit_code == 2
    assert "not a folder, nor a git revision" in result.output


def _catalog_of(docs):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="interop-test-"))
    try:
        return load_catalog([write(folder / "specs", *docs)]).catalog
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------ CI formats


def test_cli_diff_github_annotates_the_edited_line_as_an_error(repo):
    commit_change(repo, "drop the adapter", with_adapter=False)
    result = run_cli(repo, "diff", "HEAD~1", "HEAD", "--format", "github")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "::error file=specs/transportsystem-west.yaml,line=6,col=1,title=DIFF001 verdict got worse::WORSE: crew of station @ leo, rescued by north: conditional -> fail"
    )
    assert "west.elements[pma]" in lines[0]
    improved = run_cli(repo, "diff", "HEAD", "HEAD~1", "--format", "github")
    assert improved.exit_code == 0
    # Here HEAD~1 is the newer side: the element is back at line 10.
    assert improved.stdout.startswith(
        "::notice file=specs/transportsystem-west.yaml,line=10,col=3,title=DIFF002 verdict got better::BETTER"
    )


def test_cli_diff_sarif_passes_the_published_schema_and_locates_the_edit(repo):
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json").read_text())
    commit_change(repo, "station port active-only", station_role="active")
    sarif = json.loads(run_cli(repo, "diff", "HEAD~1", "HEAD", "--format", "sarif").stdout)
    jsonschema.Draft7Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    assert run["properties"]["failed"] is True
    worse = [r for r in run["results"] if r["ruleId"] == "DIFF001"]
    assert worse and all(r["level"] == "error" for r in worse)
    east = next(r for r in worse if "rescued by east" in r["message"]["text"])
    region = east["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "specs/vehicle-station.yaml"
    line = (repo / "specs" / "vehicle-station.yaml").read_text().splitlines()[region["region"]["startLine"] - 1]
    assert line.strip() == "role: active"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == sorted({r["ruleId"] for r in run["results"]})


def test_cli_diff_junit_fails_one_case_per_regression(repo):
    import xml.etree.ElementTree as ElementTree

    commit_change(repo, "drop the adapter", with_adapter=False)
    root = ElementTree.fromstring(run_cli(repo, "diff", "HEAD~1", "HEAD", "--format", "junit").stdout)
    suite = root.find("testsuite")
    assert (root.get("tests"), root.get("failures")) == ("1", "1")
    [case] = suite.findall("testcase")
    assert case.find("failure").get("type") == "DIFF001"
    assert "specs/transportsystem-west.yaml:6:1" in case.find("failure").text
    unchanged = ElementTree.fromstring(run_cli(repo, "diff", "HEAD", "HEAD", "--format", "junit").stdout)
    assert (unchanged.get("tests"), unchanged.get("failures")) == ("0", "0")


def test_breaking_changes_and_problems_become_annotations(tmp_path):
    from interop.engine.diff import DiffResult
    from interop.load.edits import BreakingChange
    from interop.model.finding import Finding, Position
    from interop.report.diff_machine import diff_annotations

    result = DiffResult(
        "a",
        "b",
        breaking=[BreakingChange("removed", "vehicle pma removed", Position("specs/pma.yaml", 1, 1))],
        problems=[Finding("CONF030", "waiver expired", Position("interop.toml", 4, 11))],
    )
    notes = diff_annotations(result)
    assert [(n.code, n.level, str(n.position)) for n in notes] == [
        ("DIFF004", "warning", "specs/pma.yaml:1:1"),
        ("CONF030", "error", "interop.toml:4:11"),
    ]
