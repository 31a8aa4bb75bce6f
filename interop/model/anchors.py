"""A value in a spec document, and what a missing value must be: anchors and conditions.

Pure records over the model, shared by the rules (interop.rules.base
re-exports them) and by the one mate decision (interop.model.mating), which
the loader's catalog checks use too: the load layer cannot import the rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from interop.model.base import Document
from interop.model.finding import Condition, ConditionField, ConditionOp


@dataclass(frozen=True)
class Anchor:
    """A value in a spec document: the document and the path inside it."""

    document: Document
    path: tuple = ()

    def __hash__(self) -> int:
        return hash((self.document.KIND, self.document.id, self.path))

    def __eq__(self, other) -> bool:
        return isinstance(other, Anchor) and (self.document.KIND, self.document.id, self.path) == (
            other.document.KIND,
            other.document.id,
            other.path,
        )

    def describe(self) -> str:
        """``<document id>.<dotted path>``: how a missing field is named in a report."""
        dotted = ".".join(str(p) for p in self.path)
        return f"{self.document.id}.{dotted}" if dotted else self.document.id


def field_of(anchor: Anchor) -> ConditionField:
    """The value at ``anchor`` as a condition names it."""
    return ConditionField(anchor.document.KIND, anchor.document.id, anchor.describe())


def condition(
    fields: Iterable[Anchor | ConditionField],
    op: str | ConditionOp,
    value=None,
    unit: str | None = None,
    *,
    clause: str = "",
    alternatives: Iterable[str] = (),
) -> Condition:
    """What ``fields`` must be for the rule to pass: ``op`` ``value`` (in ``unit``), or one of ``alternatives``.

    ``clause`` words the main condition when the default wording (from ``op``)
    says less than the rule knows ("within 10 kPa of orion's 101 kPa"); the
    text is the clause followed by ", or <alternative>" for each alternative.
    A list value is kept as a tuple (the record is frozen).

    The record is worked out when first read (:class:`_LateCondition`): rules
    state conditions for every UNKNOWN of every rescue a matrix tries, and
    only the findings a report shows are read (docs/performance.md, round 9).
    """
    given = tuple(fields)
    if not given:
        raise ValueError("a condition names the values it is about")
    if not isinstance(op, ConditionOp):
        found = _OPS.get(op) if isinstance(op, str) else None
        op = found if found is not None else ConditionOp(op)
    if isinstance(value, (list, set, frozenset)):
        value = tuple(value)
    late = object.__new__(_LateCondition)
    late.__dict__["_given"] = (given, op, value, unit, clause, tuple(alternatives))
    return late


_OPS = {op.value: op for op in ConditionOp}
"""Each :class:`ConditionOp` by its name: rules name them by text, and calling the enum costs more."""


def _made(given, op: ConditionOp, value, unit: str | None, clause: str, others: tuple[str, ...]) -> Condition:
    named = tuple(f if isinstance(f, ConditionField) else field_of(f) for f in given)
    main = clause or _clause([f.name for f in named], op, value, unit)
    text = main + "".join(f", or {a}" for a in others)
    return Condition(text, named, op, value, unit, others)


class _LateCondition(Condition):
    """A :class:`Condition` whose fields and text are made when first read.

    It reads, compares, hashes and prints as the record it stands for; it is
    pickled (and copied) as that plain record, and ``dataclasses.replace``
    of it gives a plain record too.
    """

    def __new__(cls, *args, **kwargs):
        return Condition(*args, **kwargs)  # dataclasses.replace: the plain record with the changes

    def _record(self) -> Condition:
        state = self.__dict__
        made = state.get("_made")
        if made is None:
            of = state.pop("_of", None)
            if of is None:
                made = _made(*state.pop("_given"))
            else:  # the record of another condition, stamped with a rule (:func:`ruled`)
                base, code = of
                made = _ruled(base, code)
            state["_made"] = made
        return made

    def __eq__(self, other) -> bool:
        if isinstance(other, _LateCondition):
            other = other._record()
        return self._record() == other if isinstance(other, Condition) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._record())

    def __repr__(self) -> str:
        return repr(self._record())

    def __reduce_ex__(self, protocol):
        made = self._record()
        return Condition, tuple(getattr(made, f.name) for f in dataclasses.fields(Condition))


def ruled(condition: Condition, code: str) -> Condition:
    """``condition`` stamped with the rule that states it (``dataclasses.replace`` without its introspection).

    A condition not yet worked out stays so (:class:`_LateCondition`): the
    engine stamps the requirements of every finding it stamps, and only
    some are read.
    """
    if isinstance(condition, _LateCondition) and "_made" not in condition.__dict__:
        late = object.__new__(_LateCondition)
        late.__dict__["_of"] = (condition, code)
        return late
    return _ruled(condition, code)


def _ruled(c: Condition, code: str) -> Condition:
    return Condition(c.text, c.fields, c.op, c.value, c.unit, c.alternatives, code, c.publishers)


def _late(name: str) -> property:
    return property(lambda self: getattr(self._record(), name), doc=f"The record's ``{name}``.")


for _field in dataclasses.fields(Condition):
    setattr(_LateCondition, _field.name, _late(_field.name))


def figure(value: float | int) -> str:
    """A number as a message prints it: at most two decimal places, no trailing zeros (0.71, 101.35, 4).

    Messages are read by people; a figure worked out by the engine (0.708333
    days) says no more than the spec values it came from.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _amount(value, unit: str | None) -> str:
    number = figure(value) if isinstance(value, float) else str(value)
    return f"{number} {unit}" if unit else number


def _clause(names: list[str], op: str | ConditionOp, value, unit: str | None) -> str:
    op = ConditionOp(op).value
    subject = " and ".join(names)
    both = "" if len(names) == 1 else (" on both" if len(names) == 2 else " on each")
    if op in (">=", "<="):
        return f"{subject} {op} {_amount(value, unit)}{both}"
    if op == "between":
        low, high = value
        return f"{subject} between {_amount(low, None)} and {_amount(high, unit)}{both}"
    if op == "within":
        return f"{subject} within {_amount(value, unit)} of each other"
    if op == "is":
        word = str(value).lower() if isinstance(value, bool) else str(value)
        return f"{subject} {'are' if len(names) > 1 else 'is'} {word}"
    if op == "includes":
        return f"{subject} must include {value}"
    if op == "includes-any":
        items = list(value) if isinstance(value, tuple) else [value]
        return (
            f"{subject} must include {items[0]}"
            if len(items) == 1
            else f"{subject} must include one of {', '.join(map(str, items))}"
        )
    if op == "share":
        return f"{subject} must have one in common"
    if op == "differ":
        return f"{subject} must differ: one {' and one '.join(map(str, value))}"
    return f"{subject} mates with {value}"
