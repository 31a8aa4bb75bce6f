"""The shape of a spec document's parts: which fields hold references or nested parts.

The checks after validation (references resolve, estimates name a value,
ports are unique) walk validated documents through :func:`shape_of`, so they
work the same on pydantic models and on the plain objects the compiled
validators of :mod:`interop.load.compiled` build. Nothing here imports
pydantic.
"""

from typing import NamedTuple


class Part:
    """Base of every validated part of a spec document.

    The pydantic models derive from it (``StrictModel``), and so do the plain
    classes the compiled validators fill in.
    """

    __slots__ = ()


class FieldShape(NamedTuple):
    """What one field of a part may hold besides plain values."""

    refers_to: str | None  # the document kind its ids name, if any
    part: type | None  # the class of the nested part(s) it holds, if any


def shape_of(part_class: type) -> dict[str, FieldShape]:
    """Every field of ``part_class``, in declaration order, with its shape."""
    shape = part_class.__dict__.get("__interop_shape__")
    if shape is None:
        shape = _described.get(part_class)
    if shape is None:
        # A pydantic model: described from its fields on first use (the
        # compiled validators' classes carry theirs from the start).
        shape = _described[part_class] = part_class.describe_shape()
    return shape


_described: dict[type, dict[str, FieldShape]] = {}
