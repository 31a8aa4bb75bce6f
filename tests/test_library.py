"""The bundled spec library: found, overlaid by user specs, and the catalog
``interop validate FILE`` resolves references against."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from interop.load import errors, load_catalog
from interop.load.library import (
    bundled_specs,
    default_spec_paths,
    load_specs,
    validation_context,
    wants_library,
)
from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent


def interop(*args, cwd):
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def project(tmp_path: Path) -> Path:
    """An empty repository of a user's own, outside this one."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    return repo


def copy_spec(repo: Path, relative: str, edit=None) -> Path:
    target = repo / "specs" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "specs" / relative).read_text()
    target.write_text(edit(text) if edit else text)
    return target


def test_the_bundled_library_is_this_repositorys_specs_in_a_checkout():
    assert bundled_specs() == ROOT / "specs"
    assert load_catalog([bundled_specs()]).ok


def test_default_specs_and_when_the_library_joins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert default_spec_paths() == []
    assert default_spec_paths([Path("mine")]) == [Path("mine")]
    (tmp_path / "specs").mkdir()
    assert default_spec_paths() == [Path("specs")]
    assert wants_library([]) is True
    assert wants_library([Path("specs")]) is False
    assert wants_library([Path("specs")], configured=True) is True
    assert wants_library([Path("specs")], flag=False, configured=True) is False


def test_user_document_replaces_the_bundled_one_and_is_named_once(tmp_path):
    repo = project(tmp_path)
    mine = copy_spec(repo, "vehicles/orion.yaml", lambda t: t.replace("total: 4", "total: 6"))
    loaded = load_specs([repo / "specs"], library=True)
    assert loaded.result.ok, [f.format() for f in loaded.result.findings]
    assert loaded.result.catalog.vehicles["orion"].seats.total == 6
    assert [(r.file, r.kind, r.id) for r in loaded.replaced] == [(str(mine), "Vehicle", "orion")]
    assert loaded.replaced[0].note() == f"interop: {mine} replaces the bundled Vehicle orion"


def test_the_bundled_folder_laid_over_itself_replaces_nothing():
    loaded = load_specs([bundled_specs()], library=True)
    assert loaded.result.ok and loaded.replaced == []


def test_duplicates_among_user_files_are_still_errors(tmp_path):
    repo = project(tmp_path)
    copy_spec(repo, "vehicles/orion.yaml")
    shutil.copy(repo / "specs/vehicles/orion.yaml", repo / "specs/vehicles/orion-copy.yaml")
    codes = [f.code for f in load_specs([repo / "specs"], library=True).result.findings]
    assert codes == [errors.DUPLICATE_ID]


def test_check_outside_the_repository_uses_the_bundled_library(tmp_path):
    repo = project(tmp_path)
    result = interop("check", "us-artemis", "ru-lunar", cwd=repo)
    assert result.returncode == 1 and "Verdict: NONE" in result.stdout, result.stderr


def test_user_specs_with_library_flag_and_config_key(tmp_path):
    repo = project(tmp_path)
    copy_spec(repo, "vehicles/orion.yaml")
    alone = interop("check", "us-artemis", "ru-lunar", cwd=repo)
    assert alone.returncode == 1 and "no DockingInterface with id 'nds'" in alone.stderr
    over = interop("check", "us-artemis", "ru-lunar", "--library", cwd=repo)
    assert "Verdict:" in over.stdout, over.stderr
    assert over.stderr.count("replaces the bundled") == 1
    assert "interop: specs/vehicles/orion.yaml replaces the bundled Vehicle orion" in over.stderr
    (repo / "interop.toml").write_text("library = true\n")
    configured = interop("check", "us-artemis", "ru-lunar", cwd=repo)
    assert "Verdict:" in configured.stdout and "replaces the bundled Vehicle orion" in configured.stderr
    refused = interop("check", "us-artemis", "ru-lunar", "--no-library", cwd=repo)
    assert refused.returncode == 1 and "no DockingInterface" in refused.stderr


def test_a_system_file_validated_alone_resolves_into_its_specs_folder(tmp_path):
    repo = project(tmp_path)
    shutil.copytree(ROOT / "specs", repo / "specs")
    result = interop("validate", "specs/systems/iss.yaml", cwd=repo)
    assert (result.returncode, result.stdout) == (0, "1 file valid\n")
    # From elsewhere, by absolute path: the nearest specs/ above the file.
    elsewhere = interop("validate", repo / "specs/systems/iss.yaml", cwd=tmp_path)
    assert elsewhere.returncode == 0, elsewhere.stdout


def test_a_file_outside_any_project_resolves_into_the_bundled_library(tmp_path):
    lone = tmp_path / "lone"
    (lone / ".git").mkdir(parents=True)
    shutil.copy(ROOT / "specs/systems/iss.yaml", lone / "iss.yaml")
    assert validation_context([lone / "iss.yaml"]) == ([], True)
    result = interop("validate", "iss.yaml", cwd=lone)
    assert (result.returncode, result.stdout) == (0, "1 file valid\n")
    text = (lone / "iss.yaml").read_text().replace("vehicle: zvezda", "vehicle: zvezdaa", 1)
    (lone / "iss.yaml").write_text(text)
    broken = interop("validate", "iss.yaml", cwd=lone)
    assert broken.returncode == 1 and "no Vehicle with id 'zvezdaa' (did you mean zvezda?)" in broken.stdout


def test_the_configurations_specs_are_the_catalog(tmp_path, monkeypatch):
    repo = project(tmp_path)
    shutil.copytree(ROOT / "specs", repo / "rescue")
    (repo / "pyproject.toml").write_text('[tool.interop]\nspecs = ["rescue"]\n')
    monkeypatch.chdir(repo)  # the configuration is found from the working folder, as for every command
    assert validation_context([Path("rescue/systems/iss.yaml")], Path("pyproject.toml")) == ([Path("rescue")], False)
    result = interop("validate", "rescue/systems/iss.yaml", cwd=repo)
    assert result.returncode == 0, result.stdout


def test_untouched_files_problems_are_not_reported_but_a_broken_target_is_named(tmp_path):
    repo = project(tmp_path)
    shutil.copytree(ROOT / "specs", repo / "specs")
    zvezda = repo / "specs/vehicles/zvezda.yaml"
    zvezda.write_text(zvezda.read_text().replace("crewed:", "crewd:"))
    result = interop("validate", "specs/systems/iss.yaml", cwd=repo)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert not any(line.startswith("specs/vehicles/") for line in lines)  # zvezda's own problem is not reported
    named = [line for line in lines if "'zvezda'" in line]
    assert named and all("is defined in specs/vehicles/zvezda.yaml, which has errors" in line for line in named)
    assert all(line.endswith("[SPEC020]") for line in named)


def scenario(**distressed_and_responders):
    return {
        "kind": "RescueScenario",
        "schema_version": 1,
        "id": "probe",
        "name": "probe",
        "sources": [{"title": "t"}],
        **distressed_and_responders,
    }


def test_scenario_responder_outside_its_system_and_too_many_crew(tmp_path):
    file = tmp_path / "probe.yaml"
    file.write_text(
        yaml.safe_dump(
            scenario(
                distressed={"vehicle": "soyuz-7k-tm", "system": "astp-1975", "at": "leo", "crew": 2},
                responders=[
                    {"vehicle": "apollo-csm", "system": "iss", "crew_aboard": 4},
                    {"vehicle": "apollo-csm", "system": "astp-1975", "crew_aboard": 3},
                ],
            ),
            sort_keys=False,
        )
    )
    result = load_catalog([file], context=[bundled_specs()])
    found = [(f.code, f.position.line, f.position.column, f.message) for f in result.findings]
    lines = file.read_text().splitlines()
    # Four aboard and two to rescue in a five-seat Apollo is a question, not an input
    # error: CREW002 answers it FAIL (issue 26). Only the misplaced responder is refused.
    assert [(code, lines[line - 1][column - 1 :].split(",")[0]) for code, line, column, _ in found] == [
        (errors.NOT_AN_ELEMENT, "apollo-csm"),
    ], found


def test_unknown_seating_is_no_finding(tmp_path):
    """crew-dragon publishes no addable seats: the carry rule says UNKNOWN, validation says nothing."""
    file = tmp_path / "probe.yaml"
    file.write_text(
        yaml.safe_dump(
            scenario(
                distressed={"vehicle": "soyuz-ms", "system": "ru-iss", "at": "leo", "crew": 3},
                responders=[{"vehicle": "crew-dragon", "system": "us-iss", "crew_aboard": 4}],
            )
        )
    )
    assert load_catalog([file], context=[bundled_specs()]).ok


def test_validate_over_the_library_when_the_configuration_asks(tmp_path):
    repo = project(tmp_path)
    mine = {
        "kind": "Vehicle",
        "schema_version": 1,
        "id": "my-ship",
        "name": "my-ship",
        "vehicle_type": "crew-vehicle",
        "status": "planned",
        "crewed": True,
        "ports": [{"id": "nose", "interface": "idss", "role": "active"}],
        "sources": [{"title": "t"}],
    }
    (repo / "specs/vehicles").mkdir(parents=True)
    (repo / "specs/vehicles/my-ship.yaml").write_text(yaml.safe_dump(mine))
    copy_spec(repo, "vehicles/orion.yaml")  # replaces the bundled orion: no duplicate
    alone = interop("validate", "specs/vehicles/my-ship.yaml", cwd=repo)
    assert alone.returncode == 1 and "no DockingInterface with id 'idss'" in alone.stdout
    (repo / "interop.toml").write_text("library = true\n")
    for args in (["specs/vehicles/my-ship.yaml"], [], ["specs"]):
        over = interop("validate", *args, cwd=repo)
        assert over.returncode == 0, (args, over.stdout)


def test_no_specs_and_no_library_is_a_usage_error(tmp_path):
    result = interop("check", "us-artemis", "ru-lunar", "--no-library", cwd=project(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("specs: no specs to read: name them with --specs") and "[SPEC030]" in result.stderr
