"""The command-line conventions users expect, through the real command line.

--version, -q/-v, --color with NO_COLOR and FORCE_COLOR, ``-`` for standard
input, shell completion, help without Python types, explain for every code,
text that keeps ids whole at the terminal's width, hints for an id of the
wrong kind, and the library API's accepted argument forms.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import interop
from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
BAD = "kind: Vehicle\nschema_version: 1\nid: x\nname: x\nvehicle_type: rocket\nstatus: operational\ncrewed: true\nsources: [{title: t}]\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "COLUMNS")


def run(*args, cwd=ROOT, input=None, env=None):
    environment = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
    environment.update(env or {})
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        input=input,
        env=environment,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    return path


# ------------------------------------------------------------------ --version


def test_version_prints_the_package_version():
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"interop {interop.__version__}\n", "")
    assert run("--no-config", "--version").stdout == result.stdout


# ------------------------------------------------------------------ -q and -v


def test_quiet_validate_prints_findings_only(bad):
    loud = run("validate", bad)
    assert loud.stdout.splitlines()[-1] == "1 problem in 1 of 1 file"
    for args in (["validate", "-q", bad], ["--quiet", "validate", bad]):
        quiet = run(*args)
        assert quiet.returncode == 1
        assert quiet.stdout.splitlines() == loud.stdout.splitlines()[:-1]
    clean = run("validate", "-q", "specs/interfaces")
    assert (clean.returncode, clean.stdout) == (0, "")


def test_verbose_names_each_file_read(bad):
    result = run("validate", "-v", "specs/interfaces")
    assert result.returncode == 0
    read = [line for line in result.stderr.splitlines() if line.startswith("interop: read ")]
    assert len(read) == len(list((ROOT / "specs" / "interfaces").glob("*.yaml")))
    assert "interop: read specs/interfaces/idss.yaml" in read
    assert result.stdout.strip().endswith("files valid")


def test_verbose_engine_command_names_files_and_explains_every_row():
    # A pair with rows the plain report leaves unexplained (us-artemis and ru-lunar now fail in every row).
    args = ["check", "ru-lunar", "cn-lunar", "--color", "never"]
    plain = run(*args)
    verbose = run(*args, "-v")
    assert verbose.returncode == plain.returncode == 1
    assert "interop: read specs/vehicles/orel.yaml" in verbose.stderr.splitlines()
    assert plain.stderr == ""
    explained = re.compile(r"^  \S+ at \S+: [A-Z]+")
    assert len([x for x in verbose.stdout.splitlines() if explained.match(x)]) > len(
        [x for x in plain.stdout.splitlines() if explained.match(x)]
    )


def test_quiet_engine_command_drops_notes_not_the_report(tmp_path):
    (tmp_path / "interop.toml").write_text('specs = ["' + str(ROOT / "specs") + '"]\n')
    loud = run("check", "us-artemis", "ru-lunar", cwd=tmp_path)
    assert "interop: using configuration" in loud.stderr
    quiet = run("check", "-q", "us-artemis", "ru-lunar", cwd=tmp_path)
    assert quiet.stderr == "" and quiet.stdout == loud.stdout and quiet.returncode == loud.returncode


@pytest.mark.parametrize(
    "args", [["-q", "-v", "validate", "specs"], ["validate", "-q", "-v", "specs"], ["-q", "check", "-v", "iss", "x"]]
)
def test_quiet_and_verbose_together_is_a_usage_error(args):
    result = run(*args)
    assert result.returncode == 2
    assert "give --quiet or --verbose, not both" in result.stderr


# ------------------------------------------------------------------ --color


CHECK = ["check", "us-artemis", "ru-lunar"]


@pytest.mark.parametrize(
    ("options", "env", "coloured"),
    [
        ([], {}, False),  # a pipe is no terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": ""}, False),  # empty counts as unset (force-color.org)
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "always"], {}, True),
        (["--color=always"], {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        (["--color", "auto"], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_follows_the_flag_then_no_color_then_force_color(options, env, coloured):
    result = run(*options, *CHECK, env=env)
    assert result.returncode == 1
    assert bool(ANSI.search(result.stdout)) is coloured


def test_colour_choice_is_validated():
    result = run("--color", "blue", *CHECK)
    assert result.returncode == 2
    assert "--color takes one of auto, always, never" in result.stderr


def test_wants_terminal_colours_reads_the_environment_it_is_given():
    from interop.report import wants_terminal_colours

    class Terminal:
        def isatty(self):
            return True

    class Pipe:
        def isatty(self):
            return False

    assert wants_terminal_colours(Terminal(), "auto", {}) is True
    assert wants_terminal_colours(Terminal(), "auto", {"NO_COLOR": "1"}) is False
    assert wants_terminal_colours(Terminal(), "auto", {"NO_COLOR": ""}) is True
    assert wants_terminal_colours(Pipe(), "auto", {"FORCE_COLOR": "0"}) is True  # any non-empty value
    assert wants_terminal_colours(Pipe(), "always", {"NO_COLOR": "1"}) is True
    assert wants_terminal_colours(Terminal(), "never", {"FORCE_COLOR": "1"}) is False


# ------------------------------------------------------------------ standard input


def test_validate_reads_standard_input_with_a_name_for_positions(tmp_path):
    unnamed = run("validate", "-", input=BAD, cwd=tmp_path)
    assert unnamed.returncode == 1
    assert unnamed.stdout.startswith("<stdin>:5:15: vehicle_type: 'rocket' is not allowed")
    named = run("validate", "--stdin-filename", "specs/vehicles/x.yaml", "-", input=BAD, cwd=tmp_path)
    assert named.stdout.startswith("specs/vehicles/x.yaml:5:15: ")


def test_standard_input_stands_for_the_file_it_names():
    # The file on disk of that name is not read as well: no duplicate id.
    text = (ROOT / "specs" / "vehicles" / "orion.yaml").read_text()
    result = run("validate", "-", "--stdin-filename", "specs/vehicles/orion.yaml", input=text)
    assert (result.returncode, result.stdout) == (0, "1 file valid\n"), result.stdout
    broken = text.replace("\ncrewed: true", "\ncrewed: maybe")
    result = run("validate", "-", "--stdin-filename", "specs/vehicles/orion.yaml", input=broken)
    assert result.returncode == 1
    assert result.stdout.startswith("specs/vehicles/orion.yaml:")
    assert "[SPEC012]" in result.stdout
    # also when the folder holding that file is validated with it
    together = run("validate", "specs/vehicles", "-", "--stdin-filename", "specs/vehicles/orion.yaml", input=broken)
    assert together.returncode == 1
    assert [line.split(":")[0] for line in together.stdout.splitlines()[:-1]] == ["specs/vehicles/orion.yaml"]
    files = len(list((ROOT / "specs" / "vehicles").glob("*.yaml")))
    assert together.stdout.splitlines()[-1] == f"1 problem in 1 of {files} files"


def test_standard_input_has_the_files_safety_checks(tmp_path):
    too_large = run("validate", "--max-file-bytes", "20", "-", input=BAD, cwd=tmp_path)
    assert too_large.returncode == 1 and "[SPEC031]" in too_large.stdout
    nul = cli_process.run_argv(
        [sys.executable, "-m", "interop", "validate", "-"], input=b"kind: \x00\n", capture_output=True, timeout=60
    )
    assert nul.returncode == 1 and b"[SPEC033]" in nul.stdout
    latin = cli_process.run_argv(
        [sys.executable, "-m", "interop", "validate", "-"], input=b"name: caf\xe9\n", capture_output=True, timeout=60
    )
    assert latin.returncode == 1 and b"<stdin>:1:10: invalid UTF-8" in latin.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--stdin-filename", "x.yaml", "specs"], "give - among the paths"),
        (["validate", "-", "-"], "standard input (-) can be named once"),
        (["validate", "--stdin-filename=", "-"], "--stdin-filename must not be empty"),
    ],
)
def test_standard_input_usage_errors(args, message):
    result = run(*args, input=BAD)
    assert result.returncode == 2
    assert message in result.stderr


# ------------------------------------------------------------------ shell completion


def _completions(words: str) -> list[str]:
    """What bash completion offers for the last of ``words`` (the protocol typer's script speaks)."""
    environment = {
        **os.environ,
        "_INTEROP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop"], env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_script_and_completions():
    script = run("--show-completion", "bash")
    assert script.returncode == 0
    assert "_INTEROP_COMPLETE=complete_bash" in script.stdout
    assert "complete -o default -F _interop_completion interop" in script.stdout
    assert _completions("interop ch") == ["check"]
    assert _completions("interop check a b --format s") == ["sarif"]
    assert _completions("interop validate -f j") == ["json", "junit"]
    assert _completions("interop --color a") == ["auto", "always"]
    assert _completions("interop matrix --fail-on w") == ["warning"]


def test_completion_installs_for_bash(tmp_path):
    result = run("--install-completion", "bash", env={"HOME": str(tmp_path), "SHELL": "/bin/bash"})
    assert result.returncode == 0, result.stderr
    assert "interop" in (tmp_path / ".bashrc").read_text()
    installed = list(tmp_path.rglob("interop*"))
    assert installed and "_INTEROP_COMPLETE" in installed[0].read_text()


# ------------------------------------------------------------------ help

COMMANDS = [
    "validate",
    "schema",
    "check",
    "scenario",
    "matrix",
    "diff",
    "plan",
    "gaps",
    "map",
    "init",
    "new",
    "rules",
    "explain",
]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_types(command):
    args = ["-h"] if command is None else [command, "-h"]
    result = run(*args, env={"COLUMNS": "200"})
    assert result.returncode == 0
    for placeholder in ("<str>", "<bool>", "<int", "<path>", "list[", "TEXT", "INTEGER", "BOOLEAN"):
        assert placeholder not in result.stdout, placeholder


def test_validate_help_lists_every_format():
    from interop.report import FORMATS

    text = " ".join(run("validate", "-h", env={"COLUMNS": "200"}).stdout.split())
    assert f"Report format: {', '.join(FORMATS)}." in text


# ------------------------------------------------------------------ explain


def test_explain_knows_every_code_the_tool_prints():
    from interop.cli.codes import explanation, known_codes
    from interop.load.errors import CONFIG_CODES, ERROR_CODES
    from interop.report.diff_machine import DIFF_CODES
    from interop.rules.base import registry

    codes = known_codes()
    assert set(codes) == {*registry(), *ERROR_CODES, *CONFIG_CODES, *DIFF_CODES}
    for code in codes:
        text = explanation(code.lower())
        assert text is not None and text.startswith(f"# {code}: "), code


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("SPEC013", "Value not allowed"),
        ("spec021", "duplicate"),
        ("CONF011", "unknown setting"),
        ("CONF030", "exit 1"),
        ("DIFF001", "verdict got worse"),
        ("DOCK002", "# DOCK002:"),
    ],
)
def test_explain_through_the_command_line(code, says):
    result = run("explain", code)
    assert result.returncode == 0
    assert says.lower() in result.stdout.lower()


def test_explain_unknown_code_suggests_one():
    result = run("explain", "SPEC13")
    assert result.returncode == 2
    assert "did you mean SPEC013?" in result.stderr or "did you mean SPEC001?" in result.stderr
    assert run("explain", "DOCK02").stderr.count("did you mean DOCK002?") == 1


# ------------------------------------------------------------------ text width and whole ids


def _report_text(width: int) -> tuple[str, set[str]]:
    from interop.engine import check_systems
    from interop.report import ReportOptions, reporter

    catalog = interop.load_catalog("specs").catalog
    result = check_systems(catalog, "us-artemis", "ru-lunar")
    ids = set(catalog.vehicles) | set(catalog.systems) | set(catalog.interfaces)
    return reporter("text", ReportOptions(width=width)).systems(result), ids


def test_text_never_breaks_an_id_or_a_position(monkeypatch):
    monkeypatch.chdir(ROOT)
    wide, ids = _report_text(200)
    narrow, _ = _report_text(40)
    shown = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", wide)}
    hyphenated = {i for i in shown if "-" in i}
    assert hyphenated, "the report should name hyphenated ids"
    for ident in shown:
        assert re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", narrow), ident
    positions = set(re.findall(r"specs/[\w/.-]+:\d+:\d+", wide))
    assert positions
    assert positions <= set(re.findall(r"specs/[\w/.-]+:\d+:\d+", narrow))
    assert not any(line.endswith("-") and line.strip("- ") for line in narrow.splitlines())


def test_text_uses_the_terminal_width():
    import pty

    def under_a_terminal(columns: int) -> str:
        leader, follower = pty.openpty()
        environment = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
        environment["COLUMNS"] = str(columns)
        process = subprocess.Popen(
            [sys.executable, "-m", "interop", "--color", "never", *CHECK],
            cwd=ROOT,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
        os.close(leader)
        return b"".join(chunks).decode().replace("\r\n", "\n")

    def longest(text: str) -> int:
        return max(len(line) for line in text.splitlines())

    wide = under_a_terminal(200)
    assert 80 < longest(wide) <= 200
    assert longest(under_a_terminal(60)) <= 80  # tables keep ids whole; prose wraps at 60
    # Not a terminal: COLUMNS still wins when it is set (as shutil.get_terminal_size
    # has it, so `COLUMNS=60 interop plan ... | less` wraps at 60), else 80 columns.
    piped = run("--color", "never", *CHECK, env={"COLUMNS": "200"})
    assert 80 < longest(piped.stdout) <= 200
    plain = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    piped = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--color", "never", *CHECK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=plain,
    )
    assert longest(piped.stdout) <= 80


# ------------------------------------------------------------------ ids of the wrong kind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--rescuer", "iss", "--distressed", "orel", "--at", "leo"],
            "iss is a transport system: give two systems as arguments (interop check iss OTHER)",
        ),
        (["check", "soyuz-ms", "crew-dragon"], "soyuz-ms is a vehicle: use --rescuer/--distressed"),
        (["check", "iss", "crew-dragon"], "crew-dragon is a vehicle: use --rescuer/--distressed"),
        (["matrix", "iss", "orion"], "orion is a vehicle: interop matrix takes transport systems"),
        (["scenario", "iss"], "(iss is a transport system, not a rescue scenario)"),
    ],
)
def test_an_id_of_the_wrong_kind_says_which_option_takes_it(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_unknown_id_carries_what_the_catalog_holds_instead():
    catalog = interop.load_catalog(ROOT / "specs").catalog
    with pytest.raises(interop.UnknownId) as raised:
        interop.check_vehicles(catalog, "iss", "orel", "leo")
    assert (raised.value.ident, raised.value.wanted, raised.value.found) == ("iss", "vehicle", "transport system")
    with pytest.raises(interop.UnknownId) as raised:
        interop.check_systems(catalog, "us-artemis", "nowhere")
    assert raised.value.found is None


# ------------------------------------------------------------------ the library API's argument forms


def test_load_catalog_takes_one_path_or_several(monkeypatch):
    monkeypatch.chdir(ROOT)
    several = interop.load_catalog(["specs"])
    for one in ("specs", Path("specs")):
        loaded = interop.load_catalog(one)
        assert (len(loaded.catalog), loaded.files, loaded.findings) == (
            len(several.catalog),
            several.files,
            several.findings,
        )
    single = interop.load_catalog("specs/vehicles/orion.yaml", context="specs")
    assert single.files == 1 and not single.findings


@pytest.mark.parametrize("wrong", [3, [3], b"specs", None, [Path("specs"), 1.5]])
def test_load_catalog_refuses_other_arguments_naming_the_accepted_forms(wrong):
    with pytest.raises(TypeError, match=r"paths must be a path \(str or pathlib.Path\) or a list of them"):
        interop.load_catalog(wrong)


def test_check_vehicles_takes_a_place_by_name():
    from interop.model.vocabulary import Regime

    catalog = interop.load_catalog(ROOT / "specs").catalog
    by_name = interop.check_vehicles(catalog, "orion", "orel", "llo")
    by_value = interop.check_vehicles(catalog, "orion", "orel", Regime.LLO)
    assert by_name.place == by_value.place and by_name.verdict == by_value.verdict
    with pytest.raises(ValueError, match="unknown place 'mars': one of leo, "):
        interop.check_vehicles(catalog, "orion", "orel", "mars")
    with pytest.raises(TypeError, match="a place is a Regime or its name"):
        interop.check_vehicles(catalog, "orion", "orel", 3)
    with pytest.raises(TypeError, match="a vehicle is named by its id, a str"):
        interop.places_for(catalog, ["orion"], "orel")
