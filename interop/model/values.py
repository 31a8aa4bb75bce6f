"""What the models' validators call while validating a value.

Kept apart from :mod:`interop.model.base` so that the unit tables
(:mod:`interop.model.units`) are imported only when a spec writes a unit
string or a range. This module imports the tables (lazily); they never
import it.

A range (``"5..30 days"``, ``{min: 5, max: 30}``) is a :class:`Span` (or a
:class:`CountSpan` for a count): a number that also carries both ends. As a
plain number it reads as its low end, so code that knows nothing of ranges
keeps working; the engine never relies on that: it evaluates each rescue
with every range fixed at the values it needs (interop.engine.ranges).
"""

from typing import Any

from interop.model.quoting import QUOTE_LIMIT, quoted

__all__ = [
    "QUOTE_LIMIT",
    "CountSpan",
    "Measured",
    "Span",
    "count_span_validator",
    "integral_float_to_int",
    "is_span",
    "quoted",
    "span_serializer",
    "unit_converter",
]


class Measured(float):
    """A float converted from a unit string; remembers what the spec said."""

    __slots__ = ("original",)
    original: str

    def __new__(cls, value: float, original: str) -> "Measured":
        self = super().__new__(cls, value)
        self.original = original
        return self

    def __reduce__(self):
        return (Measured, (float(self), self.original))


class _Ends:
    """What a float range and a count range share: both ends, and equality by them."""

    __slots__ = ()
    low: Any
    high: Any
    unit: str | None
    """The field's unit name (``days``, ``kpa``); None for a count."""
    original: str | None
    """The text the spec wrote (None for the mapping form)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Ends) and (self.low, self.high) == (other.low, other.high)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self.low, self.high))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.low!r}, {self.high!r})"

    def __reduce__(self):
        return (type(self), (self.low, self.high, self.unit, self.original))


class Span(_Ends, float):
    """A quantity known to lie between ``low`` and ``high`` (in the field's unit); as a float, ``low``."""

    __slots__ = ("high", "low", "original", "unit")

    def __new__(cls, low: float, high: float, unit: str | None = None, original: str | None = None) -> "Span":
        self = super().__new__(cls, low)
        self.low, self.high, self.unit, self.original = float(low), float(high), unit, original
        return self


class CountSpan(_Ends, int):
    """A count known to lie between ``low`` and ``high``; as an int, ``low``."""

    # int subtypes cannot have slots: the ends live in the instance's dict.

    def __new__(cls, low: int, high: int, unit: str | None = None, original: str | None = None) -> "CountSpan":
        self = super().__new__(cls, low)
        self.low, self.high, self.unit, self.original = int(low), int(high), None, original
        return self


def is_span(value: object) -> bool:
    """True for a range (of either kind)."""
    return isinstance(value, _Ends)


def integral_float_to_int(value):
    """2.0 is an integer in JSON Schema; accept it the same way here."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def unit_converter(field_unit: str):
    """A wrap validator for a quantity in ``field_unit``: numbers pass, unit strings are converted."""

    def convert_unit_string(value: Any, handler):
        if isinstance(value, str):
            # Lazy imports keep unit tables off the start-up path.
            if ".." in value:
                from interop.model.units import convert_range

                low, high = _range_text(value, lambda: convert_range(value, field_unit))
                return _span(Span, handler, handler(low), handler(high), field_unit, value, ())
            from interop.model.units import convert

            return Measured(handler(convert(value, field_unit)), value)
        if isinstance(value, dict):
            return _span_mapping(Span, value, handler, field_unit)
        if isinstance(value, Span):
            return _span(Span, handler, handler(value.low), handler(value.high), field_unit, value.original, ())
        return handler(value)

    return convert_unit_string


def count_span_validator(value: Any, handler):
    """A wrap validator for a count: whole numbers pass, ``"10..11"`` and ``{min: 10, max: 11}`` are ranges."""
    if isinstance(value, str) and ".." in value:
        from interop.model.units import split_range

        low, high, _unit = _range_text(value, lambda: split_range(value, count=True))
        return _span(CountSpan, handler, handler(int(low)), handler(int(high)), None, value, ())
    if isinstance(value, dict):
        return _span_mapping(CountSpan, value, handler, None)
    if isinstance(value, CountSpan):
        return _span(CountSpan, handler, handler(value.low), handler(value.high), None, value.original, ())
    return handler(value)


# pydantic_core only where a range is read or refused: plain numbers never import it here.


def _range_text(text: str, read):
    from pydantic_core import PydanticCustomError

    from interop.model.units import RangeSyntaxError

    try:
        return read()
    except RangeSyntaxError as exc:
        raise PydanticCustomError("range_syntax", "{problem}", {"problem": str(exc)}) from None


_MAPPING_KEYS = ("min", "max", "unit")


def _span_mapping(kind: type, value: dict, handler, field_unit: str | None):
    """``{min: 70, max: 101, unit: kPa}``: each problem at its key, as the loader reports positions."""
    from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

    allowed = _MAPPING_KEYS if field_unit is not None else _MAPPING_KEYS[:2]
    problems = [
        InitErrorDetails(type="extra_forbidden", loc=(key,), input=value[key]) for key in value if key not in allowed
    ]
    problems += [
        InitErrorDetails(type="missing", loc=(key,), input=value) for key in ("min", "max") if key not in value
    ]
    if problems:
        raise ValidationError.from_exception_data("range", problems)
    factor = 1.0
    unit = value.get("unit")
    if unit is not None:
        if not isinstance(unit, str):
            raise _at("unit", PydanticCustomError("string_type", "Input should be a valid string"), unit)
        from interop.model.units import UnitError, unit_factor

        assert field_unit is not None, "a count's mapping refuses unit above"
        try:
            factor = unit_factor(unit, field_unit)
        except UnitError as exc:
            raise _at("unit", PydanticCustomError("value_error", "{error}", {"error": str(exc)}), unit) from None
    ends = []
    for key in ("min", "max"):
        end = value[key]
        if factor != 1.0 and isinstance(end, (int, float)) and not isinstance(end, bool):
            end = end * factor
        try:
            ends.append(handler(end))
        except ValidationError as exc:
            raise ValidationError.from_exception_data(
                "range",
                [
                    InitErrorDetails(type=_custom(e), loc=(key, *e["loc"]), input=e["input"], ctx=e.get("ctx") or {})
                    for e in exc.errors(include_url=False)
                ],
            ) from None
    return _span(kind, handler, ends[0], ends[1], field_unit, None, ("max",))


def _custom(error) -> Any:
    """An error type to raise again: pydantic's own by name, a custom one rebuilt."""
    from pydantic_core import PydanticCustomError

    if error["type"] in ("range_syntax", "range_order", "value_error"):
        return PydanticCustomError(error["type"], error["msg"])
    return error["type"]


def _at(key: str, error, value: object):
    from pydantic_core import InitErrorDetails, ValidationError

    return ValidationError.from_exception_data("range", [InitErrorDetails(type=error, loc=(key,), input=value)])


def _span(kind: type, handler, low, high, field_unit: str | None, original: str | None, order_at: tuple):
    """A range of two validated ends; one value when both ends are equal; low above high refused."""
    from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

    if low > high:
        error = PydanticCustomError(
            "range_order",
            "the low end {low} is above the high end {high}: write the smaller number first",
            {"low": f"{low:g}", "high": f"{high:g}"},
        )
        if order_at:
            raise ValidationError.from_exception_data("range", [InitErrorDetails(type=error, loc=order_at, input=high)])
        raise error
    if low == high:
        return low
    return kind(low, high, field_unit, original)


def span_serializer(value: Any, handler, info):
    """A range is written back as ``{min, max}`` in the field's unit (it loads again as the same range)."""
    if isinstance(value, _Ends) and info.mode_is_json():
        return {"min": value.low, "max": value.high}
    return handler(value)
