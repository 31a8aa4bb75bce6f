"""Versioned JSON reports: the records, serialised deterministically."""

from __future__ import annotations

from interop.report import json_write, records
from interop.report.base import Reporter
from interop.report.escape import json_text


def _dump(record, **options) -> str:
    """``json.dumps(record, indent=2, ensure_ascii=False)``, as interop.report.json_write writes it fast."""
    return json_text(json_write.dumps(record, ensure_ascii=False, **options)) + "\n"


class JsonReporter(Reporter):
    format = "json"

    def _systems(self, result) -> str:
        return _dump(records.system_record(result))

    def _vehicles(self, result) -> str:
        return _dump(records.vehicle_record(result, self.options.strict))

    def _scenario(self, result) -> str:
        return _dump(records.scenario_record(result, self.options.strict))

    def _scenarios(self, results) -> str:
        """One array of scenario reports, each laid out as on its own."""
        shown = records.scenarios_record(results, self.options.strict)
        return "[\n" + ",\n".join(_dump(record).rstrip() for record in shown) + "\n]\n"

    def _matrix(self, result) -> str:
        return _dump(records.matrix_record(result, self.options.strict))

    def _validation(self, findings, files) -> str:
        return _dump(records.validation_record(findings, files))

    def _diff(self, result) -> str:
        from interop.report.diff_report import diff_record

        return _dump(diff_record(result), default=str)

    def _plan(self, result) -> str:
        from interop.report.planning import plan_record

        return _dump(plan_record(result))

    def _gaps(self, result) -> str:
        from interop.report.gaps import gaps_record

        return _dump(gaps_record(result))

    def _map(self, result) -> str:
        from interop.report.mechanisms import map_record

        return _dump(map_record(result))
