"""One bad spec per loader error class: exact code, message and position."""

from __future__ import annotations

import textwrap

import pytest

from interop.load import load_catalog

HEADER = "kind: DockingInterface\nschema_version: 1\nid: {id}\nname: X\nstyle: androgynous\nsources: [{{title: t}}]\n"

CASES = {
    "SPEC001": ({"a.yaml": "kind: Vehicle\nname: [unclosed\n"}, "a.yaml", 3, 1, "expected ',' or ']'"),
    "SPEC002": ({"a.yaml": "- kind: Vehicle\n"}, "a.yaml", 1, 1, "this file holds a list"),
    "SPEC004": (
        {"a.yaml": HEADER.format(id="x") + "notes: [=]\n"},
        "a.yaml",
        7,
        9,
        "'=' is a YAML marker, not a value: quote it",
    ),
    "SPEC005": ({"a.yaml": "kind: Vehicel\nschema_version: 1\n"}, "a.yaml", 1, 7, "did you mean Vehicle?"),
    "SPEC006": ({"a.yaml": "kind: Vehicle\nschema_version: 2\n"}, "a.yaml", 2, 17, "unsupported schema_version 2"),
    "SPEC010": (
        {"a.yaml": "kind: DockingInterface\nschema_version: 1\nid: x\nname: X\nsources: [{title: t}]\n"},
        "a.yaml",
        1,
        1,
        "missing required field 'style'",
    ),
    "SPEC012": ({"a.yaml": HEADER.format(id="x") + "passage_diameter_mm: [800]\n"}, "a.yaml", 7, 22, "got a list"),
    "SPEC015": (
        {"a.yaml": HEADER.format(id="x") + "passage_diameter_mm: -800\n"},
        "a.yaml",
        7,
        22,
        "greater than or equal to 0",
    ),
    "SPEC016": ({"a.yaml": HEADER.format(id="Bad_Id")}, "a.yaml", 3, 5, "not a valid id"),
    "SPEC021": (
        {"a.yaml": HEADER.format(id="same"), "b.yaml": HEADER.format(id="same")},
        "b.yaml",
        3,
        5,
        "duplicate DockingInterface id 'same'",
    ),
    "SPEC022": (
        {"a.yaml": HEADER.format(id="x") + "estimates: [{field: capture.lateral_offset_max_m, note: guessed}]\n"},
        "a.yaml",
        7,
        21,
        "names no value set",
    ),
    "SPEC023": (
        {
            "a.yaml": "kind: TransportSystem\nschema_version: 1\nid: loop\nname: Loop\nincludes: [loop]\nsources: [{title: t}]\n"
        },
        "a.yaml",
        5,
        12,
        "includes itself: loop -> loop",
    ),
    "SPEC026": (
        {
            "ring.yaml": HEADER.format(id="ring") + "mates_with: [ring, cone]\n",
            "cone.yaml": HEADER.format(id="cone").replace("androgynous", "gendered") + "gender: drogue\n",
        },
        "ring.yaml",
        7,
        20,
        "ring is androgynous and cone is gendered; mechanisms of different styles never mate",
    ),
}

GENDERED = HEADER.replace("androgynous", "gendered")


def _catalog(tmp_path, files):
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    return load_catalog([tmp_path]).findings


def test_a_partner_list_that_pairs_one_gender_with_itself_is_a_finding(tmp_path):
    findings = _catalog(
        tmp_path,
        {
            "probe.yaml": GENDERED.format(id="probe") + "gender: probe\nmates_with: [other-probe]\n",
            "other.yaml": GENDERED.format(id="other-probe") + "gender: probe\n",
        },
    )
    [finding] = [f for f in findings if f.code == "SPEC026"]
    assert "both probe on every port of the catalog" in finding.message
    assert (finding.position.line, finding.position.column) == (8, 14)


def test_a_hybrid_listing_itself_is_fine_when_its_ports_take_both_genders(tmp_path):
    vehicle = (
        "kind: Vehicle\nschema_version: 1\nid: module\nname: M\nvehicle_type: station-module\ncrewed: false\nstatus: operational\n"
        "sources: [{title: t}]\nports:\n"
        "  - {id: fwd, interface: hybrid, role: active, gender: probe}\n"
        "  - {id: aft, interface: hybrid, role: passive}\n"
    )
    hybrid = GENDERED.format(id="hybrid") + "gender: drogue\nmates_with: [hybrid]\n"
    assert [f for f in _catalog(tmp_path, {"hybrid.yaml": hybrid, "module.yaml": vehicle}) if f.code == "SPEC026"] == []
    (tmp_path / "module.yaml").unlink()
    [finding] = [f for f in load_catalog([tmp_path]).findings if f.code == "SPEC026"]
    assert "both drogue" in finding.message


@pytest.mark.parametrize("code", sorted(CASES))
def test_error_class(code, tmp_path):
    files, where, line, column, text = CASES[code]
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    findings = load_catalog([tmp_path]).findings
    matching = [f for f in findings if f.code == code]
    assert matching, [f.format() for f in findings]
    finding = matching[0]
    assert finding.position.path == str(tmp_path / where)
    assert (finding.position.line, finding.position.column) == (line, column), finding.format()
    assert text in finding.message, finding.message


def test_json_files_get_positions_too(tmp_path):
    (tmp_path / "a.json").write_text(
        textwrap.dedent("""\
        {
          "kind": "DockingInterface",
          "schema_version": 1,
          "id": "x",
          "name": "X",
          "style": "sideways",
          "sources": [{"title": "t"}]
        }
        """)
    )
    [finding] = load_catalog([tmp_path]).findings
    assert (finding.code, finding.position.line, finding.position.column) == ("SPEC013", 6, 12)


def test_a_scenario_wide_return_days_is_deprecated_and_applies_to_no_responder(tmp_path):
    """SPEC040 warns; the scenario loads, and each responder returns in its own vehicle (issue 26)."""
    import shutil

    from interop.engine import run_scenario
    from interop.model.finding import Severity
    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    scenario = folder / "scenarios" / "stranded.yaml"
    scenario.write_text(scenario.read_text() + "return_days: 9\n")
    loaded = load_catalog([folder])
    [warning] = loaded.findings
    assert (warning.code, warning.severity, warning.position.line) == ("SPEC040", Severity.WARNING, 9)
    assert loaded.ok
    [result] = run_scenario(loaded.catalog, "stranded").results
    [home] = [f for f in result.findings if f.code == "CONS001"]
    assert "for 9 days" not in home.message


def test_eva_capable_is_a_deprecated_alias_of_suited_egress(tmp_path):
    """The old name still loads (SPEC040, a warning) and means the same: a suited crew can leave or enter."""
    import shutil

    from interop.model.finding import Severity
    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    rescuer = folder / "vehicles" / "rescuer.yaml"
    rescuer.write_text(rescuer.read_text().replace("suited_egress: false", "eva_capable: true"))
    loaded = load_catalog([folder])
    [warning] = loaded.findings
    assert (warning.code, warning.severity, warning.position.line) == ("SPEC040", Severity.WARNING, 14)
    assert "suited_egress" in warning.message
    vehicle = loaded.catalog.vehicles["rescuer"]
    assert vehicle.egress_flag() == (True, "eva_capable") and vehicle.lets_suited_crew_out() is True


def test_a_shelter_that_is_not_the_return_vehicle_can_be_written_and_is_checked(tmp_path):
    """Apollo 13's shape: the crew lives in one vehicle and goes home in another (issue 26, SPEC041)."""
    import shutil

    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    scenario = folder / "scenarios" / "stranded.yaml"
    text = scenario.read_text()
    good = text.replace("delta_v_required_mps: 500}", "delta_v_required_mps: 500, shelter: station}") + (
        "shelters:\n  - {vehicle: station, life_support_hours: 90, note: the crew waits aboard}\n"
    )
    scenario.write_text(good)
    loaded = load_catalog([folder])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    shelters = loaded.catalog.scenarios["stranded"].shelters
    assert [(s.vehicle, s.life_support_hours) for s in shelters] == [("station", 90)]
    assert loaded.catalog.scenarios["stranded"].responders[0].shelter == "station"
    scenario.write_text(good.replace("shelter: station}", "shelter: distressed}"))
    [finding] = load_catalog([folder]).findings
    assert finding.code == "SPEC041" and "'distressed' is not among the scenario's shelters" in finding.message
    scenario.write_text(good.replace("shelter: station}", "shelter: rescuer}"))
    [finding] = load_catalog([folder]).findings
    assert finding.code == "SPEC041" and "a shelter is another vehicle" in finding.message
    uncrewed = folder / "vehicles" / "station.yaml"
    uncrewed.write_text(uncrewed.read_text().replace("crewed: true", "crewed: false"))
    scenario.write_text(good)
    [finding] = load_catalog([folder]).findings
    assert finding.code == "SPEC041" and "not crewed" in finding.message and finding.position.line == 10
