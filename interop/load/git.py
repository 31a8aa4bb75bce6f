"""Spec trees read straight from a git revision, never from the working tree.

``git ls-tree`` lists the blobs under the requested paths at the revision,
``git cat-file --batch-check`` sizes them (one over the file limit is a
finding and is never read) and ``git cat-file --batch`` streams the others
into new files of a temporary folder laid out like the repository, once every
entry's name is known to be a plain relative path (git refuses ``..`` in its
index, but a crafted tree can hold it); the loader reads that folder, and every position is
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


def export_specs(
    revision: str, paths, destination: Path, cwd: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[str], list[Finding]]:
    """Write the spec files under ``paths`` at ``revision`` below ``destination``.

    ``paths`` are relative to ``cwd`` (the working folder by default), as on
    a command line. Files land at their repository-relative paths; the
    repository-relative pathspecs are returned with the findings about blobs
    that were not written (one over ``limits.max_file_bytes``: sized first,
    never read). Raises ``Unreadable`` for an unknown revision, a path the
    revision does not hold, a missing blob, or a tree entry that is not a
    plain relative path (``..``, ``.``, an empty name, a backslash): such a
    name could climb out of ``destination``, so nothing is written at all.
    """
    cwd = Path(cwd or Path.cwd())
    top, prefix = repository_prefix(cwd)
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).decode().strip()
    except Unreadable:
        raise _unreadable(f"not a folder, nor a git revision of this repository: {revision}", revision) from None
    pathspecs = [_repository_path(prefix, p, top) for p in paths] or [prefix.rstrip("/") or "."]
    # The entries under the pathspecs, and the top level's (a crafted ``..``
    # there is refused even when the paths asked for lie elsewhere).
    listing = _git(["ls-tree", "-z", "--full-tree", commit], top)
    listing += _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs], top)
    blobs: list[tuple[str, str]] = []
    listed: set[tuple[str, str]] = set()
    for entry in filter(None, listing.split(b"\0")):
        meta, name = entry.split(b"\t", 1)
        mode, kind, obj = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        problem = _not_plain(path)
        if problem:
            raise _unreadable(
                f"{revision} holds a tree entry that is not a plain relative path ({problem}): {path!r}; nothing was written",
                repr(path)[1:-1],
            )
        if kind == "blob" and mode != "120000" and path.endswith(SPEC_SUFFIXES) and (obj, path) not in listed:
            listed.add((obj, path))
            blobs.append((obj, path))
    for spec in pathspecs:
        if spec != "." and not any(path == spec or path.startswith(spec.rstrip("/") + "/") for _obj, path in blobs):
            if not _git(["ls-tree", "--full-tree", commit, "--", spec], top).strip():
                raise _unreadable(f"{revision} holds no {spec}", spec)
    if len(blobs) > limits.max_files:
        raise Unreadable(
            Finding(errors.TOO_LARGE, f"{revision} holds more than {limits.max_files} spec files", Position(revision))
        )
    wanted, findings = _sized(blobs, top, revision, limits)
    if wanted:
        _write_blobs(wanted, top, destination)
    return pathspecs, findings


def _not_plain(path: str) -> str | None:
    """Why ``path`` is not a plain relative path inside a tree, or None when it is."""
    if not path:
        return "an empty name"
    if path.startswith("/"):
        return "absolute"
    if "\\" in path:
        return "a backslash"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"a component {part!r}"
    return None


def _sized(blobs: list[tuple[str, str]], top: Path, revision: str, limits: Limits):
    """The blobs within the size limit, and a finding for each over it (never read)."""
    report = _git(["cat-file", "--batch-check"], top, stdin="".join(f"{obj}\n" for obj, _ in blobs).encode())
    wanted, findings = [], []
    lines = report.decode("utf-8", "replace").splitlines()
    if len(lines) != len(blobs):
        raise _unreadable(f"git cat-file sized {len(lines)} of {len(blobs)} blobs", ".")
    for (obj, path), line in zip(blobs, lines, strict=True):
        fields = line.split()
        if len(fields) < 3:
            raise _unreadable(f"{revision}: blob {obj} for {path} is missing from the repository", path)
        if fields[1] != "blob":
            raise _unreadable(f"{revision}: {path} names {obj}, a {fields[1]}, not a blob", path)
        if int(fields[2]) > limits.max_file_bytes:
            findings.append(
                Finding(
                    errors.TOO_LARGE,
                    f"file is larger than {limits.max_file_bytes} bytes (limit max_file_bytes)",
                    Position(path, 1, 1),
                )
            )
        else:
            wanted.append((obj, path, int(fields[2])))
    return wanted, findings


def _write_blobs(wanted: list[tuple[str, str, int]], top: Path, destination: Path) -> None:
    """Stream each blob from one ``git cat-file --batch`` into its own new file.

    Blobs are asked for one at a time, so memory holds one file, not the tree.
    Files are created exclusively and never through a link: a name listed
    twice, or a file where a folder is wanted, is refused, not overwritten.
    """
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
    except OSError:
        raise _unreadable("git is not installed or not on PATH", ".") from None
    assert process.stdin is not None and process.stdout is not None
    try:
        for obj, path, size in wanted:
            process.stdin.write(f"{obj}\n".encode())
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) < 3 or header[1] != b"blob" or int(header[2]) != size:
                raise _unreadable(f"git cat-file: blob {obj} for {path} could not be read", path)
            data = process.stdout.read(size + 1)[:size]  # the blob is followed by a newline
            _create(destination, path, data)
    finally:
        process.stdin.close()
        process.stdout.close()
        process.kill()
        process.wait()


def _create(destination: Path, path: str, data: bytes) -> None:
    folder = destination
    *parents, name = path.split("/")
    try:
        for part in parents:
            folder = folder / part
            if not folder.is_dir():
                os.mkdir(folder, 0o700)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(folder / name, flags, 0o600)
    except OSError as exc:
        raise _unreadable(f"the revision's tree cannot be laid out: {path} ({exc.strerror})", path) from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _repository_path(prefix: str, path, top: Path) -> str:
    if Path(path).is_absolute():
        joined = os.path.relpath(os.path.realpath(path), top)
    else:
        joined = os.path.normpath(os.path.join(prefix, str(path)))
    if joined.startswith(".."):
        raise _unreadable(f"{path} lies outside the repository", str(path))
    return PurePosixPath(Path(joined)).as_posix()


def load_revision(revision: str, paths, cwd: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load the spec files under ``paths`` as they are at ``revision``.

    Positions in the catalog and the findings name repository-relative paths.
    """
    folder = Path(tempfile.mkdtemp(prefix="interop-rev-"))
    try:
        pathspecs, oversized = export_specs(revision, paths, folder, cwd, limits)
        # Load the requested paths as they would be loaded from a checkout, so
        # that the same files count (hidden folders skipped, and so on).
        roots = [folder / spec for spec in pathspecs if (folder / spec).exists()]
        result = load_catalog(roots, limits) if roots else load_catalog([folder], limits)
        result = relocate(result, folder)
        result.findings = sorted(result.findings + oversized, key=Finding.sort_key)
        return result
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
    if not name.strip():
        raise _unreadable("an empty name is neither a spec folder nor a git revision", ".")
    folder = Path(cwd or Path.cwd()) / name
    if folder.is_dir():
        return load_catalog([folder / p for p in paths] if paths else [folder], limits)
    if name.startswith("-"):  # git would read it as an option
        raise _unreadable(f"not a folder, nor a git revision of this repository: {name}", name)
    return load_revision(name, list(paths) or ["specs"], cwd, limits)
