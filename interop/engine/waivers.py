"""Waivers: a project's signed-off decision that a finding may stand.

A waiver names a finding by its rule code and subject (the subject may be a
shell-style pattern, ``* -> soyuz-ms @ leo``) or by its fingerprint, and says
why, who owns the decision and until when. The engine applies waivers in one
place, when it stamps a rule's outcome into a finding: the finding keeps its
verdict and is still reported, marked as waived, but no longer counts.
Expired waivers never reach the engine: the configuration loader reports
them as errors instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase

from interop.model.finding import Finding, Position, Verdict


@dataclass(frozen=True)
class Waiver:
    reason: str
    owner: str
    expires: date
    code: str | None = None
    subject: str | None = None
    fingerprint: str | None = None
    position: Position | None = None
    """Where the waiver is written in the project configuration."""

    def matches(self, finding: Finding) -> bool:
        if finding.verdict is Verdict.PASS:
            return False  # nothing to waive; marking it would only add noise
        if self.fingerprint is not None:
            return finding.fingerprint() == self.fingerprint
        return finding.code == self.code and self.subject is not None and fnmatchcase(finding.subject, self.subject)

    def describe(self) -> str:
        return f"{self.reason} (owner {self.owner}, expires {self.expires.isoformat()})"


def waiver_for(finding: Finding, waivers) -> Waiver | None:
    """The first waiver that matches ``finding``, in configuration order."""
    for waiver in waivers:
        if waiver.matches(finding):
            return waiver
    return None
