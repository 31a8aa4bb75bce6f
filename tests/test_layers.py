"""Layers import downwards only: cli > report > engine > rules > load > model."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["cli", "report", "engine", "rules", "load", "model"]


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is a test dependency; install with '.[test]'")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers flow downwards only KEPT" in result.stdout


def _imported_layers(path: Path) -> set[str]:
    layers = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "interop" and len(parts) > 1 and parts[1] in LAYERS:
                layers.add(parts[1])
    return layers


@pytest.mark.parametrize("layer", LAYERS)
def test_no_module_imports_a_higher_layer(layer):
    higher = set(LAYERS[: LAYERS.index(layer)])
    for path in sorted((ROOT / "interop" / layer).rglob("*.py")):
        offending = _imported_layers(path) & higher
        assert not offending, f"{path.relative_to(ROOT)} imports {sorted(offending)}"


def test_rules_never_print_read_files_or_choose_exit_codes():
    forbidden = {"print", "open", "exit", "quit"}
    for path in sorted((ROOT / "interop" / "rules").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in forbidden, f"{path.name} calls {node.func.id}()"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert module not in {"sys", "os", "pathlib", "subprocess"}, f"{path.name} imports {module}"
