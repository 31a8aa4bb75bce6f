"""Verdicts over ranges: a rescue evaluated with every range fixed at the values that matter.

A spec value may be a range (``endurance_days: "5..30"``, interop.model.values).
Rules never see one: the engine evaluates the rescue with each range fixed at
a plain number, at the points that decide it:

- every range at each of its ends, and at the turning points a rule declared
  :class:`~interop.rules.base.Piecewise` names inside it (a rule declared
  ``monotone=False`` gets :data:`SAMPLES` evenly spaced points instead);
  the grid of these points, at most :data:`MAX_POINTS` of them (above that,
  the ends only), over at most :data:`MAX_RANGES` ranges (others are held at
  their low end, and the result says so);
- then, along each range with the others where the worst case has them, the
  points where the verdict changes, by bisection between neighbouring grid
  points (rules are monotone there by their declaration), at most
  :data:`BISECTION_STEPS` halvings per change; only when a report asks for
  them (a matrix evaluates many rescuers per row and shows one).

``verdict`` is the worst verdict over the grid (today's semantics: what
holds whatever the value), ``best`` the best one; where they differ the
splits say where. A rescue that reads no range is evaluated once, as before.
Rules reading the same number are taken to move the same way between
turning points (the declaration is per rule, not per pair of rules).
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from interop.model.base import Document
from interop.model.finding import Verdict
from interop.model.values import is_span

MAX_RANGES = 6
"""Ranges of one rescue varied together; further ones are held at their low end (said in the result)."""
MAX_POINTS = 64
"""Grid points evaluated for one rescue before bisection; above it, only the ends of each range."""
SAMPLES = 8
"""Interior points of a range evaluated for a rule declared neither monotone nor piecewise."""
BISECTION_STEPS = 20
"""Halvings to find one split point: to a millionth of the range, below any published precision."""

ASSUME_CHOICES = ("worst", "best")

# field unit -> how reports name it
UNIT_NAMES = {
    "mm": "mm",
    "m": "m",
    "kpa": "kPa",
    "mps": "m/s",
    "days": "days",
    "hours": "hours",
    "kg": "kg",
    "fraction": "fraction",
    "v": "V",
    "w": "W",
    "deg": "degrees",
}


@dataclass(frozen=True)
class RangeInput:
    """One range a rescue reads: where it is, and its ends."""

    document: Document
    path: tuple
    """The keys down to it, as the model holds them (dict keys are Regimes)."""
    low: float
    high: float
    count: bool
    unit: str | None
    """The field's unit name (``days``); None for a count."""
    written: str | None = None
    """The text the spec wrote (``"9..14.7 psi"``); None for the mapping form."""

    @property
    def field(self) -> str:
        return ".".join(key_of(p) for p in self.path)

    @property
    def key(self) -> tuple:
        return (self.document.KIND, self.document.id, tuple(key_of(p) for p in self.path))

    @property
    def unit_name(self) -> str | None:
        return UNIT_NAMES.get(self.unit, self.unit) if self.unit else None


def key_of(part: object) -> str:
    """A path step as anchors name it: a Regime key by its value."""
    return part.value if isinstance(part, enum.Enum) else str(part)


def spans_of(document: Document) -> list[tuple[tuple, Any]]:
    """Every range in a document, with the path to it."""
    found: list[tuple[tuple, Any]] = []
    _walk(document, (), found)
    return found


def _walk(node: object, path: tuple, found: list) -> None:
    if is_span(node):
        found.append((path, node))
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is not None and not isinstance(value, (str, bool, enum.Enum)):
                _walk(value, (*path, name), found)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, (*path, index), found)
    elif isinstance(node, dict):
        for key, item in node.items():
            _walk(item, (*path, key), found)


def as_input(document: Document, path: tuple, span: Any) -> RangeInput:
    count = isinstance(span, int)
    return RangeInput(document, path, span.low, span.high, count, span.unit, span.original)


def replace_at(node: Any, path: Sequence, value: Any) -> Any:
    """A copy of ``node`` with the value at ``path`` replaced; only the parts along the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, BaseModel):
        return node.model_copy(update={head: replace_at(getattr(node, head), rest, value)})
    if isinstance(node, list):
        copy = list(node)
        copy[head] = replace_at(node[head], rest, value)
        return copy
    if isinstance(node, dict):
        copied = dict(node)
        copied[head] = replace_at(node[head], rest, value)
        return copied
    raise TypeError(f"no part {head!r} in a {type(node).__name__}")


def fixed_documents(ranges: Sequence[RangeInput], values: Sequence[float]) -> dict[tuple[str, str], Document]:
    """(kind, id) -> a copy of each document with its ranges fixed at ``values``."""
    fixed: dict[tuple[str, str], Document] = {}
    for item, value in zip(ranges, values, strict=True):
        key = (item.document.KIND, item.document.id)
        plain = int(value) if item.count else float(value)
        fixed[key] = replace_at(fixed.get(key, item.document), item.path, plain)
    return fixed


# ------------------------------------------------------------------ analysis


@dataclass(frozen=True)
class Change:
    """Where the verdict changes along one range: ``below`` under ``at``, ``above`` from it."""

    range: RangeInput
    at: float
    below: Verdict
    above: Verdict


@dataclass
class Analysis:
    verdict: Verdict
    best: Verdict
    payload: Any
    """What evaluating the worst point returned (its stages)."""
    held: list[RangeInput]
    """Ranges beyond MAX_RANGES, held at their low end."""
    bounded: str = ""
    """Which bound of the search was reached, if one was; empty otherwise."""
    find_changes: Callable[[], list[Change]] = lambda: []
    """The changes of verdict along each range, found (by bisection) when called."""


Evaluate = Callable[[tuple], tuple[Verdict, Any]]


def analyse(
    ranges: Sequence[RangeInput],
    evaluate: Evaluate,
    turning_points: Callable[[tuple], Iterable[tuple[tuple, float]]],
    *,
    sampled: bool = False,
    assume: str | None = None,
) -> Analysis:
    """The verdict of a rescue over its ranges.

    ``evaluate(values)`` runs the rescue with range i fixed at values[i];
    ``turning_points(values)`` names, at those values, where piecewise rules
    turn (``(range key, value)``); ``sampled``: some rule is neither monotone
    nor piecewise. ``assume`` "worst" or "best" fixes every range at the end
    that gives the worst (best) verdict, and reports that one verdict.
    """
    varied, held = list(ranges[:MAX_RANGES]), list(ranges[MAX_RANGES:])
    bounded = f"{len(held)} range(s) beyond the first {MAX_RANGES} held at their low end" if held else ""
    lows = tuple(r.low for r in held)
    memo: dict[tuple, tuple[Verdict, Any]] = {}

    def run(values: tuple) -> Verdict:
        if values not in memo:
            memo[values] = evaluate(values + lows)
        return memo[values][0]

    ends = [(r.low, r.high) for r in varied]
    if assume is not None:
        corners = list(itertools.product(*ends))
        verdicts = [run(c) for c in corners]
        pick = max if assume == "worst" else min
        chosen = pick(range(len(corners)), key=lambda i: (verdicts[i].rank, -i if assume == "worst" else i))
        verdict, payload = memo[corners[chosen]]
        return Analysis(verdict, verdict, payload, held, bounded)

    candidates = [_candidates(r, ends, lows, turning_points, sampled) for r in varied]
    if math.prod(len(c) for c in candidates) > MAX_POINTS:
        candidates = [list(e) for e in ends]
        bounded = "; ".join(filter(None, [bounded, f"more than {MAX_POINTS} points: ends only"]))
    grid = list(itertools.product(*candidates))
    for point in grid:
        run(point)
    worst = max(grid, key=lambda p: memo[p][0].rank)  # the first worst, in grid order
    verdicts = [memo[p][0] for p in grid]
    # Between neighbouring grid points every rule is monotone (by its declaration), so
    # the worst and the best over a range are at grid points; bisection only says where.
    verdict, best = memo[worst][0], min(verdicts, key=lambda v: v.rank)

    def find_changes() -> list[Change]:
        changes: list[Change] = []
        for index, item in enumerate(varied):
            line = [(*worst[:index], value, *worst[index + 1 :]) for value in candidates[index]]
            for a, b in itertools.pairwise(line):
                for low, high, below, above in _bisect(item, index, a, b, run):
                    changes.append(Change(item, _nice_split(item, index, low, high, above, run), below, above))
        return changes

    return Analysis(verdict, best, memo[worst][1], held, bounded, find_changes if best is not verdict else lambda: [])


def _candidates(item: RangeInput, ends, lows: tuple, turning_points, sampled: bool) -> list[float]:
    """The ends of one range, and the points inside where a rule may turn."""
    points = {item.low, item.high}
    for corner in (tuple(e[0] for e in ends), tuple(e[1] for e in ends)):
        for key, value in turning_points(corner + lows):
            if key == item.key and item.low < value < item.high:
                points.update((math.floor(value), math.ceil(value)) if item.count else (value,))
    if sampled:
        step = (item.high - item.low) / (SAMPLES + 1)
        inside = (item.low + step * k for k in range(1, SAMPLES + 1))
        points.update(round(v) for v in inside) if item.count else points.update(inside)
    return sorted(p for p in points if item.low <= p <= item.high)


def _with(point: tuple, index: int, value: float) -> tuple:
    return (*point[:index], value, *point[index + 1 :])


def _bisect(item: RangeInput, index: int, a: tuple, b: tuple, run) -> list[tuple[tuple, tuple, Verdict, Verdict]]:
    """Each change of verdict between points ``a`` and ``b`` (which differ in range ``index`` only)."""
    found = []
    pending = [(a, b, BISECTION_STEPS)]
    while pending:
        low, high, steps = pending.pop()
        below, above = run(low), run(high)
        if below is above:
            continue  # monotone between neighbouring points: no change inside
        x, y = low[index], high[index]
        if steps == 0 or (item.count and y - x <= 1):
            found.append((low, high, below, above))
            continue
        middle = _with(low, index, (x + y) // 2 if item.count else (x + y) / 2)
        # the upper half first onto the stack, so changes come out in order
        pending += [(middle, high, steps - 1), (low, middle, steps - 1)]
    return found


def _nice_split(item: RangeInput, index: int, low: tuple, high: tuple, above: Verdict, run) -> float:
    """The shortest number in (low, high] at which the verdict is already ``above``."""
    x, y = low[index], high[index]
    if item.count:
        return y
    for digits in range(13):
        scale = 10**digits
        candidate = math.floor(y * scale) / scale
        if x < candidate <= y:
            if run(_with(low, index, candidate)) is above:
                return candidate
            x = candidate
    return y


def rounded(value: float) -> float:
    """A split point to 6 significant digits: a verdict that changes just past a value it may
    reach (a closed limit, 111.3 kPa) splits at that value, not at 111.300001."""
    return float(f"{value:.6g}")


def shown(value: float) -> str:
    """A split point or an end as people read it: 12, 95.5, 0.3."""
    return f"{value:.6g}"
