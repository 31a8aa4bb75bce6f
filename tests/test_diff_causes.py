"""A verdict change names the edit to a station-stack vehicle that caused it."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent


def test_turning_ida_2_active_blames_the_ida_edit(tmp_path):
    head = tmp_path / "head"
    shutil.copytree(ROOT / "specs", head)
    # IDA-2 only, the port Starliner frees for Crew-9: IDA-3 holds a declared Dragon docking, which an
    # active-only IDA-3 would make a validation error (SPEC029), and a catalog with errors is not compared.
    path = head / "vehicles" / "ida-2.yaml"
    path.write_text(path.read_text().replace("interface: idss, role: passive}", "interface: idss, role: active}"))
    # The scenarios are compared whatever the systems; --system keeps the pairs (which this test does not
    # read) to one system's: the same scenarios in the report, a tenth of the work of every pair.
    result = cli_process.run_argv(
        [
            sys.executable,
            "-m",
            "interop",
            "--no-config",
            "diff",
            str(ROOT / "specs"),
            str(head),
            "--format",
            "json",
            "--system",
            "us-iss",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    [starliner] = [s for s in report["scenarios"] if s["scenario"] == "starliner-crew-return"]
    # Crew-9 as flown goes from CONDITIONAL to FAIL; as first crewed (four aboard) it fails either way.
    # The four-aboard variant may be listed as "changed" (its findings move, its verdict does not).
    [responder] = [r for r in starliner["responders"] if r["trend"] != "changed"]
    assert (responder["old"], responder["new"], responder["trend"]) == ("conditional", "fail", "worse")
    assert all(r["old"] == r["new"] == "fail" for r in starliner["responders"] if r["trend"] == "changed")
    edits = [e for e in responder["edits"] if e["document"]["id"] == "ida-2" and e["field"] == "ports[idss].role"]
    assert edits, responder["edits"]
    assert (edits[0]["old"], edits[0]["new"]) == ("passive", "active")
