"""What one YAML scalar means: the YAML 1.2 core schema, and where YAML 1.1 differs.

PyYAML resolves plain scalars by YAML 1.1, where ``no`` is false, ``010`` is 8,
``1:30`` is 90 and ``1_000`` is 1000. Editors, YAML 1.2 libraries and the JSON
Schemas read the same text by YAML 1.2 (the core schema,
https://yaml.org/spec/1.2.2/#1023-core-schema): ``no`` is the text "no",
``010`` is 10, ``1:30`` and ``1_000`` are text. A spec must mean one thing to
every tool, so a plain scalar the two read differently is refused, naming the
text and what to write instead. Texts both read the same pass with that value.

One exception, kept from before: a JSON number (``1e5``, ``2.5E-3``) is a number,
as in YAML 1.2 and JSON; PyYAML reads some of them as text, but a 1.1 tool then
fails loudly on a number field instead of reading another number silently.

Timestamps (``2024-05-01``) are dates to YAML 1.1 and text to YAML 1.2; they
stay the text written (the same date either way), as models parse dates.

Explicit standard tags (``!!int``, ``!!float``, ``!!bool``, ``!!null``,
``!!timestamp``) must carry a value of their type; ``!!int abc`` is refused.
Nothing here constructs anything from a tag, and every step is linear in the
length of the text: numbers too long to print are refused before conversion.
"""

from __future__ import annotations

import json
import math
import re
from typing import NamedTuple

import yaml

from interop.load import errors
from interop.model.values import quoted

_STANDARD = "tag:yaml.org,2002:"
STR_TAG = f"{_STANDARD}str"

# Python refuses to convert longer decimal texts to int (and to print longer
# ints): sys.int_info.default_max_str_digits. No spec figure comes close.
MAX_NUMBER_DIGITS = 4300
_MAX_INT_BITS = int(MAX_NUMBER_DIGITS * 3.3219280948873626)  # log2(10)

# YAML 1.2 core schema, section 10.3.2 (all matched in full).
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_DECIMAL = re.compile(r"[-+]?[0-9]+")
_CORE_OCTAL = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INFINITY = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf}
_CORE_NAN = frozenset((".nan", ".NaN", ".NAN"))

# The same in JSON (RFC 8259): a number every tool reads as one.
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")

# YAML 1.1 booleans: PyYAML reads yes/no/on/off in three cases, the 1.1 spec
# adds y/n, and other 1.1 libraries (Ruby's) ignore case altogether.
_YAML11_BOOL = {"y": True, "yes": True, "on": True, "true": True, "n": False, "no": False, "off": False, "false": False}

# Only texts starting with one of these can mean anything but text, in either version.
_MAY_RESOLVE = frozenset("-+.0123456789~nNyYoOtTfF<=")

_resolver = yaml.resolver.Resolver()


class Refusal(NamedTuple):
    """A scalar that cannot be taken as written; the loader adds the position."""

    code: str
    message: str
    key_message: str | None = None  # the same text as a mapping key, if refused there too


class _Reading(NamedTuple):
    kind: str  # "null", "bool", "int", "float", "str"
    value: object


def core_reading(text: str) -> _Reading | Refusal:
    """The value YAML 1.2's core schema gives a plain scalar."""
    if text in _CORE_NULL:
        return _Reading("null", None)
    if text in _CORE_BOOL:
        return _Reading("bool", _CORE_BOOL[text])
    integer = _core_int(text)
    if integer is not None:
        return integer
    if _CORE_FLOAT.fullmatch(text):
        return _Reading("float", float(text))
    sign, rest = (text[0], text[1:]) if text[:1] in ("-", "+") else ("", text)
    if rest in _CORE_INFINITY:
        return _Reading("float", -math.inf if sign == "-" else math.inf)
    if text in _CORE_NAN:
        return _Reading("float", math.nan)
    return _Reading("str", text)


def _core_int(text: str) -> _Reading | Refusal | None:
    if _CORE_DECIMAL.fullmatch(text):
        if len(text.lstrip("+-")) > MAX_NUMBER_DIGITS:
            return _too_long(text)
        return _Reading("int", int(text))
    for pattern, base in ((_CORE_HEX, 16), (_CORE_OCTAL, 8)):
        if pattern.fullmatch(text):
            value = int(text[2:], base)  # a power-of-two base: linear, no digit limit
            return _too_long(text) if value.bit_length() > _MAX_INT_BITS else _Reading("int", value)
    return None


def _too_long(text: str) -> Refusal:
    return Refusal(
        errors.OUT_OF_RANGE,
        f"{quoted(text)} is too large a number to read or print: at most {MAX_NUMBER_DIGITS:,} decimal digits",
    )


def plain_value(text: str) -> object:
    """The value of an untagged plain scalar, or a Refusal."""
    if not text:
        return None
    if text[0] not in _MAY_RESOLVE:
        return text  # text to YAML 1.1 and 1.2 alike
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag in (f"{_STANDARD}merge", f"{_STANDARD}value", f"{_STANDARD}yaml"):
        return Refusal(
            errors.UNSUPPORTED_YAML,
            f"{quoted(text)} is a YAML marker, not a value: quote it to mean the text",
            f"{quoted(text)} is a YAML marker, not a key: quote it to mean the text",
        )
    core = core_reading(text)
    if isinstance(core, Refusal):
        return core
    old = _yaml11_reading(text, tag)
    if old is None or _same(old, core):
        return core.value
    if old.kind == "str" and core.kind in ("int", "float") and _JSON_NUMBER.fullmatch(text):
        return core.value
    return _misread(text, old, core)


def _same(old: _Reading, core: _Reading) -> bool:
    if old.kind != core.kind:
        return False
    if (
        isinstance(old.value, float)
        and isinstance(core.value, float)
        and math.isnan(old.value)
        and math.isnan(core.value)
    ):
        return True  # NaN is unequal to itself
    return old.value == core.value


def _yaml11_reading(text: str, tag: str) -> _Reading | None:
    """What YAML 1.1 (PyYAML, and other 1.1 libraries for booleans) reads; None when
    the value is only described (a long number, whose value nobody needs spelled out)."""
    lowered = text.lower()
    if lowered in _YAML11_BOOL:
        return _Reading("bool", _YAML11_BOOL[lowered])
    if tag == f"{_STANDARD}null":
        return _Reading("null", None)
    if tag not in (f"{_STANDARD}int", f"{_STANDARD}float"):
        return _Reading("str", text)  # text, or a timestamp: the text written, either way
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if tag == f"{_STANDARD}float":
        if digits.lower() in (".inf", ".nan"):
            return _Reading("float", sign * math.inf if digits.lower() == ".inf" else math.nan)
        if ":" in digits:
            return _Reading("float", sign * _base60(digits)) if len(digits) <= 60 else _Reading("float", None)
        return _Reading("float", float(text.replace("_", "")))
    if digits.startswith("0b"):
        return _Reading("int", sign * int(digits[2:] or "0", 2))
    if digits.startswith("0x"):
        return _Reading("int", sign * int(digits[2:] or "0", 16))
    if ":" in digits:
        return _Reading("int", sign * int(_base60(digits))) if len(digits) <= 60 else _Reading("int", None)
    if len(digits) > MAX_NUMBER_DIGITS:
        return _Reading("int", None)
    if digits != "0" and digits.startswith("0"):
        return _Reading("int", sign * int(digits, 8))
    return _Reading("int", sign * int(digits or "0"))


def _base60(digits: str) -> float:
    value = 0.0
    for part in digits.split(":"):
        value = value * 60 + float(part)
    return value


def _misread(text: str, old: _Reading, core: _Reading) -> Refusal:
    written = [_as_written(r) for r in (core, old) if r.kind != "str" and r.value is not None]
    written = list(dict.fromkeys(written))
    # The text in quotes is always an option: it may be an id or a name.
    options = " or ".join(written)
    options = f"{options}, or {_yaml_text(text)} in quotes" if options else f"{_yaml_text(text)} in quotes"
    shown = quoted(text)
    readings = f"is read as {_shown(old)} by YAML 1.1 tools and as {_shown(core)} by YAML 1.2 tools"
    return Refusal(
        errors.YAML11_READING,
        f"{shown} {readings}: write {options}",
        f"key {shown} {readings}: write {_yaml_text(text)} in quotes",
    )


def _shown(reading: _Reading) -> str:
    if isinstance(reading.value, str):  # only the "str" kind is read as text
        return f"the text {_yaml_text(reading.value)}"
    if reading.value is None:
        return "a number" if reading.kind in ("int", "float") else "null"
    return _as_written(reading)


def _as_written(reading: _Reading) -> str:
    value = reading.value
    if reading.kind == "bool":
        return "true" if value else "false"
    if isinstance(value, float):  # the "float" kind, unless only described (None)
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
    return quoted(value)


def _yaml_text(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax), shortened."""
    return json.dumps(text if len(text) <= 40 else text[:40] + "...", ensure_ascii=False)


# Explicit standard tags: the value must be one of the tag's type in YAML 1.2.
_TIMESTAMP = next(
    rx for tag, rx in yaml.resolver.Resolver.yaml_implicit_resolvers["1"] if tag == f"{_STANDARD}timestamp"
)
_OCTAL_TO_YAML11 = re.compile(r"[-+]?0[0-7]+")
_TAG_FORMS = {
    "null": "null, ~ or nothing",
    "bool": "true or false",
    "int": "a whole number such as 12, 0o14 or 0xC",
    "float": "a number such as 1.5, 1e3 or .inf",
    "timestamp": "a date such as 2024-05-01",
}


def tagged_value(text: str, tag: str) -> object:
    """The value of a scalar with an explicit standard tag, or a Refusal."""
    name = tag[len(_STANDARD) :]
    if name == "str":
        return text
    if name == "timestamp":
        if _TIMESTAMP.fullmatch(text) and _valid_timestamp(text):
            return text  # dates stay the text written; models that want a date parse it
        return _bad_tag(text, name)
    core = core_reading(text)
    if isinstance(core, Refusal):
        return core
    if name == "float" and isinstance(core.value, int) and core.kind == "int" and _CORE_FLOAT.fullmatch(text):
        core = _Reading("float", float(core.value))  # !!float 1, not !!float 0x10
    if core.kind != name:
        return _bad_tag(text, name)
    if name == "int" and _OCTAL_TO_YAML11.fullmatch(text):
        old = _yaml11_reading(text, f"{_STANDARD}int")
        if old is not None and not _same(old, core):
            return _misread(text, old, core)  # !!int 010: 8 to YAML 1.1, 10 to YAML 1.2
    return core.value


def _valid_timestamp(text: str) -> bool:
    try:
        yaml.constructor.SafeConstructor().construct_yaml_timestamp(yaml.ScalarNode(f"{_STANDARD}timestamp", text))
    except (ValueError, OverflowError):
        return False
    return True


def _bad_tag(text: str, name: str) -> Refusal:
    return Refusal(errors.BAD_TAGGED_VALUE, f"{quoted(text)} is not a value of !!{name}: write {_TAG_FORMS[name]}")
