"""A project's configuration turned into engine options.

The one place where configuration meets the engine: rule selection, severity
overrides, rule options, strictness and waivers become an ``EngineOptions``;
the engine then applies them when it stamps findings. Rules never see any of
it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from interop.engine.rescue import EngineOptions
from interop.engine.waivers import Waiver
from interop.load.config import ConfigResult, ProjectConfig, find_config, load_config
from interop.rules.base import registry


def known_rules() -> dict[str, dict]:
    """Every registered rule code with its options and their defaults."""
    return {code: dict(rule.options) for code, rule in registry().items()}


def load_project_config(
    path: Path | None = None, *, start: Path | None = None, today: date | None = None
) -> ConfigResult | None:
    """The configuration at ``path``, or the nearest one above ``start``; None when there is none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return None
    return load_config(path, today=today, rules=known_rules())


def engine_options(config: ProjectConfig | None, *, strict: bool | None = None) -> EngineOptions:
    """``EngineOptions`` from ``config``; an explicit ``strict`` wins over it."""
    if config is None:
        return EngineOptions(strict=bool(strict))
    settings = config.settings
    codes = list(registry())
    disabled = set()
    if settings.enable is not None:
        disabled |= {code for code in codes if not any(code.startswith(s) for s in settings.enable)}
    disabled |= {code for code in codes if any(code.startswith(s) for s in settings.disable)}
    return EngineOptions(
        strict=strict if strict is not None else bool(settings.strict),
        disabled=frozenset(disabled),
        severities=dict(settings.severity),
        rule_options={code: dict(options) for code, options in settings.rules.items()},
        time_reserve_days=settings.time_reserve_days or 0.0,
        waivers=tuple(
            Waiver(
                reason=entry.settings.reason,
                owner=entry.settings.owner,
                expires=entry.settings.expires,
                code=entry.settings.code,
                subject=entry.settings.subject,
                fingerprint=entry.settings.fingerprint,
                position=entry.position,
            )
            for entry in config.waivers
        ),
    )
