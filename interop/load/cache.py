"""Answers of ``interop validate``, kept by the content of everything the run reads.

``interop validate`` runs on every editor save and every commit, most of the
time on files that have not changed since the last run. An answer (the
findings and the number of files) is stored under a key that hashes every
input the answer depends on: the content of each spec file read (the named
ones, their context, the bundled library when it may join), the
configuration's text, the limits, the working folder, the interop version
and the size and time of every module of the installed package. Any change
to any of them is another key, so a stale answer is never served; the only
cost of a miss is hashing the files once more.

The cache is kept safe from other users and from crafted entries:

- it lives in ``$INTEROP_CACHE_DIR``, else ``$XDG_CACHE_HOME/interop``, else
  ``~/.cache/interop``; a folder that is not the current user's, or that
  others can write, is not used at all (nothing read, nothing written);
- each entry is signed with HMAC-SHA256 under a random key kept in the
  folder (mode 0600, the user's own); an entry that is not a regular file
  of the user's, fails the signature, names another key or does not parse
  is a miss, so an entry nobody but this tool wrote can make nothing pass;
- entries are JSON read as data, never code; only files of the cache's own
  names (``v1-<64 hex>.json`` and its temporary files) are ever removed;
- any error of the cache itself (a full disk, a read-only folder) costs
  only the cache: the run goes on as if there were none.

This module imports nothing heavier than the standard library, so that a
hit answers without importing YAML or pydantic.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from interop.model.finding import Finding, Position, Severity, Verdict

FORMAT = 1
"""Bumped when an entry's layout changes; part of every key and file name."""

VARIABLE = "INTEROP_CACHE_DIR"
MAX_ENTRIES = 512
"""Entries kept; past this the least recently written are removed."""

_PREFIX = f"v{FORMAT}-"
_ENTRY = re.compile(rf"{re.escape(_PREFIX)}[0-9a-f]{{64}}\.json\Z")
_TEMPORARY = re.compile(rf"\.{re.escape(_PREFIX)}[0-9a-f]{{64}}\.\d+\.tmp\Z")
_SECRET = "secret"
_SECRET_BYTES = 32
_MAX_ENTRY_BYTES = 64 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def cache_folder(environ: Mapping[str, str] | None = None) -> Path:
    """Where the cache lives: ``INTEROP_CACHE_DIR``, else the user's cache folder."""
    variables: Mapping[str, str] = os.environ if environ is None else environ
    chosen = variables.get(VARIABLE)
    if chosen:
        return Path(chosen)
    base = variables.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "interop"


def _own_private_folder(folder: Path) -> bool:
    """Whether ``folder`` is a folder of the current user's that nobody else can write."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _own_regular_file(descriptor: int) -> bool:
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY_BYTES:
        return False
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


class ValidationCache:
    """One cache folder: :meth:`get` and :meth:`put` answers by key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._secret: bytes | None = None

    @classmethod
    def open(cls, folder: Path | None = None) -> ValidationCache | None:
        """The cache in ``folder`` (default :func:`cache_folder`), made if missing; None if it cannot be used safely."""
        folder = cache_folder() if folder is None else folder
        try:
            if not os.path.lexists(folder):
                folder.parent.mkdir(parents=True, exist_ok=True)
                os.mkdir(folder, 0o700)
        except OSError:
            return None
        if not _own_private_folder(folder):
            return None
        return cls(folder)

    # ------------------------------------------------------------ signing

    def _key_bytes(self) -> bytes | None:
        if self._secret is None:
            path = self.folder / _SECRET
            self._secret = _read_secret(path)
            if self._secret is None and not os.path.lexists(path):
                # Two runs may make it at once: the loser reads the winner's.
                self._secret = _new_secret(path) or _read_secret(path)
        return self._secret

    def _signature(self, payload: bytes) -> str | None:
        secret = self._key_bytes()
        if secret is None:
            return None
        return hmac.new(secret, payload, hashlib.sha256).hexdigest()

    # ------------------------------------------------------------ entries

    def _entry(self, key: str) -> Path:
        return self.folder / f"{_PREFIX}{key}.json"

    def get(self, key: str) -> tuple[list[Finding], int] | None:
        """The answer stored under ``key``, or None (a miss) for anything but a sound entry of ours."""
        try:
            descriptor = os.open(self._entry(key), os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        try:
            if not _own_regular_file(descriptor):
                return None
            with os.fdopen(os.dup(descriptor), "rb") as handle:
                data = handle.read(_MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        try:
            entry = json.loads(data)
            payload = entry["payload"].encode("utf-8")
            expected = self._signature(payload)
            if expected is None or not hmac.compare_digest(expected, entry["mac"]):
                return None
            answer = json.loads(payload)
            if answer["key"] != key or answer["format"] != FORMAT:
                return None
            return [_finding(record) for record in answer["findings"]], int(answer["files"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, findings: list[Finding], files: int) -> bool:
        """Store an answer under ``key``; False (and nothing stored) when it cannot be kept."""
        records = [_record(finding) for finding in findings]
        if any(record is None for record in records):
            return False
        payload = json.dumps({"format": FORMAT, "key": key, "files": files, "findings": records}, ensure_ascii=False)
        signature = self._signature(payload.encode("utf-8"))
        if signature is None:
            return False
        text = json.dumps({"mac": signature, "payload": payload}, ensure_ascii=False).encode("utf-8")
        temporary = self.folder / f".{_PREFIX}{key}.{os.getpid()}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        except OSError:
            return False
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(text)
            os.replace(temporary, self._entry(key))
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            return False
        self.prune()
        return True

    def prune(self, keep: int = MAX_ENTRIES) -> None:
        """Remove the oldest entries past ``keep``, and temporary files a killed run left; only our own names."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        entries = []
        for name in names:
            path = self.folder / name
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if _ENTRY.match(name):
                entries.append((info.st_mtime_ns, name))
            elif _TEMPORARY.match(name) and not _running(int(name.rsplit(".", 2)[-2])):
                _remove(path)
        entries.sort(reverse=True)
        for _mtime, name in entries[keep:]:
            _remove(self.folder / name)


def _read_secret(path: Path) -> bytes | None:
    """The signing key, if it is a regular file of the user's that only the user can read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        if not _own_regular_file(descriptor) or os.fstat(descriptor).st_mode & 0o077:
            return None
        secret = os.read(descriptor, _SECRET_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return secret if len(secret) == _SECRET_BYTES else None


def _new_secret(path: Path) -> bytes | None:
    secret = secrets.token_bytes(_SECRET_BYTES)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError:
        return None
    try:
        os.write(descriptor, secret)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return secret


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# ------------------------------------------------------------------ records


def _position(position: Position | None) -> list | None:
    return None if position is None else [position.path, position.line, position.column]


def _record(finding: Finding) -> dict | None:
    """A validation finding as plain data; None for one that carries what validation never makes."""
    if finding.conditions or finding.missing or finding.wanted or finding.requirements:
        return None
    return {
        "code": finding.code,
        "message": finding.message,
        "position": _position(finding.position),
        "severity": finding.severity.value,
        "verdict": finding.verdict.value,
        "subject": finding.subject,
        "remedy": finding.remedy,
        "evidence": [_position(position) for position in finding.evidence],
        "locator": finding.locator,
        "waived": finding.waived,
    }


def _as_position(value) -> Position | None:
    if value is None:
        return None
    path, line, column = value
    if not isinstance(path, str) or not isinstance(line, int) or not isinstance(column, int):
        raise TypeError("a position is [path, line, column]")
    return Position(path, line, column)


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


def _finding(record: dict) -> Finding:
    waived = record["waived"]
    return Finding(
        code=_text(record["code"]),
        message=_text(record["message"]),
        position=_as_position(record["position"]),
        severity=Severity(record["severity"]),
        verdict=Verdict(record["verdict"]),
        subject=_text(record["subject"]),
        remedy=_text(record["remedy"]),
        evidence=[position for position in map(_as_position, record["evidence"]) if position is not None],
        locator=_text(record["locator"]),
        waived=None if waived is None else _text(waived),
    )


# ------------------------------------------------------------------ keys


def tool_fingerprint() -> bytes:
    """The interop version, and the size and modification time of every module of the package."""
    import interop

    package = Path(interop.__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}\0{interop.__version__}\0{sys.version}".encode())
    for folder, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(name for name in dirnames if name not in ("__pycache__", "library"))
        for name in sorted(filenames):
            if name.endswith((".py", ".json")):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{os.path.join(folder, name)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.digest()


class KeyBuilder:
    """Hashes the inputs of one run, in order, into a key; :meth:`file` reads and hashes a spec file."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256(tool_fingerprint())

    def text(self, label: str, value: str) -> None:
        self._digest.update(f"{label}\0{value}\0".encode("utf-8", "surrogatepass"))

    def data(self, label: str, value: bytes) -> None:
        self.text(label, str(len(value)))
        self._digest.update(value)

    def file(self, label: str, path: Path, max_bytes: int) -> bool:
        """Hash ``path``'s bytes; False when it is not a regular file that can be read whole
        within ``max_bytes`` (the run is then not cached, and the loader says what is wrong)."""
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return False  # a FIFO or a device: never opened here, where nothing would write to it
            # Non-blocking, should it have been swapped for a FIFO since.
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return False
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return False
            with os.fdopen(os.dup(descriptor), "rb") as handle:
                # The size the file has, not the limit: a limit may be far larger than memory.
                data = handle.read(info.st_size + 1)
        except OSError:
            return False
        finally:
            os.close(descriptor)
        if len(data) != info.st_size:
            return False  # it changed while being read
        self.text(label, os.fsdecode(path))
        self.data("bytes", data)
        return True

    def key(self) -> str:
        return self._digest.hexdigest()


def validation_key(
    paths: list,
    limits,
    context: list[Path],
    library_folder: Path | None,
    configuration: Path | None,
) -> str | None:
    """The key of one ``interop validate`` run, or None when an input cannot be hashed whole.

    ``paths`` are the named spec paths (a :class:`interop.load.files.SpecText`
    for standard input), ``context`` the folders and files their references
    resolve against, ``library_folder`` the bundled library when it may join.
    Folders are listed as the loader lists them, so a file added to or
    removed from any of them is another key.
    """
    from interop.load.files import SpecText, discover

    builder = KeyBuilder()
    builder.text("cwd", os.getcwd())
    builder.text("limits", repr(limits))
    if configuration is not None and not builder.file("configuration", configuration, 1 << 20):
        return None
    groups = (
        ("path", list(paths)),
        ("context", list(context)),
        ("library", [library_folder] if library_folder else []),
    )
    for label, group in groups:
        builder.text(f"{label}s", repr([str(path) for path in group]))
        found, problems = discover(group, limits)
        for path, real in found.items():
            if isinstance(path, SpecText):
                builder.text("stdin", path.name)
                builder.data("bytes", path.data)
            elif not builder.file(label, real, limits.max_file_bytes):
                return None
            builder.text("as", str(path))
        builder.text("problems", repr([finding.format() for finding in problems]))
    return builder.key()
