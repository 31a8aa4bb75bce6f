"""Positions in the bundled library are the library's own, and ``-v`` names what a run read (issue 29).

A document read from the bundled library prints as ``library:vehicles/orion.yaml:24:10``
in every format (SARIF: a ``uri`` against the ``LIBRARY`` base), its full path under
``-v``; the same files named as the user's catalog (``--specs specs`` in a checkout)
are the user's, printed as named.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from interop.engine import check_systems
from interop.load.library import LibraryPosition, bundled_specs, load_specs
from interop.report import FORMATS, ReportOptions, reporter
from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def interop(*args, cwd):
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def library_check():
    loaded = load_specs([], library=True)
    assert loaded.library is not None and loaded.library.files
    return loaded.library, check_systems(loaded.result.catalog, "us", "russia")


def _render(library_check, fmt: str, **options) -> str:
    library, result = library_check
    return reporter(fmt, ReportOptions(library=library, include_passes=True, **options)).systems(result)


def _positions(value):
    if isinstance(value, dict):
        if {"path", "line", "column"} <= set(value):
            yield value
        for item in value.values():
            yield from _positions(item)
    elif isinstance(value, list):
        for item in value:
            yield from _positions(item)


@pytest.mark.parametrize("fmt", [*FORMATS, "terminal"])
def test_library_positions_print_as_the_librarys_own_in_every_format(library_check, fmt):
    text = _render(library_check, fmt)
    root = str(bundled_specs())
    if fmt == "sarif":
        run = json.loads(text)["runs"][0]
        assert run["originalUriBaseIds"]["LIBRARY"]["uri"] == bundled_specs().as_uri() + "/"
        text = json.dumps(run["results"])
    assert root not in text
    shown = "library%3Avehicles/" if fmt == "github" else '"vehicles/' if fmt == "sarif" else "library:vehicles/"
    assert shown in text


def test_under_verbose_library_positions_give_the_full_path(library_check):
    root = str(bundled_specs())
    assert f"{root}/vehicles/" in _render(library_check, "text", verbose=True)
    report = json.loads(_render(library_check, "json", verbose=True))
    library = [p for p in _positions(report) if p.get("library")]
    assert library and all(p["path"] == f"{root}/{p['library_path']}" for p in library)


def test_json_library_positions_say_so_and_pass_the_report_schema(library_check):
    from interop.report.report_schema import SCHEMA

    report = json.loads(_render(library_check, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    positions = list(_positions(report))
    assert positions
    for position in positions:
        assert position["library"] is True
        assert position["path"] == "library:" + position["library_path"]
        assert (bundled_specs() / position["library_path"]).is_file()


def test_sarif_library_locations_name_the_library_base_and_pass_the_schema(library_check):
    sarif = json.loads(_render(library_check, "sarif"))
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(sarif)
    locations = [
        location["physicalLocation"]["artifactLocation"]
        for result in sarif["runs"][0]["results"]
        for location in result.get("locations", [])
    ]
    assert locations
    for artifact in locations:
        assert artifact["uriBaseId"] == "LIBRARY"
        assert (bundled_specs() / artifact["uri"]).is_file()


def test_without_the_library_sarif_names_no_base(library_check):
    _library, result = library_check
    sarif = json.loads(reporter("sarif", ReportOptions()).systems(result))
    assert "originalUriBaseIds" not in sarif["runs"][0]


def test_the_librarys_files_named_as_the_users_catalog_are_the_users(monkeypatch):
    """From a checkout, ``--specs specs`` names the library's files: they are the user's catalog."""
    monkeypatch.chdir(ROOT)
    whole = load_specs([Path("specs")], library=True)
    assert whole.library is not None and not whole.library.files
    absolute = load_specs([bundled_specs()], library=True)
    assert absolute.library is not None and not absolute.library.files
    vehicles = load_specs([Path("specs/vehicles")], library=True)
    assert vehicles.library is not None
    taken = {vehicles.library.relative(file).split("/")[0] for file in vehicles.library.files}
    assert "vehicles" not in taken and "interfaces" in taken
    user = vehicles.result.catalog.sources[("Vehicle", "orion")]
    assert vehicles.library.shown(user.value(("id",))) == user.value(("id",))
    bundled = vehicles.result.catalog.sources[("DockingInterface", "idss")]
    assert isinstance(vehicles.library.shown(bundled.value(("id",))), LibraryPosition)


def test_check_outside_a_repository_names_library_positions_and_the_library_read(tmp_path):
    plain = interop("check", "us", "russia", cwd=tmp_path)
    assert plain.returncode == 1
    assert "(library:vehicles/" in plain.stdout and str(bundled_specs()) not in plain.stdout
    verbose = interop("-v", "check", "us", "russia", cwd=tmp_path)
    assert f"({bundled_specs()}/vehicles/" in verbose.stdout
    documents = len(list(bundled_specs().rglob("*.yaml")))
    said = [line for line in verbose.stderr.splitlines() if not line.startswith("interop: read ")]
    assert f"interop: library: {bundled_specs()} (bundled, {documents} documents)" in said
    assert "interop: catalog: none (no spec path named, none in the configuration, no ./specs)" in said


def test_check_in_a_checkout_with_specs_named_prints_them_as_named():
    result = interop("-v", "check", "us", "russia", "--specs", "specs", cwd=ROOT)
    assert result.returncode == 1
    assert "(specs/vehicles/" in result.stdout and "library:" not in result.stdout
    documents = len(list((ROOT / "specs").rglob("*.yaml")))
    said = [line for line in result.stderr.splitlines() if not line.startswith("interop: read ")]
    assert said == [f"interop: catalog: specs ({documents} documents)"]


def test_validate_verbose_names_the_folder_named_and_not_the_projects_specs(tmp_path):
    """The false duplicates of issue 29 came from a ./specs nobody named: -v shows what was read."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "specs" / "vehicles").mkdir(parents=True)
    (repo / "copy").mkdir()
    orion = (ROOT / "specs" / "vehicles" / "orion.yaml").read_text()
    (repo / "specs" / "vehicles" / "orion.yaml").write_text(orion)
    (repo / "copy" / "orion.yaml").write_text(orion)
    result = interop("validate", "-v", "copy", cwd=repo)
    assert result.returncode == 0, result.stdout
    said = [line for line in result.stderr.splitlines() if not line.startswith("interop: read ")]
    assert "interop: catalog: copy (1 document)" in said
    assert not any(line.startswith("interop: catalog: specs") for line in said)
    assert any(line.startswith(f"interop: library: {bundled_specs()} (bundled, ") for line in said)
    inside = interop("validate", "-v", "specs/vehicles/orion.yaml", cwd=repo)
    said = [line for line in inside.stderr.splitlines() if not line.startswith("interop: read ")]
    assert said[:2] == [
        "interop: catalog: specs/vehicles/orion.yaml (1 document)",
        "interop: catalog: specs (1 document)",
    ]


@pytest.mark.parametrize(
    "command",
    [["check", "west", "east"], ["scenario"], ["matrix"], ["plan", "west", "east"], ["gaps"], ["map"], ["diff"]],
    ids=lambda command: command[0],
)
def test_verbose_names_the_catalogs_and_library_of_every_command_that_reads_specs(tmp_path, command):
    from tests.test_in_and_out_of_repo import _catalog

    _catalog(tmp_path / "catalog")
    documents = len(list((tmp_path / "catalog").glob("*.yaml")))
    if command == ["diff"]:
        result = interop("-v", "diff", "catalog", "catalog", cwd=tmp_path)
        expected = [
            f"interop: catalog: catalog (base folder, {documents} documents)",
            f"interop: catalog: catalog (head folder, {documents} documents)",
            "interop: library: not read (a diff compares the two trees alone)",
        ]
    else:
        result = interop("-v", *command, "--specs", "catalog", cwd=tmp_path)
        expected = [f"interop: catalog: catalog ({documents} documents)"]
    assert result.returncode in (0, 1), result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith(("interop: catalog:", "interop: library:"))]
    assert said == expected
    if command[0] == "check":  # over the library too (the others would read all of it: slow)
        with_library = interop("-v", *command, "--specs", "catalog", "--library", cwd=tmp_path)
        said = [line for line in with_library.stderr.splitlines() if line.startswith("interop: library:")]
        assert len(said) == 1 and said[0].startswith(f"interop: library: {bundled_specs()} (bundled, ")
