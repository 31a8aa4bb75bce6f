"""What a rule is, and the registry that finds rules by their decorator.

Rules live one to a module, ``interop/rules/<family>/<CODE>.py``; importing
the package ``interop.rules`` imports every one of them (its ``__init__``),
and each registers itself here. This module imports no rule.

A rule is a pure function over a typed context: it reads the context and
yields Outcomes. It never prints, never reads files, never chooses its own
severity or position format: the engine stamps code, severity and
file:line:column onto each outcome when it turns it into a Finding.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from interop.model.anchors import Anchor as Anchor
from interop.model.anchors import condition as condition
from interop.model.anchors import field_of as field_of
from interop.model.anchors import figure as figure
from interop.model.finding import Condition, Severity, Verdict


class Domain(str, enum.Enum):
    REACH = "reach"
    RENDEZVOUS = "rendezvous"
    COMMS = "comms"
    DOCKING = "docking"
    TRANSFER = "transfer"
    ATMOSPHERE = "atmosphere"
    CREW = "crew"
    CONSUMABLES = "consumables"
    RETURN = "return"
    POWER = "power"
    TIME = "time"


class Stage(str, enum.Enum):
    """The stages of a rescue, in the order they happen."""

    REACH = "reach"
    APPROACH = "approach"
    MATE = "mate"
    TRANSFER = "transfer"
    CARRY = "carry"
    RETURN = "return"


STAGE_ORDER = list(Stage)
STAGE_NAMES = [stage.value for stage in STAGE_ORDER]
"""The stages in order, by name (as :class:`interop.engine.results.StageResult` names them)."""

CODE_PATTERN = re.compile(r"^(REACH|RDV|COMM|DOCK|XFER|ATM|CREW|CONS|RET|PWR|TIME)\d{3}$")


def first_missing(candidates, fallback: Anchor) -> Anchor:
    """Anchor an UNKNOWN at the first document whose value is missing.

    ``candidates`` are (is_missing, anchor) pairs in order of preference.
    """
    for is_missing, anchor in candidates:
        if is_missing:
            return anchor
    return fallback


@dataclass
class Outcome:
    """What a rule concludes about one subject. The engine makes it a Finding."""

    verdict: Verdict
    message: str
    anchor: Anchor | None = None
    evidence: list[Anchor] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    remedy: str = ""
    wanted: dict[str, tuple[str, str, tuple]] = field(default_factory=dict)
    """Name of a missing value -> (kind, id, path) of the spec value it would be, where an anchor says so."""
    requirements: list[Condition] = field(default_factory=list)
    """For an UNKNOWN: what the missing values must be for the rule to pass."""


def passed(message: str, anchor: Anchor | None = None, evidence=()) -> Outcome:
    return Outcome(Verdict.PASS, message, anchor, list(evidence))


def conditional(message: str, conditions, anchor: Anchor | None = None, evidence=()) -> Outcome:
    return Outcome(Verdict.CONDITIONAL, message, anchor, list(evidence), conditions=list(conditions))


def failed(message: str, remedy: str, anchor: Anchor | None = None, evidence=()) -> Outcome:
    if not remedy:
        raise ValueError("every FAIL carries a remedy")
    return Outcome(Verdict.FAIL, message, anchor, list(evidence), remedy=remedy)


def unknown(
    message: str,
    missing: Iterable[Anchor],
    anchor: Anchor | None = None,
    evidence=(),
    *,
    described: Iterable[str] = (),
    requires: Iterable[Condition] = (),
) -> Outcome:
    """An UNKNOWN waiting for ``missing``: the anchors of the values nobody published.

    Each is named by ``Anchor.describe``. ``described`` takes names already
    made that way upstream (the mating plan's ``missing``). ``requires``: what
    those values must be for the rule to pass (see :func:`condition`).

    The names (``missing``) and where each value would be (``wanted``) are
    made when first read (:class:`_LateOutcome`): rules say UNKNOWN for many
    rescues a matrix or a plan tries, and only the findings a report or a
    plan reads are stamped.
    """
    anchors = tuple(missing)
    described = tuple(described)
    if not anchors and not described:
        raise ValueError("every UNKNOWN names what is missing")
    late = object.__new__(_LateOutcome)
    late.__dict__.update(
        verdict=Verdict.UNKNOWN,
        message=message,
        anchor=anchor,
        evidence=list(evidence),
        conditions=[],
        remedy="",
        requirements=list(requires),
        _given=(anchors, described),
    )
    return late


class _LateOutcome(Outcome):
    """An UNKNOWN :class:`Outcome` whose ``missing`` and ``wanted`` are made when first read.

    It reads and compares as the record it stands for; it is pickled (and
    copied) as a plain :class:`Outcome`, and ``dataclasses.replace`` of it
    gives a plain one too.
    """

    def __new__(cls, *args, **kwargs):
        return Outcome(*args, **kwargs)  # dataclasses.replace: the plain record with the changes

    def _names(self) -> None:
        state = self.__dict__
        anchors, described = state.pop("_given")
        said = [a.describe() for a in anchors]
        state["_missing"] = list(dict.fromkeys([*said, *described]))
        state["_wanted"] = {
            name: (a.document.KIND, a.document.id, tuple(a.path)) for name, a in zip(said, anchors, strict=True)
        }

    def _plain(self) -> Outcome:
        return Outcome(*(getattr(self, f.name) for f in dataclasses.fields(Outcome)))

    def __eq__(self, other) -> bool:
        if isinstance(other, _LateOutcome):
            other = other._plain()
        return self._plain() == other if isinstance(other, Outcome) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._plain())

    def __reduce_ex__(self, protocol):
        return Outcome, tuple(getattr(self, f.name) for f in dataclasses.fields(Outcome))


def _named(slot: str) -> property:
    """A field of :class:`_LateOutcome` made with the names on first read (or first written over)."""

    def read(self):
        if "_given" in self.__dict__:
            self._names()
        return self.__dict__[slot]

    def write(self, value) -> None:
        if "_given" in self.__dict__:
            self._names()
        self.__dict__[slot] = value

    return property(read, write)


_LateOutcome.missing = _named("_missing")  # type: ignore[assignment]
_LateOutcome.wanted = _named("_wanted")  # type: ignore[assignment]


@dataclass(frozen=True)
class Piecewise:
    """A rule monotone only between turning points (a tolerance window, an overlap).

    ``turns(ctx)`` yields ``(anchor, value)``: for the number at ``anchor``,
    a value where the rule's verdict may turn around. Between two turning
    points (and a range's ends) the rule is monotone in that number, so the
    engine evaluates it at the turning points inside a range as well as at the
    ends (interop.engine.ranges).
    """

    turns: Callable[[Any], Iterable[tuple[Anchor, float]]]


Monotony = bool | Piecewise
"""How a rule's verdict moves with the numbers it reads, for ranges (``monotone=`` of :func:`rule`):

- True: monotone in every number (more endurance never hurts, more crew never helps);
  the verdict over a range is decided at its ends;
- a :class:`Piecewise`: monotone between the turning points it names;
- False: neither; the engine samples the range (``interop.engine.ranges.SAMPLES``).
"""


@dataclass(frozen=True)
class Rule:
    """A registered check with its documentation."""

    code: str
    title: str
    domain: Domain
    stage: Stage
    severity: Severity
    rationale: str
    reference: str
    pass_example: str
    fail_example: str
    options: dict[str, Any]
    """Each option's default; the engine hands the check these overlaid with the project's."""
    check: Callable[..., Iterator[Outcome]]
    monotone: Monotony = True
    """How its verdict moves with the numbers it reads: see :data:`Monotony`."""

    @property
    def name(self) -> str:
        return self.check.__name__.replace("_", "-")


_REGISTRY: dict[str, Rule] = {}


class RuleDefinitionError(Exception):
    pass


def rule(
    code: str,
    *,
    title: str,
    domain: Domain,
    stage: Stage,
    reference: str = "",
    pass_example: str,
    fail_example: str,
    severity: Severity = Severity.ERROR,
    options: dict[str, Any] | None = None,
    monotone: Monotony = True,
):
    """Register ``check`` as rule ``code``; its docstring is the rationale.

    ``monotone`` declares how its verdict moves with the numbers it reads
    (:data:`Monotony`); the engine reads it to evaluate ranges.
    """

    def register(check):
        if not CODE_PATTERN.match(code):
            raise RuleDefinitionError(f"rule code {code!r} does not match {CODE_PATTERN.pattern}")
        if code in _REGISTRY:
            raise RuleDefinitionError(f"rule code {code} registered twice")
        if not isinstance(monotone, (bool, Piecewise)):
            raise RuleDefinitionError(f"rule {code}: monotone is True, False or a Piecewise")
        rationale = (check.__doc__ or "").strip()
        if not rationale:
            raise RuleDefinitionError(f"rule {code} has no docstring (its rationale)")
        _REGISTRY[code] = Rule(
            code=code,
            title=title,
            domain=domain,
            stage=stage,
            severity=severity,
            rationale=_dedent(rationale),
            reference=reference,
            pass_example=pass_example,
            fail_example=fail_example,
            options=dict(options or {}),
            check=check,
            monotone=monotone,
        )
        return check

    return register


def _dedent(text: str) -> str:
    import textwrap

    first, _, rest = text.partition("\n")
    return (first + "\n" + textwrap.dedent(rest)).strip()


def registry() -> dict[str, Rule]:
    """Every rule, by code (complete once ``interop.rules`` is imported, as importing this module does)."""
    return dict(sorted(_REGISTRY.items()))
