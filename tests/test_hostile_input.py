"""Hostile and broken input: a message with a position, an exit code, bounded
time and memory; never a traceback, never a hang, nothing written (issue 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.load import load_catalog
from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile_corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text())["cases"]
SECONDS = 10
PEAK_MEMORY_BOUND_MB = 300
VALID_INTERFACE = (ROOT / "specs" / "interfaces" / "idss.yaml").read_text()


def validate(*paths, limits=()):
    """Run the real CLI; assert it finished in time and without a traceback."""
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", "validate", *map(str, paths), *limits],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        cwd=ROOT,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_case(case):
    path = CORPUS / case["file"]
    result = validate(path)
    assert result.returncode == case.get("exit", 1), result.stdout + result.stderr
    if "code" in case:
        first = result.stdout.splitlines()[0]
        assert first.startswith(f"{path}:{case['at']}: "), first
        assert first.endswith(f"[{case['code']}]"), first


def test_every_corpus_file_has_an_expectation():
    files = {p.name for p in CORPUS.glob("*.yaml")} - {"cases.yaml"}
    assert files == {c["file"] for c in CASES}


def _expect(result, path, code, at=None, exit_code=1):
    output = result.stdout + result.stderr
    assert result.returncode == exit_code, output
    assert f"[{code}]" in output, output
    if at:
        assert f"{path}:{at}: " in output, output


def test_binary_data(tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(bytes(range(256)) * 8)
    _expect(validate(path), path, "SPEC033", "1:1")


def test_nul_byte(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"kind: Vehicle\nname: a\x00b\n")
    _expect(validate(path), path, "SPEC033", "2:8")


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("kind: Vehicle\nname: Gagarin\nnote: caf\xe9\n".encode("latin-1"))
    _expect(validate(path), path, "SPEC033", "3:10")


def test_fifty_megabyte_file_is_refused_by_size_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _expect(validate(path), path, "SPEC031", "1:1")


def test_the_size_limit_can_be_raised(tmp_path):
    path = tmp_path / "padded.yaml"
    path.write_text(VALID_INTERFACE.replace("mates_with: [idss, nds]", "mates_with: [idss]") + "#" * 3_000_000 + "\n")
    _expect(validate(path), path, "SPEC031", "1:1")
    assert validate(path, limits=["--max-file-bytes", "4000000"]).returncode == 0


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_flow_nesting_thousands_deep(tmp_path, depth):
    path = tmp_path / "deep.yaml"
    path.write_text("kind: " + "[" * depth + "]" * depth + "\n")
    _expect(validate(path), path, "SPEC032", "1:70")


def test_block_nesting_hundreds_deep(tmp_path):
    path = tmp_path / "deep-block.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(500)) + " " * 500 + "v: 1\n")
    _expect(validate(path), path, "SPEC032", "65:65")


def test_nesting_limit_is_configurable(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text("kind: " + "[" * 10 + "]" * 10 + "\n")
    _expect(validate(path, limits=["--max-depth", "5"]), path, "SPEC032", "1:11")


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text(VALID_INTERFACE.replace("mates_with: [idss, nds]", "mates_with: [idss]"))
    (tmp_path / "b.yaml").write_text(VALID_INTERFACE.replace("mates_with: [idss, nds]", "mates_with: [idss]"))
    line = VALID_INTERFACE.splitlines().index("id: idss") + 1
    _expect(validate(tmp_path), tmp_path / "b.yaml", "SPEC021", f"{line}:5")


def test_systems_including_each_other(tmp_path):
    for me, other in (("east", "west"), ("west", "east")):
        (tmp_path / f"{me}.yaml").write_text(
            f"kind: TransportSystem\nschema_version: 1\nid: {me}\nname: {me}\nincludes: [{other}]\nsources: [{{title: t}}]\n"
        )
    result = validate(tmp_path)
    _expect(result, tmp_path / "east.yaml", "SPEC023", "5:12")
    assert "east -> west -> east" in result.stdout


def test_symbolic_link_loop_is_skipped(tmp_path):
    (tmp_path / "specs" / "nested").mkdir(parents=True)
    (tmp_path / "specs" / "nested" / "back").symlink_to(tmp_path / "specs")
    result = validate(tmp_path / "specs")
    _expect(result, None, "SPEC035")


def test_a_file_and_a_link_to_it_are_read_once(tmp_path):
    from interop.load import load_catalog

    (tmp_path / "specs" / "other").mkdir(parents=True)
    (tmp_path / "specs" / "port.yaml").write_text(
        "kind: DockingInterface\nschema_version: 1\nid: port\nname: P\nstyle: androgynous\nsources: [{title: t}]\n"
    )
    (tmp_path / "specs" / "other" / "alias.yaml").symlink_to(tmp_path / "specs" / "port.yaml")
    result = load_catalog([tmp_path / "specs", tmp_path / "specs" / "other" / "alias.yaml"])
    assert (result.files, result.findings) == (1, [])
    # As context, the same file named through a link is not loaded a second time.
    result = load_catalog([tmp_path / "specs" / "other" / "alias.yaml"], context=[tmp_path / "specs"])
    assert (result.files, result.findings) == (1, [])


def test_fifo_never_hangs(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    _expect(validate(fifo), fifo, "SPEC030", exit_code=2)


def test_dangling_symlink_is_an_unreadable_path(tmp_path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")
    _expect(validate(link), link, "SPEC030", exit_code=2)


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(VALID_INTERFACE)
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip(
            "running as root: permissions do not stop reads (FIFO and dangling-link cases cover unreadable paths)"
        )
    _expect(validate(path), path, "SPEC030", exit_code=2)


def test_missing_path_exits_two(tmp_path):
    _expect(validate(tmp_path / "nowhere"), None, "SPEC030", exit_code=2)


def test_python_tag_executes_nothing(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'kind: !!python/object/apply:os.system ["touch {marker}"]\n')
    _expect(validate(path), path, "SPEC004", "1:7")
    assert not marker.exists()


def test_validate_never_writes_into_the_spec_folder(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    for case in CASES:
        (folder / case["file"]).write_bytes((CORPUS / case["file"]).read_bytes())
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    validate(folder)
    validate(folder, limits=["--max-depth", "3"])
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    assert after == before


def test_worst_cases_stay_within_bounded_memory(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("kind: " + "[" * 100_000 + "]" * 100_000 + "\n")
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    probe = (
        "import resource, subprocess, sys\n"
        "for path in sys.argv[1:]:\n"
        "    subprocess.run([sys.executable, '-m', 'interop', '--no-config', 'validate', path], capture_output=True, timeout=30)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(deep), str(huge), str(CORPUS / "billion-laughs.yaml")],
        capture_output=True,
        text=True,
        timeout=90,
        cwd=ROOT,
    )
    peak_mb = int(result.stdout.strip()) / 1024
    assert peak_mb < PEAK_MEMORY_BOUND_MB, f"peak {peak_mb:.0f} MB"


FUZZ = settings(
    max_examples=int(os.environ.get("INTEROP_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SEEDS = [p.read_bytes() for p in sorted((ROOT / "specs").rglob("*.yaml"))[:12]]


def _load_never_raises(folder: Path, data: bytes) -> None:
    (folder / "fuzz.yaml").write_bytes(data)
    result = load_catalog([folder])  # must return findings, never raise
    assert isinstance(result.findings, list)


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_raw_bytes(tmp_path_factory, data):
    _load_never_raises(tmp_path_factory.mktemp("fuzz"), data)


@st.composite
def mutated_specs(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "duplicate-line"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(
                st.sampled_from(
                    [
                        b"[",
                        b"{",
                        b"&a ",
                        b"*a",
                        b"!!python/name:os.system ",
                        b"\t",
                        b": ",
                        b"\n- ",
                        b"\xff",
                        b"'",
                        b"<<: ",
                    ]
                )
            )
        elif action == "delete" and data:
            del data[position : position + draw(st.integers(1, 20))]
        else:
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                index = draw(st.integers(0, len(lines) - 1))
                lines.insert(index, lines[index])
                data = bytearray(b"".join(lines))
    return bytes(data)


@FUZZ
@given(mutated_specs())
def test_fuzz_mutated_specs(tmp_path_factory, data):
    _load_never_raises(tmp_path_factory.mktemp("fuzz"), data)


def test_fuzzed_cli_never_tracebacks(tmp_path):
    """A sample of mutations through the real command line."""
    import random

    generator = random.Random(1975)
    for index in range(15):
        data = bytearray(generator.choice(SEEDS))
        for _ in range(5):
            data[generator.randrange(len(data))] = generator.randrange(256)
        path = tmp_path / f"m{index}.yaml"
        path.write_bytes(bytes(data))
        assert validate(path).returncode in (0, 1)


def test_error_and_limit_reference_is_generated_and_current():
    from interop.load.errors import render_reference

    committed = (ROOT / "docs" / "errors.md").read_text()
    assert committed == render_reference(), (
        "docs/errors.md drifted: regenerate it with "
        "python -c 'from interop.load.errors import render_reference; print(render_reference(), end=\"\")' > docs/errors.md"
    )
