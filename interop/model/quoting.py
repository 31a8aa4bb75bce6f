"""Quoting spec input in a message: short, safe, never raising.

A leaf module: it imports nothing of the package, so the unit tables
(:mod:`interop.model.units`) and the validators (:mod:`interop.model.values`)
can both use it without importing each other.
"""

from typing import Any

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
