"""The published pre-commit hooks, run through the real ``pre-commit run`` from a
configuration naming this repository at a commit (what ``pre-commit try-repo``
does, but in one store for the session: try-repo builds the hooks'
environment afresh on every call), and this repository's own
``.pre-commit-config.yaml`` run on this repository.

Slow: pre-commit builds the hooks' environment (``language: python``) by
installing this repository and its dependencies with pip, from the package
index, once per test session (the release the docs pin, once per virtual
environment: see ``release_home``). On a machine without an index, the same hook
definitions are run as ``language: system`` against the installed interop
(see docs/ci.md): the entries, arguments and file patterns are still the ones
published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.spec_builders import interface, port, vehicle, write

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
OFFLINE_SIGNS = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "No matching distribution",
    "Temporary failure in name resolution",
    "Network is unreachable",
    # uv's words for the same (pre-commit-uv builds the environments with uv)
    "Failed to fetch",
    "error sending request",
)

pytestmark = [
    pytest.mark.slow,
    # One worker builds the hook environments once (session fixtures are per
    # worker under pytest-xdist; python3 tasks.py test runs --dist loadgroup).
    pytest.mark.xdist_group("pre-commit"),
    pytest.mark.skipif(
        PRE_COMMIT is None or shutil.which("git") is None, reason="needs pre-commit (test extra) and git"
    ),
]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    """pre-commit's store for this session's snapshot of the repository (a new commit each session)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def release_home(tmp_path_factory) -> Path:
    """pre-commit's store for hooks pinned to a release tag of this repository, kept across runs.

    A tag names the same commit every run, so the environment pre-commit
    builds for it (pip installing that release, the slowest step of the
    suite) is built once and then reused, as pre-commit reuses it for a user.
    Kept inside the virtual environment, which is the suite's own and is
    thrown away with it; outside one, a fresh folder per session.
    """
    if sys.prefix == sys.base_prefix:
        return tmp_path_factory.mktemp("release-pre-commit-home")
    home = Path(sys.prefix) / "interop-test" / "pre-commit-home"
    home.mkdir(parents=True, exist_ok=True)
    return home


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> Path:
    """A snapshot of this repository as a hook repository, committed.

    try-repo would snapshot uncommitted changes itself; a commit of our own keeps
    the test independent of whatever else is being edited in the checkout.
    """
    snapshot = tmp_path_factory.mktemp("hook-repo") / "interop"
    ignore = shutil.ignore_patterns(
        ".venv",
        ".git",
        ".hypothesis",
        ".pytest_cache",
        ".import_linter_cache",
        ".mypy_cache",
        ".ruff_cache",
        "*.egg-info",
        "__pycache__",
        "seeds",
        "tests",
    )
    shutil.copytree(ROOT, snapshot, ignore=ignore)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(
        snapshot,
        "-c",
        "user.email=ci@example.org",
        "-c",
        "user.name=CI",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "-m",
        "snapshot",
    )
    return snapshot


@pytest.fixture
def spec_repo(tmp_path) -> Path:
    repo = tmp_path / "specs-repo"
    write(
        repo / "specs",
        interface("idss"),
        vehicle("capsule", [port("nose", "idss", "active")], regimes=["leo"]),
    )
    (repo / "README.yaml").write_text("not: a spec\n")  # outside specs/: the hook leaves it alone
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _as_system_hooks(hook_repo: Path) -> Path:
    """The same hooks as ``language: system``, for machines without a package index."""
    offline = hook_repo.parent / "interop-system"
    if not offline.exists():
        shutil.copytree(hook_repo, offline, ignore=shutil.ignore_patterns(".git"))
        hooks = yaml.safe_load((offline / ".pre-commit-hooks.yaml").read_text())
        for hook in hooks:
            hook["language"] = "system"
        (offline / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks, sort_keys=False))
        _git(offline, "init", "-q")
        _git(offline, "add", "-A")
        _git(
            offline,
            "-c",
            "user.email=ci@example.org",
            "-c",
            "user.name=CI",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            "system hooks",
        )
    return offline


def test_published_hooks_are_well_formed():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"interop-validate", "interop-schema-check"}
    assert hooks["interop-validate"]["entry"] == "interop validate"
    assert hooks["interop-schema-check"]["entry"] == "interop schema --check"
    assert hooks["interop-schema-check"]["pass_filenames"] is False


def test_validate_hook_passes_on_valid_specs_and_points_at_the_broken_line(hook_repo, spec_repo, pre_commit_home):
    hooks = [{"id": "interop-validate"}]
    passed = run_configured(hook_repo, hooks, spec_repo, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "interop validate" in passed.stdout and "Passed" in passed.stdout

    broken = spec_repo / "specs" / "vehicle-capsule.yaml"
    broken.write_text(broken.read_text().replace("role: active", "role: sideways"))
    _git(spec_repo, "add", "-A")
    failed = run_configured(hook_repo, hooks, spec_repo, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "specs/vehicle-capsule.yaml:" in failed.stdout and "[SPEC013]" in failed.stdout
    assert "README.yaml" not in failed.stdout


def run_configured(hook_repo: Path, hooks: list[dict], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    """``pre-commit run --all-files`` with a configuration naming ``hook_repo`` (for hook args)."""
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )

    def run(repo: Path) -> subprocess.CompletedProcess:
        rev = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()
        config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": hooks}]}
        (cwd / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        _git(cwd, "add", "-A")
        return subprocess.run(
            [PRE_COMMIT, "run", "--all-files", "--color", "never"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    result = run(hook_repo)
    if result.returncode != 0 and any(sign in result.stdout + result.stderr for sign in OFFLINE_SIGNS):
        result = run(_as_system_hooks(hook_repo))
    return result


def test_schema_check_hook_accepts_a_vendored_copy_and_catches_drift(hook_repo, spec_repo, pre_commit_home):
    schemas = spec_repo / "schemas"
    shutil.copytree(ROOT / "interop" / "schemas", schemas)
    hooks = [{"id": "interop-schema-check", "args": ["--dir", "schemas"]}]
    result = run_configured(hook_repo, hooks, spec_repo, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout

    drifted = next(iter(sorted(schemas.glob("*.json"))))
    drifted.write_text(drifted.read_text().replace('"type": "object"', '"type": "array"', 1))
    result = run_configured(hook_repo, hooks, spec_repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"schemas/{drifted.name}: differs from the models" in result.stdout


# ------------------------------------------------ this repository's own checks

PUBLISHED_KEYS = ("entry", "args", "files", "pass_filenames", "require_serial")


def _own_hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    [local] = config["repos"]
    assert local["repo"] == "local"
    return {hook["id"]: hook for hook in local["hooks"]}


def test_own_config_runs_lint_format_types_and_the_published_hooks_offline():
    hooks = _own_hooks()
    assert set(hooks) == {"ruff-check", "ruff-format", "mypy", "interop-validate", "interop-schema-check"}
    assert all(hook["language"] == "system" for hook in hooks.values()), "tools from the environment: no download"
    for hook_id, command in (("ruff-check", "ruff"), ("ruff-format", "ruff"), ("mypy", "mypy")):
        assert hooks[hook_id]["entry"].split()[0] == command
        assert shutil.which(command, path=str(Path(sys.executable).parent)), f"{command} is not in the test extras"
    published = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for hook_id, hook in published.items():
        mine = hooks[hook_id]
        assert {k: mine.get(k) for k in PUBLISHED_KEYS} == {k: hook.get(k) for k in PUBLISHED_KEYS}, hook_id
    check = subprocess.run(
        [PRE_COMMIT, "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture(scope="session")
def own_checkout(tmp_path_factory) -> Path:
    """This repository as it is on disk, specs and tests included, committed in a scratch git repository."""
    copy = tmp_path_factory.mktemp("own-checkout") / "interop"
    ignore = shutil.ignore_patterns(
        ".venv*", ".git", ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "*.egg-info", "__pycache__"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    return copy


def _run_own(checkout: Path, home: Path, *hook_ids: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    if sys.prefix != sys.base_prefix:
        # mypy's incremental cache, kept beside the suite's environment: a cold
        # mypy of the package is the longest hook, and mypy checks every cached
        # module against its source before it trusts the entry.
        env["MYPY_CACHE_DIR"] = str(Path(sys.prefix) / "interop-test" / "mypy-cache")
    return subprocess.run(
        [PRE_COMMIT, "run", *hook_ids, "--all-files", "--color", "never"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_own_config_passes_on_this_repository(own_checkout, pre_commit_home):
    result = _run_own(own_checkout, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("ruff check", "ruff format", "mypy", "interop validate", "interop schema --check"):
        assert any(line.startswith(name) and line.endswith("Passed") for line in result.stdout.splitlines()), name


def test_own_validate_hook_points_at_a_broken_spec(own_checkout, pre_commit_home):
    broken = own_checkout / "specs" / "vehicles" / "orion.yaml"
    original = broken.read_text()
    try:
        broken.write_text(original.replace("role: either", "role: sideways", 1))
        _git(own_checkout, "add", "-A")
        result = _run_own(own_checkout, pre_commit_home, "interop-validate")
    finally:
        broken.write_text(original)
        _git(own_checkout, "add", "-A")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "specs/vehicles/orion.yaml:" in result.stdout and "[SPEC013]" in result.stdout


# ------------------------------------------------ the snippet the docs give users

DOCUMENTED = [ROOT / "docs" / "ci.md", ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml"]
PLACEHOLDER_REPO = "https://github.com/<org>/interop"


def _documented_revs() -> list[tuple[Path, str]]:
    import re

    found = []
    for path in DOCUMENTED:
        for rev in re.findall(r"^\s*#?\s*rev:\s*(\S+)", path.read_text(encoding="utf-8"), re.M):
            found.append((path, rev))
    return found


def _in_git_checkout() -> bool:
    return subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, capture_output=True, check=False).returncode == 0


def _resolve(rev: str) -> str | None:
    """The commit ``rev`` names in this repository, as a tag or as a commit of its history; None if neither."""
    for name in (f"refs/tags/{rev}^{{commit}}", f"{rev}^{{commit}}"):
        resolved = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", name], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if resolved.returncode == 0:
            commit = resolved.stdout.strip()
            on_history = subprocess.run(
                ["git", "merge-base", "--is-ancestor", commit, "HEAD"], cwd=ROOT, capture_output=True, check=False
            )
            return commit if on_history.returncode == 0 else None
    return None


def _skip_where_history_is_missing() -> None:
    """An unpacked sdist has no history, a shallow clone only part of it: neither can say whether a rev exists."""
    if not _in_git_checkout():
        pytest.skip("not a git checkout (an unpacked sdist)")
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if shallow.stdout.strip() == "true" and any(_resolve(rev) is None for _path, rev in _documented_revs()):
        pytest.skip("a shallow clone: the documented rev is older than its history")


def test_every_rev_the_docs_name_exists_in_this_repository():
    _skip_where_history_is_missing()
    revs = _documented_revs()
    assert any(path.name == "ci.md" for path, _rev in revs), "docs/ci.md names no rev"
    for path, rev in revs:
        assert _resolve(rev) is not None, f"{path.name} names rev {rev}, which is no tag or commit of this repository"


def test_a_rev_that_is_no_tag_or_commit_here_is_caught():
    assert _resolve("v0.1.0-never-released") is None
    assert _resolve("0" * 40) is None


def test_the_documented_snippet_runs_through_pre_commit(spec_repo, release_home):
    """docs/ci.md's snippet, with this repository in place of the placeholder URL, as pre-commit runs it.

    A user who pins a release vendors that release's schemas (``interop init``
    of that version writes them), so the schemas copied are the pinned rev's."""
    _skip_where_history_is_missing()
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in text.split("```yaml\n")[1:] if "rev:" in b).split("```", 1)[0]
    assert PLACEHOLDER_REPO in block
    (spec_repo / ".pre-commit-config.yaml").write_text(block.replace(PLACEHOLDER_REPO, str(ROOT)))
    rev = next(rev for path, rev in _documented_revs() if path.name == "ci.md")
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{rev}:interop/schemas"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (spec_repo / "schemas").mkdir()
    for name in listing.split():
        shown = subprocess.run(
            ["git", "show", f"{rev}:interop/schemas/{name}"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        (spec_repo / "schemas" / name).write_bytes(shown)
    _git(spec_repo, "add", "-A")
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(release_home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    result = subprocess.run(
        [PRE_COMMIT, "run", "--all-files", "--color", "never"],
        cwd=spec_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0 and any(sign in result.stdout + result.stderr for sign in OFFLINE_SIGNS):
        pytest.skip("the package index is unreachable: pre-commit cannot build the hooks' environment")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "interop validate" in result.stdout and "interop schema --check" in result.stdout
