"""The validation cache (interop.load.cache): same answers, never stale, never trusting what it did not write."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.cli import validation
from interop.load.cache import MAX_ENTRIES, ValidationCache, validation_key
from interop.load.limits import DEFAULT_LIMITS

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]
BAD = "kind: Vehicle\nschema_version: 1\nid: x\nname: x\nvehicle_type: rocket\nstatus: operational\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def project(tmp_path):
    """A copy of the bundled interfaces and two vehicles, one of them broken."""
    shutil.copytree(ROOT / "specs" / "interfaces", tmp_path / "interfaces")
    vehicles = tmp_path / "vehicles"
    vehicles.mkdir()
    shutil.copy(ROOT / "specs" / "vehicles" / "orion.yaml", vehicles / "orion.yaml")
    (vehicles / "bad.yaml").write_text(BAD)
    return tmp_path


def _validate(capsys, paths, **options):
    code = validation.run_validate([Path(p) for p in paths], **options)
    captured = capsys.readouterr()
    return code, captured.out


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("v1-*.json"))


def _loader_must_not_run(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the loader ran: the answer was not served from the cache")

    monkeypatch.setattr(validation, "_load_for_validation", refuse)


@pytest.mark.parametrize("format", FORMATS)
def test_an_answer_from_the_cache_is_the_answer_without_it(capsys, monkeypatch, cache_dir, project, format):
    paths = [project / "vehicles"]
    options = {"format": format, "catalog": [project / "interfaces"]}
    uncached = _validate(capsys, paths, no_cache=True, **options)
    assert not _entries(cache_dir) if cache_dir.exists() else True
    first = _validate(capsys, paths, **options)
    assert len(_entries(cache_dir)) == 1
    _loader_must_not_run(monkeypatch)
    second = _validate(capsys, paths, **options)
    assert uncached == first == second
    assert first[0] == 1  # the broken vehicle is reported, from the cache too


def test_no_cache_neither_reads_nor_writes(capsys, cache_dir, project):
    _validate(capsys, [project / "vehicles"], catalog=[project / "interfaces"], no_cache=True)
    assert not cache_dir.exists() or not _entries(cache_dir)


def test_any_change_to_an_input_is_a_miss(capsys, cache_dir, project):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    assert _validate(capsys, paths, catalog=catalog)[0] == 1
    (project / "vehicles" / "bad.yaml").unlink()
    assert _validate(capsys, paths, catalog=catalog)[0] == 0, "a removed file"
    (project / "vehicles" / "new.yaml").write_text(BAD)
    assert _validate(capsys, paths, catalog=catalog)[0] == 1, "an added file"
    (project / "vehicles" / "new.yaml").unlink()
    before = _validate(capsys, paths, catalog=catalog)
    nds = project / "interfaces" / "nds.yaml"
    nds.write_text(nds.read_text().replace("id: nds", "id: nds-renamed"))
    after = _validate(capsys, paths, catalog=catalog)
    assert after == _validate(capsys, paths, catalog=catalog, no_cache=True) != before, "a changed file of the context"
    assert "nds" in after[1]


def test_a_crafted_entry_makes_nothing_pass(capsys, cache_dir, project):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    expected = _validate(capsys, paths, catalog=catalog, no_cache=True)
    _validate(capsys, paths, catalog=catalog)
    (entry,) = _entries(cache_dir)
    stored = json.loads(entry.read_text())
    payload = json.loads(stored["payload"])
    payload["findings"] = []
    forged = [
        {"mac": stored["mac"], "payload": json.dumps(payload)},  # the old signature over a new payload
        {"mac": "0" * 64, "payload": json.dumps(payload)},
        {"payload": json.dumps(payload)},
        "not an entry",
    ]
    for crafted in forged:
        entry.write_text(json.dumps(crafted))
        assert _validate(capsys, paths, catalog=catalog) == expected, crafted
        entry.write_text(json.dumps(forged[1]))


def test_an_entry_signed_with_another_secret_is_a_miss(capsys, cache_dir, project):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    expected = _validate(capsys, paths, catalog=catalog, no_cache=True)
    _validate(capsys, paths, catalog=catalog)
    (entry,) = _entries(cache_dir)
    # Someone else's cache, signed with their secret, copied in with its payload emptied.
    other = ValidationCache(cache_dir.parent / "other")
    other.folder.mkdir(mode=0o700)
    key = entry.name[len("v1-") : -len(".json")]
    assert other.put(key, [], 1)
    shutil.copy(other.folder / entry.name, entry)
    assert _validate(capsys, paths, catalog=catalog) == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_files_and_folders_of_another_user_are_not_trusted(capsys, cache_dir, project):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    expected = _validate(capsys, paths, catalog=catalog, no_cache=True)
    _validate(capsys, paths, catalog=catalog)
    (entry,) = _entries(cache_dir)
    other = ValidationCache(cache_dir)
    key = entry.name[len("v1-") : -len(".json")]
    assert other.put(key, [], 1)  # a sound entry saying "valid", then given to someone else
    os.chown(entry, 65534, 65534)
    assert _validate(capsys, paths, catalog=catalog) == expected
    os.chown(cache_dir, 65534, 65534)
    assert ValidationCache.open(cache_dir) is None


def test_a_folder_others_can_write_is_not_used(capsys, tmp_path, monkeypatch, project):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(shared))
    _validate(capsys, [project / "vehicles"], catalog=[project / "interfaces"])
    assert list(shared.iterdir()) == []


def test_a_secret_others_can_read_is_not_used(capsys, cache_dir, project):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    _validate(capsys, paths, catalog=catalog)
    (cache_dir / "secret").chmod(0o644)
    for entry in _entries(cache_dir):
        entry.unlink()
    _validate(capsys, paths, catalog=catalog)
    assert not _entries(cache_dir)


def test_an_entry_that_is_a_link_is_a_miss(capsys, cache_dir, project, tmp_path):
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    expected = _validate(capsys, paths, catalog=catalog, no_cache=True)
    _validate(capsys, paths, catalog=catalog)
    (entry,) = _entries(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert _validate(capsys, paths, catalog=catalog) == expected


def test_pruning_removes_only_the_caches_own_files(cache_dir):
    cache = ValidationCache.open(cache_dir)
    assert cache is not None
    mine = cache_dir / "notes.txt"
    mine.write_text("a user's file")
    lookalike = cache_dir / "v1-not-hex.json"
    lookalike.write_text("{}")
    keys = [f"{index:064x}" for index in range(MAX_ENTRIES + 3)]
    for index, key in enumerate(keys):
        assert cache.put(key, [], 1)
        os.utime(cache_dir / f"v1-{key}.json", ns=(index * 10**9, index * 10**9))
    cache.prune()
    assert len(_entries(cache_dir)) == MAX_ENTRIES + 1  # the look-alike stays, and is not counted
    assert not (cache_dir / f"v1-{keys[0]}.json").exists(), "the oldest entry goes"
    assert (cache_dir / f"v1-{keys[-1]}.json").exists()
    assert mine.read_text() == "a user's file" and lookalike.exists()


def test_a_temporary_file_of_a_killed_run_is_removed(cache_dir):
    cache = ValidationCache.open(cache_dir)
    assert cache is not None
    dead = cache_dir / f".v1-{'a' * 64}.999999999.tmp"
    dead.write_text("half")
    cache.prune()
    assert not dead.exists()


def test_a_cache_that_cannot_be_written_costs_only_the_cache(capsys, tmp_path, monkeypatch, project):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("INTEROP_CACHE_DIR", str(blocked / "cache"))
    expected = _validate(capsys, [project / "vehicles"], catalog=[project / "interfaces"], no_cache=True)
    assert _validate(capsys, [project / "vehicles"], catalog=[project / "interfaces"]) == expected


def test_standard_input_is_keyed_by_its_text_and_name(tmp_path, project):
    from interop.load.files import SpecText

    catalog = [project / "interfaces"]
    keys = {
        validation_key([SpecText(name, text.encode())], DEFAULT_LIMITS, catalog, None, None)
        for name, text in [("a.yaml", BAD), ("b.yaml", BAD), ("a.yaml", BAD + "\n")]
    }
    assert len(keys) == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=st.sampled_from(["pressure_kpa: 101", "pressure_kpa: -1", "pressure_kpa: '14.7 psi'", "seats: {}", ""]))
def test_cached_and_fresh_answers_agree_for_edited_specs(capsys, cache_dir, project, edit):
    target = project / "vehicles" / "orion.yaml"
    original = (ROOT / "specs" / "vehicles" / "orion.yaml").read_text()
    target.write_text(original + ("\nextra:\n  " + edit + "\n" if edit else ""))
    paths, catalog = [project / "vehicles"], [project / "interfaces"]
    fresh = _validate(capsys, paths, catalog=catalog, no_cache=True)
    assert _validate(capsys, paths, catalog=catalog) == fresh
    assert _validate(capsys, paths, catalog=catalog) == fresh


def test_a_file_resolved_against_its_project_and_the_library_is_cached_too(capsys, monkeypatch, cache_dir, project):
    # No --catalog: references resolve against the nearest specs/ (none here) and the bundled library.
    monkeypatch.chdir(project)
    paths = [project / "vehicles" / "orion.yaml"]
    fresh = _validate(capsys, paths, no_cache=True)
    assert _validate(capsys, paths) == fresh
    with monkeypatch.context() as patched:
        _loader_must_not_run(patched)
        assert _validate(capsys, paths) == fresh


def test_a_changed_configuration_is_a_miss(capsys, cache_dir, project):
    configuration = project / "interop.toml"
    configuration.write_text("strict = false\n")  # a configuration every command can use
    paths = [project / "vehicles" / "orion.yaml"]
    first = _validate(capsys, paths, config=configuration)
    configuration.write_text("strict = true\n")
    assert _validate(capsys, paths, config=configuration) == _validate(
        capsys, paths, config=configuration, no_cache=True
    )
    assert len(_entries(cache_dir)) == 2, first


def test_a_fifo_or_a_huge_limit_never_blocks_or_exhausts_the_key(tmp_path):
    from dataclasses import replace

    from interop.load.cache import KeyBuilder

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert not KeyBuilder().file("path", fifo, 1024), "a FIFO is not hashed (nobody writes to it)"
    spec = tmp_path / "one.yaml"
    spec.write_text(BAD)
    huge = replace(DEFAULT_LIMITS, max_file_bytes=2**62)
    assert KeyBuilder().file("path", spec, huge.max_file_bytes), "the file's own size is read, not the limit"
