"""What the models' validators call while validating a value.

Kept apart from :mod:`interop.model.base` so that the unit tables
(:mod:`interop.model.units`) are imported only when a spec writes a unit
string.
"""

from typing import Any


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


QUOTE_LIMIT = 60
_PRINTABLE_INT_BITS = 200  # about 60 digits: longer integers are described, not printed


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` for a message, at most ``limit`` characters.

    Every message that quotes spec input goes through here: a 2 MB string or a
    5,000-digit integer (which ``repr`` refuses past Python's int-to-str
    limit) must never make a message long, slow or raise.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _PRINTABLE_INT_BITS:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]
        text = repr(value)
    else:
        try:
            text = repr(value)
        except ValueError:  # an integer too long to print, inside a list or mapping
            return f"a {type(value).__name__} too long to print"
    return text if len(text) <= limit else text[: limit - 3] + "..."


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

    return convert_unit_string
