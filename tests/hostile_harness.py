"""Running interop as a hostile case is run: a child process, 30 s, 1 GiB.

Each case gets its own TMPDIR, which must be empty afterwards, and a
sentinel tree beside the test's folder (files, a link, a FIFO) whose bytes,
names and modes must be the same afterwards: the tool may write only where
it was asked to.
"""

from __future__ import annotations

import hashlib
import os
import resource
import stat
import sys
from pathlib import Path

import pytest

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 30
MEMORY_LIMIT = 1024**3


def run(*args, cwd, tmpdir: Path, env=None, input=None, stdin=None, home: Path | None = None):
    """``python -m interop ARGS`` under the limits; never a traceback."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tmpdir), **(env or {})}
    environment["PYTHONPATH"] = str(ROOT)
    if home is not None:
        environment["HOME"] = str(home)
    options: dict = {"input": input} if stdin is None else {"stdin": stdin}
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        preexec_fn=limit,
        env=environment,
        **options,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "MemoryError" not in result.stderr, result.stderr
    assert os.listdir(tmpdir) == [], f"left in TMPDIR: {os.listdir(tmpdir)}"
    return result


def snapshot(tree: Path) -> dict:
    """Every entry below ``tree``: its kind, mode, and content or link target."""
    entries = {}
    for folder, dirnames, filenames in os.walk(tree):
        for name in sorted(dirnames + filenames):
            path = Path(folder) / name
            status = os.lstat(path)
            if stat.S_ISLNK(status.st_mode):
                entries[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(status.st_mode):
                entries[str(path)] = (
                    "file",
                    stat.S_IMODE(status.st_mode),
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                )
            else:
                entries[str(path)] = (stat.S_IFMT(status.st_mode), stat.S_IMODE(status.st_mode))
    return entries


@pytest.fixture
def outside(tmp_path):
    """A sentinel tree beside the test's folder; it must be byte-identical afterwards."""
    tree = tmp_path.parent / f"{tmp_path.name}-outside"
    (tree / "specs" / "vehicles").mkdir(parents=True)
    (tree / "specs" / "vehicles" / "kept.yaml").write_text("untouched: true\n")
    (tree / "schema.json").write_text("{}\n")
    (tree / "link").symlink_to(tree / "schema.json")
    os.mkfifo(tree / "fifo")
    before = snapshot(tree)
    yield tree
    assert snapshot(tree) == before


@pytest.fixture
def tmpdir_clean(tmp_path):
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    return folder


def one_line(result) -> str:
    """The one line on stderr besides the note naming the configuration in use."""
    lines = [
        line for line in result.stderr.strip().splitlines() if not line.startswith("interop: using configuration ")
    ]
    assert len(lines) == 1, result.stderr
    return lines[0]
