"""The building blocks of the CI formats: SARIF 2.1.0 logs and locations, JUnit
XML documents, GitHub workflow commands within GitHub's limits.

Shared by the findings reports (interop.report.machine) and the diff reports
(interop.report.diff_machine), which both import from here and never from
each other: the machine reporters hand a diff to diff_machine, so diff_machine
taking these from machine would make the two a circle (issue 29).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from interop import __version__


def _relative(path: str) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix() if os.path.isabs(path) else Path(path).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


LIBRARY_BASE = "LIBRARY"
"""The ``uriBaseId`` of files of the bundled library: their ``uri`` is their place in it, the base where it lies."""


def sarif_location(position) -> dict:
    from interop.load.library import LibraryPosition

    artifact = (
        {"uri": position.relative, "uriBaseId": LIBRARY_BASE}
        if isinstance(position, LibraryPosition)
        else {"uri": _relative(position.path)}
    )
    physical: dict = {"artifactLocation": artifact}
    if position.line:
        physical["region"] = {"startLine": position.line, "startColumn": max(position.column, 1)}
    return {"physicalLocation": physical}


def sarif_log(rules: list[dict], results: list[dict], properties: dict, library=None) -> str:
    """A SARIF 2.1.0 log of one interop run, as indented JSON.

    ``library`` (interop.load.library.LibraryRead) is the bundled library the
    run read: its folder is the ``LIBRARY`` base that its files' locations
    name (``originalUriBaseIds``; an absolute URI ending in a slash, as SARIF
    3.14.14 asks)."""
    run: dict = {
        "tool": {
            "driver": {
                "name": "interop",
                "version": __version__,
                "informationUri": "https://example.invalid/interop",
                "rules": rules,
            }
        },
    }
    if library is not None and library.files:
        run["originalUriBaseIds"] = {LIBRARY_BASE: {"uri": library.root.absolute().as_uri().rstrip("/") + "/"}}
    run["results"] = results
    run["properties"] = properties
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    from interop.report.json_write import dumps  # here: JUnit and GitHub runs need not import orjson

    return dumps(sarif) + "\n"


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


GITHUB_PER_STEP = 10
"""Annotations GitHub shows per step for each of error, warning and notice
(and 50 per job over all steps; actions/toolkit, docs/problem-matchers.md).
The rest are dropped silently, so a report says how many it left out."""


@dataclass
class Annotation:
    """One workflow command to emit, with what its summary counts it as."""

    command: str  # "error", "warning" or "notice"
    line: str
    counted_as: str  # "FAIL", "UNKNOWN", ... : how the summary names what was left out


def within_limits(annotations: list[Annotation], see: str) -> list[str]:
    """The first ``GITHUB_PER_STEP`` annotations of each level, and a notice saying how many more there are.

    ``annotations`` come most important first. The notice takes one of the
    notices' places, so the step never goes over GitHub's limits.
    """
    used: Counter = Counter()
    kept: list[Annotation] = []
    left: list[Annotation] = []
    for annotation in annotations:
        if used[annotation.command] < GITHUB_PER_STEP:
            used[annotation.command] += 1
            kept.append(annotation)
        else:
            left.append(annotation)
    if not left:
        return [a.line for a in kept]
    if used["notice"] == GITHUB_PER_STEP:
        last = max(i for i, a in enumerate(kept) if a.command == "notice")
        left.insert(0, kept.pop(last))
    counts = Counter(a.counted_as for a in left)
    named = ", ".join(
        f"{n} {label}" for label, n in sorted(counts.items(), key=lambda item: _SUMMARY_ORDER.get(item[0], 9))
    )
    summary = (
        f"{len(left)} more not shown as annotations ({named}): GitHub shows {GITHUB_PER_STEP} errors, "
        f"{GITHUB_PER_STEP} warnings and {GITHUB_PER_STEP} notices per step. {see}"
    )
    title = f"interop: {len(left)} more"
    return [a.line for a in kept] + [github_command("notice", None, title, summary)]


_SUMMARY_ORDER = {"FAIL": 0, "UNKNOWN": 1, "CONDITIONAL": 2}
