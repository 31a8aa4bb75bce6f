"""The spec library bundled with interop, and a user's specs laid over it.

Installed from a wheel, the library is the data folder ``interop/library``
(setup.py ships the repository's ``specs/`` there); in a source checkout or
an editable install it is that ``specs/`` folder itself. A user document with
the kind and id of a bundled one replaces it: the user's word wins, and the
caller is told which documents were replaced, once each.

This module imports no pydantic itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from interop.load import errors
from interop.load.catalog import Catalog, LoadResult, add_unique, check_references, load_catalog, load_file
from interop.load.files import Unreadable, discover
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.model.finding import Finding, Position

DEFAULT_SPECS = Path("specs")
PYPROJECT_FILE = "pyproject.toml"
LIBRARY_PREFIX = "library:"
"""How reports name a file of the bundled library: ``library:vehicles/orion.yaml``."""


def bundled_specs() -> Path:
    """The folder of the bundled spec library."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "library"
    return installed if installed.is_dir() else package.parent / "specs"


def default_spec_paths(configured: list[Path] | None = None) -> list[Path]:
    """What a command reads when no spec path is named: the configuration's
    ``specs``, else ``./specs`` when it exists, else nothing (the library alone)."""
    if configured:
        return list(configured)
    return [DEFAULT_SPECS] if DEFAULT_SPECS.is_dir() else []


def wants_library(paths: list[Path], flag: bool | None = None, configured: bool | None = None) -> bool:
    """Whether the bundled library joins ``paths``: ``--library``/``--no-library``
    wins, then the configuration's ``library``; by default only when there are no
    user specs at all."""
    if flag is not None:
        return flag
    if configured is not None:
        return configured
    return not paths


@dataclass(frozen=True)
class Replacement:
    """A user document that replaced the bundled document of the same kind and id."""

    file: str
    kind: str
    id: str

    def note(self) -> str:
        return f"interop: {self.file} replaces the bundled {self.kind} {self.id}"


@dataclass(frozen=True, order=True)
class LibraryPosition(Position):
    """A position in a document read from the bundled library.

    ``path`` is what reports print (``library:vehicles/orion.yaml``, or the
    full path when a run asks for it); ``relative`` is the file's place in the
    library (SARIF's ``uri`` against its ``LIBRARY`` base) and ``file`` the
    file as it was read.
    """

    relative: str = ""
    file: str = ""


@functools.lru_cache(maxsize=1024)
def _relative(root: Path, file: str) -> str:
    """A file's place in the library: asked of every position of a report (a matrix has 40,000)."""
    try:
        return Path(file).relative_to(root).as_posix()
    except ValueError:  # read through a link: the name is all that is left
        return Path(file).name


@dataclass(frozen=True)
class LibraryRead:
    """The bundled library as one run read it: its folder, and the files whose
    documents the run's catalog took from it (not those a user's replaced)."""

    root: Path
    files: frozenset[str]
    """The files as the catalog's positions name them."""

    def __len__(self) -> int:
        return len(self.files)

    def relative(self, file: str) -> str:
        """``vehicles/orion.yaml`` for a file of the library."""
        return _relative(self.root, file)

    def shown_file(self, file: str, full: bool = False) -> str:
        """How a report names ``file``: ``library:vehicles/orion.yaml``, or the file itself when ``full``
        or when it is not one the run read from the library."""
        if full or file not in self.files:
            return file
        return LIBRARY_PREFIX + self.relative(file)

    def shown(self, position: Position, full: bool = False) -> Position:
        """``position`` as reports print it: a :class:`LibraryPosition` when it lies in a file read from the library."""
        if position.path not in self.files or isinstance(position, LibraryPosition):
            return position
        return LibraryPosition(
            self.shown_file(position.path, full),
            position.line,
            position.column,
            relative=self.relative(position.path),
            file=position.path,
        )


@dataclass
class LibraryLoad:
    result: LoadResult
    replaced: list[Replacement] = field(default_factory=list)
    library: LibraryRead | None = None
    """The documents read from the bundled library; None when it was not read."""


def documents_in(catalog: Catalog, path, library: LibraryRead | None = None) -> int:
    """How many documents of ``catalog`` were read from ``path`` (a spec folder or file), the library's not counted."""
    import os

    own = frozenset() if library is None else library.files
    where = os.path.abspath(os.fspath(path))  # a text from standard input stands where its name does
    count = 0
    for source in catalog.sources.values():
        if source.file in own:
            continue
        file = os.path.abspath(source.file)
        if file == where or file.startswith(where.rstrip(os.sep) + os.sep):
            count += 1
    return count


def _library_read(catalog: Catalog, bundled: Catalog) -> LibraryRead:
    """The files of ``catalog`` it took from the loaded library ``bundled``."""
    files = frozenset(
        source.file
        for key, source in catalog.sources.items()
        if key in bundled.sources and bundled.sources[key] is source
    )
    return LibraryRead(bundled_specs(), files)


def load_specs(paths: list[Path], library: bool, limits: Limits = DEFAULT_LIMITS) -> LibraryLoad:
    """Load ``paths``, over the bundled library when ``library`` is true.

    Findings are the user files' own, duplicates among them, and the
    unresolved references of the merged catalog: all of them, since a
    replaced vehicle that lost a port a bundled system connects is a problem
    the user caused. Raises ``Unreadable`` like :func:`load_catalog`.
    """
    if not library:
        if not paths:
            raise Unreadable(
                Finding(
                    errors.UNREADABLE,
                    "no specs to read: name them with --specs, set specs in the configuration, add ./specs, or allow the bundled library",
                    Position(str(DEFAULT_SPECS)),
                )
            )
        return LibraryLoad(load_catalog(paths, limits))
    if not paths:
        alone = load_catalog([bundled_specs()], limits)
        return LibraryLoad(alone, library=_library_read(alone.catalog, alone.catalog))
    bundled = load_catalog([bundled_specs()], limits).catalog
    resolved, findings = discover(paths, limits)
    user = Catalog()
    for path in resolved:
        document, source_map, problems = load_file(path, limits)
        findings.extend(problems)
        if document is None or source_map is None:
            continue
        duplicate = add_unique(user, document, source_map)
        if duplicate is not None:
            findings.append(duplicate)
    merged, replaced = Catalog(), []
    for key, source_map in bundled.sources.items():
        if key not in user.sources:
            merged.add(bundled.table(key[0])[key[1]], source_map)
        elif Path(user.sources[key].file).resolve() != Path(source_map.file).resolve():
            replaced.append(Replacement(user.sources[key].file, *key))
    for key, source_map in user.sources.items():
        merged.add(user.table(key[0])[key[1]], source_map)
    findings.extend(check_references(merged))
    findings.sort(key=Finding.sort_key)
    return LibraryLoad(LoadResult(merged, findings, len(resolved)), replaced, _library_read(merged, bundled))


def validation_context(paths: list[Path], config: Path | None = None) -> tuple[list[Path], bool]:
    """The project catalog that references of the files being validated may
    point into, when no ``--catalog`` is named, and whether the bundled
    library lies under it.

    The project catalog is the configuration's spec paths, else the nearest
    folder called ``specs`` at or above a named path, up to the repository
    root; it joins only when a named path lies inside it. Paths named on the
    command line are the catalog otherwise: a folder elsewhere in a project
    (a copy of the specs, a library inside a virtual environment) is never
    read together with the project's ``specs/``, whose documents would all be
    its duplicates (issue 29). Standard input without a name stands in the
    working folder, where the ``specs/`` folder it holds counts too. The
    library joins when the configuration says ``library = true``, or when no
    project catalog is found.
    """
    configured, library = project_settings(config)
    if configured:
        if any(_stands_in(path, folder) for path in paths for folder in configured):
            return configured, bool(library)
        return [], library if library is not None else True
    found: list[Path] = []
    for path in paths:
        folder = _nearest_specs(Path(path), holding=_unnamed_text(path))
        if folder is not None and folder not in found:
            found.append(folder)
    return found, library if library is not None else not found


def _unnamed_text(path) -> bool:
    from interop.load.files import STDIN_NAME, SpecText

    return isinstance(path, SpecText) and path.name == STDIN_NAME


def _stands_in(path, folder: Path) -> bool:
    """Whether the named ``path`` lies in the spec folder ``folder`` (standard input without a name does)."""
    if _unnamed_text(path):
        return True
    try:
        Path(path).absolute().relative_to(Path(folder).absolute())
    except ValueError:
        return False
    return True


def load_for_validation(paths: list[Path], limits: Limits = DEFAULT_LIMITS, config: Path | None = None) -> LoadResult:
    """Validate ``paths`` alone, references resolved as :func:`validation_context` says.

    Only the named files are reported. The bundled library is read only when
    a reference is left unresolved by the project's own documents, and those
    replace bundled ones of the same kind and id.
    """
    return read_for_validation(paths, limits, config).result


def read_for_validation(paths: list[Path], limits: Limits = DEFAULT_LIMITS, config: Path | None = None) -> LibraryLoad:
    """:func:`load_for_validation`, saying which documents it took from the bundled library."""
    context, library = validation_context(paths, config)
    result = load_catalog(paths, limits, context=context)
    if not library or not any(finding.code == errors.UNRESOLVED for finding in result.findings):
        return LibraryLoad(result)
    own = {str(path) for path in discover(paths, limits)[0]}

    def reported(catalog: Catalog) -> list[Finding]:
        return [f for f in check_references(catalog) if f.position is not None and f.position.path in own]

    # A set of identities, not a list of findings: `in` on a list compares
    # findings field by field, once per finding of each list.
    first_pass = {_identity(f) for f in reported(result.catalog)}
    findings = [f for f in result.findings if _identity(f) not in first_pass]
    bundled = load_catalog([bundled_specs()], limits).catalog
    merged = Catalog(broken=dict(result.catalog.broken))
    for key, source_map in bundled.sources.items():
        if key not in result.catalog.sources:
            merged.add(bundled.table(key[0])[key[1]], source_map)
    for key, source_map in result.catalog.sources.items():
        merged.add(result.catalog.table(key[0])[key[1]], source_map)
    findings += reported(merged)
    findings.sort(key=Finding.sort_key)
    return LibraryLoad(LoadResult(merged, findings, result.files), library=_library_read(merged, bundled))


def _identity(finding: Finding) -> tuple:
    return (finding.code, finding.message, finding.position, finding.subject, finding.locator)


def project_settings(config: Path | None) -> tuple[list[Path], bool | None]:
    """``specs`` and ``library`` of the configuration file ``config`` (None: no configuration).

    Which file that is, and whether it can be trusted, is decided by the caller
    (interop.load.config.search_config, which passes over a file someone else
    could have written). Only these two settings are read here, without
    validating the rest: a setting that is not what it should be counts as
    unset, and the commands that validate the configuration report it.
    """
    import tomllib

    if config is None:
        return [], None
    path = Path(config)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return [], None
    table = data.get("tool", {}).get("interop") if path.name == PYPROJECT_FILE else data
    if not isinstance(table, dict):
        return [], None
    specs, library = table.get("specs"), table.get("library")
    folder = path.absolute().parent
    paths = (
        [_shortest(folder / entry) for entry in specs]
        if isinstance(specs, list) and all(isinstance(entry, str) for entry in specs)
        else []
    )
    return paths, library if isinstance(library, bool) else None


def _nearest_specs(path: Path, holding: bool = False) -> Path | None:
    """The folder called ``specs`` that ``path`` lies in, up to the repository
    root; with ``holding``, also the ``specs`` folder a folder on the way up holds."""
    start = path.absolute()
    try:
        for folder in [start, *start.parents] if start.is_dir() else start.parents:
            if folder.name == DEFAULT_SPECS.name and folder.is_dir():
                return _shortest(folder)
            if holding and (folder / DEFAULT_SPECS).is_dir():
                return _shortest(folder / DEFAULT_SPECS)
            if (folder / ".git").exists():
                return None
    except OSError:  # a name too long for the system, a folder that cannot be looked into
        return None
    return None


def _shortest(path: Path) -> Path:
    """``path`` relative to the working folder when it lies below it (as positions are written)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
