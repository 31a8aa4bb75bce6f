"""Writing a file without ever leaving it half-written or clobbered.

Reports (``--output``) go through here; it lives outside the layers so that
every layer may use it. What it does with each kind of target:

- a regular file, or a new name: the text goes to a temporary file beside it
  (``.NAME.interop-PID.tmp``), which is renamed over the target once complete.
  An existing file keeps its permission bits (and its owner and group where
  the system allows); a new one gets the usual mode
  from the umask (0666 less the umask), not the 0600 of a private temporary.
- a symbolic link: the file it points to is replaced as above, the link kept;
  a link to nothing is refused (it could name any place at all).
- a FIFO or a character device (``/dev/stdout``, ``/dev/null``, a pipe): written
  directly, no temporary file, never replaced; a FIFO nobody reads is refused
  at once rather than waited on.
- anything else (a folder, a socket, a block device), a file the run read as
  input (``inputs``), or an existing spec file inside an input folder: refused.

Every failure is a :class:`CannotWrite` with the reason, and no temporary file
is left behind. A temporary file left by a run that was killed is removed by
the next run writing the same target, once its process is gone.

New files inside a folder the user named (``interop init``, ``interop new``,
``plan --write-specs``) go through :func:`create_inside` instead: it never
replaces anything, never follows a link below that folder (dangling or not,
leading out or not), and refuses a folder, FIFO or device where a file would
go, and a file where a folder must go, before anything is written or opened.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import threading
from collections.abc import Iterable
from pathlib import Path

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
_TEMPORARY = ".{name}.interop-{pid}.tmp"
INPUT_FILE = "it is one of the input files"


class CannotWrite(OSError):
    """``path`` could not be written; ``reason`` says why, in a few words."""

    def __init__(self, path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


class Refused(CannotWrite):
    """Something is in the way of a new file (:func:`create_inside`): nothing was written."""


class Exists(CannotWrite):
    """The new file's name is taken by a regular file; left as it is (:func:`create_inside`)."""


def create_inside(root: Path, files: dict, *, skip_existing: bool = False) -> list[Path]:
    """Create the folders and files ``files`` names below ``root``; return those created.

    ``files`` maps a relative path to the text of a new file, or to None for a
    folder. Every entry is checked before anything is written: an existing
    regular file where a file goes is :class:`Exists` (or passed over with
    ``skip_existing``), an existing folder where a folder goes is passed over;
    anything else in the way (a symbolic link, a folder where a file goes, a
    file where a folder goes, a FIFO, a device, a name that climbs out) is
    :class:`Refused`, naming the path. Each file is written to a temporary
    file of the tool's own (exclusive create, no-follow) and linked to its
    name, which fails rather than replaces if the name was taken meanwhile.
    """
    root = Path(root)
    _ignore_file_size_signal()
    plan: list[tuple[Path, str | None]] = []
    try:
        _check_folder(root, root)
        for relative, text in files.items():
            parts = Path(relative).parts
            if not parts or Path(relative).is_absolute() or any(part in ("", ".", "..") for part in parts):
                raise Refused(root / relative, "not a name inside the folder")
            folder = root
            for part in parts[:-1]:
                folder = folder / part
                _check_folder(folder, root)
            target = root / relative
            if text is None:
                _check_folder(target, root)
                if not os.path.lexists(target):
                    plan.append((target, None))
            elif _check_new_file(target, skip_existing):
                plan.append((target, text))
        created: list[Path] = []
        if plan:
            os.makedirs(root, exist_ok=True)
        for target, text in plan:
            if text is None:
                os.makedirs(target, exist_ok=True)
            else:
                _make_parents(target.parent, root)
                if not _link_new(target, text.encode("utf-8"), skip_existing):
                    continue
            created.append(target)
        return created
    except CannotWrite:
        raise
    except OSError as exc:
        raise CannotWrite(exc.filename or root, _reason(exc)) from None


def _check_folder(path: Path, root: Path) -> None:
    """``path`` is a real folder (or missing, to be made); the root itself may be a link the user named."""
    try:
        status = os.lstat(path) if path != root else os.stat(path)
    except FileNotFoundError:
        if path != root and os.path.lexists(path):
            raise Refused(path, "a symbolic link to nothing") from None
        return
    if stat.S_ISLNK(status.st_mode):
        raise Refused(path, "a symbolic link; interop writes only inside the folder it was given, never through a link")
    if not stat.S_ISDIR(status.st_mode):
        raise Refused(path, f"{_what(status)} where a folder must go")


def _check_new_file(target: Path, skip_existing: bool) -> bool:
    """Whether ``target`` is free for a new file; an existing regular file is :class:`Exists` or skipped."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return True
    if stat.S_ISLNK(status.st_mode):
        raise Refused(target, "a symbolic link where a file would go; never written through")
    if not stat.S_ISREG(status.st_mode):
        raise Refused(target, f"{_what(status)} where a file would go")
    if skip_existing:
        return False
    raise Exists(target, "it exists already")


def _what(status: os.stat_result) -> str:
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _make_parents(folder: Path, root: Path) -> None:
    missing = []
    while folder != root and not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        os.mkdir(path)  # fails on anything that appeared meanwhile, a link included
    for path in missing:
        _check_folder(path, root)


def _link_new(target: Path, data: bytes, skip_existing: bool) -> bool:
    """Write ``data`` to a temporary file beside ``target`` and link it there; never replace."""
    directory = target.parent
    _remove_abandoned(directory, target.name)
    temporary = directory / _TEMPORARY.format(name=target.name, pid=os.getpid())
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            try:
                os.link(temporary, target, follow_symlinks=False)
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                _create_directly(target, data)  # a file system without hard links
        except FileExistsError:
            if skip_existing and stat.S_ISREG(os.lstat(target).st_mode):
                return False
            raise Refused(target, "it appeared while interop was writing; left as it is") from None
        return True
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


def _create_directly(target: Path, data: bytes) -> None:
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_atomically(path: Path, text: str, *, inputs: Iterable[Path] = (), only_files: bool = False) -> None:
    """Write ``text`` to ``path`` as described above; raise :class:`CannotWrite`.

    ``only_files``: a file the tool owns (a schema): anything but a regular
    file or a new name there (a link, a FIFO, a device) is refused unopened.
    """
    shown = path
    path = Path(path)
    if str(shown) == "" or path.name in ("", ".", ".."):
        raise CannotWrite(shown, "not a file name")
    if only_files:
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            status = None
        except OSError as exc:
            raise CannotWrite(shown, _reason(exc)) from None
        if status is not None and not stat.S_ISREG(status.st_mode):
            raise CannotWrite(
                shown,
                f"{_what(status)} where a file would go"
                if not stat.S_ISLNK(status.st_mode)
                else "a symbolic link where a file would go; never written through",
            )
    data = text.encode("utf-8")
    _ignore_file_size_signal()
    try:
        target = _resolve_link(path, shown)
        _refuse_inputs(target, inputs, shown)
        try:
            status = os.stat(target)
        except FileNotFoundError:
            status = None
        if status is not None and not stat.S_ISREG(status.st_mode):
            if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
                _write_through(target, data)
                return
            raise CannotWrite(shown, "is a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file")
        _replace(target, data, status)
    except CannotWrite:
        raise
    except OSError as exc:
        raise CannotWrite(shown, _reason(exc)) from None


def _resolve_link(path: Path, shown) -> Path:
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir() or target.is_symlink():
        raise CannotWrite(shown, "a symbolic link to nothing")
    return target


def _refuse_inputs(target: Path, inputs: Iterable[Path], shown) -> None:
    """Refuse a target that is a file the run read, or a spec file among the ones it read."""
    try:
        own = os.stat(target)
    except FileNotFoundError:
        own = None
    folder = os.path.realpath(target.parent)
    for given in inputs:
        try:
            other = os.stat(given)
        except OSError:
            continue
        if stat.S_ISDIR(other.st_mode):
            inside = os.path.commonpath([folder, os.path.realpath(given)]) == os.path.realpath(given)
            if inside and own is not None and target.name.endswith(SPEC_SUFFIXES):
                raise CannotWrite(shown, INPUT_FILE)
        elif own is not None and (own.st_dev, own.st_ino) == (other.st_dev, other.st_ino):
            raise CannotWrite(shown, INPUT_FILE)


def _write_through(target: Path, data: bytes) -> None:
    # O_NONBLOCK: opening a FIFO with no reader fails at once (ENXIO) instead of waiting.
    descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _replace(target: Path, data: bytes, existing: os.stat_result | None) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    _remove_abandoned(directory, target.name)
    temporary = directory / _TEMPORARY.format(name=target.name, pid=os.getpid())
    try:
        os.unlink(temporary)  # this very process's own leftover, if any
    except FileNotFoundError:
        pass
    # 0o666 lets the umask decide a new file's mode, as any other program's output.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        try:
            if existing is not None:
                try:  # keep the owner and group too, where allowed (root, or one's own group)
                    os.fchown(descriptor, existing.st_uid, existing.st_gid)
                except OSError:
                    pass
                os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _remove_abandoned(directory: Path, name: str) -> None:
    """Remove temporary files of ``name`` whose writing process no longer runs."""
    pattern = re.compile(re.escape(f".{name}.interop-") + r"([0-9]{1,10})\.tmp")
    try:
        entries = os.listdir(directory)
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for entry in entries:
        found = pattern.fullmatch(entry)
        if found is None or int(found[1]) == os.getpid() or _running(int(found[1])):
            continue
        try:
            if stat.S_ISREG(os.lstat(directory / entry).st_mode):
                os.unlink(directory / entry)
        except OSError:
            pass


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _ignore_file_size_signal() -> None:
    # Past RLIMIT_FSIZE the kernel sends SIGXFSZ, which kills the process by
    # default; ignored, the write fails with EFBIG and is reported like any other.
    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENXIO:
        return "a FIFO or device with no reader"
    if exc.errno == errno.EISDIR:
        return "is a folder"
    return exc.strerror or str(exc)
