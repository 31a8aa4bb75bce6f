"""Hostile files, revisions and configuration, through the real command line.

Every case runs ``python -m interop`` in a child process with a timeout and
a memory limit and checks the exit code, the message and its position, and
that no traceback appears. Nothing may be written outside the test's own
temporary folder: the ``sentinel`` fixture puts a file beside that folder,
which hostile git trees aim at, and checks it is untouched afterwards.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import cli_process
from tests.spec_builders import element, interface, port, system, vehicle, write

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 2 * 1024**3
TIMEOUT_S = 60
SLOW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def interop(*args, cwd, umask=None, file_size=None, env=None, input=None):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if umask is not None:
            os.umask(umask)

    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    environment["PYTHONPATH"] = str(ROOT)
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        preexec_fn=limit,
        env=environment,
        input=input,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def sentinel(tmp_path):
    """A file beside the test's folder that must be left alone, and the folder's neighbours."""
    path = tmp_path.parent / f"{tmp_path.name}-sentinel.yaml"
    path.write_text("untouched: true\n")
    before = (path.stat().st_mtime_ns, sorted(os.listdir(tmp_path.parent)))
    yield path
    assert path.read_text() == "untouched: true\n"
    assert (path.stat().st_mtime_ns, sorted(os.listdir(tmp_path.parent))) == before


def documents():
    return [
        interface("idss", passage_diameter_mm=800),
        vehicle("capsule", [port("nose", "idss", "active")], regimes=["leo"], seats={"total": 4, "nominal_crew": 2}),
        vehicle(
            "station",
            [port("fwd", "idss", "passive")],
            vehicle_type="station",
            regimes=["leo"],
            seats={"total": 4, "nominal_crew": 2},
        ),
        system("east", [element("capsule")]),
        system("west", [element("station", role="station")]),
    ]


@pytest.fixture
def project(tmp_path):
    """A folder with specs and a configuration, inside a repository of its own."""
    root = tmp_path / "project"
    write(root / "specs", *documents())
    (root / ".git").mkdir()  # the configuration search stops here
    (root / "interop.toml").write_text("enable = ['DOCK']\n")
    return root


def temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if re.fullmatch(r"\..*\.interop-\d+\.tmp", name)]


# ------------------------------------------------------------ git revisions


def git(repo, *args, stdin=None) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, input=stdin, timeout=TIMEOUT_S
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for key, value in (("user.email", "ci@example.org"), ("user.name", "CI"), ("commit.gpgsign", "false")):
        git(root, "config", key, value)
    (root / "interop.toml").write_text("enable = ['DOCK']\n")
    write(root / "specs", *documents())
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base specs")
    return root


def commit_tree(repo: Path, entries: list[tuple[list[str], str]], *, missing: bool = False) -> str:
    """A commit whose tree holds ``entries`` (path components, blob id) exactly as given.

    ``git mktree`` writes any names, ``..`` and empty ones included, which
    the index would refuse; the tree is built from the leaves up.
    """

    def tree(items: list[tuple[list[str], str]]) -> str:
        lines, folders = [], {}
        for parts, blob in items:
            if len(parts) == 1:
                lines.append(f"100644 blob {blob}\t{parts[0]}")
            else:
                folders.setdefault(parts[0], []).append((parts[1:], blob))
        lines += [f"040000 tree {tree(inner)}\t{name}" for name, inner in folders.items()]
        return git(repo, "mktree", *(["--missing"] if missing else []), stdin="\n".join(lines) + "\n")

    return git(repo, "commit-tree", "-m", "hostile", tree(entries))


def blob(repo: Path, data: bytes) -> str:
    return (
        subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=data, capture_output=True, check=True)
        .stdout.decode()
        .strip()
    )


BAD_PARTS = ["..", ".", "", "..\\..", "a\\b"]
hostile_paths = st.lists(st.sampled_from([*BAD_PARTS, "sub", "x"]), min_size=1, max_size=7).filter(
    lambda parts: any(part in BAD_PARTS for part in parts)
)


def refused_naming(line: str, path: str) -> bool:
    """The entry is named in the refusal (git itself refuses to list an empty name)."""
    if "" in path.split("/") and "empty filename in tree entry" in line:
        return True
    return "not a plain relative path" in line and repr(path) in line


def assert_no_trace(tmp_path: Path) -> None:
    assert not any(tmp_path.glob("tmp/*")), "the revision's temporary folder was left behind"


def climbing(tmp_path: Path, sentinel: Path) -> list[str]:
    # TMPDIR is tmp_path/tmp; the revision lands in tmp_path/tmp/interop-rev-*;
    # from its specs folder four steps up reach the sentinel's folder.
    return ["specs", "..", "..", "..", "..", sentinel.name]


@needs_git
@pytest.mark.parametrize(
    "shape",
    ["climb", "dot", "empty", "backslash", "absolute-like"],
)
def test_a_tree_entry_that_climbs_out_is_refused_and_writes_nothing(repo, tmp_path, sentinel, shape):
    (tmp_path / "tmp").mkdir()
    parts = {
        "climb": climbing(tmp_path, sentinel),
        "dot": ["specs", ".", "x.yaml"],
        "empty": ["specs", "", "x.yaml"],
        "backslash": ["specs", "..\\..\\x.yaml"],
        "absolute-like": ["", "etc", "x.yaml"],
    }[shape]
    evil = blob(repo, b"overwritten: true\n")
    commit = commit_tree(repo, [(parts, evil)])
    result = interop(
        "diff", "HEAD", commit, "--", "specs" if parts[0] else ".", cwd=repo, env={"TMPDIR": str(tmp_path / "tmp")}
    )
    assert result.returncode == 2, result.stderr
    assert refused_naming(result.stderr.strip().splitlines()[-1], "/".join(parts))
    assert_no_trace(tmp_path)


@needs_git
@SLOW
@given(parts=hostile_paths, name=st.sampled_from(["x.yaml", "y.json", "..", ""]))
def test_generated_hostile_tree_entries_are_findings_naming_the_entry(repo, tmp_path, sentinel, parts, name):
    (tmp_path / "tmp").mkdir(exist_ok=True)
    evil = blob(repo, b"overwritten: true\n")
    good = blob(repo, b"kind: Vehicle\n")
    entries = [(["specs", *parts, name], evil), (["specs", "fine.yaml"], good)]
    commit = commit_tree(repo, entries)
    result = interop("diff", "HEAD", commit, "--", "specs", cwd=repo, env={"TMPDIR": str(tmp_path / "tmp")})
    assert result.returncode == 2, result.stderr
    assert refused_naming(result.stderr.strip().splitlines()[-1], "/".join(["specs", *parts, name]))
    assert_no_trace(tmp_path)


@needs_git
def test_a_climbing_entry_at_the_top_is_refused_even_when_other_paths_are_asked_for(repo, tmp_path, sentinel):
    (tmp_path / "tmp").mkdir()
    evil, good = blob(repo, b"overwritten: true\n"), blob(repo, b"kind: Vehicle\n")
    commit = commit_tree(repo, [(["..", "..", "..", sentinel.name], evil), (["specs", "fine.yaml"], good)])
    result = interop("diff", "HEAD", commit, cwd=repo, env={"TMPDIR": str(tmp_path / "tmp")})
    assert result.returncode == 2, result.stderr
    assert refused_naming(result.stderr.strip().splitlines()[-1], "..")
    assert_no_trace(tmp_path)


@needs_git
def test_a_name_listed_twice_is_refused_not_overwritten(repo, tmp_path, sentinel):
    first, second = blob(repo, b"a: 1\n"), blob(repo, b"a: 2\n")
    tree = git(repo, "mktree", stdin=f"100644 blob {first}\tx.yaml\n100644 blob {second}\tx.yaml\n")
    top = git(repo, "mktree", stdin=f"040000 tree {tree}\tspecs\n")
    commit = git(repo, "commit-tree", "-m", "twice", top)
    result = interop("diff", "HEAD", commit, cwd=repo)
    assert result.returncode == 2 and "specs/x.yaml" in result.stderr, result.stderr


@needs_git
@pytest.mark.parametrize("excess", [1, 6 * 1024 * 1024])
def test_a_blob_over_the_file_limit_is_a_finding_at_its_path(repo, sentinel, excess):
    from interop.load.limits import DEFAULT_LIMITS

    big = blob(repo, b"#" * (DEFAULT_LIMITS.max_file_bytes + excess))
    listing = git(repo, "ls-tree", "HEAD:specs").splitlines()
    lines = [line for line in listing] + [f"100644 blob {big}\tbig.yaml"]
    specs = git(repo, "mktree", stdin="\n".join(lines) + "\n")
    top = git(repo, "mktree", stdin=f"040000 tree {specs}\tspecs\n")
    commit = git(repo, "commit-tree", "-m", "big", top)
    result = interop("diff", "HEAD", commit, cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "specs/big.yaml:1:1" in result.stdout and "SPEC031" in result.stdout, result.stdout


@needs_git
@SLOW
@given(obj=st.text("0123456789abcdef", min_size=40, max_size=40), name=st.sampled_from(["gone.yaml", "deep/gone.json"]))
def test_a_missing_blob_is_a_finding_naming_it(repo, sentinel, obj, name):
    commit = commit_tree(repo, [(["specs", *name.split("/")], obj)], missing=True)
    result = interop("diff", "HEAD", commit, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert f"specs/{name}" in result.stderr and obj in result.stderr and "missing" in result.stderr


@needs_git
@pytest.mark.parametrize("base, head", [("", "HEAD"), ("HEAD", ""), (" ", "HEAD"), ("", "")])
def test_diff_with_an_empty_tree_name_is_a_usage_error(repo, sentinel, base, head):
    result = interop("diff", base, head, cwd=repo)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "interop: BASE and HEAD must not be empty: name a spec folder or a git revision"
    )


# ------------------------------------------------------------------ --output


def validate_to(project: Path, output, *extra, **options):
    return interop("validate", "specs", "-o", output, *extra, cwd=project, **options)


def only_line(result) -> str:
    """The one line of stderr besides the note naming the configuration in use."""
    lines = [
        line for line in result.stderr.strip().splitlines() if not line.startswith("interop: using configuration ")
    ]
    assert len(lines) == 1, result.stderr
    return lines[0]


INPUT_ALIASES = ["relative", "absolute", "dotted", "symlink", "hardlink"]


@SLOW
@given(alias=st.sampled_from(INPUT_ALIASES), command=st.sampled_from(["validate", "validate-file", "matrix"]))
def test_output_never_replaces_an_input_spec_file(project, sentinel, alias, command):
    spec = project / "specs" / "vehicle-capsule.yaml"
    before = spec.read_bytes()
    target = {
        "relative": Path("specs/vehicle-capsule.yaml"),
        "absolute": spec,
        "dotted": Path("./specs/../specs/vehicle-capsule.yaml"),
        "symlink": project / "link.yaml",
        "hardlink": project / "hard.yaml",
    }[alias]
    for extra in ("link.yaml", "hard.yaml"):
        (project / extra).unlink(missing_ok=True)
    if alias == "symlink":
        (project / "link.yaml").symlink_to(spec)
    if alias == "hardlink":
        os.link(spec, project / "hard.yaml")
    args = {
        "validate": ("validate", "specs"),
        "validate-file": ("validate", "specs/vehicle-capsule.yaml"),
        "matrix": ("matrix", "-s", "specs"),
    }[command]
    result = interop(*args, "-o", target, cwd=project)
    assert spec.read_bytes() == before
    if command == "validate-file":  # the very file, whatever its name
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines()[-1] == f"interop: cannot write {target}: it is one of the input files"
    elif alias == "hardlink":  # a new name replaced by a rename: the spec's own file is untouched
        assert result.returncode in (0, 1), result.stderr
        assert not os.path.samefile(target, spec)
    else:
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines()[-1] == f"interop: cannot write {target}: it is one of the input files"
    assert temporaries(spec.parent) == [] and temporaries(project) == []


def test_output_never_replaces_the_configuration(project, sentinel):
    result = interop("matrix", "-s", "specs", "-o", "interop.toml", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == "interop: cannot write interop.toml: it is one of the input files"
    assert (project / "interop.toml").read_text() == "enable = ['DOCK']\n"


def test_a_new_report_beside_the_specs_is_written(project, sentinel):
    result = validate_to(project, "report.json", "-f", "json")
    assert result.returncode == 0 and (project / "report.json").is_file()


@SLOW
@given(umask=st.sampled_from([0o022, 0o077, 0o002, 0o027]), existing=st.sampled_from([None, 0o640, 0o604, 0o755]))
def test_output_keeps_an_existing_mode_and_gives_a_new_file_the_umask_mode(project, sentinel, umask, existing):
    target = project / "report.txt"
    target.unlink(missing_ok=True)
    if existing is not None:
        target.write_text("old report\n")
        target.chmod(existing)
    result = validate_to(project, target, umask=umask)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == (existing if existing is not None else 0o666 & ~umask)
    assert target.read_text().strip().endswith("files valid")
    assert temporaries(project) == []


def test_output_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(project, sentinel):
    real = project / "reports" / "real.txt"
    real.parent.mkdir()
    real.write_text("old\n")
    (project / "link.txt").symlink_to(real)
    result = validate_to(project, "link.txt")
    assert result.returncode == 0, result.stderr
    assert (project / "link.txt").is_symlink() and real.read_text().strip().endswith("files valid")
    assert temporaries(real.parent) == [] and temporaries(project) == []


def test_a_dangling_link_is_refused(project, sentinel):
    (project / "dangling.txt").symlink_to(project / "nowhere" / "x.txt")
    result = validate_to(project, "dangling.txt")
    assert result.returncode == 2
    assert only_line(result) == "interop: cannot write dangling.txt: a symbolic link to nothing"
    assert (project / "dangling.txt").is_symlink()


def test_output_to_a_fifo_is_written_through_and_one_nobody_reads_is_refused(project, sentinel):
    fifo = project / "pipe"
    os.mkfifo(fifo)
    lonely = validate_to(project, fifo)
    assert lonely.returncode == 2
    assert only_line(lonely) == f"interop: cannot write {fifo}: a FIFO or device with no reader"
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, open before interop writes
    try:
        result = validate_to(project, fifo)
        received = os.read(reader, 1 << 16).decode()
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert received.strip().endswith("files valid")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and temporaries(project) == []


def test_output_to_a_device_writes_through_and_never_replaces_it(project, sentinel):
    result = validate_to(project, "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


FAILURES = {
    "missing folder": ("nope/report.txt", "No such file or directory"),
    "a folder": ("specs", "is a folder"),
    "the working folder": (".", "not a file name"),
    "an empty name": ("", "not a file name"),  # the command line reads "" as the working folder, "."
    "disk full": ("/dev/full", "No space left on device"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_every_failure_to_write_is_one_line_and_exit_two(project, sentinel, case):
    target, reason = FAILURES[case]
    result = validate_to(project, target)
    assert result.returncode == 2, result.stderr
    assert only_line(result) == f"interop: cannot write {target or '.'}: {reason}"
    assert temporaries(project) == [] and temporaries(project / "specs") == []


@SLOW
@given(limit=st.integers(min_value=1, max_value=12))  # the report, "5 files valid\n", is 14 bytes
def test_the_file_size_limit_is_one_line_and_leaves_no_temporary(project, sentinel, limit):
    result = validate_to(project, "report.txt", file_size=limit)
    assert result.returncode == 2, result.stderr
    assert only_line(result) == "interop: cannot write report.txt: File too large"
    assert not (project / "report.txt").exists() and temporaries(project) == []


@pytest.mark.skipif(as_root, reason="running as root: permissions do not stop writes")
def test_a_read_only_folder_is_one_line(project, sentinel):
    folder = project / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = validate_to(project, "locked/report.txt")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2
    assert only_line(result) == "interop: cannot write locked/report.txt: Permission denied"


def test_a_temporary_left_by_a_killed_run_is_removed_by_the_next(project, sentinel):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = project / f".report.txt.interop-{dead.pid}.tmp"
    stale.write_text("half a report")
    alive = project / f".report.txt.interop-{os.getpid()}.tmp"  # this test's own process still runs
    alive.write_text("someone else's")
    other = project / f".other.txt.interop-{dead.pid}.tmp"  # another target's: not ours to judge
    other.write_text("half")
    result = validate_to(project, "report.txt")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and alive.exists() and other.exists()


# ------------------------------------------------------------ configuration


@pytest.mark.parametrize(
    "args",
    [("matrix",), ("check", "east", "west"), ("scenario",), ("validate",)],
    ids=lambda args: args[0],
)
def test_a_configuration_found_walking_up_is_named_on_stderr(project, sentinel, args):
    below = project / "specs"
    (project / "interop.toml").write_text("enable = ['DOCK']\nspecs = ['specs']\n")
    result = interop(*args, cwd=below)
    assert f"interop: using configuration {project / 'interop.toml'}\n" in result.stderr
    assert result.stderr.count("using configuration") == 1


def test_a_configuration_given_with_config_is_not_announced(project, sentinel):
    result = interop("--config", "interop.toml", "matrix", cwd=project)
    assert "using configuration" not in result.stderr


UNTRUSTED = ["other owner", "world-writable file", "world-writable folder"]


@pytest.mark.skipif(not as_root, reason="making a file another user's needs root")
@pytest.mark.parametrize("case", UNTRUSTED)
def test_an_untrusted_configuration_is_ignored_with_one_warning(tmp_path, sentinel, case):
    folder = tmp_path / "shared"
    write(folder / "specs", *documents())
    (folder / ".git").mkdir()
    config = folder / "interop.toml"
    config.write_text("enable = []\n")  # would end every command if it were read
    if case == "other owner":
        os.chown(config, 12345, 12345)
    elif case == "world-writable file":
        config.chmod(0o666)
    else:
        folder.chmod(0o777)
    result = interop("matrix", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "configuration" in line]
    assert warning.startswith(f"interop: ignoring configuration {config}: ")
    assert "using configuration" not in result.stderr


def test_a_configuration_in_a_sticky_shared_folder_owned_by_you_is_used(tmp_path, sentinel):
    folder = tmp_path / "sticky"
    write(folder / "specs", *documents())
    (folder / ".git").mkdir()
    (folder / "interop.toml").write_text("enable = ['DOCK']\n")
    folder.chmod(0o1777)
    result = interop("matrix", cwd=folder)
    assert f"interop: using configuration {folder / 'interop.toml'}" in result.stderr
    assert "ignoring" not in result.stderr


def every_prefix() -> str:
    from interop.rules.base import registry

    return "disable = [" + ", ".join(sorted({repr(code.rstrip("0123456789")) for code in registry()})) + "]\n"


NO_RULES = {
    "empty enable": ("enable = []\n", (1, 10)),
    "enable disabled": ("enable = ['DOCK']\ndisable = ['DOCK']\n", (1, 10)),
    "enable inside disable": ("enable = ['XFER001']\ndisable = ['XFER']\n", (1, 10)),
    "everything disabled": (None, (1, 11)),
}


@pytest.mark.parametrize("case", sorted(NO_RULES))
def test_a_configuration_that_enables_no_rule_is_an_error_at_its_selection(project, sentinel, case):
    text, (line, column) = NO_RULES[case]
    (project / "interop.toml").write_text(text or every_prefix())
    result = interop("matrix", cwd=project)
    assert result.returncode == 2, result.stderr
    assert any(
        row.startswith(f"interop.toml:{line}:{column}: this configuration enables no rule") and "[CONF023]" in row
        for row in result.stderr.splitlines()
    ), result.stderr


@SLOW
@given(
    value=st.sampled_from(["nan", "+nan", "-nan", "inf", "+inf", "-inf"]),
    option=st.sampled_from([("XFER001", "min_passage_mm"), ("ATM001", "max_difference_kpa"), ("PWR001", "tolerance")]),
    padding=st.integers(min_value=0, max_value=3),
)
def test_rule_options_must_be_finite_numbers(project, sentinel, value, option, padding):
    code, name = option
    (project / "interop.toml").write_text(f"{chr(10) * padding}[rules.{code}]\n{name} = {value}\n")
    result = interop("matrix", cwd=project)
    assert result.returncode == 2, result.stderr
    expected = f"interop.toml:{padding + 2}:{len(name) + 4}: rule {code} option {name!r} must be a finite number"
    assert any(line.startswith(expected) and "[CONF021]" in line for line in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder", "huge"])
def test_a_configuration_must_be_a_small_regular_file(project, sentinel, kind):
    if kind == "fifo":
        config = project / "config.toml"
        os.mkfifo(config)
    elif kind == "huge":
        config = project / "config.toml"
        config.write_text("# padding\n" * 200_000)
    elif kind == "folder":
        config = project / "specs"
    else:
        config = Path(kind)
    result = interop("--config", config, "matrix", cwd=project)
    assert result.returncode == 2, result.stderr
    assert "[CONF002]" in result.stderr and "cannot read configuration" in result.stderr


def test_a_fifo_found_walking_up_is_refused_at_once(project, sentinel):
    (project / "interop.toml").unlink()
    os.mkfifo(project / "interop.toml")
    result = interop("matrix", cwd=project)
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


def nested(kind: str, depth: int) -> str:
    if kind == "array":
        return f"[rules.XFER001]\nmin_passage_mm = {'[' * depth}1{']' * depth}\n"
    if kind == "inline":
        return "[rules.XFER001]\nmin_passage_mm = " + "{a = " * depth + "1" + "}" * depth + "\n"
    if kind == "dotted":
        return "rules." + ".".join(["k"] * depth) + " = 1\n"
    return "[" + ".".join(["k"] * depth) + "]\nx = 1\n"


@SLOW
@given(kind=st.sampled_from(["array", "inline", "dotted", "header"]), depth=st.sampled_from([40, 999, 10_000]))
def test_deeply_nested_configuration_is_a_finding_never_a_recursion_error(project, sentinel, kind, depth):
    (project / "interop.toml").write_text(nested(kind, depth))
    result = interop("matrix", cwd=project)
    assert result.returncode == 2, result.stderr
    line = next(line for line in result.stderr.splitlines() if "[CONF003]" in line)
    column = {"array": 18 + 32, "inline": 18 + 32 * 5}.get(kind)
    if column is not None:
        assert line.startswith(f"interop.toml:2:{column}: configuration nested more than 32 levels deep")
    else:
        assert line.startswith("interop.toml:1:")


@SLOW
@given(
    value=st.one_of(
        st.sampled_from(["fail", "info", "conditional", "ERROR", "Warning", "", "error "]),
        st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=8),
    )
)
def test_fail_on_takes_exactly_the_command_lines_levels(project, sentinel, value):
    from interop.engine.results import FAIL_LEVELS

    (project / "interop.toml").write_text(f"enable = ['DOCK']\nfail_on = {value!r}\n".replace("'", '"'))
    result = interop("matrix", cwd=project)
    if value in FAIL_LEVELS:
        assert result.returncode in (0, 1), result.stderr
        return
    assert result.returncode == 2, result.stderr
    line = next(line for line in result.stderr.splitlines() if "[CONF013]" in line)
    assert line.startswith("interop.toml:2:11: fail_on: ")
    assert all(repr(level) in line for level in FAIL_LEVELS), line


def test_the_command_line_and_the_configuration_share_one_list_of_fail_levels():
    import typing

    from interop.engine import results
    from interop.load.config import Settings

    allowed = typing.get_args(typing.get_args(Settings.model_fields["fail_on"].annotation)[0])
    assert allowed == results.FAIL_LEVELS


# --------------------------------------------------------------- schema --dir


@pytest.mark.parametrize("extra", [(), ("--check",)])
def test_schema_dir_that_is_a_file_is_a_usage_error(tmp_path, sentinel, extra):
    target = tmp_path / "not-a-folder"
    target.write_text("keep me\n")
    result = interop("schema", "--dir", target, *extra, cwd=tmp_path)
    assert result.returncode == 2
    assert only_line(result) == f"interop: --dir {target} is not a folder"
    assert target.read_text() == "keep me\n"


@pytest.mark.parametrize("code", ["ENOSPC", "EFBIG", "EDQUOT", "EIO"])
def test_a_failing_write_to_a_regular_file_leaves_the_old_file_and_no_temporary(tmp_path, sentinel, monkeypatch, code):
    import errno

    from interop import atomic

    target = tmp_path / "report.txt"
    target.write_text("previous report\n")

    def failing_write(_descriptor, _data):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    monkeypatch.setattr(atomic.os, "write", failing_write)
    with pytest.raises(atomic.CannotWrite) as raised:
        atomic.write_atomically(target, "a new report\n")
    assert str(raised.value) == f"cannot write {target}: {os.strerror(getattr(errno, code))}"
    assert target.read_text() == "previous report\n" and temporaries(tmp_path) == []
