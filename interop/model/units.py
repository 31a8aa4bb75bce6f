"""Unit strings such as "14.7 psi", converted to the unit a field names.

Imported only when a spec actually writes a unit string, so files with plain
numbers never pay for it.
"""

from __future__ import annotations

import re

from interop.model.quoting import quoted

# dimension -> {unit spelling: factor to the dimension's base unit}
UNITS: dict[str, dict[str, float]] = {
    "length": {
        "mm": 1e-3,
        "cm": 1e-2,
        "m": 1.0,
        "km": 1e3,
        "in": 0.0254,
        "inch": 0.0254,
        "inches": 0.0254,
        "ft": 0.3048,
        "feet": 0.3048,
    },
    "pressure": {
        "pa": 1e-3,
        "kpa": 1.0,
        "mpa": 1e3,
        "bar": 100.0,
        "mbar": 0.1,
        "hpa": 0.1,
        "psi": 6.894757293168361,
        "psia": 6.894757293168361,
        "atm": 101.325,
        "mmhg": 0.133322387415,
        "torr": 0.133322368421,
    },
    "speed": {
        "m/s": 1.0,
        "mps": 1.0,
        "km/s": 1e3,
        "km/h": 1 / 3.6,
        "ft/s": 0.3048,
        "mm/s": 1e-3,
    },
    "duration": {
        "s": 1.0,
        "sec": 1.0,
        "min": 60.0,
        "h": 3600.0,
        "hr": 3600.0,
        "hours": 3600.0,
        "hour": 3600.0,
        "d": 86400.0,
        "day": 86400.0,
        "days": 86400.0,
        "week": 604800.0,
        "weeks": 604800.0,
    },
    "mass": {"g": 1e-3, "kg": 1.0, "t": 1e3, "lb": 0.45359237, "lbm": 0.45359237},
    "fraction": {"%": 0.01, "percent": 0.01},
    "voltage": {"v": 1.0, "kv": 1e3, "vdc": 1.0},
    "power": {"w": 1.0, "kw": 1e3},
    "angle": {"deg": 1.0, "°": 1.0, "degrees": 1.0, "rad": 57.29577951308232},
}

# field unit -> (dimension, factor of the field unit in the dimension's base)
FIELD_UNITS: dict[str, tuple[str, float]] = {
    "mm": ("length", 1e-3),
    "m": ("length", 1.0),
    "km": ("length", 1e3),
    "kpa": ("pressure", 1.0),
    "mps": ("speed", 1.0),
    "s": ("duration", 1.0),
    "hours": ("duration", 3600.0),
    "days": ("duration", 86400.0),
    "kg": ("mass", 1.0),
    "fraction": ("fraction", 1.0),
    "v": ("voltage", 1.0),
    "w": ("power", 1.0),
    "deg": ("angle", 1.0),
}

NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
# Only the number is matched by a pattern (anchored, no nested repetition:
# linear); spaces and the unit are cut by hand. A single pattern for the whole
# string backtracked quadratically on a long run of spaces.
_NUMBER = re.compile(NUMBER)


def _quantity(text: str) -> tuple[float, str] | None:
    """(number, unit) from "14.7 psi": spaces around either, a unit without digits."""
    text = text.strip()
    match = _NUMBER.match(text)
    if match is None:
        return None
    unit = text[match.end() :].lstrip()
    if not unit or any(c.isdecimal() for c in unit):
        return None
    return float(match.group()), unit


class UnitError(ValueError):
    """A unit string that cannot be read or has the wrong dimension."""


def unit_pattern(field_unit: str, signed: bool) -> str:
    """A regular expression accepting the unit strings valid for a field."""
    dimension, _ = FIELD_UNITS[field_unit]
    spellings = sorted(UNITS[dimension], key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in spellings)
    number = NUMBER if signed else NUMBER[len("[-+]?") :]
    return rf"^\s*{number}\s*(?i:{alternatives})\s*$"


def dimension_of(unit: str) -> str | None:
    unit = unit.lower()
    for dimension, table in UNITS.items():
        if unit in table:
            return dimension
    return None


def convert(text: str, field_unit: str) -> float:
    """Convert "14.7 psi" to the field's unit (kPa here), or raise UnitError."""
    quantity = _quantity(text)
    if quantity is None:
        raise UnitError(f"expected a number or a number with a unit, got {quoted(text)}")
    value, unit = quantity
    return value * _factor(unit, field_unit)


def _factor(unit: str, field_unit: str) -> float:
    """What one ``unit`` is in ``field_unit``, or UnitError naming the units the field takes."""
    dimension, field_factor = FIELD_UNITS[field_unit]
    table = UNITS[dimension]
    factor = table.get(unit.lower())
    if factor is None:
        found = dimension_of(unit)
        allowed = ", ".join(sorted(table))
        if found:
            raise UnitError(
                f"unit {quoted(unit)} is a {found}, but this field is a {dimension} (use one of: {allowed})"
            )
        raise UnitError(f"unknown unit {quoted(unit)} for a {dimension} (use one of: {allowed})")
    return factor / field_factor


# ------------------------------------------------------------------ ranges

# A range's ends: no trailing dot ("5." would eat the first dot of "5..30").
_END = r"(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_SIGNED_END = re.compile(r"[-+]?" + _END)
_COUNT_END = re.compile(r"\d+")
RANGE_FORM = 'NUMBER..NUMBER [UNIT], such as "70..101 kPa" or "10..11"'


class RangeSyntaxError(ValueError):
    """A text with ``..`` that is not ``NUMBER..NUMBER [UNIT]``."""


def split_range(text: str, *, count: bool = False) -> tuple[str, str, str]:
    """(low, high, unit) texts of ``"70..101 kPa"``; the unit is "" when none is written.

    Cut by hand, each step a match anchored where the last ended, so the time
    is linear in the text (no pattern over the whole string to backtrack).
    """
    end = _COUNT_END if count else _SIGNED_END
    rest = text.strip()
    low = end.match(rest)
    if low is None:
        raise RangeSyntaxError(_range_help(text, count))
    rest = rest[low.end() :].lstrip()
    if not rest.startswith(".."):
        raise RangeSyntaxError(_range_help(text, count))
    rest = rest[2:].lstrip()
    high = end.match(rest)
    if high is None:
        raise RangeSyntaxError(_range_help(text, count))
    unit = rest[high.end() :].strip()
    if unit and (count or any(c.isdecimal() for c in unit) or "." in unit):
        raise RangeSyntaxError(_range_help(text, count))
    return low.group(), high.group(), unit


def _range_help(text: str, count: bool) -> str:
    form = 'WHOLE..WHOLE, such as "10..11" (a count takes no unit)' if count else RANGE_FORM
    return f"{quoted(text)} is not a range: write {form}"


def convert_range(text: str, field_unit: str) -> tuple[float, float]:
    """The two ends of ``"70..101 kPa"`` in the field's unit (no unit written: the field's own)."""
    low, high, unit = split_range(text)
    factor = _factor(unit, field_unit) if unit else 1.0
    return float(low) * factor, float(high) * factor


def unit_factor(unit: str, field_unit: str) -> float:
    """What one ``unit`` (a range mapping's ``unit:``) is in ``field_unit``, or UnitError."""
    return _factor(unit, field_unit)


def range_pattern(field_unit: str | None, signed: bool) -> str:
    """A regular expression accepting the range texts valid for a field (a count when ``field_unit`` is None)."""
    if field_unit is None:
        return r"^\s*\d+\s*\.\.\s*\d+\s*$"
    number = (r"[-+]?" if signed else "") + _END
    return rf"^\s*{number}\s*\.\.\s*{number}\s*(?:(?i:{_alternatives(field_unit)})\s*)?$"


def units_pattern(field_unit: str) -> str:
    """A regular expression accepting a unit's name alone (a range mapping's ``unit:``)."""
    return rf"^(?i:{_alternatives(field_unit)})$"


def _alternatives(field_unit: str) -> str:
    dimension, _ = FIELD_UNITS[field_unit]
    spellings = sorted(UNITS[dimension], key=len, reverse=True)
    return "|".join(re.escape(s) for s in spellings)
