"""What the spec validators call while validating, without pydantic.

The models in :mod:`interop.model.base` use these, and so do the compiled
validators of :mod:`interop.load.compiled`, which validate spec files without
importing pydantic. They must therefore live where importing them costs
nothing but themselves.
"""

from typing import Any


class Measured(float):
    """A float converted from a unit string; remembers what the spec said."""

    __slots__ = ("original",)

    def __new__(cls, value: float, original: str) -> "Measured":
        self = super().__new__(cls, value)
        self.original = original
        return self

    def __reduce__(self):
        return (Measured, (float(self), self.original))


def integral_float_to_int(value):
    """2.0 is an integer in JSON Schema; accept it the same way here."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def unit_converter(field_unit: str):
    """A wrap validator for a quantity in ``field_unit``: numbers pass, unit strings are converted."""

    def convert_unit_string(value: Any, handler):
        if isinstance(value, str):
            # Lazy import keeps unit tables off the start-up path.
            from interop.model.units import convert

            return Measured(handler(convert(value, field_unit)), value)
        return handler(value)

    # Read when a compiled validator is written down: the closure is named by its unit.
    convert_unit_string.unit = field_unit
    return convert_unit_string
