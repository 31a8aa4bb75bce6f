"""SARIF, GitHub annotations and JUnit on the bundled specs: what a reviewer acts on, where it is."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from interop.engine import check_systems, run_scenario
from interop.engine.results import relevant_findings
from interop.model.finding import Finding, Position, Severity, Verdict
from interop.report import ReportOptions, reporter
from interop.report.ci_formats import GITHUB_PER_STEP, Annotation, within_limits
from interop.report.machine import listed
from tests import bundled, cli_process

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
COMMAND = re.compile(r"^::(error|warning|notice) ")


@pytest.fixture(scope="module")
def catalog():
    return bundled.catalog()  # loaded once per worker, shared with the other modules (tests/bundled.py)


@pytest.fixture(scope="module")
def runs(catalog):
    """``interop check us-artemis ru-lunar``, ``interop matrix`` and every scenario, as results.

    The matrix is ``interop matrix``'s, categorised, computed once per worker for every module that
    reads it (tests/bundled.py); SARIF, GitHub and JUnit render it as they do the bare one.
    """
    return {
        "systems": check_systems(catalog, "us-artemis", "ru-lunar"),
        "matrix": bundled.matrix(),
        "scenarios": [run_scenario(catalog, s) for s in sorted(catalog.scenarios)],
    }


def _report(runs, kind: str, fmt: str, **options) -> str:
    render = reporter(fmt, ReportOptions(**options))
    if kind == "scenarios":
        return render.scenarios(runs[kind]) if fmt == "github" else "".join(render.scenario(r) for r in runs[kind])
    return getattr(render, kind)(runs[kind])


def _pairs(runs, kind: str) -> list[tuple[str, Finding]]:
    if kind == "scenarios":
        return [pair for result in runs[kind] for pair in relevant_findings(result)]
    return relevant_findings(runs[kind])


def _sarif_logs(runs, kind: str, **options) -> list[dict]:
    if kind == "scenarios":
        render = reporter("sarif", ReportOptions(**options))
        return [json.loads(render.scenario(r)) for r in runs[kind]]
    return [json.loads(_report(runs, kind, "sarif", **options))]


def _where(result: dict) -> tuple:
    physical = result["locations"][0]["physicalLocation"]
    region = physical.get("region", {})
    return physical["artifactLocation"]["uri"], region.get("startLine"), region.get("startColumn")


KINDS = ["systems", "matrix", "scenarios"]


@pytest.mark.parametrize("kind", KINDS)
def test_sarif_lists_each_finding_once_at_its_position(runs, kind):
    for log in _sarif_logs(runs, kind):
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
        results = log["runs"][0]["results"]
        keys = Counter((r["ruleId"], _where(r), r["message"]["text"]) for r in results)
        assert [k for k, n in keys.items() if n > 1] == []
        assert all(r["kind"] in {"fail", "open", "review"} for r in results)
        assert all(r["properties"]["subjects"] for r in results)
    listed_findings = [(g, f) for g, f in _pairs(runs, kind) if f.verdict is not Verdict.PASS]
    sarif_results = [r for log in _sarif_logs(runs, kind) for r in log["runs"][0]["results"]]
    # Identical findings of several rescues are merged, and none is lost: every rescue is named.
    assert len(sarif_results) < len(listed_findings)
    named = {(r["ruleId"], subject) for r in sarif_results for subject in r["properties"]["subjects"]}
    assert named == {(f.code, f.subject or g) for g, f in listed_findings}


def test_merged_result_names_every_rescue_that_reached_it(runs):
    [log] = _sarif_logs(runs, "systems")
    merged = [r for r in log["runs"][0]["results"] if len(r["properties"]["subjects"]) > 1]
    assert merged
    for result in merged:
        assert f"In {len(result['properties']['subjects'])} rescues: " in result["message"]["text"]


@pytest.mark.parametrize("kind", KINDS)
def test_no_result_points_at_a_kind_line(runs, kind):
    lines: dict[str, list[str]] = {}
    for log in _sarif_logs(runs, kind):
        for result in log["runs"][0]["results"]:
            uri, line, _column = _where(result)
            text = lines.setdefault(uri, (ROOT / uri).read_text().splitlines())
            assert not text[line - 1].startswith("kind:"), (result["ruleId"], uri, line)


def test_a_value_missing_with_its_parents_points_at_the_id_line(runs):
    [log] = _sarif_logs(runs, "systems")
    orel = (ROOT / "specs" / "vehicles" / "orel.yaml").read_text().splitlines()
    id_line = next(i for i, line in enumerate(orel, 1) if line.startswith("id:"))
    radios = [
        r for r in log["runs"][0]["results"] if r["ruleId"] == "COMM001" and "orel.radios" in r["properties"]["missing"]
    ]
    assert radios
    assert {_where(r)[:2] for r in radios if _where(r)[0].endswith("orel.yaml")} == {
        ("specs/vehicles/orel.yaml", id_line)
    }


def test_passes_are_listed_only_on_request(runs):
    [default] = _sarif_logs(runs, "systems")
    [asked] = _sarif_logs(runs, "systems", include_passes=True)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(asked)
    assert "pass" not in {r["kind"] for r in default["runs"][0]["results"]}
    passes = [r for r in asked["runs"][0]["results"] if r["kind"] == "pass"]
    assert passes and all(r["level"] == "none" for r in passes)
    assert default["runs"][0]["properties"]["passedFindings"] > 0
    assert " pass::PASS: " not in _report(runs, "systems", "github")
    passed = Finding("REACH001", "x operates in leo", Position("specs/x.yaml", 4, 5), verdict=Verdict.PASS)
    assert reporter("github").validation([passed], 1) == ""
    [line] = reporter("github", ReportOptions(include_passes=True)).validation([passed], 1).splitlines()
    assert line.startswith("::notice file=specs/x.yaml,line=4,col=5,title=REACH001 pass::PASS: ")


def _levels(text: str) -> Counter:
    return Counter(COMMAND.match(line).group(1) for line in text.splitlines())


@pytest.mark.parametrize("kind", KINDS)
def test_github_annotations_keep_within_the_step_limits(runs, kind):
    text = _report(runs, kind, "github")
    lines = text.splitlines()
    assert all(COMMAND.match(line) for line in lines)
    assert all(n <= GITHUB_PER_STEP for n in _levels(text).values())
    entries = listed(_pairs(runs, kind))
    assert len(entries) > len(lines)  # the bundled specs have more than one step shows
    summary = lines[-1]
    assert summary.startswith("::notice title=interop%3A ")
    more = int(re.search(r"::(\d+) more not shown as annotations", summary).group(1))
    assert more == len(entries) - (len(lines) - 1)
    assert "--format sarif" in summary


def test_github_shows_failures_first(runs):
    lines = _report(runs, "matrix", "github").splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == GITHUB_PER_STEP
    assert all(" fail::FAIL: " in line for line in errors)
    tiers = [e.tier for e in listed(_pairs(runs, "matrix"))]
    assert tiers == sorted(tiers)


def test_within_limits_summarises_the_rest_in_a_notice_of_its_own():
    def many(command: str, label: str, n: int) -> list[Annotation]:
        return [Annotation(command, f"::{command} title=t{i}::{label} {i}", label) for i in range(n)]

    lines = within_limits(
        many("error", "FAIL", 15) + many("warning", "UNKNOWN", 3) + many("notice", "CONDITIONAL", 12), "See more."
    )
    assert _levels("\n".join(lines)) == Counter(error=10, warning=3, notice=10)
    assert lines[-1].endswith(
        "::8 more not shown as annotations (5 FAIL, 3 CONDITIONAL): GitHub shows 10 errors, 10 warnings and 10 notices per step. See more."
    )
    exactly = within_limits(many("notice", "UNKNOWN", GITHUB_PER_STEP), "See more.")
    assert len(exactly) == GITHUB_PER_STEP and "more not shown" not in exactly[-1]
    assert within_limits([], "See more.") == []


def test_github_merges_identical_findings_of_several_rescues():
    finding = dict(
        code="COMM001",
        message="radios not known",
        position=Position("specs/v.yaml", 4, 5),
        severity=Severity.ERROR,
        verdict=Verdict.UNKNOWN,
    )
    one = Finding(subject="a -> b @ leo", missing=["a.radios"], **finding)
    two = Finding(subject="a -> c @ leo", missing=["a.radios", "c.radios"], **finding)
    [line] = reporter("github").validation([one, two], 1).splitlines()
    assert line.endswith(
        "::UNKNOWN: radios not known Missing: a.radios, c.radios. In 2 rescues: a -> b @ leo; a -> c @ leo."
    )


def _junit_cases(text: str, tmp_path: Path):
    from junitparser import JUnitXml

    path = tmp_path / "report.xml"
    path.write_text(text)
    return [case for suite in JUnitXml.fromfile(str(path)) for case in suite]


NAME = re.compile(r"^[A-Z]+\d{3} \S+ -> \S+ @ \S+( \[[^\]]+\])?( #\d+)?$")


def test_junit_names_are_code_and_rescue_and_stable_across_runs(runs, catalog, tmp_path):
    again = check_systems(catalog, "us-artemis", "ru-lunar")
    first = _junit_cases(reporter("junit").systems(runs["systems"]), tmp_path)
    second = _junit_cases(reporter("junit").systems(again), tmp_path)
    names = [(c.classname, c.name) for c in first]
    assert names == [(c.classname, c.name) for c in second]
    assert len(set(names)) == len(names)
    assert all(NAME.match(name) for _suite, name in names), [n for _s, n in names if not NAME.match(n)][:3]
    messages = {f.message for _g, f in relevant_findings(runs["systems"])}
    assert not [name for _suite, name in names if any(m in name for m in messages)]


def test_junit_conditional_is_a_skipped_case_that_says_so(runs, tmp_path):
    from junitparser import Failure, Skipped

    cases = _junit_cases(reporter("junit").systems(runs["systems"]), tmp_path)
    seen: Counter = Counter()
    for case in cases:
        results = list(case.result)
        if any(isinstance(r, Failure) for r in results):
            seen["fail"] += 1
        elif results:
            [skipped] = results
            assert isinstance(skipped, Skipped)
            seen[skipped.message.split(":")[0]] += 1
            assert skipped.message.split(":")[0].upper() in case.system_out
        else:
            seen["pass"] += 1
    verdicts = Counter(f.verdict for _g, f in relevant_findings(runs["systems"]) if f.counts)
    assert seen["conditional"] == verdicts[Verdict.CONDITIONAL] > 0
    assert seen["unknown"] == verdicts[Verdict.UNKNOWN] > 0
    assert seen["pass"] == verdicts[Verdict.PASS] > 0
    assert seen["fail"] == verdicts[Verdict.FAIL] > 0


def test_include_passes_through_the_cli():
    def run(*extra: str) -> dict:
        result = cli_process.run_argv(
            [sys.executable, "-m", "interop", "--no-config", "check", "us-artemis", "ru-lunar", "-f", "sarif", *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        return json.loads(result.stdout)

    kinds = {r["kind"] for r in run("--include-passes")["runs"][0]["results"]}
    assert "pass" in kinds
    assert "pass" not in {r["kind"] for r in run()["runs"][0]["results"]}
