"""The rule registry: every rule documented, exemplified and tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.model.finding import Verdict
from interop.rules.base import CODE_PATTERN, STAGE_ORDER, Domain, RuleDefinitionError, Stage, registry, rule
from interop.rules.reference import render_markdown
from tests.rules.harness import FIXTURES, load_cases

ROOT = Path(__file__).resolve().parent.parent
RULES = registry()
CASES = load_cases()


def test_at_least_thirty_rules_covering_every_stage():
    assert len(RULES) >= 30
    assert {r.stage for r in RULES.values()} == set(STAGE_ORDER)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule_ = RULES[code]
    assert CODE_PATTERN.match(code)
    assert rule_.title and rule_.rationale and len(rule_.rationale) > 60
    assert rule_.pass_example and rule_.fail_example


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_fixture_cases_that_pass_and_that_do_not(code):
    assert (FIXTURES / f"{code}.yaml").is_file(), f"no fixture file for {code}"
    cases = [c for c in CASES if c.rule == code]
    verdicts = [{e["verdict"] for e in c.expect} for c in cases]
    assert any(v <= {"pass"} for v in verdicts), f"{code}: no passing (or not-applicable) case"
    assert any(v - {"pass"} for v in verdicts), f"{code}: no failing, conditional or unknown case"


def test_every_fixture_file_names_a_registered_rule():
    assert {p.stem for p in FIXTURES.glob("*.yaml")} <= set(RULES)


def test_each_verdict_kind_is_exercised_somewhere():
    seen = {e["verdict"] for c in CASES for e in c.expect}
    assert seen == {v.value for v in Verdict}


def test_registration_checks_the_code_format_and_docstring():
    with pytest.raises(RuleDefinitionError):

        @rule("BAD1", title="t", domain=Domain.CREW, stage=Stage.CARRY, pass_example="p", fail_example="f")
        def bad_code(ctx):
            """Has a docstring."""

    with pytest.raises(RuleDefinitionError):

        @rule("CREW999", title="t", domain=Domain.CREW, stage=Stage.CARRY, pass_example="p", fail_example="f")
        def no_docstring(ctx):
            pass

    with pytest.raises(RuleDefinitionError):

        @rule("CREW001", title="t", domain=Domain.CREW, stage=Stage.CARRY, pass_example="p", fail_example="f")
        def duplicate(ctx):
            """Registered twice."""


def test_rule_reference_in_docs_is_generated_and_current():
    committed = (ROOT / "docs" / "rules.md").read_text()
    assert committed == render_markdown(), (
        "docs/rules.md drifted: run '.venv/bin/interop rules --format markdown > docs/rules.md'"
    )
