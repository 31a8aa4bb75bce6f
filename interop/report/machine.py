"""Reports for CI tools: SARIF 2.1.0, JUnit XML, GitHub workflow commands.

Each is fed the same result objects as every other reporter and shows the
findings that decide them (interop.engine.results.relevant_findings).
Which findings become SARIF results: FAIL (kind "fail", level from the
severity), UNKNOWN (kind "open") and CONDITIONAL (kind "review"); passes are
counted in the run's properties, not listed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from interop import __version__
from interop.engine.results import relevant_findings
from interop.model.finding import Finding, Severity, Verdict
from interop.report import escape as escaping
from interop.report.base import Reporter, one_after_another

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SARIF_KIND = {Verdict.FAIL: "fail", Verdict.UNKNOWN: "open", Verdict.CONDITIONAL: "review"}


def _relative(path: str) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix() if os.path.isabs(path) else Path(path).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _rule_catalogue(codes: set[str]) -> list[dict]:
    from interop.load.errors import ERROR_CODES
    from interop.rules.base import registry

    rules = registry()
    described = []
    for code in sorted(codes):
        if code in rules:
            rule = rules[code]
            described.append(
                {
                    "id": code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.title},
                    "fullDescription": {"text": rule.rationale},
                    "help": {
                        "text": f"{rule.rationale}\n\nPasses: {rule.pass_example}\nFails: {rule.fail_example}",
                        "markdown": f"**{rule.title}**\n\n{rule.rationale}\n\n- Passes: {rule.pass_example}\n- Fails: {rule.fail_example}",
                    },
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                    "properties": {"stage": rule.stage.value, "domain": rule.domain.value},
                }
            )
        elif code in ERROR_CODES:
            entry = ERROR_CODES[code]
            described.append(
                {
                    "id": code,
                    "name": entry.title.lower().replace(" ", "-"),
                    "shortDescription": {"text": entry.title},
                    "fullDescription": {"text": entry.meaning},
                    "help": {"text": entry.meaning},
                    "defaultConfiguration": {"level": "error"},
                }
            )
    return described


def _listed(result) -> list[tuple[str, Finding]]:
    return [(g, f) for g, f in relevant_findings(result) if f.verdict is not Verdict.PASS]


def _sarif(result, strict: bool) -> str:
    listed = _listed(result)
    rules = _rule_catalogue({f.code for _g, f in listed})
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for group, finding in listed:
        entry = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "kind": _SARIF_KIND[finding.verdict],
            "level": _SARIF_LEVEL[finding.severity] if finding.verdict is Verdict.FAIL else "none",
            "message": {"text": _message(finding)},
            "partialFingerprints": {"interopFinding/v1": finding.fingerprint()},
            "properties": {
                "verdict": finding.verdict.value,
                "subject": finding.subject or group,
                "remedy": finding.remedy or None,
                "conditions": finding.conditions,
                "missing": finding.missing,
                "waived": finding.waived,
            },
        }
        if finding.position is not None:
            entry["locations"] = [sarif_location(finding.position)]
        if finding.waived:
            entry["suppressions"] = [{"kind": "external", "justification": finding.waived}]
        results.append(entry)
    passes = sum(1 for _g, f in relevant_findings(result) if f.verdict is Verdict.PASS)
    return sarif_log(rules, results, {"passedFindings": passes, "strict": strict})


def sarif_location(position) -> dict:
    physical = {"artifactLocation": {"uri": _relative(position.path)}}
    if position.line:
        physical["region"] = {"startLine": position.line, "startColumn": max(position.column, 1)}
    return {"physicalLocation": physical}


def sarif_log(rules: list[dict], results: list[dict], properties: dict) -> str:
    """A SARIF 2.1.0 log of one interop run, as indented JSON."""
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "interop",
                        "version": __version__,
                        "informationUri": "https://example.invalid/interop",
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": properties,
            }
        ],
    }
    return json.dumps(sarif, indent=2) + "\n"


def _message(finding: Finding) -> str:
    text = f"{finding.verdict.value.upper()}: {finding.message}"
    if finding.remedy:
        text += f" Remedy: {finding.remedy}"
    if finding.missing:
        text += f" Missing: {', '.join(finding.missing)}."
    if finding.conditions:
        text += f" If: {'; '.join(finding.conditions)}."
    return text


def _junit(result) -> str:
    """One testsuite per pair (or file), one testcase per finding."""
    from xml.sax.saxutils import escape, quoteattr

    groups: dict[str, list[Finding]] = {}
    for group, finding in relevant_findings(result):
        groups.setdefault(group, []).append(finding)
    suites = []
    for group, findings in groups.items():
        cases, failures, skipped = [], 0, 0
        for finding in findings:
            name = quoteattr(f"{finding.code} {finding.message[:120]}")
            where = f" ({finding.position})" if finding.position else ""
            body = ""
            if finding.verdict is Verdict.FAIL and finding.counts:
                failures += 1
                body = f"<failure message={quoteattr(finding.message)} type={quoteattr(finding.code)}>{escape(finding.message + where + chr(10) + 'remedy: ' + finding.remedy)}</failure>"
            elif finding.verdict is Verdict.UNKNOWN:
                skipped += 1
                body = f"<skipped message={quoteattr('unknown: ' + ', '.join(finding.missing))}/>"
            elif finding.conditions or finding.waived:
                extra = "; ".join(finding.conditions) or f"waived: {finding.waived}"
                body = f"<system-out>{escape(extra)}</system-out>"
            cases.append(f"    <testcase classname={quoteattr(group)} name={name}>{body}</testcase>")
        suites.append(JunitSuite(group, cases, failures, skipped))
    return junit_document(suites)


@dataclass
class JunitSuite:
    name: str
    cases: list[str]  # <testcase> elements, indented by four spaces
    failures: int
    skipped: int = 0


def junit_document(suites: list[JunitSuite]) -> str:
    """A JUnit XML report: the suites, with their counts and the totals."""
    from xml.sax.saxutils import quoteattr

    def counts(tests: int, failures: int, skipped: int) -> str:
        return f'tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}"'

    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<testsuites name="interop" {counts(sum(len(s.cases) for s in suites), sum(s.failures for s in suites), sum(s.skipped for s in suites))}>\n',
    ]
    for suite in suites:
        parts.append(
            f"  <testsuite name={quoteattr(suite.name)} {counts(len(suite.cases), suite.failures, suite.skipped)}>\n"
        )
        parts += [case + "\n" for case in suite.cases]
        parts.append("  </testsuite>\n")
    parts.append("</testsuites>\n")
    return "".join(parts)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(command: str, position, title: str, message: str) -> str:
    """One workflow command (``::error file=...,line=...,col=...,title=...::message``), escaped."""
    properties = []
    if position is not None:
        properties.append(f"file={_escape_property(_relative(position.path))}")
        if position.line:
            properties += [f"line={position.line}", f"col={max(position.column, 1)}"]
    properties.append(f"title={_escape_property(title)}")
    return f"::{command} {','.join(properties)}::{_escape_data(message)}"


_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github(result, strict: bool) -> str:
    """GitHub Actions workflow commands: one annotation per non-passing finding."""
    lines = []
    for _group, finding in _listed(result):
        if finding.verdict is Verdict.FAIL and finding.counts:
            command = _COMMAND[finding.severity]
        elif finding.verdict is Verdict.UNKNOWN:
            command = "warning" if strict else "notice"
        else:
            command = "notice"
        lines.append(
            github_command(command, finding.position, f"{finding.code} {finding.verdict.value}", _message(finding))
        )
    return "\n".join(lines) + ("\n" if lines else "")


class _FindingsReporter(Reporter):
    """A CI format: every result kind is its findings, laid out by ``_render``."""

    def _findings(self, result) -> str:
        raise NotImplementedError

    def _systems(self, result) -> str:
        return self._findings(result)

    def _vehicles(self, result) -> str:
        return self._findings(result)

    def _scenario(self, result) -> str:
        return self._findings(result)

    def _matrix(self, result) -> str:
        return self._findings(result)

    def _validation(self, findings, files) -> str:
        return self._findings(list(findings))


class SarifReporter(_FindingsReporter):
    format = "sarif"

    def _findings(self, result) -> str:
        return _sarif(result, self.options.strict)

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_sarif

        return diff_sarif(result)


class JunitReporter(_FindingsReporter):
    format = "junit"
    escape = staticmethod(escaping.controls)

    def _findings(self, result) -> str:
        return _junit(result)

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_junit

        return diff_junit(result)


class GithubReporter(_FindingsReporter):
    format = "github"
    escape = staticmethod(escaping.github)

    def _findings(self, result) -> str:
        return _github(result, self.options.strict)

    def _scenarios(self, results) -> str:
        return one_after_another(self, results)

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_github

        return diff_github(result)
