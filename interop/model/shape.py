"""The shape of a spec document's parts: which fields hold references, ids or nested parts.

The checks after validation (references resolve, estimates name a value,
ports are unique) and the messages for schema errors walk the models by
these shapes, read once per class from the fields' annotations and their
markers (:class:`~interop.model.base.RefTo`, :class:`~interop.model.base.IdForm`).
"""

from __future__ import annotations

import typing
from functools import cache
from typing import NamedTuple, TypeVar

from interop.model.base import IdForm, RefTo, StrictModel

Marker = TypeVar("Marker")


class FieldShape(NamedTuple):
    """What one field of a part may hold besides plain values."""

    refers_to: str | None  # the document kind its ids name, if any
    part: type[StrictModel] | None  # the class of the nested part(s) it holds, if any
    is_id: bool  # written as an id (or a list of them)


@cache
def shape_of(part_class: type[StrictModel]) -> dict[str, FieldShape]:
    """Every field of ``part_class``, in declaration order, with its shape."""
    shapes = {}
    for name, info in part_class.model_fields.items():
        ref = _marker(RefTo, info.annotation, info.metadata)
        shapes[name] = FieldShape(
            ref.kind if ref else None,
            _nested_part(info.annotation),
            _marker(IdForm, info.annotation, info.metadata) is not None,
        )
    return shapes


def _marker(marker: type[Marker], annotation: object, metadata: list[object]) -> Marker | None:
    """The first ``marker`` in a field's metadata or inside its annotation (``list[VehicleRef] | None``)."""
    for item in metadata:
        if isinstance(item, marker):
            return item
    for arg in typing.get_args(annotation):
        found = _marker(marker, arg, list(getattr(arg, "__metadata__", ())))
        if found is not None:
            return found
    return None


def _nested_part(annotation: object) -> type[StrictModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrictModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_part(arg)
        if found is not None:
            return found
    return None
