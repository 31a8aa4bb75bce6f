"""Project configuration: discovery, validation with positions, engine options, waivers."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interop.cli import app
from interop.engine import check_vehicles
from interop.engine.project import engine_options, load_project_config
from interop.load import load_catalog
from interop.load.config import find_config
from interop.load.toml_positions import toml_source_map
from interop.model.finding import Severity, Verdict
from interop.model.vocabulary import Regime
from interop.report.records import finding_record
from interop.rules.base import registry
from tests.spec_builders import element, interface, port, system, vehicle, write

TODAY = date(2030, 6, 1)


def load(path: Path, today: date = TODAY):
    return load_project_config(path, today=today)


def codes_at(result) -> list[tuple[str, int, int]]:
    return [(f.code, f.position.line, f.position.column) for f in result.findings]


# ---------------------------------------------------------------- discovery


def test_config_is_found_walking_up_and_interop_toml_wins(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.interop]\nstrict = true\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "interop.toml").write_text("strict = false\n")
    assert find_config(deep) == tmp_path / "a" / "interop.toml"


def test_a_pyproject_without_the_table_is_passed_over_and_the_search_stops_at_the_repository(tmp_path):
    (tmp_path / "interop.toml").write_text("")  # above the repository: never read
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(repo) is None


def test_pyproject_settings_and_spec_paths_relative_to_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.interop]\nspecs = ['specs', 'more/specs']\nsystems = ['us-artemis', 'ru-lunar']\nstrict = true\n"
    )
    result = load(tmp_path / "pyproject.toml")
    assert result.findings == [] and not result.fatal
    config = result.config
    assert config.settings.systems == ["us-artemis", "ru-lunar"]
    assert [Path(p).absolute() for p in config.specs] == [tmp_path / "specs", tmp_path / "more" / "specs"]


# ------------------------------------------------------- errors with positions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("strict = true\nstrikt = 1\n", [("CONF011", 2, 1)]),
        ("[severity]\nATM001 = 'loud'\n", [("CONF013", 2, 10)]),
        ("systems = ['US Artemis']\n", [("CONF016", 1, 12)]),
        ("disable = ['PWR001', 'DOCK02']\n", [("CONF020", 1, 22)]),
        ("[rules.XFER001]\nmin_pasage_mm = 600\n", [("CONF021", 2, 17)]),
        ("[rules.XFER001]\nmin_passage_mm = 'wide'\n", [("CONF021", 2, 18)]),
        ("strict = \n", [("CONF001", 1, 10)]),
        ("[[waivers]]\ncode = 'DOCK002'\nowner = 'ops'\nexpires = 2031-01-01\n", [("CONF010", 1, 1)]),
        ("[[waivers]]\ncode = 'DOCK002'\nreason = 'r'\nowner = 'ops'\nexpires = 2031-01-01\n", [("CONF022", 1, 1)]),
    ],
    ids=[
        "unknown-setting",
        "bad-severity",
        "bad-system-id",
        "unknown-rule",
        "unknown-option",
        "option-type",
        "toml-syntax",
        "waiver-without-reason",
        "waiver-without-subject",
    ],
)
def test_bad_configuration_is_a_positioned_fatal_finding(tmp_path, text, expected):
    path = tmp_path / "interop.toml"
    path.write_text(text)
    result = load(path)
    assert codes_at(result) == expected
    assert result.fatal
    assert all(f.position.path.endswith("interop.toml") for f in result.findings)


def test_unknown_names_come_with_a_suggestion(tmp_path):
    path = tmp_path / "interop.toml"
    path.write_text("strikt = true\n")
    assert [f.message for f in load(path).findings] == ["unknown field 'strikt' (did you mean strict?)"]
    path.write_text("disable = ['DOCK02']\n")
    assert [f.message for f in load(path).findings] == [
        "no rule 'DOCK02' (did you mean DOCK002?); 'interop rules' lists them"
    ]


def test_positions_in_pyproject_are_lines_of_the_pyproject(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'x'\n\n[tool.interop.severity]\nATM001 = 'loud'\n")
    assert codes_at(load(path)) == [("CONF013", 5, 10)]


def test_toml_positions_cover_tables_arrays_of_tables_and_inline_values():
    text = "[tool.interop]\ndisable = [\n  'A',  # why\n  'B',\n]\nseverity = { X = 'info' }\n\n[[tool.interop.waivers]]\ncode = 'X'\n\n[[tool.interop.waivers]]\nreason = '''multi\nline'''\nowner = 'o'\n"
    source = toml_source_map(text, "pyproject.toml", ("tool", "interop"))
    assert source.values[("disable", 1)] == (4, 3)
    assert source.values[("severity", "X")] == (6, 18)
    assert source.values[("waivers", 1)] == (11, 1)
    assert source.values[("waivers", 1, "owner")] == (14, 9)
    assert source.keys[("waivers", 0, "code")] == (9, 1)


@pytest.mark.parametrize("form", ["[{}]\nx = 1\n", "[[{}]]\nx = 1\n", "rules.{} = 1\n"])
def test_a_key_of_thousands_of_parts_is_placed_to_the_scan_depth_then_the_scan_stops(form):
    from interop.load.toml_positions import MAX_SCAN_DEPTH

    # Placing every prefix of a 10,000-part key took time quadratic in its length.
    text = "a = 1\n" + form.format(".".join(["k"] * 10_000)) + "b = 2\n"
    source = toml_source_map(text, "deep.toml")
    assert source.keys[("a",)] == (1, 1)
    placed = [path for path in {*source.keys, *source.values} if path and path[0] in ("k", "rules")]
    assert max(len(path) for path in placed) <= MAX_SCAN_DEPTH + 1  # an array element's index adds one
    assert len(placed) <= 2 * (MAX_SCAN_DEPTH + 1)
    first = ("rules", "k") if form.startswith("rules") else ("k",)
    assert (source.keys.get(first) or source.values[first])[0] == 2
    assert ("b",) not in source.keys  # the scan ended at the deep key


# ------------------------------------------------------------------ waivers


WAIVERS = """
enable = ["DOCK"]

[[waivers]]
code = "DOCK001"
subject = "* -> starliner @ leo"
reason = "crew transfer by spacewalk is the accepted contingency"
owner = "ops@example.org"
expires = 2031-01-01

[[waivers]]
fingerprint = "{fingerprint}"
reason = "adapter under design"
owner = "docking-wg"
expires = "2031-01-01"

[[waivers]]
code = "DOCK002"
subject = "dragon -> starliner @ leo"
reason = "old decision"
owner = "nobody"
expires = 2030-05-31
"""


@pytest.fixture
def active_only_pair(tmp_path):
    folder = write(
        tmp_path / "specs",
        interface("idss"),
        vehicle("dragon", [port("nose", "idss", "active")], regimes=["leo"]),
        vehicle("starliner", [port("nose", "idss", "active")], regimes=["leo"]),
        system("us", [element("dragon"), element("starliner")]),
    )
    return load_catalog([folder]).catalog


def _dock005_fingerprint(catalog) -> str:
    result = check_vehicles(catalog, "dragon", "starliner", Regime.LEO, crew=2, options=engine_options(None))
    return next(f for f in result.findings if f.code == "DOCK005").fingerprint()


def test_expired_waiver_is_an_error_at_its_expiry_and_is_not_applied(tmp_path, active_only_pair):
    path = tmp_path / "interop.toml"
    path.write_text(WAIVERS.format(fingerprint=_dock005_fingerprint(active_only_pair)))
    result = load(path)
    assert not result.fatal
    [expired] = result.findings
    assert (expired.code, expired.position.line, expired.position.column) == ("CONF030", 22, 11)
    assert "expired on 2030-05-31 (owner nobody)" in expired.message
    assert [w.settings.code or "fingerprint" for w in result.config.waivers] == ["DOCK001", "fingerprint"]
    # One day earlier it was still in force.
    assert load(path, today=date(2030, 5, 31)).findings == []


def test_waived_findings_are_still_reported_but_no_longer_count(tmp_path, active_only_pair):
    path = tmp_path / "interop.toml"
    path.write_text(WAIVERS.format(fingerprint=_dock005_fingerprint(active_only_pair)))
    options = engine_options(load(path).config)
    result = check_vehicles(active_only_pair, "dragon", "starliner", Regime.LEO, crew=2, options=options)
    by_code = {f.code: f for f in result.findings}
    assert set(by_code) == {"DOCK001", "DOCK002", "DOCK005", "DOCK007"} | {
        c for c in by_code if by_code[c].verdict is Verdict.PASS
    }
    assert (
        by_code["DOCK001"].waived
        == "crew transfer by spacewalk is the accepted contingency (owner ops@example.org, expires 2031-01-01)"
    )
    assert by_code["DOCK005"].waived.startswith("adapter under design")
    assert by_code["DOCK002"].waived is None  # its waiver expired
    assert result.verdict is Verdict.FAIL  # DOCK002 still fails
    assert finding_record(by_code["DOCK001"])["waived"].startswith("crew transfer")
    assert by_code["DOCK001"] not in result.deciding()

    still_valid = engine_options(load(path, today=date(2030, 5, 1)).config)
    result = check_vehicles(active_only_pair, "dragon", "starliner", Regime.LEO, crew=2, options=still_valid)
    assert result.verdict is Verdict.UNKNOWN  # only DOCK007's unknown counts now
    assert [f.code for f in result.deciding()] == ["DOCK007"]


# ------------------------------------------------------------ engine options


def test_configuration_maps_onto_engine_options(tmp_path):
    path = tmp_path / "interop.toml"
    path.write_text(
        "strict = true\nenable = ['DOCK', 'XFER001']\ndisable = ['DOCK007']\n"
        "[severity]\nDOCK003 = 'warning'\n[rules.XFER001]\nmin_passage_mm = 600\n"
    )
    options = engine_options(load(path).config)
    enabled = set(registry()) - options.disabled
    assert enabled == {c for c in registry() if c.startswith("DOCK") and c != "DOCK007"} | {"XFER001"}
    assert options.strict is True
    assert options.severities == {"DOCK003": Severity.WARNING}
    assert options.rule_options == {"XFER001": {"min_passage_mm": 600}}
    assert engine_options(load(path).config, strict=False).strict is False  # a flag wins
    assert engine_options(None) == engine_options(None, strict=False)


# ---------------------------------------------------------------------- CLI


def _run(folder: Path, *args):
    previous = os.getcwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        os.chdir(previous)


@pytest.fixture
def project(tmp_path, active_only_pair):
    (tmp_path / ".git").mkdir()  # the search for configuration stops here
    return tmp_path


def test_cli_reads_specs_and_rules_from_the_configuration(project):
    (project / "interop.toml").write_text("specs = ['specs']\nenable = ['DOCK']\n")
    result = _run(
        project, "check", "--rescuer", "dragon", "--distressed", "starliner", "--at", "leo", "--format", "json"
    )
    assert result.exit_code == 1, result.output
    codes = {f["code"] for stage in json.loads(result.stdout)["stages"] for f in stage["findings"]}
    assert codes and all(code.startswith("DOCK") for code in codes)
    everything = _run(
        project,
        "--no-config",
        "check",
        "--rescuer",
        "dragon",
        "--distressed",
        "starliner",
        "--at",
        "leo",
        "--format",
        "json",
    )
    assert any(not f["code"].startswith("DOCK") for s in json.loads(everything.stdout)["stages"] for f in s["findings"])


def test_cli_bad_configuration_exits_2_with_a_position_and_no_traceback(project):
    (project / "interop.toml").write_text("enable = ['DOCK']\nstrict = 'yes'\n")
    result = _run(project, "check", "--rescuer", "dragon", "--distressed", "starliner", "--at", "leo")
    assert result.exit_code == 2
    assert "interop.toml:2:10: strict: expected a valid boolean" in result.output
    assert "Traceback" not in result.output


def test_cli_expired_waiver_fails_the_run(project):
    (project / "interop.toml").write_text(
        "enable = ['DOCK']\n[[waivers]]\ncode = 'DOCK001'\nsubject = '*'\nreason = 'r'\nowner = 'o'\nexpires = 2001-01-01\n"
    )
    result = _run(project, "matrix")
    assert result.exit_code == 1
    assert "interop.toml:7:11: waiver for DOCK001 '*' expired on 2001-01-01" in result.output


def test_cli_reports_mark_waived_findings_with_their_reason(project):
    (project / "interop.toml").write_text(
        "enable = ['DOCK']\n[[waivers]]\ncode = 'DOCK002'\nsubject = 'dragon -> starliner @ leo'\n"
        "reason = 'both capsules are active-only by design'\nowner = 'ops'\nexpires = 2999-01-01\n"
    )
    args = ["check", "--rescuer", "dragon", "--distressed", "starliner", "--at", "leo"]
    text = " ".join(_run(project, *args).output.split())  # the text report wraps at 80 columns
    assert "DOCK002 roles do not complement" in text
    assert "waived: both capsules are active-only by design (owner ops, expires 2999-01-01)" in text
    record = json.loads(_run(project, *args, "--format", "json").stdout)
    waived = [f for s in record["stages"] for f in s["findings"] if f["waived"]]
    assert [f["code"] for f in waived] == ["DOCK002"]


def test_validate_without_paths_checks_the_configured_specs_else_specs(project, tmp_path):
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "bad.yaml").write_text("kind: Vehicle\nschema_version: 1\n")
    (project / "interop.toml").write_text("specs = ['elsewhere']\n")
    configured = _run(project, "validate")
    assert configured.exit_code == 1 and "elsewhere/bad.yaml:1:1" in configured.output, configured.output
    unconfigured = _run(project, "--no-config", "validate")
    assert unconfigured.exit_code == 0, unconfigured.output
    assert unconfigured.stdout.strip().endswith("files valid")
    (project / "interop.toml").unlink()
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    missing = _run(empty, "validate")
    assert missing.exit_code == 2 and "no such file or folder: specs" in missing.output


# ------------------------------------------------- the TOML position scanner

from hypothesis import assume, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TRICKY = st.sampled_from(list("\"\\]},#[{'=. \té") + ["a", "b", "\\]", '\\"'])
_raw = st.lists(_TRICKY, max_size=6).map("".join)


def _basic(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "").replace("\n", "") + "'"


def _multi(quote: str):
    pieces = st.sampled_from(
        ["a", quote, quote * 2, "\n", "]", "}", ",", "#", "\\\\"] + (['\\"'] if quote == '"' else [])
    )
    return st.lists(pieces, max_size=6).map(lambda parts: quote * 3 + "".join(parts) + quote * 3)


_bare = st.text(alphabet="abcXY019_-", min_size=1, max_size=4)
_key = st.one_of(_bare, _raw.map(_basic), _raw.map(_literal))
_key_path = st.tuples(st.lists(_key, min_size=1, max_size=3), st.sampled_from([".", " . "])).map(
    lambda kp: kp[1].join(kp[0])
)
_scalar = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["true", "false", "1979-05-27T07:32:00Z", "1979-05-27", "nan", "-inf", "0x1F", "1_000"]),
    _raw.map(_basic),
    _raw.map(_literal),
    _multi('"'),
    _multi("'"),
)


def _array(args) -> str:
    items, multiline, trailing = args
    if not multiline:
        return "[" + ", ".join(items) + (", " if trailing and items else "") + "]"
    body = "".join(f'\n  {item}, # ],}} "\n' for item in items)
    return "[" + body + "]"


_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.tuples(st.lists(inner, max_size=3), st.booleans(), st.booleans()).map(_array),
        st.lists(st.tuples(_key_path, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=6,
)
_pairs = st.lists(
    st.tuples(_key_path, _value, st.sampled_from(["", "  # a comment ] } \" '"])).map(
        lambda p: f"{p[0]} = {p[1]}{p[2]}\n"
    ),
    max_size=3,
).map("".join)
_section = st.tuples(st.sampled_from(["[{}]", "[[{}]]", "[ {} ]"]), _key_path, _pairs).map(
    lambda s: s[0].format(s[1]) + "\n" + s[2]
)
_document = st.tuples(_pairs, st.lists(_section, max_size=4)).map(lambda d: d[0] + "".join(d[1]))


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + (key,)
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield prefix + (index,)
            yield from _paths(item, prefix + (index,))


# Every construct the scanner must place, each run (the explicit examples);
# the generated documents combine them at random: 100 a run, each ~25 ms,
# most of it in drawing the document.
@settings(max_examples=100, deadline=None)
@given(_document)
@example('a = 1\n[t]\nb = "x"\n')
@example("[[arr]]\nx = 1\n[[arr]]\nx = 2\n[[arr]]\n")
@example("\"a.b\" . 'c' = 1\nd.e = [1, [2, 3], ]\n")
@example("s = \"\"\"a\"\"\n]}\"\"\"\nt = '''x''\n#'''\n")
@example('i = {x = {y = [1, {z = "]"}]}, "q" = \'w\'}\n')
@example('a = [\n  1, # ],} "\n  "b", # ],} "\n]\n')
@example('[ x . "y" ]\nk = 1979-05-27T07:32:00Z  # a comment ] } " \'\n[x.z]\nf = -inf\n')
@example('"\\"]" = 1\n\'\\]\' = 2\n"\\\\" = nan\n')
@example('e = "é\\t#" # é\n[[ "é" . a ]]\n0x1F = 0x1F\n1_000 = 1_000\n')
def test_the_position_scanner_places_every_key_tomllib_sees(text):
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)
    source = toml_source_map(text, "fuzz.toml")
    lines = text.count("\n") + 1
    for path in _paths(data):
        assert path in source.values or path in source.keys, (path, text)
        line, column = source.values.get(path) or source.keys[path]
        assert 1 <= line <= lines and column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("[]{}\"'#=.,\n \\abc1"), max_size=200))
def test_the_position_scanner_ends_on_any_text(text):
    # Not TOML at all, mostly: the scan must still end, with a map.
    source = toml_source_map(text, "noise.toml")
    assert source.values[()] == (1, 1) or () in source.values
