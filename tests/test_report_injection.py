"""No injection into reports: hostile text from specs and file names, through the real command line.

Names, notes, sources and file or folder names are free text. Whatever they
hold (escape sequences, bidirectional overrides, a newline followed by
``::error``, Markdown and XML syntax, bytes that are not UTF-8), every report
keeps its own structure: no raw control or bidi character, no line a CI
runner reads as a workflow command but the tool's own annotations, JUnit that
parses, Markdown tables that keep their columns, no traceback, and the exit
code of the same input with clean text.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.report import FORMATS
from tests.spec_builders import element, interface, port, system, vehicle

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "\x1b[31m",
    "\x1b]8;;https://example.org\x07link\x1b]8;;\x07",
    "\x1b[2J",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u061c",
    "\n::error file=forged.yaml,line=1::forged",
    "\r\n::warning::forged",
    "\n::",
    "::",
    "|",
    "#",
    "# heading",
    "<script>alert(1)</script>",
    "]]>",
    "&amp;",
    "[/x]",
    "[old]",
    "[bold]",
    ":smile:",
    "\x00",
    "\x7f",
    "\x85",
    "\u2028",
    "\t",
    "%0A",
    "\\",
    '"',
    ",",
]
SURROGATE = "\udcff"  # what os.fsdecode makes of a byte that is not UTF-8
hostile = st.lists(st.sampled_from(FRAGMENTS + [SURROGATE]) | st.text(max_size=3), min_size=1, max_size=6).map("".join)

# Raw characters no report may hold (newline apart, the reports' own).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# The tool's own annotations: properties escaped (no raw ':' or ','), one line.
ANNOTATION = re.compile(r"^::(error|warning|notice) (file=[^:,]*,line=\d+,col=\d+,)?title=[^:,]*::[^\r\n]*$")


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff]")


def _json(document) -> str:
    """JSON with every character but the ASCII controls as itself (a pair of escapes for one
    character above U+FFFF is another issue's), and what YAML refuses raw escaped."""
    text = json.dumps(document, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _catalog(folder: Path, text: str) -> Path:
    """A small catalog (two systems, a scenario) with ``text`` in names, notes and sources.

    Lone surrogates stay in file names: a spec file holds UTF-8 text.
    """
    text = "n" + _SURROGATES.sub("?", text)  # a name is never empty
    source = [{"title": text, "url": "https://example.org/fixture"}]
    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2}, sources=source)
    documents = [
        interface("idss", passage_diameter_mm=800, name=text, sources=source),
        vehicle("capsule-a", [port("nose", "idss", "active", location=text)], notes=[text], **common),
        vehicle("capsule-b", [port("nose", "idss", "passive")], **common),
        system("west", [element("capsule-a")], name=text, sources=source),
        system("east", [element("capsule-b")], sources=source),
        {
            "kind": "RescueScenario",
            "schema_version": 1,
            "id": "drill",
            "name": text,
            "distressed": {"vehicle": "capsule-b", "at": "leo", "crew": 2},
            "responders": [{"vehicle": "capsule-a"}],
            "sources": source,
        },
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        # JSON: it can carry every character, a lone surrogate included.
        (folder / f"{document['kind'].lower()}-{document['id']}.json").write_text(_json(document), encoding="utf-8")
    return folder


def _invalid(folder: Path, text: str) -> Path:
    """A spec whose problems quote the input: an unknown field and an enum value holding ``text``."""
    text = _SURROGATES.sub("?", text)
    folder.mkdir(parents=True, exist_ok=True)
    bad = {"kind": "Vehicle", "schema_version": 1, "id": "bad", "name": text, "vehicle_type": text, text: 1}
    (folder / "vehicle-bad.json").write_text(_json(bad), encoding="utf-8")
    return folder


def _folder_name(text: str) -> str:
    """``text`` as one folder name: no separator, no NUL, not empty, valid UTF-8.

    A name that is not UTF-8 (a lone surrogate here) is refused before it is
    read, as tests/test_hostile_yaml.py holds; the reports' own handling of
    surrogates is checked through spec text and the terminal test below.
    """
    name = text.replace("/", "_").replace("\x00", "_").encode("utf-8", "replace").decode("utf-8").strip() or "_"
    return "x" + name if name in (".", "..") else name


# Runs the command line's own entry point once per argument list, in one
# process (a process per report would take minutes): standard output is a
# strict UTF-8 stream, as with PYTHONIOENCODING=utf-8.
DRIVER = """
import base64, io, json, os, sys
from interop.cli import main
runs = []
for argv in json.loads(sys.stdin.read()):
    argv = [os.fsdecode(base64.b64decode(a)) for a in argv]
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    err = io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        main(argv)
        code = 0
    except SystemExit as stop:
        code = stop.code
    except BaseException as exc:
        import traceback
        err.write("Traceback " + traceback.format_exc())
        code = -1
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    try:
        out.flush()
        data = out.buffer.getvalue()
    except UnicodeEncodeError as exc:
        data, err = b"", io.StringIO("Traceback " + repr(exc))
    runs.append({"code": code, "out": base64.b64encode(data).decode(), "err": err.getvalue().encode("utf-8", "backslashreplace").decode()})
print(json.dumps(runs))
"""


def _interop_all(argvs: list[list], cwd: Path) -> list[dict]:
    environment = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", INTEROP_CACHE_DIR=str(cwd / ".cache"))
    payload = json.dumps(
        [[base64.b64encode(os.fsencode(str(a))).decode() for a in ["--no-config", *argv]] for argv in argvs]
    )
    result = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=payload,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = json.loads(result.stdout)
    for run in runs:
        run["out"] = base64.b64decode(run["out"])
    return runs


def _check_report(fmt: str, out: str) -> None:
    assert not UNSAFE.search(out), (fmt, UNSAFE.search(out))
    for line in out.splitlines():
        if line.startswith("::"):
            assert fmt == "github" and ANNOTATION.match(line), (fmt, line)
    if fmt == "junit":
        ElementTree.fromstring(out.encode("utf-8"))
    if fmt == "markdown":
        _check_markdown_tables(out)


def _check_markdown_tables(out: str) -> None:
    table: list[int] = []
    for line in out.splitlines() + [""]:
        if line.startswith("|"):
            table.append(len(re.findall(r"(?<!\\)\|", line)))
        else:
            assert len(set(table)) <= 1, table
            table = []


COMMANDS = {
    "check": ["check", "west", "east", "-s", "{specs}"],
    "vehicles": ["check", "--rescuer", "capsule-a", "--distressed", "capsule-b", "--at", "leo", "-s", "{specs}"],
    "scenario": ["scenario", "drill", "-s", "{specs}"],
    "matrix": ["matrix", "-s", "{specs}"],
    "validate": ["validate", "{specs}", "{invalid}"],
    "diff": ["diff", "{clean}", "{specs}"],
}


def _formats(command: str) -> list[str]:
    return [f for f in FORMATS if not (command == "diff" and f == "html")]


_CLEAN_CODES: dict[tuple, list[int]] = {}


def _run_everything(tmp_path: Path, text: str, commands=COMMANDS) -> None:
    clean = _catalog(tmp_path / "clean", "Clean name")
    clean_invalid = _invalid(tmp_path / "clean-invalid", "Clean")
    specs = _catalog(tmp_path / _folder_name(text), text)
    invalid = _invalid(tmp_path / ("bad-" + _folder_name(text)), text)
    hostile_values = {"specs": specs, "invalid": invalid, "clean": clean}
    clean_values = {"specs": clean, "invalid": clean_invalid, "clean": clean}
    cases = [(command, fmt) for command in commands for fmt in _formats(command)]

    def argv(command, fmt, values):
        return [a.format(**values) for a in commands[command]] + ["-f", fmt]

    hostile_runs = _interop_all([argv(c, f, hostile_values) for c, f in cases], tmp_path)
    # The clean catalog is the same for every text: its exit codes are run once per worker.
    key = tuple(tuple(commands[command]) + (fmt,) for command, fmt in cases)
    if key not in _CLEAN_CODES:
        _CLEAN_CODES[key] = [
            run["code"] for run in _interop_all([argv(c, f, clean_values) for c, f in cases], tmp_path)
        ]
    for (command, fmt), run, clean_code in zip(cases, hostile_runs, _CLEAN_CODES[key], strict=True):
        assert "Traceback" not in run["err"], (command, fmt, run["err"][-3000:])
        out = run["out"].decode("utf-8")  # strict: the report is valid UTF-8
        _check_report(fmt, out)
        if command == "diff":  # the edits differ with the names; the verdicts do not
            assert run["code"] in (0, 1), (command, fmt, run["err"][-2000:])
        else:
            assert run["code"] == clean_code, (command, fmt, run["err"][-2000:])


def test_every_known_attack_at_once(tmp_path):
    _run_everything(tmp_path, "".join(FRAGMENTS) + SURROGATE)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=hostile)
def test_hostile_text_never_reaches_a_report_raw(tmp_path_factory, text):
    tmp_path = tmp_path_factory.mktemp("hostile")
    _run_everything(tmp_path, text)


def test_folder_names_are_text_in_an_interactive_terminal(tmp_path):
    """Rich markup in a path neither crashes (``[/x]``) nor vanishes (``[old]``)."""
    from interop.engine import EngineOptions, check_systems, check_vehicles, run_scenario
    from interop.load import load_catalog
    from interop.model.vocabulary import Regime
    from interop.report import ReportOptions, reporter

    (tmp_path / "[").mkdir()
    for folder in (tmp_path / "[" / "x]", tmp_path / "[old]", tmp_path / "\x1b[31m\u202e"):
        catalog = load_catalog([_catalog(folder, "[/b] \x1b]0;title\x07 [old]")]).catalog
        terminal = reporter("terminal", ReportOptions(colour=True))
        for out in (
            terminal.systems(check_systems(catalog, "west", "east", EngineOptions())),
            terminal.vehicles(check_vehicles(catalog, "capsule-a", "capsule-b", Regime.LEO, None, EngineOptions())),
            terminal.scenario(run_scenario(catalog, "drill", EngineOptions())),
        ):
            styles_removed = re.sub(r"\x1b\[[0-9;]*m", "", out)
            assert not UNSAFE.search(styles_removed), UNSAFE.search(styles_removed)
            out.encode("utf-8")
            unwrapped = styles_removed.replace("\n", "")
            if folder.name == "[old]":
                assert "[old]/vehicle-capsule" in unwrapped


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("a\n::error::b", "a\\n::error::b"),
        ("\u202eevil", "\\u202eevil"),
        ("::x", "\\x3a:x"),
        ("bad\udcff", "bad\\udcff"),
    ],
)
def test_plain_escapes_are_visible_and_never_start_a_command(text, shown):
    from interop.report.escape import plain

    assert plain(text) == shown


def test_markdown_escapes_html_headings_and_table_separators():
    from interop.report.escape import markdown

    assert markdown("# <b>a|b</b> & c") == "&#35; &lt;b&gt;a&#124;b&lt;/b&gt; &amp; c"
    assert markdown("plain words") == "plain words"
