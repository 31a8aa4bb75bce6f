"""Reporters: one per format, each fed the same plain result objects.

Looked up by name so the command line stays a thin dispatcher and only the
reporter actually used is imported.
"""

from __future__ import annotations

import importlib

# (result kind, format) -> "module:function"
_RENDERERS: dict[tuple[str, str], str] = {}
for _kind in ("systems", "vehicles", "scenario", "matrix"):
    _function = {
        "systems": "render_system",
        "vehicles": "render_vehicles",
        "scenario": "render_scenario",
        "matrix": "render_matrix",
    }[_kind]
    _RENDERERS[(_kind, "text")] = f"interop.report.text:{_function}"
    _RENDERERS[(_kind, "json")] = f"interop.report.json_report:{_function}"
for _format in ("text", "json", "markdown"):
    _RENDERERS[("diff", _format)] = f"interop.report.diff_report:render_{_format}"
for _format in ("sarif", "junit", "github"):
    _RENDERERS[("diff", _format)] = f"interop.report.diff_machine:render_{_format}"
for _kind, _suffix in (("systems", "system"), ("vehicles", "vehicles"), ("scenario", "scenario"), ("matrix", "matrix")):
    _RENDERERS[(_kind, "markdown")] = f"interop.report.people:markdown_{_suffix}"
    _RENDERERS[(_kind, "html")] = f"interop.report.people:html_{_suffix}"
    for _format in ("sarif", "junit", "github"):
        _RENDERERS[(_kind, _format)] = f"interop.report.machine:render_{_format}"
for _format in ("text", "json", "markdown", "html", "sarif", "junit", "github"):
    _RENDERERS[("validation", _format)] = f"interop.report.validation:render_{_format}"

FORMATS = ("text", "json", "markdown", "html", "sarif", "junit", "github")


def wants_terminal_colours(stream) -> bool:
    """Rich tables only for an interactive terminal; never when NO_COLOR is set."""
    import os

    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def renderer_for_terminal(kind: str):
    """The coloured variant of the text reporter, where one exists."""
    if kind not in ("systems", "vehicles", "scenario", "matrix"):
        return None
    function = {
        "systems": "render_system",
        "vehicles": "render_vehicles",
        "scenario": "render_scenario",
        "matrix": "render_matrix",
    }[kind]
    return getattr(importlib.import_module("interop.report.terminal"), function)


def formats_for(kind: str) -> list[str]:
    return sorted(fmt for (k, fmt) in _RENDERERS if k == kind)


def renderer_for(kind: str, format: str):
    """The function rendering results of ``kind`` in ``format``."""
    target = _RENDERERS.get((kind, format))
    if target is None:
        raise LookupError(f"unknown format {format!r} for this command: choose one of {', '.join(formats_for(kind))}")
    module_name, function = target.split(":")
    return getattr(importlib.import_module(module_name), function)
