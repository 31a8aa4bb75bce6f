"""Spec text read as every other tool reads it (issue 14): YAML 1.1 readings,
hidden line breaks, bad tagged values, numbers too long to print, JSON as
json.loads reads it, linear-time patterns, file names that are not UTF-8 and
limits past the platform's.

Every class is generated (hypothesis) and run through the real command line in
a subprocess with a timeout and an address-space limit; each case asserts the
exit code, the exact ``file:line:column`` and that no traceback appears. Several
generated files go to one run, so a few runs cover many cases.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interop.load.tree import TreeError, parse_tree
from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 30  # generous: two cores are shared; a quadratic case takes minutes
MEMORY_BYTES = 2 * 1024**3
VALID = (
    (ROOT / "specs" / "interfaces" / "idss.yaml").read_text().replace("mates_with: [idss, nds]", "mates_with: [idss]")
)
LINES = VALID.splitlines()
NAME_LINE = LINES.index(next(line for line in LINES if line.startswith("name: "))) + 1  # a string field
SIZE_LINE = LINES.index("passage_diameter_mm: 800") + 1  # a length with a unit
EXAMPLES = int(os.environ.get("INTEROP_FUZZ_EXAMPLES", "8"))
CLI = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run(args, env=None, entry=("-m", "interop")):
    """The real command line, bounded in time and memory; never a traceback."""
    options = {"timeout": SECONDS, "cwd": ROOT, "preexec_fn": _limit_memory, "env": {**os.environ, **(env or {})}}
    if entry == ("-m", "interop"):
        result = cli_process.run(args, text=False, **options)
    else:
        result = subprocess.run([sys.executable, *entry, *map(str, args)], capture_output=True, **options)
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    return result.returncode, out, err


def validate(*args, env=None):
    return run(["--no-config", "validate", *args], env)


def findings_by_file(out: str) -> dict[str, list[tuple[str, str, str]]]:
    """{file: [(line:column, message, code)]} from the text report."""
    found: dict[str, list] = {}
    for line in out.splitlines():
        match = re.match(r"(.+?):(\d+:\d+): (.*) \[([A-Z]+\d+)\]$", line)
        if match:
            found.setdefault(match.group(1), []).append((match.group(2), match.group(3), match.group(4)))
    return found


def with_line(number: int, text: str) -> str:
    lines = list(LINES)
    lines[number - 1] = text
    return "\n".join(lines) + "\n"


def expect_each(tmp_path, cases, exit_code=1):
    """Write each (text, code, line, column) case to its own file; one run; each file
    has exactly the one finding expected, where expected."""
    paths = []
    for index, (text, code, line, column) in enumerate(cases):
        path = tmp_path / f"case-{index}.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        paths.append((path, code, line, column))
    status, out, err = validate(*[p for p, *_ in paths])
    assert status == exit_code, out + err
    found = findings_by_file(out)
    for path, code, line, column in paths:
        first = found.get(str(path))
        assert first, (path, out)
        assert (first[0][0], first[0][2]) == (f"{line}:{column}", code), (path, out)
        assert all(len(message) < 400 for _, message, _ in first), out
    return found


# --- YAML 1.1 readings ---------------------------------------------------------------

YAML11_BOOLEANS = ["y", "n", "yes", "no", "on", "off"]


def _any_case(word: str):
    return st.tuples(*[st.sampled_from([c.lower(), c.upper()]) for c in word]).map("".join)


_digits = st.text("0123456789", min_size=1, max_size=6)
_octal = st.text("01234567", min_size=1, max_size=6)
# Texts YAML 1.1 (PyYAML) reads as another value than YAML 1.2's core schema does.
misread = st.one_of(
    st.sampled_from(YAML11_BOOLEANS).flatmap(_any_case),  # booleans to 1.1, text to 1.2
    st.sampled_from(["true", "false"])
    .flatmap(_any_case)
    .filter(lambda t: t not in ("true", "True", "TRUE", "false", "False", "FALSE")),
    st.tuples(st.sampled_from(["", "-", "+"]), st.text("1234567", min_size=1, max_size=1), _octal).map(
        lambda p: f"{p[0]}0{p[1]}{p[2]}"
    ),  # 010: 8 to 1.1, 10 to 1.2
    st.tuples(st.sampled_from(["", "-", "+"]), _digits, st.lists(st.integers(0, 59), min_size=1, max_size=3)).map(
        lambda p: p[0] + str(int(p[1]) or 1) + "".join(f":{n:02d}" for n in p[2])
    ),  # sexagesimal
    st.text("01", min_size=1, max_size=8).map(lambda d: f"0b{d}"),
    st.tuples(_digits, _digits).map(lambda p: f"{int(p[0]) or 1}_{p[1]}"),  # 2_10
    st.tuples(_digits, _digits).map(lambda p: f"+{int(p[0]) or 1}_{p[1]}.5"),
    _octal.map(lambda d: f"0o{d}"),  # 8 to 1.2, text to 1.1
    st.tuples(st.sampled_from(["-", "+"]), st.text("0123456789abcdef", min_size=1, max_size=4)).map(
        lambda p: f"{p[0]}0x{p[1]}"
    ),
    _digits.map(lambda d: f"-.{d}"),  # -0.5 to 1.2, text to 1.1
    st.tuples(st.sampled_from(["0", "00"]), st.sampled_from("89"), _digits).map("".join),  # 08: 8 to 1.2, text to 1.1
)


def _place(text: str, where: str) -> tuple[str, int, int]:
    """A valid spec with ``text`` plain at ``where``; the line and column of ``text``."""
    if where == "value":
        return with_line(NAME_LINE, f"name: {text}"), NAME_LINE, len("name: ") + 1
    if where == "flow":
        line = LINES.index("mates_with: [idss]") + 1
        return with_line(line, f"mates_with: [idss, {text}]"), line, len("mates_with: [idss, ") + 1
    if where == "key":
        return VALID + f"{text}: 1\n", len(LINES) + 1, 1
    line = LINES.index("notes:") + 1  # a block list item, indented
    return with_line(line, f"notes:\n  - {text}"), line + 1, 5


@CLI
@given(cases=st.lists(st.tuples(misread, st.sampled_from(["value", "flow", "key", "item"])), min_size=1, max_size=6))
def test_plain_values_yaml_11_reads_otherwise_are_refused_at_the_value(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("yaml11")
    placed = [(*_place(text, where), text, where) for text, where in cases]
    found = expect_each(tmp_path, [(doc, "SPEC007", line, column) for doc, line, column, *_ in placed])
    for index, (_, _, _, text, where) in enumerate(placed):
        message = found[str(tmp_path / f"case-{index}.yaml")][0][1]
        assert message.startswith(("key " if where == "key" else "") + repr(text)), message
        assert f'"{text}" in quotes' in message, message  # what to write instead


@CLI
@given(texts=st.lists(misread, min_size=1, max_size=6))
def test_the_same_texts_quoted_are_the_text(tmp_path_factory, texts):
    tmp_path = tmp_path_factory.mktemp("quoted")
    for index, text in enumerate(texts):
        document = with_line(NAME_LINE, f'name: "{text}"').replace("id: idss", f"id: q-{index}")
        (tmp_path / f"q-{index}.yaml").write_text(document.replace("mates_with: [idss]", f"mates_with: [q-{index}]"))
    status, out, err = validate(tmp_path)
    assert status == 0, out + err


# Texts both versions read alike: plain decimals, 1.2 floats with a dot, the core booleans and nulls.
read_alike = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr).filter(lambda t: "e" not in t),
    st.sampled_from(["true", "True", "TRUE", "false", "False", "FALSE", "null", "~", "Null", ".inf", "-.inf", ".NaN"]),
    st.sampled_from(["007", "00", "-0", "+12", "0x1F", "1.", "1e5", "2.5E-3", "-1e+3"]),
)


@settings(max_examples=300, deadline=None)
@given(text=read_alike)
def test_texts_both_versions_read_alike_are_their_value(text):
    import yaml

    value, _ = parse_tree(f"v: {text}\n", "x.yaml")
    expected = yaml.safe_load(f"v: {text}\n")["v"]
    if isinstance(expected, str):  # PyYAML reads 1e5 as text; YAML 1.2 and JSON as a number
        expected = float(expected)
    assert value["v"] == expected or (value["v"] != value["v"] and expected != expected)
    assert type(value["v"]) is type(expected) or isinstance(expected, float)


def test_a_false_is_shown_as_written_in_messages(tmp_path):
    path = tmp_path / "false.yaml"
    path.write_text(with_line(NAME_LINE, "name: false"))
    status, out, _ = validate(path)
    assert status == 1 and f"{path}:{NAME_LINE}:7: name: expected a valid string; got false (a boolean)" in out, out


# --- Hidden line breaks --------------------------------------------------------------

HIDDEN = ["\u2028", "\u2029", "\x85", "\r"]


@CLI
@given(
    cases=st.lists(
        st.tuples(st.sampled_from(HIDDEN), st.integers(1, len(LINES)), st.integers(0, 200), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_hidden_line_breaks_are_refused_where_editors_show_them(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("breaks")
    expected = []
    for char, line, offset, crlf in cases:
        lines = list(LINES)
        column = min(offset, len(lines[line - 1]))
        lines[line - 1] = lines[line - 1][:column] + char + "hidden_key: 1" + lines[line - 1][column:]
        text = ("\r\n" if crlf and char != "\r" else "\n").join(lines) + "\n"
        expected.append((text, "SPEC036", line, column + 1))
    expect_each(tmp_path, expected)
    for index, (_, _, line, _) in enumerate(expected):  # the line grep -n shows
        grep = subprocess.run(
            ["grep", "-n", "hidden_key: 1", str(tmp_path / f"case-{index}.yaml")], capture_output=True
        )
        assert grep.stdout.split(b":", 1)[0] == str(line).encode()


TOP_LEVEL = [n for n, text in enumerate(LINES, 1) if n > 1 and re.match("[a-z]", text)]


@CLI
@given(line=st.sampled_from(TOP_LEVEL), crlf=st.booleans())
def test_line_numbers_of_other_findings_match_editors(tmp_path_factory, line, crlf):
    tmp_path = tmp_path_factory.mktemp("lines")
    lines = list(LINES)
    lines.insert(line - 1, "unknown_field_here: 1")
    text = ("\r\n" if crlf else "\n").join(lines) + "\n"
    expect_each(tmp_path, [(text, "SPEC011", line, 1)])


def test_control_characters_are_named_where_they_stand(tmp_path):
    expect_each(tmp_path, [(with_line(NAME_LINE, "name: é\x0cx"), "SPEC033", NAME_LINE, 8)])


# --- Tags, long numbers ----------------------------------------------------------------

bad_tagged = st.one_of(
    st.tuples(st.just("int"), st.sampled_from(["abc", "1.5", "0b11", "1_000", "1:30", "x1", "true"])),
    st.tuples(st.just("float"), st.sampled_from(["abc", "1_0.5", "1:30.5", "inf", "nan", "0x10"])),
    st.tuples(st.just("bool"), st.sampled_from(["maybe", "yes", "no", "1", "on", "tRUE"])),
    st.tuples(st.just("null"), st.sampled_from(["x", "0", "none", "None", "false"])),
    st.tuples(st.just("timestamp"), st.sampled_from(["x", "2024-13-45", "2024-02-30", "12:30", "2024-1-1"])),
)


@CLI
@given(cases=st.lists(st.tuples(bad_tagged, st.booleans()), min_size=1, max_size=6))
def test_tags_with_bad_values_are_refused_at_the_value(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("tags")
    docs = []
    for (tag, text), quoted in cases:
        written = f'"{text}"' if quoted else text
        docs.append((with_line(NAME_LINE, f"name: !!{tag} {written}"), "SPEC008", NAME_LINE, 7))
    expect_each(tmp_path, docs)


long_numbers = st.one_of(
    st.integers(4301, 60_000).map(lambda n: "9" * n),
    st.integers(4301, 60_000).map(lambda n: "-1" + "0" * n),
    st.integers(3700, 60_000).map(lambda n: "0x" + "f" * n),
    st.integers(5000, 60_000).map(lambda n: "0o" + "7" * n),
)


@CLI
@given(cases=st.lists(st.tuples(long_numbers, st.sampled_from(["value", "flow", "item"])), min_size=1, max_size=4))
def test_numbers_too_long_to_print_are_refused_at_the_value(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("long")
    expect_each(tmp_path, [(*(lambda d, ln, c: (d, "SPEC015", ln, c))(*_place(text, where)),) for text, where in cases])


@CLI
@given(
    text=st.one_of(
        st.integers(10, 100_000).map(lambda n: "1" + ":30" * n),  # sexagesimal: 1.1 reads a huge base-60 number
        st.integers(4000, 100_000).map(lambda n: "0b" + "1" * n),
        st.integers(5000, 60_000).map(lambda n: "1_" + "0" * n),
    )
)
def test_huge_yaml_11_numbers_are_refused_without_being_computed(tmp_path_factory, text):
    tmp_path = tmp_path_factory.mktemp("huge11")
    doc, line, column = _place(text, "value")
    expect_each(tmp_path, [(doc, "SPEC007", line, column)])


def test_a_number_just_printable_is_shortened_in_messages(tmp_path):
    # 4,300 digits read as an integer, but no float holds it: a type finding, the number described.
    found = expect_each(
        tmp_path, [(with_line(SIZE_LINE, "passage_diameter_mm: " + "9" * 4300), "SPEC012", SIZE_LINE, 22)]
    )
    assert "digits" in next(iter(found.values()))[0][1]


# --- JSON ------------------------------------------------------------------------------

json_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_text, inner, max_size=4),
    max_leaves=20,
)


# Each kind of value, layout and hidden line break every run (the examples);
# 100 generated documents a run (~10 ms each, mostly drawing them) mix them.
@settings(max_examples=100, deadline=None)
@given(
    document=st.dictionaries(json_text, json_values, min_size=1, max_size=6),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 0, 2, "\t"]),
)
@example(document={"a": "\u2028", "b": "\x85"}, ascii_only=False, indent=None)
@example(document={"a": "\u2028", "b": "\x85", "c": "\u2029"}, ascii_only=True, indent=2)
@example(document={"k": [1e308, -0.0, 5e-324, 10**20, -(10**20), 0.1]}, ascii_only=True, indent=0)
@example(document={"": {"": [[], {}, None, True, False, ""]}}, ascii_only=False, indent="\t")
@example(document={"é": "\U0001f600", "\x00": '"\\/\b\f\n\r\t'}, ascii_only=False, indent=2)
@example(document={"deep": [[[[[[[[[[{"x": 1}]]]]]]]]]]}, ascii_only=True, indent=None)
def test_json_means_what_json_loads_reads(document, ascii_only, indent):
    text = json.dumps(document, ensure_ascii=ascii_only, indent=indent)
    if re.search("[\x85\u2028\u2029]", text):
        with pytest.raises(TreeError) as caught:  # hidden line breaks are refused in JSON too
            parse_tree(text, "x.json")
        assert caught.value.finding.code == "SPEC036"
        return
    value, _ = parse_tree(text, "x.json")
    assert value == json.loads(text)


@CLI
@given(name=st.text(st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), min_size=1, max_size=8))
def test_valid_json_with_characters_outside_the_bmp_is_accepted(tmp_path_factory, name):
    tmp_path = tmp_path_factory.mktemp("json")
    import yaml

    document = yaml.safe_load(VALID)
    document["name"] = name
    (tmp_path / "rocket.json").write_text(json.dumps(document, indent=2))  # writes \\ud83d\\ude80 pairs
    status, out, err = validate(tmp_path / "rocket.json")
    assert status == 0, out + err


def _json_case(mutate):
    import yaml

    document = yaml.safe_load(VALID)
    document["name"] = "MARK"
    text = json.dumps(document, indent=2)
    text, offset = mutate(text, text.index('"MARK"'))
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return text, line, column


@CLI
@given(
    cases=st.lists(
        st.sampled_from(["lone-high", "lone-low", "tab", "newline", "duplicate", "huge"]), min_size=1, max_size=5
    )
)
def test_json_problems_are_found_at_the_character(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("jsonbad")
    mutations = {
        "lone-high": (lambda t, i: (t.replace('"MARK"', '"a\\ud83db"'), i), "SPEC033"),
        "lone-low": (lambda t, i: (t.replace('"MARK"', '"\\ude80"'), i), "SPEC033"),
        "tab": (lambda t, i: (t.replace('"MARK"', '"a\tb"'), i + 2), "SPEC001"),
        "newline": (lambda t, i: (t.replace('"MARK"', '"a\nb"'), i + 2), "SPEC001"),
        "huge": (lambda t, i: (t.replace('"MARK"', "9" * 5000), i), "SPEC015"),
        "duplicate": (lambda t, i: (t.replace('"name": "MARK"', '"name": "a", "name": "b"'), i + 5), "SPEC003"),
    }
    paths = []
    for index, case in enumerate(cases):
        mutate, code = mutations[case]
        text, line, column = _json_case(mutate)
        path = tmp_path / f"case-{index}.json"
        path.write_text(text)
        paths.append((path, code, line, column))
    status, out, err = validate(*[p for p, *_ in paths])
    assert status == 1, out + err
    found = findings_by_file(out)
    for path, code, line, column in paths:
        assert found[str(path)][0][0] == f"{line}:{column}" and found[str(path)][0][2] == code, out


def test_json_numbers_and_escapes_mean_what_json_loads_reads():
    text = '{"a": 1e5, "b": -0, "c": "x\\/y", "d": 1E-2, "e": -0.0, "f": "\\u00e9\\ud83d\\ude80"}'
    value, _ = parse_tree(text, "x.json")
    assert value == json.loads(text) and type(value["a"]) is float and type(value["b"]) is int


# --- Linear-time patterns ----------------------------------------------------------------

adversarial = st.tuples(
    st.sampled_from(["", "1", "1a", "1 a", "-", "1e", "1.", " "]),
    st.sampled_from([" ", "1", "a", "1 ", ". ", "e", "\t"]),
    st.integers(20_000, 100_000),
    st.sampled_from(["", "x", "1", "mm", " 1", "a1"]),
)


@CLI
@given(cases=st.lists(adversarial, min_size=1, max_size=4))
def test_unit_strings_and_scalars_cost_linear_time(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("linear")
    for index, (head, run_, count, tail) in enumerate(cases):
        value = json.dumps(head + run_ * count + tail)  # quoted: always a string reaching the unit parser
        (tmp_path / f"u-{index}.yaml").write_text(with_line(SIZE_LINE, f"passage_diameter_mm: {value}"))
        plain = (head + run_ * count + tail).strip() or "x"
        (tmp_path / f"p-{index}.yaml").write_text(with_line(NAME_LINE, "name: " + plain))
    status, out, err = validate(tmp_path)  # the timeout is the assertion
    assert status in (0, 1), out + err
    assert all(len(line) < 1000 for line in out.splitlines()), "messages quote at most 60 characters"


# --- File names, limits --------------------------------------------------------------------

bad_names = (
    st.binary(min_size=1, max_size=12)
    .filter(lambda b: b"/" not in b and b"\x00" not in b and not b.startswith(b"."))  # a hidden name is never read
    .filter(lambda b: not _is_utf8(b))
)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@CLI
@given(names=st.lists(bad_names, min_size=1, max_size=4, unique=True), format=st.sampled_from(["text", "json"]))
def test_file_names_that_are_not_utf8_are_findings_in_every_format(tmp_path_factory, names, format):
    tmp_path = tmp_path_factory.mktemp("names")
    folder = os.fsencode(tmp_path / "specs")
    os.mkdir(folder)
    for name in names:
        with open(os.path.join(folder, name + b".yaml"), "w") as handle:
            handle.write(VALID)
    os.mkdir(os.path.join(folder, names[0]))
    status, out, err = validate("--format", format, tmp_path / "specs", env={"PYTHONIOENCODING": "utf-8"})
    assert status == 1, out + err
    assert out.count("SPEC033") == len(names) + 1, out
    named = os.path.join(folder, names[0] + b".yaml")
    status_named, out_named, err_named = validate(os.fsdecode(named), env={"PYTHONIOENCODING": "utf-8"})
    assert status_named == 2 and "path name is not valid UTF-8" in err_named, out_named + err_named
    # Text reports escape control characters too (interop.report.escape); JSON keeps the loader's text.
    from interop.report.escape import controls

    if format == "text":
        shown, expected = out, lambda text: controls(text)
    else:
        shown, expected = " ".join(f["position"]["path"] for f in json.loads(out)["findings"]), str
    for name in names:
        assert expected((name + b".yaml").decode("utf-8", "backslashreplace")) in shown, out


@CLI
@given(
    value=st.integers(2**63 - 1, 10**40),
    option=st.sampled_from(["--max-file-bytes", "--max-nodes", "--max-depth"]),
    typer=st.booleans(),
)
def test_limits_past_the_platform_are_usage_errors(value, option, typer):
    args = ["validate", option, str(value), ROOT / "specs" / "interfaces"]
    if typer:  # the same command through typer, which the fast path hands unusual forms to
        status, out, err = run(args, entry=("-c", "from interop.cli.commands import app; app(prog_name='interop')"))
    else:
        status, out, err = run(["--no-config", *args])
    assert status == 2 and f"interop: {option} must be at most" in err, out + err


def test_a_huge_limit_within_the_platform_reads_only_the_file(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(VALID)
    assert validate("--max-file-bytes", str(2**62), path)[0] == 0


STYLE_LINE = LINES.index("style: androgynous") + 1
ID_LINE = LINES.index("id: idss") + 1
VERSION_LINE = LINES.index("schema_version: 1") + 1
LONG_AT = {
    "style": lambda v: (with_line(STYLE_LINE, f"style: {v}"), "SPEC013", STYLE_LINE, 8),
    "id": lambda v: (with_line(ID_LINE, f"id: {v}"), "SPEC015", ID_LINE, 5),
    "key": lambda v: (VALID + f"{v}: 1\n", "SPEC011", len(LINES) + 1, 1),
    "kind": lambda v: (f"kind: {v}\n", "SPEC005", 1, 7),
    "version": lambda v: (with_line(VERSION_LINE, f"schema_version: {v}"), "SPEC006", VERSION_LINE, 17),
}


@CLI
@given(
    cases=st.lists(
        st.tuples(st.sampled_from(sorted(LONG_AT)), st.sampled_from("abkz"), st.integers(1_000, 300_000)),
        min_size=1,
        max_size=5,
    )
)
def test_long_values_are_shortened_in_every_message(tmp_path_factory, cases):
    tmp_path = tmp_path_factory.mktemp("longvalues")
    # Keys stay under YAML's 1,024-character limit for simple keys.
    docs = [LONG_AT[where](letter * (min(count, 1000) if where == "key" else count)) for where, letter, count in cases]
    expect_each(tmp_path, docs)  # which asserts every message is short


SCALAR_ALPHABET = "0123456789_:.-+eExobBacdfinINFNaAyYsSOtTrulRUL~"
# The forms YAML 1.1 and 1.2 read apart, and the ones that once broke a reader
# ("0b_" raised ValueError), go through both laws every run; the generated texts
# (1,000 a run: each law costs ~0.7 ms a text, mostly drawing it) look further.
SCALAR_FORMS = (
    "0b_ 0b1_0 0x_1F 0xaBc 0o17 017 0_1 1_000 190:20:30 1:20 -1:20.5 .inf -.INF .NaN ~ Null yes No on OFF y n TRUE"
    " 1e3 1E+3 +1.5e-3 1. .5 -0 +0 2002-12-14 2001-12-14t21:59:43.10-05:00 685.230_15e+03 _1 1__0 0x 0b +. -"
).split()
SCALAR_TAGS = ["int", "float", "bool", "null", "timestamp", "str"]


def _with_forms(tags=None):
    """Each of SCALAR_FORMS as an explicit example (with each of ``tags``, when given)."""

    def decorate(test):
        for form in SCALAR_FORMS:
            for tag in tags or [None]:
                test = example(text=form)(test) if tag is None else example(text=form, tag=tag)(test)
        return test

    return decorate


@settings(max_examples=1000, deadline=None)
@given(text=st.text(SCALAR_ALPHABET, min_size=1, max_size=12))
@_with_forms()
def test_a_plain_value_taken_is_what_yaml_11_reads_too_or_refused(text):
    """The law behind SPEC007: what the loader takes, PyYAML (YAML 1.1) reads the same,
    except a JSON number PyYAML leaves as text, and a date kept as its text."""
    import datetime

    import yaml

    document = f"v: {text}\n"
    try:
        old = yaml.safe_load(document)
    except (yaml.YAMLError, ValueError):
        return  # not a plain scalar, or a date PyYAML cannot build
    if not isinstance(old, dict) or "v" not in old:
        return
    try:
        value, _ = parse_tree(document, "x.yaml")
    except TreeError as exc:
        assert exc.finding.code in ("SPEC001", "SPEC004", "SPEC007", "SPEC015"), exc.finding
        return
    old = old["v"]
    if isinstance(old, (datetime.date, datetime.datetime)) or (isinstance(old, str) and isinstance(value["v"], float)):
        assert isinstance(value["v"], (str, float)) and re.fullmatch(r"[-0-9.eE+: tTZ]+", text)
        return
    assert value["v"] == old or (value["v"] != value["v"] and old != old), (text, value["v"], old)
    assert type(value["v"]) is type(old) or (isinstance(old, str) and text == str(value["v"]))


@settings(max_examples=1000, deadline=None)
@given(
    text=st.text(SCALAR_ALPHABET, min_size=1, max_size=12),
    tag=st.sampled_from(SCALAR_TAGS),
)
@_with_forms(tags=SCALAR_TAGS)
def test_reading_a_scalar_never_raises(text, tag):
    from interop.load.scalars import plain_value, tagged_value

    plain_value(text)  # a value or a Refusal; found 0b_ raising ValueError
    tagged_value(text, f"tag:yaml.org,2002:{tag}")
