"""Field shapes come from the models' markers, and decide how a schema error reads."""

from __future__ import annotations

import pytest

from interop.load.documents import validate_document
from interop.load.tree import parse_tree
from interop.model.documents import Distressed, DockingInterface, Port, TransportSystem, Vehicle
from interop.model.shape import FieldShape, shape_of


def test_shapes_name_references_ids_and_nested_parts():
    assert shape_of(Port)["interface"] == FieldShape("DockingInterface", None, True)
    assert shape_of(Port)["id"] == FieldShape(None, None, True)
    assert shape_of(Port)["hatch_diameter_mm"] == FieldShape(None, None, False)
    assert shape_of(DockingInterface)["mates_with"] == FieldShape("DockingInterface", None, True)
    assert shape_of(Vehicle)["ports"] == FieldShape(None, Port, False)
    assert shape_of(TransportSystem)["includes"].refers_to == "TransportSystem"
    assert shape_of(Distressed)["docked_to"].refers_to == "Vehicle"
    assert shape_of(TransportSystem)["era"].is_id is False


INTERFACE = "kind: DockingInterface\nschema_version: 1\nid: x\nname: X\nstyle: androgynous\nsources: [{title: t}]\n"
VEHICLE = (
    "kind: Vehicle\nschema_version: 1\nid: v\nname: V\nvehicle_type: crew-vehicle\nstatus: planned\n"
    "crewed: true\nsources: [{title: t}]\n"
)
SYSTEM = "kind: TransportSystem\nschema_version: 1\nid: s\nname: S\nsources: [{title: t}]\n"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (INTERFACE.replace("id: x", "id: Bad_Id"), "SPEC016", "id: 'Bad_Id' is not a valid id"),
        (INTERFACE + "family: Apas\n", "SPEC016", "family: 'Apas' is not a valid id"),
        (INTERFACE + "mates_with: [idss, NDS]\n", "SPEC016", "mates_with.1: 'NDS' is not a valid id"),
        (VEHICLE + "ports: [{id: nose, interface: 'a b', role: either}]\n", "SPEC016", "ports.0.interface: 'a b'"),
        (VEHICLE + "crew_equipment: {suits: [Sokol]}\n", "SPEC016", "crew_equipment.suits.0: 'Sokol'"),
        (SYSTEM + "era: soon\n", "SPEC012", "era: 'soon' does not match the expected form"),
        (INTERFACE + "estimates: [{field: A-B, note: guessed}]\n", "SPEC012", "does not match the expected form"),
    ],
)
def test_a_pattern_error_is_a_bad_id_only_in_a_field_marked_as_an_id(text, code, message):
    data, source_map = parse_tree(text, "a.yaml")
    document, findings = validate_document(data, source_map)
    assert document is None
    [finding] = findings
    assert finding.code == code
    assert message in finding.message


def test_the_marker_decides_not_the_pattern():
    from typing import Annotated

    from pydantic import StringConstraints, ValidationError

    from interop.load.documents import findings_from_validation_error
    from interop.model.base import SLUG_PATTERN, IdForm, StrictModel

    class Probe(StrictModel):
        marked: Annotated[str, StringConstraints(pattern=r"^[a-z]+$"), IdForm()] = "a"
        unmarked: Annotated[str, StringConstraints(pattern=SLUG_PATTERN)] = "a"

    for field, code in (("marked", "SPEC016"), ("unmarked", "SPEC012")):
        data, source_map = parse_tree(f"{field}: Not_An_Id\n", "a.yaml")
        with pytest.raises(ValidationError) as raised:
            Probe.model_validate(data)
        [finding] = findings_from_validation_error(raised.value, data, source_map, Probe)
        assert (finding.code, finding.position.line, finding.position.column) == (code, 1, len(field) + 3)
