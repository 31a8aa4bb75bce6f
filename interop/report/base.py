"""The base class of every reporter: the run's options and the result kinds."""

from __future__ import annotations

from interop.report import ReportOptions, Unsupported


class Reporter:
    """One output format. A subclass defines the methods of the kinds it reports.

    Each method takes a plain result (validation takes the findings and the
    number of files read) and returns the whole report as text.
    """

    format = ""

    def __init__(self, options: ReportOptions | None = None) -> None:
        self.options = options or ReportOptions()

    @classmethod
    def supports(cls, kind: str) -> bool:
        return getattr(cls, kind, None) is not getattr(Reporter, kind, None) and callable(getattr(cls, kind, None))

    def _unsupported(self, kind: str):
        raise Unsupported(f"the {self.format} format does not report {kind} results")

    def systems(self, result) -> str:
        self._unsupported("systems")

    def vehicles(self, result) -> str:
        self._unsupported("vehicles")

    def scenario(self, result) -> str:
        self._unsupported("scenario")

    def scenarios(self, results: list) -> str:
        self._unsupported("scenarios")

    def matrix(self, result) -> str:
        self._unsupported("matrix")

    def validation(self, findings: list, files: int) -> str:
        self._unsupported("validation")

    def diff(self, result) -> str:
        self._unsupported("diff")


def one_after_another(reporter: Reporter, results: list) -> str:
    """Several scenarios as their reports one after another (formats that allow it)."""
    return "".join(reporter.scenario(result) for result in results)
