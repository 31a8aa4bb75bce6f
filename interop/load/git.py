"""Spec trees read straight from a git revision, never from the working tree.

``git ls-tree`` lists the blobs under the requested paths at the revision and
``git cat-file --batch`` streams their contents into a temporary folder laid
out like the repository; the loader reads that folder, and every position is
then renamed to the repository-relative path, so findings point at
``specs/vehicles/soyuz.yaml``, never at a temporary folder. The index and the
working tree are never touched. Symbolic links and submodules inside the spec
paths are skipped: a revision's spec tree is the regular files it records.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from interop.load import errors
from interop.load.catalog import LoadResult, load_catalog
from interop.load.files import SPEC_SUFFIXES, Unreadable
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.model.finding import Finding, Position

_GIT_TIMEOUT_S = 120


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=_GIT_TIMEOUT_S, check=False
        )
    except FileNotFoundError:
        raise _unreadable("git is not installed or not on PATH", ".") from None
    except subprocess.TimeoutExpired:
        raise _unreadable(f"git {args[0]} took longer than {_GIT_TIMEOUT_S} s", ".") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _unreadable(f"git {args[0]} failed: {message[-1] if message else completed.returncode}", ".")
    return completed.stdout


def _unreadable(message: str, where: str) -> Unreadable:
    return Unreadable(Finding(errors.UNREADABLE, message, Position(where)))


def repository_prefix(cwd: Path | None = None) -> tuple[Path, str]:
    """The repository's top folder and the working folder's path inside it."""
    cwd = Path(cwd or Path.cwd())
    top = _git(["rev-parse", "--show-toplevel"], cwd).decode().strip()
    prefix = _git(["rev-parse", "--show-prefix"], cwd).decode().strip()
    return Path(top), prefix


def is_revision(name: str, cwd: Path | None = None) -> bool:
    """Whether ``name`` names a commit in the repository at ``cwd``."""
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], Path(cwd or Path.cwd()))
    except Unreadable:
        return False
    return True


def export_specs(revision: str, paths, destination: Path, cwd: Path | None = None) -> list[str]:
    """Write the spec files under ``paths`` at ``revision`` below ``destination``.

    ``paths`` are relative to ``cwd`` (the working folder by default), as on
    a command line. Files land at their repository-relative paths; the
    repository-relative pathspecs are returned. Raises ``Unreadable`` for an
    unknown revision or a path the revision does not hold.
    """
    cwd = Path(cwd or Path.cwd())
    top, prefix = repository_prefix(cwd)
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).decode().strip()
    except Unreadable:
        raise _unreadable(f"not a folder, nor a git revision of this repository: {revision}", revision) from None
    pathspecs = [_repository_path(prefix, p, top) for p in paths] or [prefix.rstrip("/") or "."]
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs], top)
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, name = entry.split(b"\t", 1)
        mode, kind, obj = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode != "120000" and path.endswith(SPEC_SUFFIXES):
            blobs.append((obj, path))
    for spec in pathspecs:
        if spec != "." and not any(path == spec or path.startswith(spec.rstrip("/") + "/") for _obj, path in blobs):
            if not _git(["ls-tree", "--full-tree", commit, "--", spec], top).strip():
                raise _unreadable(f"{revision} holds no {spec}", spec)
    if blobs:
        contents = _git(["cat-file", "--batch"], top, stdin="".join(f"{obj}\n" for obj, _ in blobs).encode())
        _write_batch(contents, blobs, destination)
    return pathspecs


def _repository_path(prefix: str, path, top: Path) -> str:
    if Path(path).is_absolute():
        joined = os.path.relpath(os.path.realpath(path), top)
    else:
        joined = os.path.normpath(os.path.join(prefix, str(path)))
    if joined.startswith(".."):
        raise _unreadable(f"{path} lies outside the repository", str(path))
    return PurePosixPath(Path(joined)).as_posix()


def _write_batch(contents: bytes, blobs: list[tuple[str, str]], destination: Path) -> None:
    offset = 0
    for _obj, path in blobs:
        header_end = contents.index(b"\n", offset)
        size = int(contents[offset:header_end].split()[2])
        start = header_end + 1
        target = destination / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[start : start + size])
        offset = start + size + 1  # the blob is followed by a newline


def load_revision(revision: str, paths, cwd: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load the spec files under ``paths`` as they are at ``revision``.

    Positions in the catalog and the findings name repository-relative paths.
    """
    folder = Path(tempfile.mkdtemp(prefix="interop-rev-"))
    try:
        pathspecs = export_specs(revision, paths, folder, cwd)
        # Load the requested paths as they would be loaded from a checkout, so
        # that the same files count (hidden folders skipped, and so on).
        roots = [folder / spec for spec in pathspecs if (folder / spec).exists()]
        result = load_catalog(roots, limits) if roots else load_catalog([folder], limits)
        return relocate(result, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def relocate(result: LoadResult, root: Path) -> LoadResult:
    """Rename every position under ``root`` to its path relative to ``root``."""
    prefix = str(root).rstrip(os.sep) + os.sep

    def rename(path: str) -> str:
        return PurePosixPath(Path(path[len(prefix) :])).as_posix() if path.startswith(prefix) else path

    for source_map in result.catalog.sources.values():
        source_map.file = rename(source_map.file)
    for finding in result.findings:
        if finding.position is not None:
            finding.position = Position(rename(finding.position.path), finding.position.line, finding.position.column)
        finding.message = finding.message.replace(prefix, "")
    return result


def load_spec_tree(name: str, paths=(), cwd: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """A spec tree named on a command line: a folder, or a git revision.

    A folder wins when ``name`` is both (write ``rev^{commit}`` to force the
    revision). For a folder, ``paths`` are read inside it; for a revision,
    they are paths in the repository relative to ``cwd``, ``specs`` when none
    are given. Raises ``Unreadable`` when neither reading works.
    """
    folder = Path(cwd or Path.cwd()) / name
    if folder.is_dir():
        return load_catalog([folder / p for p in paths] if paths else [folder], limits)
    return load_revision(name, list(paths) or ["specs"], cwd, limits)
