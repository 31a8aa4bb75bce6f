"""The report's view of a rescue's timeline: its figures, events, legs and margin (docs/time.md).

The margins, which rank rescues, are worked out at once; the figures and
events, which only reports read, when first read (:class:`_LateTiming`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from interop.engine.results import Leg, TimeFigure, Timing
from interop.engine.timing import EARTH
from interop.rules.timing import Figure, LegTime, Source, Span


def _bounds(span: Span | None) -> tuple[float | None, float | None]:
    return (span.low, span.high) if span is not None else (None, None)


def _figure(name: str, figure: Figure, leg: int) -> TimeFigure:
    low, high = _bounds(figure.days)
    missing = "" if figure.known else (figure.anchor.describe() if figure.anchor else figure.missing)
    return TimeFigure(name, low, high, figure.source.value, figure.note, missing, leg)


def timing_of(legs: list[LegTime], to_vehicles: list[str], reserve: float) -> tuple[Timing, list[Leg]]:
    """The report's view of a path's timeline: its figures, events, legs and margin.

    The figures and events are made when first read (:class:`_LateTiming`):
    a matrix times every rescue it tries and shows one per row.
    """
    records: list[Leg] = []
    margins: list[Span | None] = []
    onward: list[Span | None] = []
    ranged = False
    for leg, to_vehicle in zip(legs, to_vehicles, strict=True):
        if not ranged:
            named = [leg.readiness, leg.transit, leg.supplies, leg.onward, leg.endurance]
            ranged = any(f is not None and f.days is not None and f.days.ranged for f in named)
        margins.append(leg.arrival_margin())
        if leg.onward is not None:
            onward.append(leg.onward_margin())
        boarding, end = leg.boarding, leg.end
        records.append(
            Leg(
                carrier=leg.carrier,
                from_vehicle=leg.from_vehicle,
                to_vehicle=to_vehicle,
                from_place=leg.place,
                to_place=leg.to_place,
                depart_days=boarding.high if boarding else None,
                arrive_days=end.high if end else None,
                launch_days=leg.readiness.days.high if leg.readiness.days is not None else None,
                depart_days_best=boarding.low if boarding else None,
                arrive_days_best=end.low if end else None,
            )
        )
    # A margin is the time a carrier's arrival has to spare: the crew's own move into a shelter where it is
    # has none (the supplies it leaves there limit nothing; the wait on the shelter, the next leg's, does).
    waits = [n for n, leg in enumerate(legs) if not leg.moved] or list(range(len(legs)))
    worst, best = _smallest([margins[n] for n in waits])
    limit = _limiting(legs, margins, waits)
    back, _back_best = _smallest(onward)
    timing = _late_timing(tuple(legs), reserve, worst, best, ranged, back)
    if limit is not None:
        timing.margin_leg, timing.margin_limit = limit + 1, legs[limit].supplies.note
    return timing, records


def _figures_and_events(
    legs: Iterable[LegTime],
) -> tuple[list[TimeFigure], list[tuple[str, float | None, float | None]]]:
    """A timeline's figures and events, for reports."""
    figures: list[TimeFigure] = []
    events: list[tuple[str, float | None, float | None]] = []
    for number, leg in enumerate(legs, start=1):
        named = [("readiness", leg.readiness), ("transit", leg.transit), ("supplies", leg.supplies)]
        if leg.onward is not None:
            named.append(("onward", leg.onward))
        if leg.endurance is not None:
            named.append(("endurance", leg.endurance))
        figures.extend(_figure(name, figure, number) for name, figure in named)
        suffix = f" ({leg.carrier})"
        if number == 1:
            events.append(("call", 0.0, 0.0))
        if leg.launched and leg.readiness.source is not Source.STATED:
            events.append(("launch" + suffix, *_bounds(leg.readiness.days)))
        events.append(("arrival" + suffix, *_bounds(leg.boarding)))
        events.append(
            ("supplies run out" + (f" ({leg.from_vehicle})" if number > 1 else ""), *_bounds(leg.supplies.days))
        )
        if leg.onward is not None:
            events.append((("home" if leg.to_place == EARTH else f"at {leg.to_place}") + suffix, *_bounds(leg.end)))
        if leg.endurance is not None:
            events.append((f"{leg.carrier} runs out", *_bounds(leg.carrier_runs_out())))
    return figures, events


class _LateTiming(Timing):
    """A :class:`Timing` whose figures and events are made from its legs' timelines when first read.

    It reads, compares and prints as the record it stands for; it is pickled
    (for ``--jobs`` workers) and copied as a plain Timing, and
    ``dataclasses.replace`` of it gives a plain Timing.
    """

    def __new__(cls, *args, **kwargs):
        return Timing(*args, **kwargs)  # dataclasses.replace: a plain record with the changes

    @property
    def figures(self) -> list[TimeFigure]:
        return self._resolved()[0]

    @figures.setter
    def figures(self, value: list[TimeFigure]) -> None:
        self._resolved()
        self.__dict__["_made"] = (value, self.__dict__["_made"][1])

    @property
    def events(self) -> list[tuple[str, float | None, float | None]]:
        return self._resolved()[1]

    @events.setter
    def events(self, value: list[tuple[str, float | None, float | None]]) -> None:
        self._resolved()
        self.__dict__["_made"] = (self.__dict__["_made"][0], value)

    def _resolved(self) -> tuple[list[TimeFigure], list[tuple[str, float | None, float | None]]]:
        state = self.__dict__
        made = state.get("_made")
        if made is None:
            made = state["_made"] = _figures_and_events(state.pop("_legs"))
        return made

    def __eq__(self, other) -> bool:
        return _plain(self) == (_plain(other) if isinstance(other, _LateTiming) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(_plain(self))

    def __reduce_ex__(self, protocol):
        return Timing, _values(self)


def _values(timing: Timing) -> tuple:
    return tuple(getattr(timing, f.name) for f in dataclasses.fields(Timing))


def _plain(timing: Timing) -> Timing:
    return Timing(*_values(timing))


def _late_timing(
    legs: tuple[LegTime, ...],
    reserve: float,
    worst: float | None,
    best: float | None,
    ranged: bool,
    back: float | None,
) -> Timing:
    """A :class:`_LateTiming` over ``legs`` with its margins."""
    timing = object.__new__(_LateTiming)
    timing.__dict__.update(
        _legs=legs,
        reserve_days=reserve,
        margin_days=worst,
        margin_days_best=best,
        ranged=ranged,
        return_margin_days=back,
        margin_leg=None,
        margin_limit="",
    )
    return timing


def _limiting(legs: list[LegTime], margins: list[Span | None], waits: list[int]) -> int | None:
    """The index of the leg whose wait gives the margin (the smallest worst case); None when one is unknown."""
    known = [(margins[n], n) for n in waits]
    if not known or any(margin is None for margin, _n in known):
        return None
    return min(known, key=lambda item: (item[0].low if item[0] is not None else 0.0, item[1]))[1]


def _smallest(margins: list[Span | None]) -> tuple[float | None, float | None]:
    """The worst and best of the smallest margin; None when any is unknown (or there is none)."""
    if not margins or any(m is None for m in margins):
        return None, None
    known = [m for m in margins if m is not None]
    return min(m.low for m in known), min(m.high for m in known)
