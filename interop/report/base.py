"""The base class of every reporter: the run's options and the result kinds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interop.report.escape import printable
from interop.report.options import ReportOptions, Unsupported
from interop.report.records import cleaned


class Reporter:
    """One output format.

    The public methods, one per result kind, are the same for every format:
    each cleans the result's text with the format's :attr:`escape` (the one
    place text from spec files is made safe, interop.report.escape) and
    gives positions in the bundled library their ``library:`` names (the
    one place they get them, :func:`interop.report.records.cleaned`), then
    lays it out with the subclass's ``_<kind>`` method. A format reports the
    kinds whose ``_<kind>`` it defines.
    """

    format = ""
    escape: Callable[[str], str] | None = None
    """Applied to every string of the result (names, messages, paths)."""

    def __init__(self, options: ReportOptions | None = None) -> None:
        self.options = options or ReportOptions()

    @classmethod
    def supports(cls, kind: str) -> bool:
        return callable(getattr(cls, f"_{kind}", None))

    def systems(self, result) -> str:
        return self._report("systems", result)

    def vehicles(self, result) -> str:
        return self._report("vehicles", result)

    def scenario(self, result) -> str:
        return self._report("scenario", result)

    def scenarios(self, results: list) -> str:
        return self._report("scenarios", list(results))

    def matrix(self, result) -> str:
        return self._report("matrix", result)

    def validation(self, findings: list, files: int) -> str:
        return self._report("validation", list(findings), files)

    def diff(self, result) -> str:
        return self._report("diff", result)

    def plan(self, result) -> str:
        return self._report("plan", result)

    def gaps(self, result) -> str:
        return self._report("gaps", result)

    def map(self, result) -> str:
        return self._report("map", result)

    def _report(self, kind: str, *arguments) -> str:
        if not self.supports(kind):
            raise Unsupported(f"the {self.format} format does not report {kind} results")
        escape = type(self).escape
        library = self.options.library
        if escape is not None or (library is not None and library.files):
            full = self.options.verbose
            arguments = tuple(cleaned(argument, escape, library, full) for argument in arguments)
        return printable(getattr(self, f"_{kind}")(*arguments))


def one_after_another(layout: Callable[[Any], str], results: list) -> str:
    """Several scenarios as ``layout`` (a format's own scenario layout) gives each, one after another."""
    return "".join(layout(result) for result in results)
