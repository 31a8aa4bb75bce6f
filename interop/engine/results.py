"""Plain result objects: what reporters read. No verdict is computed here."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from interop.model.finding import FAIL_LEVELS, Condition, Finding, Severity, Verdict


class SystemVerdict(str, enum.Enum):
    MUTUAL = "mutual"
    ONE_WAY = "one-way"
    NONE = "none"
    UNDETERMINED = "undetermined"


class Coverage(str, enum.Enum):
    """Whether one system can rescue every crew of another."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass
class Wanted:
    """A value nobody published that a verdict waits for, and who would publish it."""

    name: str
    """As findings name it (``Finding.missing``)."""
    kind: str = ""
    """The kind of document the value belongs in; empty when it is no one document's."""
    document: str = ""
    publishers: list[str] = field(default_factory=list)
    """The document's stated publisher, else who is inferred to be (interop.engine.publishers); empty when none."""
    conditions: list[Condition] = field(default_factory=list)
    """What the value must be (with the other values of each record) for the rules waiting on it to pass."""
    inferred: bool = False
    """Whether :attr:`publishers` is inferred rather than stated by the document."""

    @property
    def condition(self) -> str:
        """The conditions in words, one sentence per rule that waits on the value."""
        return "; ".join(dict.fromkeys(c.text for c in self.conditions))


@dataclass
class StageResult:
    stage: str
    verdict: Verdict
    findings: list[Finding]

    def facts(self) -> list[tuple[Verdict, bool, list[str]]]:
        """(verdict, counts, conditions) of each finding, in order: what ranks a rescue.

        The engine's stages answer without stamping their findings (interop.engine.rescue.PendingStage).
        """
        return [(f.verdict, f.counts, f.conditions) for f in self.findings]

    def counted(self, verdicts: frozenset[Verdict]) -> list[Finding]:
        """The findings that count and have one of ``verdicts``, in order (the engine's stages stamp only
        those, interop.engine.rescue.PendingStage)."""
        return [f for f in self.findings if f.counts and f.verdict in verdicts]


class JoinedStage(StageResult):
    """One stage made of the same stage of several results (a path's legs, a crew's shares).

    Its findings are the parts' findings in order, read (and so stamped) only
    when first asked for: a path that loses its row is ranked from the
    parts' facts alone (docs/performance.md, round 8).
    """

    def __init__(
        self,
        stage: str,
        verdict: Verdict | None = None,
        findings: list[Finding] | None = None,
        *,
        parts: list[StageResult] | None = None,
    ):
        # Built as a StageResult is (dataclasses.replace, reporters), or from its parts.
        self.stage, self._parts, self._findings = stage, parts or [], findings
        if verdict is None:
            verdict = Verdict.worst([v for part in self._parts for v, counts, _c in part.facts() if counts])
        self.verdict = verdict

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = [f for part in self._parts for f in part.findings]
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings = value

    def facts(self) -> list[tuple[Verdict, bool, list[str]]]:
        if self._findings is not None:
            return [(f.verdict, f.counts, f.conditions) for f in self._findings]
        return [fact for part in self._parts for fact in part.facts()]

    def __getstate__(self) -> dict:
        """Pickled stamped: results travel back from worker processes without the evaluator."""
        return {"stage": self.stage, "verdict": self.verdict, "_findings": self.findings, "_parts": []}


def joined_stages(results: list, order: list[str]) -> list[StageResult]:
    """Each stage of ``order``, joined over ``results`` (:class:`JoinedStage`)."""
    by_name: dict[str, list[StageResult]] = {name: [] for name in order}
    for result in results:
        for stage in result.stages:
            parts = by_name.get(stage.stage)
            if parts is not None:
                parts.append(stage)
    return [JoinedStage(name, parts=by_name[name]) for name in order]


@dataclass
class PathStep:
    """One joint on the mating path, for reports and diagrams."""

    near: str
    far: str
    interface_near: str
    interface_far: str
    permanent: bool
    note: str
    # The ids behind the labels, so nothing splits a label to recover them.
    near_vehicle: str = ""
    near_port: str = ""
    far_vehicle: str = ""
    far_port: str = ""


@dataclass(frozen=True)
class RangeUsed:
    """A range a rescue read (``"5..30 days"``), in the field's unit."""

    document: str
    field: str
    low: float
    high: float
    unit: str | None
    """How reports name the unit (``days``, ``kPa``); None for a count."""
    written: str | None = None
    """The text the spec wrote (``"9..14.7 psi"``), when it wrote one."""


@dataclass(frozen=True)
class Split:
    """Where a verdict over a range changes: ``below`` under ``at``, ``above`` from ``at`` on."""

    document: str
    field: str
    at: float
    unit: str | None
    below: Verdict
    above: Verdict


@dataclass
class Leg:
    """One move of the crew: aboard ``carrier`` from one vehicle and place to the next, in days from the call.

    Times are the worst case (the late end of any range); the ``_best`` ones the early end.
    None when a figure they need is not known.
    """

    carrier: str
    from_vehicle: str
    to_vehicle: str
    from_place: str
    to_place: str
    depart_days: float | None
    arrive_days: float | None
    launch_days: float | None = None
    """When the carrier left to fetch the crew (0: already there)."""
    depart_days_best: float | None = None
    arrive_days_best: float | None = None


@dataclass
class TimeFigure:
    """One figure of a rescue's timeline, for reports: what it is, its days, where it comes from."""

    name: str
    """readiness, transit, supplies, onward or endurance (of the leg numbered ``leg``, from 1)."""
    low: float | None
    high: float | None
    source: str
    note: str
    missing: str = ""
    """The spec value that would hold it, when it is not known."""
    leg: int = 1


@dataclass
class Timing:
    """A rescue's time against the crew's supplies: the figures, the events and the margin."""

    reserve_days: float
    figures: list[TimeFigure]
    events: list[tuple[str, float | None, float | None]]
    """(what, earliest day, latest day) from the call: launch, arrival, supplies out, home..."""
    margin_days: float | None
    """The worst case: the smallest of the crew's supplies left at each arrival of a carrier, less the
    reserve (the crew's own move into a shelter where it is has no carrier arriving: it does not count)."""
    margin_days_best: float | None
    ranged: bool = False
    """True when a range is involved, so that the best case differs from the worst."""
    return_margin_days: float | None = None
    """The worst case of the carriers' endurance left when the crew gets off (home), less the reserve."""
    margin_leg: int | None = None
    """The leg (from 1) whose wait gives the margin: the crew's supplies there are the limiting figure."""
    margin_limit: str = ""
    """That leg's supplies, in words (``destiny's endurance for the crew aboard``)."""


@dataclass
class RescueResult:
    """One rescuer, one distressed crew, one place: stage by stage."""

    rescuer: str
    distressed: str
    place: str
    crew: int
    verdict: Verdict
    stages: list[StageResult]
    mating_mode: str
    path: list[PathStep] = field(default_factory=list)
    adapters: list[str] = field(default_factory=list)
    scenario: str | None = None
    expected: str | None = None
    wanted: list[Wanted] = field(default_factory=list)
    """Each of :attr:`missing` with the document it belongs in (filled where the catalog is known)."""
    legs: list[Leg] = field(default_factory=list)
    """The path the crew takes home: one leg for a direct rescue."""
    timing: Timing | None = None
    rescues: list[RescueResult] = field(default_factory=list)
    """When the crew is split among carriers: each share's rescue (its ``crew``, legs and margin)."""
    steps: list[RescueResult] = field(default_factory=list)
    """For a path of several legs: each leg's own rescue, in order (this result is their sum)."""
    search_bound: str = ""
    """Set when the path search stopped at its bound: what was counted."""
    leg_times: list = field(default_factory=list, init=False, repr=False, compare=False)
    """The engine's timelines of the legs (interop.rules.timing.LegTime), for the path search; not for reports."""

    best: Verdict | None = None
    """The best verdict over the ranges it reads; ``verdict`` is the worst (None: the same, set on creation)."""
    split_search: Callable[[], list[Split]] | None = field(default=None, repr=False, compare=False)
    """Finds :attr:`splits` when first asked: a matrix keeps one rescuer per row, so the
    bisection runs only for the rescues a report shows (interop.engine.ranges)."""
    ranges: list[RangeUsed] = field(default_factory=list)
    """The ranges it read."""
    assumed: str | None = None
    """"worst" or "best" when every range was fixed at that end (``--assume``), else None."""
    range_bound: str = ""
    """Which bound of the search over ranges was reached, if one was (interop.engine.ranges)."""

    @property
    def margin_days(self) -> float | None:
        return self.timing.margin_days if self.timing else None

    @property
    def margin_days_best(self) -> float | None:
        return self.timing.margin_days_best if self.timing else None

    def __post_init__(self) -> None:
        if self.best is None:
            self.best = self.verdict
        self._splits: list[Split] | None = None

    def __getstate__(self) -> dict:
        """Pickled (results travel back from worker processes) with its splits found, not the search."""
        state = dict(self.__dict__)
        state["_splits"], state["split_search"] = self.splits, None
        return state

    @property
    def splits(self) -> list[Split]:
        """Where the verdict changes inside a range, one entry per change; empty when ``best`` is ``verdict``."""
        if self._splits is None:
            self._splits = self.split_search() if self.split_search is not None else []
            self.split_search = None  # what it held (the contexts evaluated) is no longer needed
        return self._splits

    @property
    def best_case(self) -> Verdict:
        """``best``, typed as set."""
        return self.best if self.best is not None else self.verdict

    @property
    def findings(self) -> list[Finding]:
        return [f for stage in self.stages for f in stage.findings]

    def deciding(self) -> list[Finding]:
        """The findings that set the verdict (the worst ones that count)."""
        return [f for f in self.findings if f.verdict is self.verdict and f.counts]

    def tally(self) -> tuple[int, int, int]:
        """(FAIL findings that count, UNKNOWN ones that count, distinct conditions), as :attr:`findings` and
        :attr:`conditions` give them, without stamping findings nobody reads (a rescue that loses its row)."""
        failures = unknowns = 0
        conditions: dict[str, None] = {}
        for stage in self.stages:
            for verdict, counts, said in stage.facts():
                if counts:
                    if verdict is Verdict.FAIL:
                        failures += 1
                    elif verdict is Verdict.UNKNOWN:
                        unknowns += 1
                conditions.update(dict.fromkeys(said))
        return failures, unknowns, len(conditions)

    @property
    def conditions(self) -> list[str]:
        seen: list[str] = []
        for finding in self.findings:
            for condition in finding.conditions:
                if condition not in seen:
                    seen.append(condition)
        return seen

    @property
    def missing(self) -> list[str]:
        seen: list[str] = []
        for finding in self.findings:
            for item in finding.missing:
                if item not in seen:
                    seen.append(item)
        return seen

    @property
    def progress(self) -> int:
        """How many stages, in order, pass before the first FAIL or UNKNOWN one."""
        for index, stage in enumerate(self.stages):
            if stage.verdict in (Verdict.FAIL, Verdict.UNKNOWN):
                return index
        return len(self.stages)

    def stage(self, name: str) -> StageResult | None:
        return next((s for s in self.stages if s.stage == name), None)


@dataclass
class Row:
    """A crew of the distressed system at one place, and its best rescuer."""

    distressed: str
    place: str
    crew: int | None
    verdict: Verdict
    best: RescueResult | None
    candidates: int
    note: str = ""
    wanted: list[Wanted] = field(default_factory=list)
    """What the row waits for when it has no rescue to explain it (the note's missing value)."""

    @property
    def best_case(self) -> Verdict:
        """The best verdict over the ranges its rescue reads (``verdict`` is the worst)."""
        return self.best.best_case if self.best is not None else self.verdict

    def __getstate__(self) -> dict:
        """Pickled (results travel back from worker processes) with its splits found, not the search."""
        state = dict(self.__dict__)
        state["_splits"], state["split_search"] = self.splits, None
        return state

    @property
    def splits(self) -> list[Split]:
        return list(self.best.splits) if self.best is not None else []


@dataclass
class DirectionResult:
    rescuer_system: str
    distressed_system: str
    coverage: Coverage
    rows: list[Row]

    @property
    def rows_covered(self) -> int:
        """Rows whose best rescue passes or is conditional."""
        return sum(1 for r in self.rows if r.verdict in (Verdict.PASS, Verdict.CONDITIONAL))

    def deciding_rows(self) -> list[Row]:
        if self.coverage is Coverage.NO:
            return [r for r in self.rows if r.verdict is Verdict.FAIL]
        if self.coverage is Coverage.UNKNOWN:
            return [r for r in self.rows if r.verdict is Verdict.UNKNOWN]
        return list(self.rows)


@dataclass
class SystemResult:
    system_a: str
    system_b: str
    verdict: SystemVerdict
    directions: list[DirectionResult]
    strict: bool = False


@dataclass
class ScenarioResult:
    scenario: str
    name: str
    results: list[RescueResult]

    @property
    def verdict(self) -> Verdict:
        """The best responder's verdict: one good rescuer is enough."""
        return min((r.verdict for r in self.results), key=lambda v: v.rank, default=Verdict.UNKNOWN)

    @property
    def mismatches(self) -> list[RescueResult]:
        return [r for r in self.results if r.expected and r.expected != r.verdict.value]


@dataclass
class MatrixResult:
    systems: list[str]
    cells: dict[tuple[str, str], DirectionResult]
    pairs: dict[tuple[str, str], SystemResult]
    other_eras: list[tuple[str, str]] = field(default_factory=list)
    """Pairs not compared because their systems' eras do not overlap (``all_eras`` compares them)."""
    categories: dict[tuple[str, str], Any] = field(default_factory=dict)
    """Per cell, its :class:`interop.engine.categories.CellCategory` (when categorised)."""
    row_categories: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    """Per cell, each row's :class:`interop.engine.categories.RowCategory`, in the order of its rows."""


def relevant_findings(result) -> list[tuple[str, Finding]]:
    """(group, finding) pairs that a report about ``result`` should show.

    For systems and matrices only each row's best rescuer matters: the other
    candidates' failures decide nothing. The group names the pair or row.
    """
    if isinstance(result, RescueResult):
        return [(f"{result.rescuer} -> {result.distressed} @ {result.place}", f) for f in result.findings]
    if isinstance(result, ScenarioResult):
        return [pair for r in result.results for pair in relevant_findings(r)]
    if isinstance(result, SystemResult):
        return [pair for d in result.directions for pair in _direction_findings(d)]
    if isinstance(result, MatrixResult):
        return [pair for cell in result.cells.values() for pair in _direction_findings(cell)]
    if isinstance(result, list):  # validation findings
        return [(f.position.path if f.position else "", f) for f in result]
    raise TypeError(f"no findings in a {type(result).__name__}")


def _direction_findings(direction: DirectionResult) -> list[tuple[str, Finding]]:
    return [pair for row in direction.rows if row.best for pair in relevant_findings(row.best)]


def fail_level_reached(result, fail_on: str = "error") -> bool:
    """The exit-code rule, in one place.

    - error: a counted FAIL finding of severity error;
    - warning: a counted FAIL finding of severity error or warning;
    - unknown: as warning, and also any counted UNKNOWN finding.
    Counted means not advisory (info) and not waived. A row with no rescuer
    at all (no crew vehicle in the other system) fails at every level.
    """
    if fail_on not in FAIL_LEVELS:
        raise ValueError(f"fail level must be one of {', '.join(FAIL_LEVELS)}")
    directions = []
    if isinstance(result, SystemResult):
        directions = result.directions
    elif isinstance(result, MatrixResult):
        directions = list(result.cells.values())
    if any(row.best is None and row.verdict is Verdict.FAIL for d in directions for row in d.rows):
        return True
    if isinstance(result, ScenarioResult) and result.mismatches:
        return True
    severities = {
        "error": {Severity.ERROR},
        "warning": {Severity.ERROR, Severity.WARNING},
        "unknown": {Severity.ERROR, Severity.WARNING},
    }[fail_on]
    if isinstance(result, ScenarioResult):
        # One responder that can do it is enough: judge the best one.
        if not result.results:
            return True
        result = min(result.results, key=lambda r: r.verdict.rank)
    for _group, finding in relevant_findings(result):
        if not finding.counts:
            continue
        if finding.verdict is Verdict.FAIL and finding.severity in severities:
            return True
        if fail_on == "unknown" and finding.verdict is Verdict.UNKNOWN:
            return True
    return False
