"""Reporters for ``interop validate``: a list of findings over some files."""

from __future__ import annotations

from interop.model.finding import Finding


def render_text(findings: list[Finding], files: int) -> str:
    lines = [finding.format() for finding in findings]
    if findings:
        noun = "problem" if len(findings) == 1 else "problems"
        affected = len({f.position.path for f in findings if f.position})
        lines.append(f"{len(findings)} {noun} in {affected} of {files} file{'s' if files != 1 else ''}")
    else:
        lines.append(f"{files} file{'s' if files != 1 else ''} valid")
    return "\n".join(lines) + "\n"


def finding_record(finding: Finding) -> dict:
    position = finding.position
    return {
        "path": position.path if position else None,
        "line": position.line if position else None,
        "column": position.column if position else None,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
    }


def render_json(findings: list[Finding], files: int) -> str:
    import json  # the text report, validate's usual output, needs no json: off the start-up path

    return (
        json.dumps(
            {"files": files, "valid": not findings, "findings": [finding_record(f) for f in findings]},
            indent=2,
        )
        + "\n"
    )


def render_markdown(findings: list[Finding], files: int) -> str:
    from interop.report.people import markdown_validation

    return markdown_validation(findings, files)


def render_html(findings: list[Finding], files: int) -> str:
    from interop.report.people import html_validation

    return html_validation(findings, files)


def render_sarif(findings: list[Finding], files: int) -> str:
    from interop.report.machine import render_sarif as sarif

    return sarif(list(findings))


def render_junit(findings: list[Finding], files: int) -> str:
    from interop.report.machine import render_junit as junit

    return junit(list(findings))


def render_github(findings: list[Finding], files: int) -> str:
    from interop.report.machine import render_github as github

    return github(list(findings))
