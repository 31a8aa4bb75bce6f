"""Compiled validators (interop.load.compiled) validate exactly as the models do.

The command line validates with the models' own pydantic-core validators,
written to a cache file and rebuilt without pydantic. Every finding and every
validated value must be the same as the models give; the cache must never
turn a run into an error.
"""

from __future__ import annotations

import enum
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given

from interop.load import compiled, load_catalog, load_file
from interop.load.documents import validate_document
from interop.load.tree import SourceMap
from interop.model.shape import Part, shape_of
from interop.model.values import Measured
from tests.test_properties_models import SETTINGS, SPEC_FILES, mutated_documents

ROOT = Path(__file__).resolve().parent.parent
BAD_FILES = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml")) + sorted(
    p for p in (ROOT / "tests" / "hostile_corpus").glob("*.yaml") if p.name != "cases.yaml"
)


def _written_and_read_back() -> dict:
    """What the command line would read from its cache: export, through JSON, rebuilt."""
    stored = json.loads(json.dumps({"key": compiled.cache_key(), **compiled.export()}))
    return compiled.rebuild(stored)


COMPILED = _written_and_read_back()


def plain(value):
    """A validated value as comparable data: class names, floats with their unit text, enum members."""
    if isinstance(value, Part):
        return (type(value).__name__, {name: plain(getattr(value, name)) for name in shape_of(type(value))})
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, Measured):
        return ("Measured", float(value), value.original)
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.value)
    return (type(value).__name__, value)


def _texts(findings) -> list[str]:
    return [finding.format() for finding in findings]


# ------------------------------------------------------------- same results


def test_compiled_parts_are_plain_objects_not_models():
    document, _map, problems = load_file(ROOT / "specs" / "vehicles" / "orion.yaml", kinds=COMPILED)
    assert problems == []
    assert isinstance(document, Part)
    assert type(document).__module__ == "interop.load.compiled"
    assert not any(base.__module__.startswith("pydantic") for base in type(document).__mro__)
    assert document.KIND == "Vehicle"


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.name)
def test_every_bundled_spec_validates_to_the_same_values(path):
    model, _map, model_problems = load_file(path)
    part, _map, compiled_problems = load_file(path, kinds=COMPILED)
    assert model_problems == compiled_problems == []
    assert plain(part) == plain(model)


def test_the_bundled_library_loads_to_the_same_catalog_and_findings():
    by_models = load_catalog([ROOT / "specs"])
    by_compiled = load_catalog([ROOT / "specs"], kinds=COMPILED)
    assert _texts(by_compiled.findings) == _texts(by_models.findings)
    for kind in ("DockingInterface", "Vehicle", "TransportSystem", "RescueScenario"):
        models, parts = by_models.catalog.table(kind), by_compiled.catalog.table(kind)
        assert list(parts) == list(models) and models
        assert [plain(p) for p in parts.values()] == [plain(m) for m in models.values()]


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_files_get_the_same_findings(path):
    _model, _map, by_models = load_file(path)
    _part, _map, by_compiled = load_file(path, kinds=COMPILED)
    assert _texts(by_compiled) == _texts(by_models)


def test_the_bad_files_do_fail_so_the_comparison_means_something():
    failing = [p.name for p in BAD_FILES if load_file(p, kinds=COMPILED)[2]]
    assert len(failing) >= len(BAD_FILES) - 3, failing  # a few hostile cases are valid YAML specs


@SETTINGS
@given(mutated_documents())
def test_generated_documents_get_the_same_findings_and_values(document):
    model, by_models = validate_document(document, SourceMap("generated"))
    part, by_compiled = validate_document(document, SourceMap("generated"), COMPILED)
    assert _texts(by_compiled) == _texts(by_models)
    assert plain(part) == plain(model)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_reference_checks_run_on_compiled_parts(tmp_path):
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)

    def break_orion(vehicle):
        vehicle["ports"][0]["interface"] = "no-such-interface"
        vehicle["ports"].append(dict(vehicle["ports"][-1]))  # a port id used twice
        vehicle["estimates"] = vehicle.get("estimates", []) + [{"field": "nothing.here", "note": "names no value"}]

    def break_iss(system):
        system["connections"][0]["a"]["port"] = "no-such-port"
        system["includes"] = ["iss"]

    _edit(specs / "vehicles" / "orion.yaml", break_orion)
    _edit(specs / "systems" / "iss.yaml", break_iss)
    by_models = load_catalog([specs])
    by_compiled = load_catalog([specs], kinds=COMPILED)
    assert _texts(by_compiled.findings) == _texts(by_models.findings)
    messages = " ".join(_texts(by_compiled.findings))
    for expected in ("no-such-interface", "nothing.here", "used twice", "no-such-port", "includes itself"):
        assert expected in messages, expected


# ------------------------------------------------------------- what is written


def test_the_written_file_is_plain_json_with_markers_only_for_our_own_names():
    written = json.dumps(compiled.export())
    for marker in ('"$part"', '"$enum"', '"$call"', '"$unit"'):
        assert marker in written
    assert "pydantic_js_functions" not in written and "<function" not in written


def test_writing_refuses_what_it_cannot_name():
    with pytest.raises(compiled.CompileError):
        compiled._written({"type": "function-plain", "function": {"type": "no-info", "function": print}}, {})
    foreign = enum.Enum("Foreign", {"A": "a"})
    with pytest.raises(compiled.CompileError):
        compiled._written({"type": "enum", "cls": foreign, "members": list(foreign)}, {})
    with pytest.raises(compiled.CompileError):
        compiled._written({"type": "any", "default": object()}, {})


@pytest.mark.parametrize("marker", [{"$call": "system"}, {"$enum": "Path"}, {"$enum": "enum"}])
def test_reading_refuses_names_off_its_lists(marker):
    stored = json.loads(json.dumps(compiled.export()))
    stored["kinds"]["Vehicle"]["schema"]["extra_marker"] = marker
    with pytest.raises(compiled.CompileError):
        compiled.rebuild(stored)


def test_the_key_changes_when_a_model_source_changes(tmp_path, monkeypatch):
    sources = tmp_path / "model"
    shutil.copytree(compiled._MODEL_SOURCES, sources)
    monkeypatch.setattr(compiled, "_MODEL_SOURCES", sources)
    before = compiled.cache_key()
    (sources / "documents.py").write_text((sources / "documents.py").read_text() + "\n# edited\n")
    after = compiled.cache_key()
    assert before["models"] != after["models"]
    assert compiled.cache_file(before, tmp_path) != compiled.cache_file(after, tmp_path)


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("INTEROP_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_dir() == tmp_path / "xdg" / "interop"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiled.cache_dir() == tmp_path / "home" / ".cache" / "interop"
    monkeypatch.setenv("HOME", "not-absolute")
    assert compiled.cache_dir() is None
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(tmp_path / "mine"))
    assert compiled.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("INTEROP_NO_CACHE", "1")
    assert compiled.cache_dir() is None
    assert compiled.load_kinds() is None and compiled.remember() is None


# ------------------------------------------------------------- the command line

PROBE = """
import sys
from interop.cli import main
code = 0
try:
    main(["validate", *sys.argv[1:]])
except SystemExit as exc:
    code = exc.code
sys.stdout.write("\\nexit=%s pydantic=%s\\n" % (code, "pydantic" in sys.modules))
"""


def _validate(cache: Path | str | None, *arguments, no_cache: bool = False) -> tuple[str, int, bool, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("INTEROP_CACHE_DIR", "INTEROP_NO_CACHE")}
    if cache is not None:
        env["INTEROP_CACHE_DIR"] = str(cache)
    if no_cache:
        env["INTEROP_NO_CACHE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    report, _, tail = result.stdout.rpartition("\nexit=")
    code, pydantic = tail.split()
    return report, int(code), pydantic == "pydantic=True", result.stderr


ONE_GOOD = ROOT / "specs" / "vehicles" / "orion.yaml"
ONE_BAD = ROOT / "tests" / "data" / "invalid" / "vehicle-unknown-field.yaml"


def test_first_run_writes_the_cache_and_the_next_runs_without_pydantic(tmp_path):
    cache = tmp_path / "cache"
    first = _validate(cache, ONE_GOOD, "--catalog", ROOT / "specs")
    written = list(cache.glob("validators-*.json"))
    assert len(written) == 1 and first[1] == 0 and first[2] is True
    second = _validate(cache, ONE_GOOD, "--catalog", ROOT / "specs")
    assert second[:2] == first[:2] and second[2] is False
    bad_by_models = _validate(tmp_path / "other-cache", ONE_BAD)
    bad_by_compiled = _validate(cache, ONE_BAD)
    assert bad_by_compiled[:2] == bad_by_models[:2] and bad_by_compiled[1] == 1 and bad_by_compiled[2] is False
    assert "SPEC" in bad_by_compiled[0]


@pytest.mark.parametrize("damage", ["{", "[]", "\x00\xff", "wrong-key", "bad-marker"])
def test_a_damaged_cache_file_is_a_miss_and_is_rewritten(tmp_path, damage):
    cache = tmp_path / "cache"
    expected = _validate(cache, ONE_BAD)
    (written,) = cache.glob("validators-*.json")
    if damage == "wrong-key":
        stored = json.loads(written.read_text())
        stored["key"]["models"] = "00000000"
        written.write_text(json.dumps(stored))
    elif damage == "bad-marker":
        written.write_text(written.read_text().replace('"$call":"integral_float_to_int"', '"$call":"system"'))
    else:
        written.write_bytes(damage.encode("latin-1"))
    again = _validate(cache, ONE_BAD)
    assert again[:2] == expected[:2] and again[2] is True  # fell back to the models
    assert compiled.rebuild(json.loads(written.read_text()))  # and wrote a good file


def test_an_unwritable_cache_folder_is_skipped(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    report, code, _pydantic, stderr = _validate(blocker / "cache", ONE_GOOD, "--catalog", ROOT / "specs")
    assert code == 0 and "valid" in report and stderr == ""
    assert blocker.read_text() == "not a folder"


def test_the_cache_folder_keeps_only_the_newest_files(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(tmp_path))
    for number in range(compiled.KEEP_FILES + 3):
        old = tmp_path / f"validators-old-{number}.json"
        old.write_text("{}")
        os.utime(old, ns=(number * 10**9, number * 10**9))
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("mine")
    written = compiled.remember()
    left = sorted(p.name for p in tmp_path.glob("validators-*.json"))
    assert written.name in left and len(left) == compiled.KEEP_FILES
    assert "validators-old-0.json" not in left and f"validators-old-{compiled.KEEP_FILES + 2}.json" in left
    assert unrelated.read_text() == "mine"


def test_no_cache_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    for _ in range(2):
        _report, code, pydantic, _ = _validate(cache, ONE_GOOD, "--catalog", ROOT / "specs", no_cache=True)
        assert code == 0 and pydantic is True
    assert not cache.exists()
