"""What each verdict of a matrix is away from a pass: the six categories of the overview.

A row (a crew of one system at one place, and the other system's best
rescuer for it) is, in order from best to worst:

- ``pass``: it passes today;
- ``conditional``: it passes if named conditions hold (the stage they belong
  to is the word the overview shows);
- ``data-only``: only values nobody has published stand in the way (how many,
  and whose);
- ``one-change``: one change the planner can name lifts every failing check
  (the change's summary);
- ``several-changes``: more than one (how many);
- ``not-feasible``: a failing check no change the planner can name lifts
  (the finding, which states the physical reason).

The changes come from the planner's first round of proposals for the row's
best rescue (:func:`_planner_proposals`, the one call into
``interop.engine.plan``): a change that uncovers a further blocker when
applied is not seen here, so "one change away" is what the planner would try
first, not a verified plan (``interop plan`` verifies).

A cell (one system rescuing another's crews) takes its worst row's category,
and counts its rows in each.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from interop.engine.results import RescueResult, Row
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.finding import Verdict


class Category(str, enum.Enum):
    PASS = "pass"
    CONDITIONAL = "conditional"
    DATA_ONLY = "data-only"
    ONE_CHANGE = "one-change"
    SEVERAL_CHANGES = "several-changes"
    NOT_FEASIBLE = "not-feasible"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)


_ORDER = list(Category)

CHANGEABLE = (Category.ONE_CHANGE, Category.SEVERAL_CHANGES)
"""Rows that fail today only for reasons a plan can change."""


@dataclass
class RowCategory:
    """A row's category and the few words that say why."""

    category: Category
    detail: str
    """The word (conditional), the values and whose (data-only), the change, how many, the reason."""
    values: list[str] = field(default_factory=list)
    """The values the row waits for (data-only; and those still wanted once the changes are made)."""
    publishers: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """Summaries of the changes the planner would make, one per failing check (the cheapest alternative)."""


@dataclass
class CellCategory:
    category: Category
    counts: dict[Category, int]
    """Rows of the cell in each category (every category, zero included)."""


def categorise_row(
    row: Row, rescuer_system: str, distressed_system: str, catalog: Catalog, world: World
) -> RowCategory:
    best = row.best
    if best is None:
        if row.verdict is Verdict.UNKNOWN:
            names = [w.name for w in row.wanted]
            whose = sorted({p for w in row.wanted for p in w.publishers})
            return RowCategory(Category.DATA_ONLY, _values_detail(names, whose), names, whose)
        return RowCategory(Category.NOT_FEASIBLE, row.note or "no rescuer")
    if best.verdict is Verdict.PASS:
        return RowCategory(Category.PASS, "passes")
    if best.verdict is Verdict.CONDITIONAL:
        return RowCategory(Category.CONDITIONAL, _conditional_word(best))
    names = best.missing
    whose = sorted({p for w in best.wanted for p in w.publishers})
    if best.verdict is Verdict.UNKNOWN and not _failing(best):
        return RowCategory(Category.DATA_ONLY, _values_detail(names, whose), names, whose)
    proposals = _planner_proposals(best, rescuer_system, distressed_system, catalog, world)
    if isinstance(proposals, str):
        return RowCategory(Category.NOT_FEASIBLE, proposals, names, whose)
    changes = [summary for blocker in proposals for summary in blocker]
    if not changes:  # the failing checks wait for values (--strict counts an UNKNOWN as a failure)
        return RowCategory(Category.DATA_ONLY, _values_detail(names, whose), names, whose)
    if len(changes) == 1:
        return RowCategory(Category.ONE_CHANGE, changes[0], names, whose, changes)
    return RowCategory(Category.SEVERAL_CHANGES, f"{len(changes)} changes", names, whose, changes)


def categorise_cell(categories: list[RowCategory]) -> CellCategory:
    counts = dict.fromkeys(Category, 0)
    for item in categories:
        counts[item.category] += 1
    worst = max((item.category for item in categories), key=lambda c: c.rank, default=Category.NOT_FEASIBLE)
    return CellCategory(worst, counts)


def _failing(result: RescueResult) -> bool:
    return any(f.counts and f.verdict is Verdict.FAIL for f in result.findings)


def _values_detail(names: list[str], whose: list[str]) -> str:
    noun = "value" if len(names) == 1 else "values"
    return f"{len(names)} {noun}, {', '.join(whose) or 'publisher not stated'}"


def _conditional_word(result: RescueResult) -> str:
    """The stage whose conditions the pass rests on (``mate``, ``transfer``), the word a cell shows."""
    stages = [s.stage for s in result.stages if s.verdict is Verdict.CONDITIONAL]
    return ", ".join(stages) or "conditions"


def _planner_proposals(
    result: RescueResult, rescuer_system: str, distressed_system: str, catalog: Catalog, world: World
) -> list[list[str]] | str:
    """Per blocker of ``result``, the planner's cheapest change other than publishing data (its summaries,
    empty where publishing is all it takes); or, when a blocker has no change, why.

    The one place this module calls the planner, kept narrow so that the
    planner's insides can change around it.
    """
    from interop.engine.plan_candidates import Candidates

    proposals = Candidates(catalog, world).proposals(result, rescuer_system)
    if proposals.blocked is not None:
        return f"{proposals.blocked.code} {proposals.blocked.text}"
    found = []
    for alternatives in proposals.alternatives:
        cheapest = min(alternatives, key=lambda changes: (len(changes), sorted(c.sort_key() for c in changes)))
        found.append([c.summary for c in sorted(cheapest, key=lambda c: c.sort_key())])
    return found
