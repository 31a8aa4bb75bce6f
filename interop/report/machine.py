"""Reports for CI tools: SARIF 2.1.0, JUnit XML, GitHub workflow commands.

Each is fed the same result objects as every other reporter and shows the
findings that decide them (interop.engine.results.relevant_findings).

SARIF results and GitHub annotations are what a reviewer acts on: FAIL
(SARIF kind "fail", level from the severity), UNKNOWN (kind "open") and
CONDITIONAL (kind "review"); passes are counted in the run's properties and
listed only with ReportOptions.include_passes. The same finding reached by
several rescues (one vehicle's missing radios, in every pair and place it is
in) is one result at its position, naming the rescues. GitHub annotations
keep within GitHub's per-step limits and say how many more there are.

JUnit lists every finding as a test case named by code and rescue (never by
the message, so names are stable across runs); what is not a clean pass
(UNKNOWN, CONDITIONAL, waived or advisory) is a skipped case whose message
starts with its verdict, the one mark every test viewer shows.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from interop.engine.results import relevant_findings
from interop.model.finding import Finding, Severity, Verdict
from interop.report import escape as escaping
from interop.report.base import Reporter
from interop.report.ci_formats import (
    Annotation,
    JunitSuite,
    github_command,
    junit_document,
    sarif_location,
    sarif_log,
    within_limits,
)

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SARIF_KIND = {Verdict.FAIL: "fail", Verdict.UNKNOWN: "open", Verdict.CONDITIONAL: "review", Verdict.PASS: "pass"}


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


@dataclass
class Listed:
    """One finding as a reviewer sees it: every rescue that reached it at the same place, saying the same.

    Rescues that differ only in which other values are missing (one
    vehicle's unpublished radios, paired with each partner) are one listing;
    ``missing`` gathers what they wait for, ``requirements`` what those
    values must be for the rule to pass.
    """

    finding: Finding
    subjects: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)

    @property
    def tier(self) -> int:
        return importance(self.finding)

    def fingerprint(self) -> str:
        """Stable across runs and line moves: the code, the value pointed at, what is said."""
        where = self.finding.locator or str(self.finding.position or "")
        basis = "\x1f".join((self.finding.code, where, self.finding.verdict.value, self.finding.message))
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def text(self) -> str:
        """The finding's message, and the rescues it was found in."""
        said = _message(self.finding, self.missing, self.requirements)
        subjects = [s for s in self.subjects if s]
        if not subjects:
            return said
        shown = "; ".join(subjects[:_SUBJECTS_SHOWN])
        if len(subjects) > _SUBJECTS_SHOWN:
            shown += f"; and {len(subjects) - _SUBJECTS_SHOWN} more"
        rescues = "In" if len(subjects) == 1 else f"In {len(subjects)} rescues"
        return f"{said} {rescues}: {shown}."


_SUBJECTS_SHOWN = 5  # rescues named in one message; SARIF's properties list them all


def importance(finding: Finding) -> int:
    """0 first: a counted FAIL of severity error, then warning, UNKNOWN, CONDITIONAL, the rest (waived, advisory, PASS)."""
    if not finding.counts:
        return 5
    if finding.verdict is Verdict.FAIL:
        return 0 if finding.severity is Severity.ERROR else 1
    return {Verdict.UNKNOWN: 2, Verdict.CONDITIONAL: 3}.get(finding.verdict, 5)


def listed(pairs, include_passes: bool = False) -> list[Listed]:
    """The findings to list, identical ones merged, the most important first."""
    merged: dict[tuple, Listed] = {}
    for group, finding in pairs:
        if finding.verdict is Verdict.PASS and not include_passes:
            continue
        key = (
            finding.code,
            finding.position,
            finding.verdict,
            finding.severity,
            finding.message,
            finding.remedy,
            tuple(finding.conditions),
            finding.waived,
        )
        entry = merged.get(key)
        if entry is None:
            entry = merged[key] = Listed(finding)
        subject = finding.subject or group
        if subject not in entry.subjects:
            entry.subjects.append(subject)
        entry.missing += [m for m in finding.missing if m not in entry.missing]
        entry.requirements += [c.text for c in finding.requirements if c.text not in entry.requirements]
    return sorted(merged.values(), key=lambda e: (e.tier, e.finding.sort_key()))


def _sarif(pairs: list[tuple[str, Finding]], options) -> str:
    entries = listed(pairs, options.include_passes)
    rules = _rule_catalogue({e.finding.code for e in entries})
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for item in entries:
        finding = item.finding
        entry = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "kind": _SARIF_KIND[finding.verdict],
            "level": _SARIF_LEVEL[finding.severity] if finding.verdict is Verdict.FAIL else "none",
            "message": {"text": item.text()},
            "partialFingerprints": {"interopFinding/v2": item.fingerprint()},
            "properties": {
                "verdict": finding.verdict.value,
                "subjects": item.subjects,
                "remedy": finding.remedy or None,
                "conditions": finding.conditions,
                "missing": item.missing,
                "requirements": item.requirements,
                "waived": finding.waived,
            },
        }
        if finding.position is not None:
            entry["locations"] = [sarif_location(finding.position)]
        if finding.waived:
            entry["suppressions"] = [{"kind": "external", "justification": finding.waived}]
        results.append(entry)
    passes = sum(1 for _g, f in pairs if f.verdict is Verdict.PASS)
    return sarif_log(rules, results, {"passedFindings": passes, "strict": options.strict}, options.library)


def _message(finding: Finding, missing: list[str] | None = None, requirements: list[str] | None = None) -> str:
    missing = finding.missing if missing is None else missing
    if requirements is None:
        requirements = list(dict.fromkeys(c.text for c in finding.requirements))
    text = f"{finding.verdict.value.upper()}: {finding.message}"
    if finding.remedy:
        text += f" Remedy: {finding.remedy}" + ("" if finding.remedy.endswith((".", "!", "?")) else ".")
    if missing:
        text += f" Missing: {', '.join(missing)}."
    if requirements:
        text += f" Would pass if: {'; '.join(requirements)}."
    if finding.conditions:
        text += f" If: {'; '.join(finding.conditions)}."
    return text


def _case_names(group: str, findings: list[Finding]) -> list[str]:
    """Test case names: code and rescue; the value pointed at, then a count, only where they would repeat."""
    names = [f"{f.code} {f.subject or group}" for f in findings]
    repeated = Counter(names)
    names = [
        f"{name} [{f.locator or f.position or ''}]" if repeated[name] > 1 else name
        for name, f in zip(names, findings, strict=True)
    ]
    seen: Counter = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return unique


def _skipped_reason(finding: Finding) -> str | None:
    """Why a finding is not a clean pass, starting with its verdict; None for a clean pass or a counted FAIL."""
    if finding.waived:
        return f"waived {finding.verdict.value}: {finding.message} ({finding.waived})"
    if finding.verdict is Verdict.UNKNOWN:
        said = "unknown: " + (", ".join(finding.missing) or finding.message)
        texts = list(dict.fromkeys(c.text for c in finding.requirements))
        return said + (f"; would pass if {'; '.join(texts)}" if texts else "")
    if finding.verdict is Verdict.CONDITIONAL:
        return "conditional: " + ("; ".join(finding.conditions) or finding.message)
    if finding.verdict is Verdict.FAIL and not finding.counts:
        return f"advisory fail: {finding.message}"
    return None


def _junit(pairs: list[tuple[str, Finding]]) -> str:
    """One testsuite per pair (or file), one testcase per finding."""
    from xml.sax.saxutils import escape, quoteattr

    groups: dict[str, list[Finding]] = {}
    for group, finding in pairs:
        groups.setdefault(group, []).append(finding)
    suites = []
    for group, findings in groups.items():
        cases, failures, skipped = [], 0, 0
        for finding, name in zip(findings, _case_names(group, findings), strict=True):
            where = f" ({finding.position})" if finding.position else ""
            reason = _skipped_reason(finding)
            if finding.verdict is Verdict.FAIL and finding.counts:
                failures += 1
                text = finding.message + where + ("\nremedy: " + finding.remedy if finding.remedy else "")
                body = f"<failure message={quoteattr(finding.message)} type={quoteattr(finding.code)}>{escape(text)}</failure>"
            elif reason is not None:
                skipped += 1
                body = f"<skipped message={quoteattr(reason)}/><system-out>{escape(_message(finding) + where)}</system-out>"
            else:
                body = ""
            cases.append(f"    <testcase classname={quoteattr(group)} name={quoteattr(name)}>{body}</testcase>")
        suites.append(JunitSuite(group, cases, failures, skipped))
    return junit_document(suites)


_SEE_ALL = "See every finding with --format sarif (upload it to code scanning) or --format text."

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github(pairs: list[tuple[str, Finding]], options) -> str:
    """GitHub Actions workflow commands: one annotation per listed finding, within GitHub's limits."""
    unknown_level = "warning" if options.strict or options.fail_on == "unknown" else "notice"
    annotations = []
    for item in listed(pairs, options.include_passes):
        finding = item.finding
        if finding.verdict is Verdict.FAIL and finding.counts:
            command = _COMMAND[finding.severity]
        elif finding.verdict is Verdict.UNKNOWN and finding.counts:
            command = unknown_level
        else:
            command = "notice"
        label = "waived" if finding.waived else finding.verdict.value.upper() if finding.counts else "advisory"
        title = f"{finding.code} {finding.verdict.value}"
        annotations.append(Annotation(command, github_command(command, finding.position, title, item.text()), label))
    lines = within_limits(annotations, _SEE_ALL)
    return "\n".join(lines) + ("\n" if lines else "")


class _FindingsReporter(Reporter):
    """A CI format: every result kind is its findings, laid out by ``_render``."""

    def _render(self, pairs: list[tuple[str, Finding]]) -> str:
        raise NotImplementedError

    def _systems(self, result) -> str:
        return self._render(relevant_findings(result))

    def _vehicles(self, result) -> str:
        return self._render(relevant_findings(result))

    def _scenario(self, result) -> str:
        return self._render(relevant_findings(result))

    def _matrix(self, result) -> str:
        return self._render(relevant_findings(result))

    def _validation(self, findings, files) -> str:
        return self._render(relevant_findings(list(findings)))


class SarifReporter(_FindingsReporter):
    format = "sarif"

    def _render(self, pairs) -> str:
        return _sarif(pairs, self.options)

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_sarif

        return diff_sarif(result)


class JunitReporter(_FindingsReporter):
    format = "junit"
    escape = staticmethod(escaping.controls)

    def _render(self, pairs) -> str:
        return _junit(pairs)

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_junit

        return diff_junit(result)


class GithubReporter(_FindingsReporter):
    format = "github"
    escape = staticmethod(escaping.github)

    def _render(self, pairs) -> str:
        return _github(pairs, self.options)

    def _scenarios(self, results) -> str:
        # One step's annotations share GitHub's limits: one budget for every scenario.
        return self._render([pair for result in results for pair in relevant_findings(result)])

    def _diff(self, result) -> str:
        from interop.report.diff_machine import diff_github

        return diff_github(result)
