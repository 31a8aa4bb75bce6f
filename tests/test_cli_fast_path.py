"""`interop validate` skips typer for its plain forms: same output, same exit code.

interop.cli.main parses the usual validate command lines itself (typer's import
and parameter set-up are a third of a cold start) and hands everything else to
typer. These tests hold the two paths to the same behaviour, and the fast
path's option table to the typer command's options.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interop.cli import main
from interop.cli.validation import OPTIONS, parse_argv

ROOT = Path(__file__).resolve().parent.parent
BAD = "kind: Vehicle\nschema_version: 1\nid: x\nname: x\nvehicle_type: rocket\nstatus: operational\ncrewed: true\nsources: [{title: t}]\n"
DEEP = "kind: Vehicle\nnotes: [[[[[[1]]]]]]\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "deep.yaml").write_text(DEEP)
    return tmp_path


def _run(entry, argv, capsys) -> tuple[int, str, str]:
    try:
        entry(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _through_typer(argv):
    from interop.cli.commands import app

    app(args=argv, prog_name="interop")


HANDLED = [
    ["validate", "{ROOT}/specs"],
    ["validate", "{tmp}/bad.yaml"],
    ["validate", "-f", "json", "{tmp}/bad.yaml"],
    ["validate", "--format=json", "{tmp}/bad.yaml", "{ROOT}/specs/interfaces/idss.yaml"],
    ["validate", "{ROOT}/specs/vehicles/soyuz-ms.yaml"],
    ["validate", "{ROOT}/specs/vehicles/soyuz-ms.yaml", "--catalog", "{ROOT}/specs"],
    [
        "validate",
        "-c",
        "{ROOT}/specs/interfaces",
        "--catalog={ROOT}/specs/vehicles",
        "{ROOT}/specs/vehicles/soyuz-ms.yaml",
    ],
    ["validate", "--max-depth", "3", "{tmp}/deep.yaml"],
    ["validate", "--max-nodes=4", "--max-file-bytes", "100000", "{tmp}/bad.yaml"],
    ["validate", "--", "{tmp}/bad.yaml"],
    ["validate", "--format", "xml", "{tmp}/bad.yaml"],
    ["validate", "{tmp}/missing.yaml"],
    ["--no-config", "validate", "{tmp}/bad.yaml"],
    ["--config", "{tmp}/nowhere.toml", "validate", "-f", "json", "{tmp}/bad.yaml"],
    ["--config={tmp}/nowhere.toml", "--no-config", "validate", "{tmp}/bad.yaml"],
    ["--version"],
    ["--no-config", "--version"],
    ["validate", "-q", "{tmp}/bad.yaml"],
    ["validate", "--quiet", "{ROOT}/specs/interfaces"],
    ["-q", "validate", "{tmp}/bad.yaml"],
    ["--verbose", "validate", "{tmp}/bad.yaml"],
    ["validate", "-v", "{ROOT}/specs/interfaces"],
    ["--color", "never", "validate", "{tmp}/bad.yaml"],
    ["--color=always", "-q", "validate", "-f", "json", "{tmp}/bad.yaml"],
    ["validate", "--stdin-filename", "x.yaml", "{tmp}/bad.yaml"],
]

DECLINED = [
    [],
    ["validate"],
    ["validate", "--help"],
    ["validate", "-h"],
    ["validate", "--frobnicate", "{tmp}/bad.yaml"],
    ["validate", "--max-depth", "0", "{tmp}/bad.yaml"],
    ["validate", "--max-depth", "deep", "{tmp}/bad.yaml"],
    ["validate", "{tmp}/bad.yaml", "--format"],
    ["validate", "-fjson", "{tmp}/bad.yaml"],
    ["validate", "-f=json", "{tmp}/bad.yaml"],
    ["--config", "validate", "{tmp}/bad.yaml"],
    ["--no-config", "--help"],
    ["check", "us-artemis", "ru-lunar"],
    ["--color", "blue", "validate", "{tmp}/bad.yaml"],
    ["--color", "validate", "{tmp}/bad.yaml"],
    ["-q", "-v", "validate", "{tmp}/bad.yaml"],
    ["validate", "-q", "--verbose", "{tmp}/bad.yaml"],
    ["validate", "--quiet=yes", "{tmp}/bad.yaml"],
    ["-qv", "validate", "{tmp}/bad.yaml"],
    ["--version", "validate", "{tmp}/bad.yaml"],
    ["--version", "--bogus"],
]


def _fill(argv, tmp):
    return [a.replace("{ROOT}", str(ROOT)).replace("{tmp}", str(tmp)) for a in argv]


@pytest.mark.parametrize("argv", HANDLED, ids=" ".join)
def test_fast_path_answers_as_typer_does(argv, files, capsys):
    argv = _fill(argv, files)
    assert parse_argv(argv) is not None, "this form should not need typer"
    assert _run(main, argv, capsys) == _run(_through_typer, argv, capsys)


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a) or "(nothing)")
def test_other_command_lines_go_to_typer(argv, files):
    assert parse_argv(_fill(argv, files)) is None


def test_report_file_is_the_same_either_way(files, capsys):
    for entry, name in ((main, "fast.json"), (_through_typer, "typer.json")):
        code, out, _ = _run(entry, ["validate", "-f", "json", "-o", str(files / name), str(files / "bad.yaml")], capsys)
        assert (code, out) == (1, "")
    assert json.loads((files / "fast.json").read_text()) == json.loads((files / "typer.json").read_text())
    assert json.loads((files / "fast.json").read_text())["findings"]


def test_option_table_matches_the_typer_command():
    import typer.main

    from interop.cli.commands import app

    command = typer.main.get_command(app).commands["validate"]
    declared = {}
    for param in command.params:
        if param.param_type_name == "option":
            for name in param.opts + param.secondary_opts:
                declared[name] = (param.name, param.multiple)
    declared.pop("--help", None), declared.pop("-h", None)
    assert set(declared) == set(OPTIONS)
    for name, (keyword, kind) in OPTIONS.items():
        assert declared[name] == (keyword, kind == "paths"), name


STDIN_CASES = [
    (["validate", "-"], BAD),
    (["validate", "-", "--stdin-filename", "specs/vehicles/x.yaml"], BAD),
    (["-q", "validate", "--stdin-filename=mine.yaml", "-"], "kind: Vehicle\n"),
    (["validate", "-f", "json", "-"], "kind: [\n"),
    (["validate", "-", "-"], BAD),
    (["validate", "--max-file-bytes", "10", "-"], BAD),
]

ENTRIES = {
    "fast": "from interop.cli import main; main(sys.argv[1:])",
    "typer": "from interop.cli.commands import app; app(args=sys.argv[1:], prog_name='interop')",
}


@pytest.mark.parametrize(("argv", "text"), STDIN_CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_standard_input_is_read_the_same_either_way(argv, text, tmp_path):
    assert parse_argv(argv) is not None
    answers = []
    for entry in ENTRIES.values():
        result = subprocess.run(
            [sys.executable, "-c", "import sys; " + entry, *argv],
            input=text,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        answers.append((result.returncode, result.stdout, result.stderr))
    assert answers[0] == answers[1]
    assert "Traceback" not in answers[0][2]


def test_fast_path_does_not_import_typer():
    probe = (
        "import sys\nfrom interop.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'typer' in sys.modules, 'click' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "specs")], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "0 False False", result.stderr


def test_version_answers_without_typer():
    probe = (
        "import sys\nfrom interop.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'typer' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    import interop

    assert result.stdout.splitlines() == [f"interop {interop.__version__}", "0 False False"], result.stderr
