"""Every rule's fixture cases: exact verdicts and positions."""

from __future__ import annotations

import pytest

from interop.model.finding import Verdict
from tests.rules.harness import load_cases, materialise, observed

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case, tmp_path):
    folder = materialise(case, tmp_path / "case")
    got = observed(case, folder)
    assert [(r["verdict"], r["at"]) for r in got] == [(e["verdict"], e["at"]) for e in case.expect]
    for row, expected in zip(got, case.expect, strict=False):
        finding = row["finding"]
        if "message" in expected:
            assert expected["message"] in finding.message
        if "remedy" in expected:
            assert expected["remedy"] in finding.remedy
        if "not_in_remedy" in expected:
            assert expected["not_in_remedy"] not in finding.remedy
        if finding.verdict is Verdict.FAIL:
            assert finding.remedy, f"{case.id}: a FAIL without a remedy"
        if finding.verdict is Verdict.UNKNOWN:
            assert finding.missing, f"{case.id}: an UNKNOWN that names nothing missing"
            if "missing" in expected:
                assert expected["missing"] in finding.missing
        if finding.verdict is Verdict.CONDITIONAL:
            assert finding.conditions, f"{case.id}: a CONDITIONAL without conditions"
