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
            # Every value it waits for comes with what it must be for the rule to pass.
            assert finding.requirements, f"{case.id}: an UNKNOWN that states no condition"
            covered = {name for c in finding.requirements for name in c.names}
            assert set(finding.missing) <= covered, f"{case.id}: no condition for {set(finding.missing) - covered}"
            assert all(c.rule == case.rule for c in finding.requirements)
            if "condition" in expected:
                texts = [c.text for c in finding.requirements]
                assert any(expected["condition"] in t for t in texts), texts
        if finding.verdict is Verdict.CONDITIONAL:
            assert finding.conditions, f"{case.id}: a CONDITIONAL without conditions"
            if "condition" in expected:
                assert any(expected["condition"] in c for c in finding.conditions), finding.conditions
        if "not_said" in expected:
            said = [finding.message, finding.remedy, *finding.conditions]
            assert not any(expected["not_said"] in text for text in said), said
