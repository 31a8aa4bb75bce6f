"""Finding spec files under paths and reading them as text, safely."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from interop.load import errors
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.model.finding import Finding, Position

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class SpecText:
    """A spec that is not a file: text handed over on standard input (``interop validate -``).

    It goes through the same checks as a file (size limit, NUL bytes, UTF-8)
    and stands wherever a path does; ``name`` is the file name its positions
    carry (``--stdin-filename``), and a file of that name is not read as well.
    """

    name: str
    data: bytes

    def __str__(self) -> str:
        return self.name

    def __fspath__(self) -> str:
        return self.name


def read_stream(stream, name: str = STDIN_NAME, limits: Limits = DEFAULT_LIMITS) -> SpecText:
    """At most one byte past ``limits.max_file_bytes`` of a binary ``stream``, as a :class:`SpecText`."""
    chunks, total, most = [], 0, limits.max_file_bytes + 1
    try:
        while total < most:
            chunk = stream.read(min(most - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise Unreadable(
            Finding(errors.UNREADABLE, f"cannot read standard input: {exc.strerror or exc}", Position(name))
        ) from None
    return SpecText(name, b"".join(chunks))


class Unreadable(Exception):
    """A path that cannot be read at all: exit code 2, not a spec problem."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def discover(paths, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[Path, Path], list[Finding]]:
    """Spec files under ``paths``, sorted, each once and mapped to its resolved
    path; folder links never loop."""
    found: dict[Path, Path] = {}
    problems: list[Finding] = []
    paths = list(paths)
    # A text stands for the file of its name, wherever that file would be found.
    texts = {raw: Path(os.path.realpath(raw.name)) for raw in paths if isinstance(raw, SpecText)}
    seen: set[Path] = set(texts.values())
    for raw in paths:
        if isinstance(raw, SpecText):
            found[cast(Path, raw)] = texts.pop(raw, Path(os.path.realpath(raw.name)))
            continue
        path = Path(raw)
        if not _shows_as_text(str(path)):
            raise Unreadable(
                Finding(errors.UNREADABLE, "path name is not valid UTF-8: rename it", Position(printable(str(path))))
            )
        if not path.exists():
            if _loops(path):
                raise Unreadable(
                    Finding(errors.LINK_LOOP, f"{raw} is a symbolic link that loops; not read", Position(str(raw)))
                )
            raise Unreadable(Finding(errors.UNREADABLE, f"no such file or folder: {raw}", Position(str(raw))))
        real = Path(os.path.realpath(path))
        if _pseudo(real):
            raise Unreadable(
                Finding(
                    errors.UNREADABLE,
                    f"{raw} is in a pseudo-filesystem ({real}), never read as specs",
                    Position(str(raw)),
                )
            )
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise Unreadable(Finding(errors.UNREADABLE, f"folder cannot be read: {raw}", Position(str(raw))))
            _walk(path, found, problems, seen, limits)
        elif real not in seen:
            seen.add(real)
            found[path] = real
    return found, problems


# Kernel pseudo-filesystems: their "files" are endless, block, or link back to "/".
PSEUDO_FILESYSTEMS = ("/proc", "/sys", "/dev")


def _pseudo(real: Path) -> bool:
    text = str(real)
    return any(text == top or text.startswith(top + "/") for top in PSEUDO_FILESYSTEMS)


def _loops(path: Path) -> bool:
    """Whether ``path`` is a symbolic link whose chain never ends (ELOOP)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _walk(root: Path, found, problems, seen, limits: Limits) -> None:
    visited_dirs: set[Path] = set()

    def on_error(exc: OSError) -> None:
        name = printable(str(exc.filename))
        problems.append(Finding(errors.UNREADABLE, f"cannot read {name}: {exc.strerror}", Position(name)))

    # A folder met again, or one holding the folder being walked (a link to
    # an ancestor), is a loop: nothing under it is read.
    top = os.path.realpath(root)
    walked = 0
    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        real = Path(os.path.realpath(folder))
        if real in visited_dirs or (folder != str(root) and _holds(real, top)) or _pseudo(real):
            why = "is in a pseudo-filesystem" if _pseudo(real) else "links back to"
            problems.append(Finding(errors.LINK_LOOP, f"folder {folder} {why} {real}; skipped", Position(folder)))
            dirnames[:] = []
            continue
        visited_dirs.add(real)
        walked += 1
        if walked > limits.max_folders:
            raise Unreadable(
                Finding(
                    errors.TOO_LARGE,
                    f"more than {limits.max_folders} folders under {root} (limit max_folders)",
                    Position(str(root)),
                )
            )
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [d for d in dirnames if not _shows_as_text(d)]:
            problems.append(_badly_named(Path(folder) / name, "folder"))
            dirnames.remove(name)
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(SPEC_SUFFIXES):
                continue
            path = Path(folder) / name
            if not _shows_as_text(name):
                problems.append(_badly_named(path, "file"))
                continue
            # Inside a resolved folder only a link needs resolving (one lstat,
            # not a realpath walk per file, which is measurable on large
            # catalogs: docs/performance.md).
            linked = os.path.islink(path)
            if linked and _loops(path):
                problems.append(
                    Finding(errors.LINK_LOOP, f"{path} is a symbolic link that loops; not read", Position(str(path)))
                )
                continue
            resolved = Path(os.path.realpath(path)) if linked else real / name
            if resolved in seen:
                continue
            seen.add(resolved)
            found[path] = resolved
            if len(found) > limits.max_files:
                raise Unreadable(
                    Finding(
                        errors.TOO_LARGE, f"more than {limits.max_files} spec files under {root}", Position(str(root))
                    )
                )


def _holds(folder: Path, walked: str) -> bool:
    """Whether ``folder`` is the folder being walked or one of its ancestors."""
    text = str(folder)
    return walked == text or walked.startswith(text.rstrip("/") + "/")


def _shows_as_text(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (os gives them as lone surrogates)."""
    return name.isascii() or _SURROGATE_ESCAPE.search(name) is None


_SURROGATE_ESCAPE = re.compile("[\ud800-\udfff]")


def printable(name: str) -> str:
    """A path name with any bytes that are not UTF-8 written as \\xNN escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace") if not _shows_as_text(name) else name


def _badly_named(path: Path, what: str) -> Finding:
    # Such a name cannot be shown in a report (nor typed back by the reader): named with escapes, not read.
    name = printable(str(path))
    return Finding(
        errors.NOT_TEXT,
        f"{what} name is not valid UTF-8 (shown with its bytes escaped): rename it to read it",
        Position(name),
    )


def read_text(path: Path | SpecText, limits: Limits = DEFAULT_LIMITS) -> str:
    """The file's text, or raise a Finding-carrying error (never a traceback)."""
    name = str(path)
    if isinstance(path, SpecText):
        return spec_text(path.data, name, limits)
    try:
        # O_NONBLOCK: a FIFO or device named *.yaml must never hang the tool;
        # only regular files are read at all.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise Unreadable(
                    Finding(
                        errors.UNREADABLE, "not a regular file (a FIFO, device or socket is never read)", Position(name)
                    )
                )
            data = _read_at_most(descriptor, limits.max_file_bytes + 1, status.st_size)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise Unreadable(
            Finding(errors.UNREADABLE, f"cannot read file: {exc.strerror or exc}", Position(name))
        ) from None
    return spec_text(data, name, limits)


def spec_text(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """``data`` as spec text, after the checks every spec passes; ``name`` is where positions point."""
    if len(data) > limits.max_file_bytes:
        raise SpecTextError(
            Finding(
                errors.TOO_LARGE,
                f"file is larger than {limits.max_file_bytes} bytes (limit max_file_bytes)",
                Position(name, 1, 1),
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_column(data, nul)
        raise SpecTextError(
            Finding(errors.NOT_TEXT, "file contains a NUL byte: not a text file", Position(name, line, column))
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark is harmless; drop it
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise SpecTextError(
            Finding(
                errors.NOT_TEXT,
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}): spec files must be UTF-8 text",
                Position(name, line, column),
            )
        ) from None


def _read_at_most(descriptor: int, most: int, size: int) -> bytes:
    """Up to ``most`` bytes; memory follows the file's size, not the limit (which
    may be far larger than memory), and a file that grows is still cut at the limit."""
    chunks, total = [], 0
    while total < most:
        chunk = os.read(descriptor, min(most - total, max(size - total + 1, 1 << 16)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class SpecTextError(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column
