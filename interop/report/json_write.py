"""JSON laid out as ``json.dumps(value, indent=2)`` lays it out, byte for byte, only faster.

With ``indent``, CPython's json falls back to its pure-Python encoder: the
matrix of the bundled library (40 MB) took 1.8 s to lay out that way, and
orjson lays it out in 0.09 s (docs/performance.md, round 9). orjson gives the
same bytes for a subset of values only, so :func:`dumps` first walks the
value and hands it to orjson only when every part of it lies in that subset
(:func:`_plain`); any other value (a float json writes with an exponent, a
NaN, an int beyond 64 bits, a key that is not a str, a lone surrogate, an
enum, a str subclass, a date for ``default``...) is laid out by json as before.
Where orjson is not installed, json lays out everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from interop.report.escape import encodes_as_utf8

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; an old environment may lack it
    orjson = None  # type: ignore[assignment]

_LOWEST = -(2**63)
_HIGHEST = 2**64 - 1
"""orjson writes the ints of this range as json does, and refuses the others."""

_DEEPEST = 200
"""orjson refuses containers nested more than 254 deep; deeper ones go to json (which says if they are circular)."""


def _ascii(text: str) -> bool:
    """Whether orjson writes ``text`` as json does with ``ensure_ascii``: ASCII, and no DEL.

    json's ASCII escaping keeps only the printable characters and escapes DEL
    (``\\u007f``); orjson writes DEL as it is.
    """
    return text.isascii() and "\x7f" not in text


def _plain(value: Any, text: Callable[[str], bool], depth: int = 0) -> bool:
    """Whether orjson writes ``value`` exactly as json does, ``text`` telling which strings it writes alike.

    The types are exact (a subclass of str, int, float, dict or list, an
    enum among them, goes to json). A float is plain when its ``repr`` has
    no exponent: orjson writes ``1e-05`` as ``0.00001`` and ``1e-07`` as
    ``1e-7``, and NaN and infinities as ``null``.
    """
    kind = type(value)
    if kind is str:
        return text(value)
    if kind is dict:
        if depth > _DEEPEST or not all(type(key) is str and text(key) for key in value):
            return False
        return _all_plain(value.values(), text, depth + 1)
    if kind is list or kind is tuple:
        return depth <= _DEEPEST and _all_plain(value, text, depth + 1)
    if kind is int:
        return _LOWEST <= value <= _HIGHEST
    if kind is float:
        return value == 0.0 or 1e-4 <= abs(value) < 1e16
    return value is None or kind is bool


def _all_plain(items: Iterable[Any], text: Callable[[str], bool], depth: int) -> bool:
    """:func:`_plain` of every item of a container; its strings, None and bools checked here, without a call."""
    for item in items:
        if type(item) is str:
            if not text(item):
                return False
        elif item is not None and type(item) is not bool and not _plain(item, text, depth):
            return False
    return True


def dumps(value: Any, *, ensure_ascii: bool = True, default: Callable[[Any], Any] | None = None) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=ensure_ascii, default=default)``, the same text.

    orjson writes every character but the C0 controls, ``"`` and ``\\`` as it
    is: with ``ensure_ascii`` only values whose strings are all ASCII (DEL
    aside) go to it.
    """
    if orjson is not None and _plain(value, _ascii if ensure_ascii else encodes_as_utf8):
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    return json.dumps(value, indent=2, ensure_ascii=ensure_ascii, default=default)
