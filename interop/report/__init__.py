"""Reporters: one class per format, each fed the same plain result objects.

A reporter is created with the run's :class:`ReportOptions` and has one method
per result kind (``systems``, ``vehicles``, ``scenario``, ``scenarios``,
``matrix``, ``validation``, ``diff``). :data:`REPORTERS` names each format's
class as ``"module:Class"`` so that a run imports only the reporter it uses:
``interop validate`` never pays for rich, the engine or the SARIF catalogue.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from interop.report.options import ReportOptions, Unsupported

if TYPE_CHECKING:
    from interop.report.base import Reporter

# format -> "module:Class": the one table (check-jsonschema's REPORTER_BY_NAME).
REPORTERS: dict[str, str] = {
    "text": "interop.report.text:TextReporter",
    "terminal": "interop.report.terminal:TerminalReporter",
    "json": "interop.report.json_report:JsonReporter",
    "markdown": "interop.report.people:MarkdownReporter",
    "html": "interop.report.people:HtmlReporter",
    "sarif": "interop.report.machine:SarifReporter",
    "junit": "interop.report.machine:JunitReporter",
    "github": "interop.report.machine:GithubReporter",
}

# The formats a user names with --format; "terminal" is chosen for them (an
# interactive terminal asking for text).
FORMATS = ("text", "json", "markdown", "html", "sarif", "junit", "github")

KINDS = ("systems", "vehicles", "scenario", "scenarios", "matrix", "validation", "diff", "plan", "gaps", "map")


def reporter_class(format: str) -> type[Reporter]:
    target = REPORTERS.get(format)
    if target is None:
        raise Unsupported(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    module_name, name = target.split(":")
    return getattr(importlib.import_module(module_name), name)


def reporter(format: str, options: ReportOptions | None = None):
    """The reporter of ``format``, created with the run's options."""
    return reporter_class(format)(options or ReportOptions())


def formats_for(kind: str) -> list[str]:
    """The formats that report ``kind`` (imports every reporter: for messages only)."""
    return sorted(f for f in FORMATS if reporter_class(f).supports(kind))


def check_supported(format: str, kind: str, noun: str | None = None) -> None:
    """Raise :class:`Unsupported`, naming the formats that do, unless ``format`` reports ``kind``."""
    if not reporter_class(format).supports(kind):
        what = noun or f"{kind} results"
        raise Unsupported(
            f"the {format} format does not report {what}; formats that do: {', '.join(formats_for(kind))}"
        )


COLOUR_CHOICES = ("auto", "always", "never")


def wants_terminal_colours(stream, choice: str = "auto", environ=None) -> bool:
    """Whether a report to ``stream`` is coloured, by ``--color auto|always|never``.

    ``never`` and ``always`` win over the environment. ``auto`` colours an
    interactive terminal unless ``NO_COLOR`` is set (https://no-color.org),
    and colours any stream when ``FORCE_COLOR`` is set
    (https://force-color.org); both count only when not empty, and
    ``NO_COLOR`` wins when both are set.
    """
    import os

    if choice == "never":
        return False
    if choice == "always":
        return True
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def renderer_for(kind: str, format: str, options: ReportOptions | None = None):
    """The bound method rendering results of ``kind`` in ``format`` (library convenience)."""
    check_supported(format, kind)
    return getattr(reporter(format, options), kind)
