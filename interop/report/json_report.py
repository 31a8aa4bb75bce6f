"""Versioned JSON reports: the records, serialised deterministically."""

from __future__ import annotations

import json

from interop.report import records
from interop.report.base import Reporter


def _dump(record) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


class JsonReporter(Reporter):
    format = "json"

    def systems(self, result) -> str:
        return _dump(records.system_record(result))

    def vehicles(self, result) -> str:
        return _dump(records.vehicle_record(result, self.options.strict))

    def scenario(self, result) -> str:
        return _dump(records.scenario_record(result, self.options.strict))

    def scenarios(self, results) -> str:
        """One array of scenario reports, each laid out as on its own."""
        shown = records.scenarios_record(results, self.options.strict)
        return "[\n" + ",\n".join(_dump(record).rstrip() for record in shown) + "\n]\n"

    def matrix(self, result) -> str:
        return _dump(records.matrix_record(result, self.options.strict))

    def validation(self, findings, files) -> str:
        return _dump(records.validation_record(findings, files))

    def diff(self, result) -> str:
        from interop.report.diff_report import diff_record

        return json.dumps(diff_record(result), indent=2, ensure_ascii=False, default=str) + "\n"
