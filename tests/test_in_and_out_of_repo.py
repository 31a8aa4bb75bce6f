"""Every command, run as a user would: inside a git repository that has its own
``specs/``, and from a folder outside any repository (issue 29).

The tool runs as installed (``python -m interop`` in a subprocess, the working
folder set). Each command runs once per place; each must exit as expected,
without a traceback, without a false SPEC021 duplicate, and write nothing
outside the place it was asked to write (the validation cache aside, which
lives in a folder of its own).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli_process
from tests.spec_builders import element, interface, port, system, vehicle, write

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120


def _catalog(folder: Path) -> Path:
    """A small catalog: two systems that can partly rescue each other, a scenario."""
    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2})
    return write(
        folder,
        interface("idss", passage_diameter_mm=800),
        interface("apas", passage_diameter_mm=800),
        vehicle("capsule-a", [port("nose", "idss", "active")], **common),
        vehicle("capsule-b", [port("nose", "apas", "either")], **common),
        vehicle("station-c", [port("dock", "idss", "passive")], vehicle_type="station", **common),
        system("west", [element("capsule-a"), element("station-c", role="station")]),
        system("east", [element("capsule-b")]),
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


def _inside(base: Path) -> tuple[Path, list[str]]:
    """A git repository of a user's own with its specs/ and a copy of them elsewhere in it."""
    repo = base / "repo"
    _catalog(repo / "specs")
    _catalog(repo / "elsewhere" / "copy")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=TIMEOUT)
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True, timeout=TIMEOUT)
    subprocess.run([*git, "-C", str(repo), "commit", "-q", "-m", "specs"], check=True, timeout=TIMEOUT)
    return repo, []  # ./specs is the default


def _outside(base: Path) -> tuple[Path, list[str]]:
    """A folder in no repository, its catalog named on the command line."""
    folder = base / "outside"
    _catalog(folder / "catalog")
    return folder, ["--specs", "catalog"]


def _commands(place: str, specs: list[str]) -> list[tuple[list[str], int, tuple[str, ...]]]:
    """(arguments, exit code, what it may write, relative to the place); in order: those that write, last."""
    inside = place == "inside"
    return [
        (["--help"], 0, ()),
        (["validate"] if inside else ["validate", "catalog"], 0, ()),
        # A folder elsewhere in the repository is its own catalog, never ./specs's duplicates.
        (["validate", "elsewhere/copy"] if inside else ["validate", "catalog/vehicle-capsule-a.yaml"], 0, ()),
        (["check", "west", "east", *specs, "--format", "sarif", "--output", "report.sarif"], 1, ("report.sarif",)),
        (["scenario", *specs], 0, ()),
        (["matrix", *specs], 1, ()),
        (["diff", "HEAD", "HEAD"] if inside else ["diff", "catalog", "catalog"], 0, ()),
        (["plan", "west", "east", *specs], 0, ()),
        (["gaps", *specs], 0, ()),
        (["map", *specs], 0, ()),
        (["rules"], 0, ()),
        (["explain", "DOCK001"], 0, ()),
        (["schema", "--dir", "my-schemas"], 0, ("my-schemas",)),
        (["init"], 0, ("interop.toml", "specs", "schemas", ".pre-commit-config.yaml", ".gitignore")),
        (["new", "vehicle", "my-ship"], 0, ("specs/vehicles/my-ship.yaml",)),
    ]


def _state(folders: list[Path], skip: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` (bytecode caches and ``skip`` aside) with its size and change time."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__" and Path(top, d) != skip and d != ".git"]
            for name in files:
                stat = Path(top, name).stat()
                seen[str(Path(top, name))] = (stat.st_size, stat.st_mtime_ns)
    return seen


def _within(path: str, place: Path, allowed: tuple[str, ...]) -> bool:
    return any(Path(path) == place / a or Path(path).is_relative_to(place / a) for a in allowed)


@pytest.mark.parametrize("place", ["inside", "outside"])
def test_every_command_inside_a_repository_and_outside_any(tmp_path, place):
    base = tmp_path / "base"
    where, specs = (_inside if place == "inside" else _outside)(base)
    if place == "outside" and any((parent / ".git").exists() for parent in [where, *where.parents]):
        pytest.skip("the temporary folder lies inside a git repository")
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    environment = {
        **os.environ,
        "HOME": str(home),
        "INTEROP_CACHE_DIR": str(cache),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    watched = [tmp_path, ROOT / "interop", ROOT / "specs"]
    from interop import __file__ as package_init

    installed = Path(package_init).resolve().parent
    if installed not in {ROOT / "interop"}:
        watched.append(installed)
    commands = _commands(place, specs)
    assert {arguments[0] for arguments, _code, _writes in commands if not arguments[0].startswith("-")} >= set(
        _listed_commands()
    ), "a command of interop --help is not run here"
    before = _state(watched, cache)
    for arguments, code, writes in commands:
        result = cli_process.run_argv(
            [sys.executable, "-m", "interop", *arguments],
            cwd=where,
            env=environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        said = result.stdout + result.stderr
        assert "Traceback" not in said, (arguments, result.stderr)
        assert result.returncode == code, (arguments, result.returncode, said[-2000:])
        assert "SPEC021" not in said, (arguments, said[-2000:])
        after = _state(watched, cache)
        changed = sorted(path for path in after if before.get(path) != after[path])
        changed += sorted(path for path in before if path not in after)
        stray = [path for path in changed if not _within(path, where, writes)]
        assert not stray, (arguments, stray)
        if writes:
            assert changed, (arguments, "wrote nothing")
        before = after


def _listed_commands() -> list[str]:
    """The commands ``interop --help`` lists (typer's registry, as help reads it)."""
    import typer.main

    from interop.cli.commands import app

    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))
