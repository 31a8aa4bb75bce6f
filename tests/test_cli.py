"""The command line: output shapes and exit codes, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent


def interop(*args, cwd=ROOT):
    result = cli_process.run(args, cwd=cwd)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def test_validate_bundled_specs_exits_zero_with_a_summary():
    result = interop("validate", "specs")
    assert result.returncode == 0
    assert result.stdout.strip().endswith("files valid")


def test_validate_reports_path_line_column_code_and_exits_one(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: Vehicle\nschema_version: 1\nid: x\nname: x\nvehicle_type: rocket\nstatus: operational\ncrewed: true\nsources: [{title: t}]\n"
    )
    result = interop("validate", bad)
    assert result.returncode == 1
    first, summary = result.stdout.strip().splitlines()
    assert first.startswith(f"{bad}:5:15: vehicle_type: 'rocket' is not allowed")
    assert first.endswith("[SPEC013]")
    assert summary == "1 problem in 1 of 1 file"


def test_validate_json_lists_findings(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: Vehicle\nschema_version: 1\n")
    report = json.loads(interop("validate", bad, "--format", "json").stdout)
    assert report["valid"] is False
    assert report["findings"]
    for finding in report["findings"]:
        assert set(finding) >= {"position", "code", "message"}
        assert finding["code"] == "SPEC010"
        assert (finding["position"]["line"], finding["position"]["column"]) == (1, 1)


def test_missing_path_exits_two():
    result = interop("validate", "no/such/folder")
    assert result.returncode == 2
    assert "SPEC030" in result.stderr


def test_validate_one_file_against_the_catalog():
    # Without --catalog, references resolve into the nearest specs/ folder (tests/test_library.py).
    alone = interop("validate", "specs/vehicles/orion.yaml")
    assert alone.returncode == 0, alone.stdout
    with_catalog = interop("validate", "specs/vehicles/orion.yaml", "--catalog", "specs")
    assert with_catalog.returncode == 0, with_catalog.stdout


def test_check_systems_text_and_json():
    text = interop("check", "us-artemis", "ru-lunar")
    assert text.returncode == 1  # no mutual rescue today: a direction fails
    assert "Verdict: NONE" in text.stdout
    assert max(len(line) for line in text.stdout.splitlines()) <= 80
    report = json.loads(interop("check", "us-artemis", "ru-lunar", "--format", "json").stdout)
    assert report["verdict"] in {"mutual", "one-way", "none", "undetermined"}
    assert [d["rescuer_system"] for d in report["directions"]] == ["us-artemis", "ru-lunar"]


def test_check_vehicle_pair_json_verdict():
    result = interop(
        "check", "--rescuer", "apollo-csm", "--distressed", "soyuz-7k-tm", "--at", "leo", "--format", "json"
    )
    report = json.loads(result.stdout)
    assert report["verdict"] in {"pass", "conditional", "fail", "unknown"}
    assert report["mating"]["adapters"] == ["astp-docking-module"]
    assert [s["stage"] for s in report["stages"]] == ["reach", "approach", "mate", "transfer", "carry", "return"]


def test_reports_are_deterministic_byte_for_byte():
    first = interop("check", "us-artemis", "iss", "--format", "json").stdout
    second = interop("check", "us-artemis", "iss", "--format", "json").stdout
    assert first == second


@pytest.mark.parametrize(
    "args",
    [
        ["check", "us-artemis"],
        ["check", "us-artemis", "nowhere"],
        ["check", "--rescuer", "orion"],
        ["check", "--rescuer", "orion", "--distressed", "orel", "--at", "mars"],
        ["check", "us-artemis", "ru-lunar", "--format", "pdf"],
        ["explain", "NOPE001"],
    ],
)
def test_usage_errors_exit_two_with_a_message(args):
    result = interop(*args)
    assert result.returncode == 2
    assert result.stderr.strip()


def test_unknown_system_suggests_a_close_id():
    result = interop("check", "us-artemis", "ru-lunr")
    assert "did you mean ru-lunar?" in result.stderr


def test_a_system_named_by_its_file_gets_its_id_as_the_hint():
    result = interop("check", "specs/systems/iss.yaml", "ru-lunar")
    assert result.returncode == 2
    assert (
        "no transport system 'specs/systems/iss.yaml' in the catalog (give its id, not its file: iss)" in result.stderr
    )


def test_rules_and_explain():
    listing = interop("rules").stdout
    assert "DOCK002" in listing and "rules;" in listing
    explained = interop("explain", "dock002").stdout
    assert explained.startswith("# DOCK002:")


def test_output_file_is_written_and_stdout_is_empty(tmp_path):
    target = tmp_path / "report.json"
    result = interop("check", "astp-1975", "shuttle-mir", "--format", "json", "--output", target)
    assert result.stdout == ""
    assert json.loads(target.read_text())["kind"] == "systems"


def test_a_refused_scenario_leaves_the_rest_of_the_catalog_usable(tmp_path):
    """A scenario that does not validate is refused on its own (issue 26): check and
    the other scenarios still run; `interop scenario` says which one is refused."""
    import shutil

    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    broken = specs / "scenarios" / "shuttle-crew-at-mir.yaml"
    broken.write_text(broken.read_text() + "bogus: 1\n")
    checked = interop("check", "us-iss", "ru-iss", "--specs", str(specs), "--format", "json")
    assert json.loads(checked.stdout)["kind"] == "systems"
    assert "scenario shuttle-crew-at-mir is refused" in checked.stderr
    other = interop("scenario", "starliner-crew-return", "--specs", str(specs), "--format", "json")
    assert other.returncode == 0, other.stderr
    named = interop("scenario", "shuttle-crew-at-mir", "--specs", str(specs))
    assert named.returncode == 1
    assert "shuttle-crew-at-mir.yaml:" in named.stderr and "[SPEC011]" in named.stderr
    every = interop("scenario", "--specs", str(specs), "--format", "json")
    assert every.returncode == 1
    assert "shuttle-crew-at-mir" not in [s["scenario"] for s in json.loads(every.stdout)]
