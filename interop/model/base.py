"""Shared building blocks of every spec document.

Conventions that hold everywhere:
- unknown fields are errors (``extra="forbid"``);
- a fact nobody has published is left out and reads as ``None``: "not known"
  is never zero, never a default;
- quantities carry their unit in the field name and accept a unit string
  (``"14.7 psi"``), converted on the spot with the original text kept.
"""

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WrapSerializer, WrapValidator

from interop.model.values import count_span_validator, integral_float_to_int, span_serializer, unit_converter

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class IdForm:
    """Marks a string field written as an id (:data:`SLUG_PATTERN`).

    A value that does not match is reported as a bad id, with the rule for
    ids, rather than as a string of the wrong form.
    """


Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN, min_length=1, max_length=64),
    IdForm(),
]
"""A lowercase id: letters, digits and single hyphens (``apas-95``)."""

Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=4000)]
Flag = Annotated[bool, Field(strict=True)]


@dataclass(frozen=True)
class _CountJsonSchema:
    """JSON Schema of a count: a bounded whole number, or a range of two (``"10..11"``, ``{min: 10, max: 11}``)."""

    ge: int
    le: int

    def __get_pydantic_json_schema__(self, _core_schema, _handler):
        from interop.model.units import range_pattern

        number = {"type": "integer", "minimum": self.ge, "maximum": self.le}
        return {
            "anyOf": [
                number,
                {"type": "string", "pattern": range_pattern(None, signed=False)},
                {
                    "type": "object",
                    "properties": {"min": number, "max": number},
                    "required": ["min", "max"],
                    "additionalProperties": False,
                },
            ]
        }


def count_metadata(ge: int, le: int) -> tuple[object, ...]:
    """The ``Annotated`` metadata of a count from ``ge`` to ``le``, which may also be written as a range."""
    return (
        Field(strict=True, ge=ge, le=le),
        BeforeValidator(integral_float_to_int),
        WrapValidator(count_span_validator),
        WrapSerializer(span_serializer),
        _CountJsonSchema(ge, le),
    )


Count = Annotated[int, *count_metadata(0, 1000)]
"""A whole number of things (seats, suits, people), 0 to 1000; ``2.0`` reads as 2; ``"10..11"`` is a range."""

CrewCount = Annotated[int, *count_metadata(1, 1000)]
"""A crew of at least one person."""


# field unit -> (how a description names it, a unit string of another spelling the field accepts)
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "mm": ("mm", "31.5 in"),
    "m": ("m", "2 ft"),
    "kpa": ("kPa", "14.7 psi"),
    "mps": ("m/s", "1.2 km/s"),
    "days": ("days", "3 weeks"),
    "hours": ("hours", "2 days"),
    "kg": ("kg", "2000 lb"),
    "fraction": ("a fraction of 1 (0.3 is 30 %)", "30 %"),
    "v": ("V", "0.12 kV"),
    "w": ("W", "5 kW"),
    "deg": ("degrees", "0.1 rad"),
}


@dataclass(frozen=True)
class Unit:
    """Marks a float field as a quantity in the named unit."""

    name: str

    def describe(self) -> str:
        """The sentence a schema adds to the field's description: its unit, and that unit strings are read."""
        words, example = UNIT_WORDS[self.name]
        return (
            f'Unit: {words}; also accepts a string with a unit such as "{example}", '
            f'or a range ("LOW..HIGH [unit]" or {{min, max, unit}}) when sources give a span.'
        )


@dataclass(frozen=True)
class _QuantityJsonSchema:
    """JSON Schema of a quantity: a bounded number, or a string with a unit.

    Built only when a schema is generated, so the unit tables stay off the
    start-up path of validation.
    """

    unit: str
    ge: float | None
    le: float | None
    gt: float | None

    def __get_pydantic_json_schema__(self, _core_schema, _handler):
        from interop.model.units import range_pattern, unit_pattern, units_pattern

        number: dict = {"type": "number"}
        for key, bound in (("minimum", self.ge), ("maximum", self.le), ("exclusiveMinimum", self.gt)):
            if bound is not None:
                number[key] = bound
        signed = self.ge is None or self.ge < 0
        # The ends of a mapping with a unit are in that unit: the field's limits apply after conversion.
        mapping = {
            "type": "object",
            "properties": {"min": {"type": "number"}, "max": {"type": "number"}, "unit": {"type": "string"}},
            "required": ["min", "max"],
            "additionalProperties": False,
            "if": {"not": {"required": ["unit"]}},
            "then": {"properties": {"min": number, "max": number}},
            "else": {"properties": {"unit": {"type": "string", "pattern": units_pattern(self.unit)}}},
        }
        return {
            "anyOf": [
                number,
                {"type": "string", "pattern": unit_pattern(self.unit, signed=signed)},
                {"type": "string", "pattern": range_pattern(self.unit, signed=signed)},
                mapping,
            ]
        }


def quantity_metadata(
    unit: str, *, ge: float | None = 0, le: float | None = None, gt: float | None = None
) -> tuple[object, ...]:
    """The ``Annotated`` metadata of a float quantity in ``unit`` that also accepts a unit string.

    Unpacked into an alias (``Annotated[float, *quantity_metadata("mm")]``),
    so a type checker sees a float. Plain numbers take pydantic's fast path;
    only strings are converted. NaN and infinity are refused, and so is
    anything outside [ge, le].
    """
    return (
        Field(strict=True, allow_inf_nan=False, ge=ge, le=le, gt=gt),
        WrapValidator(unit_converter(unit)),
        WrapSerializer(span_serializer),
        _QuantityJsonSchema(unit, ge, le, gt),
        Unit(unit),
    )


@dataclass(frozen=True)
class RefTo:
    """Marks a slug field as a reference to a document of ``kind``."""

    kind: str


SlugRef = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=64), IdForm()]
"""The id of another document; an alias adds the :class:`RefTo` marker naming its kind."""


class StrictModel(BaseModel):
    """Base of every model: unknown fields are errors. The docstring under a
    field is its description in the exported JSON Schemas (interop/model/schema.py)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        validate_default=False,
        use_enum_values=False,
        populate_by_name=False,
        # Build each model's validator when it is first used, not at import:
        # validating one vehicle file then builds only the Vehicle schema
        # (docs/performance.md, round 2).
        defer_build=True,
    )


class Source(StrictModel):
    """Where a fact was read. At least a title; an address or document number."""

    title: Text
    """The title of the page, standard, report or book."""
    url: Annotated[str, StringConstraints(strict=True, max_length=2000)] | None = None
    """Its address, when it has one."""
    document: Text | None = None
    """Its document number (a standard's or a report's), when it has one."""
    accessed: Text | None = None
    """The date it was read (2026-11-24), for a page that may change."""
    note: Text | None = None
    """What was read there: the pages, the table, how far it supports the facts."""


class Estimate(StrictModel):
    """A value in this document that is estimated, disputed or assumed.

    ``field`` is the dotted path of the value (``atmosphere.pressure_kpa``,
    ``ports.0.passage_diameter_mm``); ``note`` says why and on what basis.
    """

    field: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
    """The dotted path of a value this document sets (atmosphere.pressure_kpa, ports.0.role)."""
    note: Text
    """Why the value is not firm, and on what basis it was chosen."""
    basis: Literal["estimate", "disputed", "assumption"] = "estimate"
    """estimate: from a weak or approximate source; disputed: sources disagree; assumption: a modelling choice."""


class Document(StrictModel):
    """Header every spec document carries, like a Kubernetes manifest."""

    KIND: ClassVar[str] = ""

    schema_version: Literal[1]
    """The version of the spec format; 1."""
    id: Slug
    """The document's id, unique among documents of its kind: lowercase letters, digits and single hyphens."""
    name: Text
    """The name people use for it."""
    description: Text | None = None
    """What it is, in a sentence or two."""
    publisher: list[Text] | None = None
    """Who publishes this document's values (an interface's standards body or maker, a vehicle's operator).

    Unstated: a vehicle's operators, a system's nations, an interface's standard or its users stand in."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Where this document's facts were read: at least one source."""
    estimates: list[Estimate] = []
    """Every value in this document that is estimated, disputed or assumed."""
    notes: list[Text] = []
    """Facts worth keeping that no field holds."""

    def estimate_for(self, dotted: str) -> Estimate | None:
        for estimate in self.estimates:
            if estimate.field == dotted:
                return estimate
        return None
