"""What a run asks of a report (:class:`ReportOptions`), and the error for a
format that does not report a kind of result.

A leaf: interop.report re-exports both, and the reporters' base class
(interop.report.base) takes them from here, so that the package and its
base module do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interop.load.library import LibraryRead


@dataclass(frozen=True)
class ReportOptions:
    """What a run asked for that a report shows or depends on."""

    strict: bool = False
    fail_on: str = "error"
    width: int = 80
    colour: bool = False
    include_passes: bool = False
    """SARIF and GitHub annotations list PASS findings too (they list what a reviewer acts on by default)."""
    quiet: bool = False
    """Findings only: no summary lines (``-q``)."""
    verbose: bool = False
    """Also what passed (``-v``); positions in the bundled library by their full path."""
    library: LibraryRead | None = None
    """The documents the run read from the bundled library: their positions print as ``library:...``."""


class Unsupported(LookupError):
    """A format asked for a result kind it does not report."""
