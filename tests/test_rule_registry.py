"""The rule registry: every rule documented, exemplified and tested."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from interop.model.finding import Verdict
from interop.rules.base import CODE_PATTERN, STAGE_ORDER, Domain, RuleDefinitionError, Stage, registry, rule
from interop.rules.reference import render_markdown
from tests.rules.harness import FIXTURES, load_cases, materialise, observed

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


def test_each_rule_is_the_module_named_by_its_code_in_its_family_package():
    rules_dir = ROOT / "interop" / "rules"
    for code, rule_ in RULES.items():
        assert rule_.check.__module__ == f"interop.rules.{rule_.domain.value}.{code}", code
    files = {p.stem for family in Domain for p in (rules_dir / family.value).glob("*.py") if p.stem != "__init__"}
    assert files == set(RULES), "a rule module that registers no rule of its name, or one rule too many"


def test_importing_the_package_registers_every_rule_and_base_imports_no_rule():
    probe = "import interop.rules.base as b; print(len(b.registry()))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(RULES)
    tree = ast.parse((ROOT / "interop" / "rules" / "base.py").read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not {m for m in imported if m and m.startswith("interop.rules")}, imported


def test_rule_modules_share_helpers_through_the_context_not_each_other():
    shared = {"interop.rules.base", "interop.rules.context"}
    for family in Domain:
        for path in (ROOT / "interop" / "rules" / family.value).glob("*.py"):
            tree = ast.parse(path.read_text())
            imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            others = {m for m in imported if m.startswith("interop.rules") and m not in shared}
            assert not others, f"{path.name} imports {sorted(others)}: put what they share on RescueContext"


OPTIONS = [(code, name) for code, rule_ in RULES.items() for name in rule_.options]


@pytest.mark.parametrize(("code", "name"), OPTIONS, ids=[f"{c}-{n}" for c, n in OPTIONS])
def test_each_option_has_a_fixture_case_where_it_changes_a_verdict(code, name, tmp_path):
    cases = [c for c in CASES if c.rule == code and name in c.options]
    assert cases, f"{code}: no fixture case sets option {name!r}"
    changed = []
    for case in cases:
        folder = materialise(case, tmp_path / case.name)
        without = {k: v for k, v in case.options.items() if k != name}
        verdicts = [r["verdict"] for r in observed(case, folder)]
        changed.append(verdicts != [r["verdict"] for r in observed(case, folder, without)])
    assert any(changed), f"{code}: no case where setting {name!r} changes a verdict"


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
