"""Project configuration: ``interop.toml``, or ``[tool.interop]`` in ``pyproject.toml``.

Found by walking up from the working folder to the repository root (the
folder holding ``.git``) or the filesystem root, whichever comes first; in
each folder ``interop.toml`` wins over ``pyproject.toml``, and a
``pyproject.toml`` without a ``[tool.interop]`` table is passed over. A file
found that way decides verdicts without anyone naming it, so one that someone
else could have written (owned by another user than you or root, writable by
anyone, or in a folder anyone can write that lacks the sticky bit) is passed
over, and the caller is told why (:func:`search_config`).

A configuration file is read like a spec file is: only a regular file, never
more than ``MAX_CONFIG_BYTES``, never nested deeper than ``MAX_CONFIG_DEPTH``
(checked before ``tomllib``, which recurses, sees the text).

The file is read like a spec: ``tomllib`` parses it, ``toml_positions``
places every key and value, and Pydantic models validate it, each error a
finding with file:line:column (codes ``CONF...``, the ``SPEC01x`` meanings
carried over for schema errors). Rule codes and rule options are checked
against the rules the caller names, so this layer never imports the rules.

A configuration that cannot be used is *fatal* (exit code 2 in the command
line: input that could not be read). An expired waiver is not fatal: it is
an error finding at the waiver's position, the waiver is left out, and the
finding it covered counts again.
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError

from interop.load.documents import findings_from_validation_error, suggest
from interop.load.errors import (
    BAD_RULE_OPTION,
    CONFIG_SYNTAX,
    CONFIG_TOO_DEEP,
    CONFIG_UNREADABLE,
    EXPIRED_WAIVER,
    FATAL_CODES,
    NO_RULE_ENABLED,
    UNKNOWN_RULE,
    WAIVER_TARGET,
)
from interop.load.files import SpecTextError, Unreadable, read_text
from interop.load.limits import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH, Limits
from interop.load.toml_positions import toml_source_map, too_deep
from interop.load.tree import SourceMap
from interop.model.base import Flag, Slug, StrictModel, Text
from interop.model.finding import FAIL_LEVELS, Finding, Position, Severity

CONFIG_FILE = "interop.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "interop")

RuleSelector = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]+[0-9]{0,3}$", max_length=16)]
"""A rule code (``XFER001``) or a code prefix (``XFER``)."""

RuleCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]+[0-9]{3}$", max_length=16)]
Fingerprint = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{16}$")]
OptionValue = bool | int | float | str


class WaiverSettings(StrictModel):
    """One waiver as written in the configuration."""

    code: RuleCode | None = None
    subject: Text | None = None
    """The finding's subject (``orion -> soyuz-ms @ leo``); shell patterns allowed."""
    fingerprint: Fingerprint | None = None
    reason: Text
    owner: Text
    expires: date


class Settings(StrictModel):
    """Everything ``[tool.interop]`` or ``interop.toml`` may say."""

    specs: list[Text] | None = None
    """Spec folders or files, relative to the configuration file."""
    library: Flag | None = None
    """Check the specs over the bundled spec library (interop.load.library); by default only when there are none."""
    systems: list[Slug] | None = None
    """Transport systems to check (``matrix``, ``diff``); all when unset."""
    fail_on: Literal[FAIL_LEVELS] | None = None  # type: ignore[valid-type]
    """The level at which a command fails, as ``--fail-on`` takes it."""
    strict: Flag | None = None
    enable: list[RuleSelector] | None = None
    """Only these rules (codes or prefixes); all when unset."""
    disable: list[RuleSelector] = []
    severity: dict[RuleCode, Severity] = {}
    rules: dict[RuleCode, dict[str, OptionValue]] = {}
    """Rule options by rule code (``[rules.XFER001] min_passage_mm = 600``)."""
    waivers: list[WaiverSettings] = []
    time_reserve_days: Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)] | None = None
    """Days a rescue must arrive (and bring everyone home) before the supplies run out; 0 when unset."""


@dataclass(frozen=True)
class WaiverEntry:
    settings: WaiverSettings
    position: Position


@dataclass
class ProjectConfig:
    """A validated configuration, spec paths resolved against its folder."""

    file: str | None
    folder: Path
    settings: Settings
    waivers: list[WaiverEntry] = field(default_factory=list)
    """Waivers still in force; expired ones are findings instead."""

    @property
    def specs(self) -> list[Path] | None:
        if self.settings.specs is None:
            return None
        return [_shortest(self.folder / entry) for entry in self.settings.specs]


@dataclass
class ConfigResult:
    config: ProjectConfig | None
    findings: list[Finding]

    @property
    def fatal(self) -> bool:
        return self.config is None or any(f.code in FATAL_CODES for f in self.findings)


def default_config(folder: Path | None = None) -> ProjectConfig:
    return ProjectConfig(None, folder or Path.cwd(), Settings())


@dataclass
class ConfigSearch:
    """The configuration found walking up, and the ones passed over as untrusted."""

    path: Path | None
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    """Each file passed over, with why (``owned by user 1001``)."""


def search_config(start: Path | None = None) -> ConfigSearch:
    """The nearest trusted configuration file at or above ``start``."""
    folder = (start or Path.cwd()).absolute()
    ignored: list[tuple[Path, str]] = []
    for candidate in [folder, *folder.parents]:
        for name in (CONFIG_FILE, PYPROJECT_FILE):
            path = candidate / name
            if not os.path.lexists(path) or (path.is_dir() and not path.is_symlink()):
                continue
            if name == PYPROJECT_FILE and not _has_tool_table(path):
                continue  # not a configuration at all, whoever wrote it
            why = untrusted(path)
            if why is None:
                return ConfigSearch(path, ignored)
            ignored.append((path, why))
        if (candidate / ".git").exists():
            break
    return ConfigSearch(None, ignored)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest trusted configuration file at or above ``start``."""
    return search_config(start).path


def untrusted(path: Path) -> str | None:
    """Why someone other than you or root could have written ``path``, or None."""
    mine = (os.getuid(), 0) if hasattr(os, "getuid") else None
    try:
        statuses = [(path, os.lstat(path))]
        if stat.S_ISLNK(statuses[0][1].st_mode):
            statuses.append((Path(os.path.realpath(path)), os.stat(path)))
    except OSError:
        return None  # the loader says what is wrong with it
    for where, status in statuses:
        if mine is not None and status.st_uid not in mine:
            return f"owned by user {status.st_uid}, neither you nor root"
        if not stat.S_ISLNK(status.st_mode) and status.st_mode & stat.S_IWOTH:
            return "anyone can write it"
        try:
            parent = os.stat(where.parent)
        except OSError:
            continue
        if parent.st_mode & stat.S_IWOTH and not parent.st_mode & stat.S_ISVTX:
            return f"anyone can write its folder {where.parent}"
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = _read(pyproject)
        if too_deep(text, MAX_CONFIG_DEPTH) is not None:
            return True  # tomllib recurses: let the loader refuse it
        data = tomllib.loads(text)
    except (Unreadable, SpecTextError, tomllib.TOMLDecodeError):
        return True  # let the loader report what is wrong with it
    return isinstance(data.get("tool"), dict) and "interop" in data["tool"]


def _read(path: Path) -> str:
    """The text of a regular file of at most MAX_CONFIG_BYTES, read as spec files are."""
    return read_text(path, Limits(max_file_bytes=MAX_CONFIG_BYTES))


def load_config(
    path: Path,
    *,
    today: date | None = None,
    rules: Mapping[str, Mapping[str, Any]] | None = None,
) -> ConfigResult:
    """Read and check one configuration file.

    ``rules`` maps each known rule code to its options and their defaults;
    when given, rule codes and option names and types are checked against it.
    ``today`` decides which waivers have expired (the local date by default).
    """
    path = Path(path)
    name = str(_shortest(path))
    try:
        text = _read(path)
    except (Unreadable, SpecTextError) as exc:
        where = exc.finding.position or Position(name)
        return ConfigResult(
            None,
            [
                Finding(
                    CONFIG_UNREADABLE,
                    f"cannot read configuration: {exc.finding.message.removeprefix('cannot read file: ')}",
                    Position(name, where.line, where.column),
                )
            ],
        )
    deep = too_deep(text, MAX_CONFIG_DEPTH)
    if deep is not None:
        return ConfigResult(None, [_too_deep(name, *_line_column(text, deep))])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ConfigResult(None, [_syntax_finding(exc, name)])
    root: tuple = ()
    if path.name == PYPROJECT_FILE:
        root = PYPROJECT_TABLE
        data = data.get("tool", {}).get("interop", {})
    source_map = toml_source_map(text, name, root)
    if not isinstance(data, dict):
        return ConfigResult(None, [Finding("CONF012", "[tool.interop] must be a table", source_map.value(()))])
    deep_key = _deep_key(data, MAX_CONFIG_DEPTH)
    if deep_key is not None:  # dotted keys and table headers nest without brackets
        where = source_map.key(deep_key)
        return ConfigResult(None, [_too_deep(name, where.line, where.column)])
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems = findings_from_validation_error(exc, data, source_map, Settings)
        return ConfigResult(None, [_config_finding(finding) for finding in problems])
    findings: list[Finding] = _check_numbers(settings, source_map)
    if rules is not None:
        findings += _check_rules(settings, rules, source_map)
    findings += _check_some_rule_enabled(settings, rules, source_map)
    waivers, problems = _check_waivers(settings, source_map, today or date.today())
    findings += problems
    findings.sort(key=Finding.sort_key)
    return ConfigResult(ProjectConfig(name, path.absolute().parent, settings, waivers), findings)


def _too_deep(name: str, line: int, column: int) -> Finding:
    return Finding(
        CONFIG_TOO_DEEP, f"configuration nested more than {MAX_CONFIG_DEPTH} levels deep", Position(name, line, column)
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def _deep_key(data: dict, limit: int) -> tuple | None:
    """The path of the first value nested deeper than ``limit``, found without recursion."""
    pending: list[tuple[tuple, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if len(path) > limit:
            return path[:limit]
        if isinstance(value, dict):
            pending.extend((path + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((path + (index,), item) for index, item in enumerate(value))
    return None


def _check_numbers(settings: Settings, source_map: SourceMap) -> list[Finding]:
    """Rule options that are numbers must be finite: TOML allows nan and inf, no rule means them."""
    return [
        Finding(
            BAD_RULE_OPTION,
            f"rule {code} option {option!r} must be a finite number; got {value!r}",
            source_map.value(("rules", code, option)),
        )
        for code, options in settings.rules.items()
        for option, value in options.items()
        if isinstance(value, float) and not math.isfinite(value)
    ]


def _check_some_rule_enabled(
    settings: Settings, rules: Mapping[str, Mapping[str, Any]] | None, source_map: SourceMap
) -> list[Finding]:
    """A configuration under which no rule runs would pass everything: refuse it."""
    if rules is None and settings.enable != []:
        return []

    def selected(code: str, selectors) -> bool:
        return any(code.startswith(s) for s in selectors)

    enabled = [
        code
        for code in rules or ()
        if (settings.enable is None or selected(code, settings.enable)) and not selected(code, settings.disable)
    ]
    if enabled:
        return []
    where = ("enable",) if settings.enable is not None else ("disable",)
    return [
        Finding(
            NO_RULE_ENABLED,
            "this configuration enables no rule: every check would pass unchecked; 'interop rules' lists them",
            source_map.value(where),
        )
    ]


def _config_finding(finding: Finding) -> Finding:
    finding.code = finding.code.replace("SPEC", "CONF")
    return finding


def _syntax_finding(exc: tomllib.TOMLDecodeError, name: str) -> Finding:
    import re

    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        message = message[: found.start()].strip()
        return Finding(CONFIG_SYNTAX, f"TOML syntax: {message}", Position(name, int(found[1]), int(found[2])))
    return Finding(CONFIG_SYNTAX, f"TOML syntax: {message}", Position(name, 1, 1))


def _check_rules(settings: Settings, rules: Mapping[str, Mapping[str, Any]], source_map: SourceMap) -> list[Finding]:
    findings = []

    def unknown(selector: str, path: tuple, prefix_ok: bool) -> None:
        if selector in rules or (prefix_ok and any(code.startswith(selector) for code in rules)):
            return
        findings.append(
            Finding(
                UNKNOWN_RULE,
                f"no rule {selector!r}{suggest(selector, rules)}; 'interop rules' lists them",
                source_map.value(path),
            )
        )

    for key in ("enable", "disable"):
        for index, selector in enumerate(getattr(settings, key) or ()):
            unknown(selector, (key, index), prefix_ok=True)
    for code in settings.severity:
        unknown(code, ("severity", code), prefix_ok=False)
    for code, options in settings.rules.items():
        if code not in rules:
            unknown(code, ("rules", code), prefix_ok=False)
            continue
        defaults = rules[code]
        for option, value in options.items():
            where = source_map.value(("rules", code, option))
            if option not in defaults:
                known = ", ".join(defaults) or "none"
                findings.append(
                    Finding(
                        BAD_RULE_OPTION,
                        f"rule {code} has no option {option!r}{suggest(option, defaults)} (options: {known})",
                        where,
                    )
                )
            elif isinstance(value, float) and not math.isfinite(value):
                continue  # _check_numbers says so
            elif not _same_kind(defaults[option], value):
                findings.append(
                    Finding(
                        BAD_RULE_OPTION,
                        f"rule {code} option {option!r} takes a {_kind(defaults[option])}; got {value!r}",
                        where,
                    )
                )
    for index, waiver in enumerate(settings.waivers):
        if waiver.code is not None:
            unknown(waiver.code, ("waivers", index, "code"), prefix_ok=False)
    return findings


def _same_kind(default, value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _kind(default) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "number"
    return type(default).__name__


def _check_waivers(settings: Settings, source_map: SourceMap, today: date) -> tuple[list[WaiverEntry], list[Finding]]:
    active, findings = [], []
    for index, waiver in enumerate(settings.waivers):
        position = source_map.value(("waivers", index))
        if waiver.fingerprint is None and (waiver.code is None or waiver.subject is None):
            findings.append(
                Finding(
                    WAIVER_TARGET,
                    "a waiver names a 'fingerprint', or a 'code' and a 'subject' (a pattern like '* -> soyuz-ms @ leo' is allowed)",
                    position,
                )
            )
            continue
        if waiver.fingerprint is not None and (waiver.code is not None or waiver.subject is not None):
            findings.append(
                Finding(
                    WAIVER_TARGET, "a waiver names either a 'fingerprint' or a 'code' and 'subject', not both", position
                )
            )
            continue
        if waiver.expires < today:
            target = waiver.fingerprint or f"{waiver.code} {waiver.subject!r}"
            findings.append(
                Finding(
                    EXPIRED_WAIVER,
                    f"waiver for {target} expired on {waiver.expires.isoformat()} (owner {waiver.owner}): renew it or fix the finding",
                    source_map.value(("waivers", index, "expires")),
                    remedy="review the waiver and set a new 'expires' date, or remove it",
                )
            )
            continue
        active.append(WaiverEntry(waiver, position))
    return active, findings


def _shortest(path: Path) -> Path:
    """``path`` relative to the working folder when it lies below it."""
    try:
        return Path(path).absolute().relative_to(Path.cwd())
    except ValueError:
        return Path(path)
