"""Project configuration: ``interop.toml``, or ``[tool.interop]`` in ``pyproject.toml``.

Found by walking up from the working folder to the repository root (the
folder holding ``.git``) or the filesystem root, whichever comes first; in
each folder ``interop.toml`` wins over ``pyproject.toml``, and a
``pyproject.toml`` without a ``[tool.interop]`` table is passed over.

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

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import StringConstraints, ValidationError

from interop.load.documents import _dedupe, _to_finding, suggest
from interop.load.toml_positions import toml_source_map
from interop.load.tree import SourceMap
from interop.model.base import Flag, Slug, StrictModel, Text
from interop.model.finding import Finding, Position, Severity

CONFIG_FILE = "interop.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "interop")

CONFIG_SYNTAX = "CONF001"
CONFIG_UNREADABLE = "CONF002"
UNKNOWN_RULE = "CONF020"
BAD_RULE_OPTION = "CONF021"
WAIVER_TARGET = "CONF022"
EXPIRED_WAIVER = "CONF030"

CONFIG_CODES = {
    CONFIG_SYNTAX: "The configuration file is not well-formed TOML.",
    CONFIG_UNREADABLE: "The configuration file cannot be read.",
    "CONF010": "A required setting is missing (a waiver without reason, owner or expiry).",
    "CONF011": "An unknown setting; often a typo, and a close match is suggested.",
    "CONF012": "A setting of the wrong type.",
    "CONF013": "A value outside the allowed choices (a severity, a fail level).",
    "CONF015": "A value out of range.",
    "CONF016": "A system id that is not a lowercase slug.",
    UNKNOWN_RULE: "A rule code (or code prefix) that names no registered rule.",
    BAD_RULE_OPTION: "A rule option the rule does not have, or of the wrong type.",
    WAIVER_TARGET: "A waiver must name a fingerprint, or a rule code and a subject.",
    EXPIRED_WAIVER: "A waiver past its expiry date: renew it (new date, same review) or fix the finding.",
}
FATAL_CODES = frozenset(CONFIG_CODES) - {EXPIRED_WAIVER}

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
    fail_on: Literal["fail", "unknown", "conditional", "error", "warning", "info"] | None = None
    strict: Flag | None = None
    enable: list[RuleSelector] | None = None
    """Only these rules (codes or prefixes); all when unset."""
    disable: list[RuleSelector] = []
    severity: dict[RuleCode, Severity] = {}
    rules: dict[RuleCode, dict[str, OptionValue]] = {}
    """Rule options by rule code (``[rules.XFER001] min_passage_mm = 600``)."""
    waivers: list[WaiverSettings] = []


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


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    folder = (start or Path.cwd()).absolute()
    for candidate in [folder, *folder.parents]:
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT_FILE
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let the loader report what is wrong with it
    return isinstance(data.get("tool"), dict) and "interop" in data["tool"]


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return ConfigResult(None, [Finding(CONFIG_UNREADABLE, f"cannot read configuration: {reason}", Position(name))])
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
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        findings = [
            _config_finding(_to_finding(error, data, source_map, Settings)) for error in exc.errors(include_url=False)
        ]
        return ConfigResult(None, _dedupe(findings))
    findings: list[Finding] = []
    if rules is not None:
        findings += _check_rules(settings, rules, source_map)
    waivers, problems = _check_waivers(settings, source_map, today or date.today())
    findings += problems
    findings.sort(key=Finding.sort_key)
    return ConfigResult(ProjectConfig(name, path.absolute().parent, settings, waivers), findings)


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
