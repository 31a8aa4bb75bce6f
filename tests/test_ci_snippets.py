"""Every snippet in docs/ci.md works when pasted.

The workflow's ``run`` steps are run as shell, in order, in a temporary git
repository holding the bundled specs of the two systems the workflow checks
(the installed ``interop`` on PATH stands in for ``pip install``, which needs
the network); the example configuration is loaded by interop as a user's
``interop.toml``; the pre-commit snippets are checked against the published
hook ids and loaded by pre-commit's own configuration validator.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from interop.engine.project import load_project_config

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "ci.md").read_text()


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", PAGE, flags=re.S | re.M)


def workflow() -> dict:
    (text,) = [b for b in blocks("yaml") if "runs-on:" in b]
    return yaml.safe_load(text)


def test_example_configuration_loads_without_findings(tmp_path):
    (text,) = [b for b in blocks("toml") if "[[waivers]]" in b]
    config = tmp_path / "interop.toml"
    config.write_text(text)
    result = load_project_config(config)
    # An expired waiver here means the page's dates need moving forward.
    assert result is not None and not result.fatal and result.findings == [], [f.format() for f in result.findings]
    assert result.config.settings.fail_on in ("error", "warning", "unknown")


def test_workflow_installs_this_distribution():
    steps = workflow()["jobs"]["interop"]["steps"]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    distribution = re.search(r'^name = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)[1]
    assert installs and all(f"pip install {distribution}" in line for line in installs)


@pytest.mark.slow
def test_workflow_run_steps_pass_as_shell(tmp_path):
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    repo = tmp_path / "repo"
    # The bundled specs, less the systems and scenarios the workflow does not
    # name: the diff compares every pair of systems in both trees (105 pairs of the
    # 15 systems of the library: 10 s of CPU a diff), and one pair exercises the shell.
    steps = workflow()["jobs"]["interop"]["steps"]
    (checked,) = [
        re.search(r"interop check (\S+) (\S+)", s["run"]) for s in steps if "interop check" in s.get("run", "")
    ]
    ignored = {p.name for p in (ROOT / "specs" / "systems").glob("*.yaml")} - {
        f"{name}.yaml" for name in checked.groups()
    }
    shutil.copytree(
        ROOT / "specs",
        repo / "specs",
        ignore=lambda folder, names: ignored if Path(folder).name == "systems" else {"scenarios"} & set(names),
    )
    assert sorted(p.stem for p in (repo / "specs" / "systems").glob("*.yaml")) == sorted(checked.groups())

    def git(*args):
        subprocess.run(
            ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    orion = repo / "specs/vehicles/orion.yaml"
    orion.write_text(orion.read_text().replace("total: 4", "total: 5"))
    git("commit", "-qam", "head")
    output = tmp_path / "github-output"
    output.write_text("")
    env = {
        **os.environ,
        "GITHUB_OUTPUT": str(output),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    outputs: dict[str, str] = {}
    printed = ""
    for step in steps:
        script = step.get("run")
        if script is None or "pip install" in script:
            continue  # actions, and the install: the tool under test is already on PATH
        condition = step.get("if", "")
        if "steps.diff.outputs.exit != '0'" in condition and outputs.get("exit") == "0":
            continue
        script = script.replace("${{ github.base_ref }}", "main")
        script = script.replace("${{ steps.diff.outputs.exit }}", outputs.get("exit", ""))
        assert "${{" not in script, script
        result = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in result.stderr, result.stderr
        if not step.get("continue-on-error"):
            assert result.returncode == 0, (step.get("name"), result.stdout, result.stderr)
        outputs.update(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        printed += result.stdout
    assert (repo / "interop.sarif").is_file() and (repo / "interop-diff.md").is_file()
    assert outputs.get("exit") in ("0", "1")
    # The diff read both revisions from git and compared the pair the workflow checks.
    pair = " ↔ ".join(sorted(checked.groups()))
    assert f"| {pair} |" in (repo / "interop-diff.md").read_text()
    assert "orion.seats.total: 4 -> 5" in printed


def test_pre_commit_snippets_name_published_hooks_and_validate(tmp_path):
    published = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    snippets = [yaml.safe_load(b) for b in blocks("yaml") if "hooks:" in b and "runs-on:" not in b]
    assert len(snippets) == 2
    remote, local = snippets
    assert {hook["id"] for hook in remote["repos"][0]["hooks"]} <= published
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (test extra)")
    for index, snippet in enumerate([remote, {"repos": local if isinstance(local, list) else [local]}]):
        config = tmp_path / f"config-{index}.yaml"
        config.write_text(yaml.safe_dump(snippet))
        checked = subprocess.run([pre_commit, "validate-config", str(config)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
