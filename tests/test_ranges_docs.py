"""docs/uncertainty.md's section on ranges shows what interop prints, on the bundled library and a fixture."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml

from interop.load import load_catalog
from tests import cli_process
from tests.rules.harness import BASE

ROOT = Path(__file__).resolve().parent.parent
SECTION = (ROOT / "docs" / "uncertainty.md").read_text().split("## Ranges", 1)[1].split("\n## ", 1)[0]


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", SECTION, flags=re.S)


def _interop(*args: str) -> str:
    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    rescuer = folder / "vehicles" / "rescuer.yaml"
    text = rescuer.read_text()
    text = text.replace("endurance_days: 30,", 'endurance_days: "5..30 days",')
    text = text.replace("return_transit_days: {leo: 1}", "return_transit_days: {leo: 12}")
    assert '"5..30 days"' in text and "{leo: 12}" in text
    rescuer.write_text(text)
    return folder


def test_the_range_examples_in_the_docs_are_what_interop_prints(tmp_path):
    library, split = _blocks("text")
    printed = _interop("scenario", "shuttle-crew-at-mir", "--specs", "specs")
    assert library in printed, printed
    folder = _fixture(tmp_path)
    printed = _interop(
        "check", "--specs", str(folder), "--rescuer", "rescuer", "--distressed", "distressed", "--at", "leo"
    )
    assert split in printed, printed
    [shown] = _blocks("json")
    record = json.loads(
        _interop(
            "check",
            "--specs",
            str(folder),
            "--rescuer",
            "rescuer",
            "--distressed",
            "distressed",
            "--at",
            "leo",
            "-f",
            "json",
        )
    )
    for key, value in json.loads("{" + shown.strip().rstrip(",") + "}").items():
        assert record[key] == value, key


def test_the_range_forms_the_docs_show_are_accepted(tmp_path):
    [snippet] = _blocks("yaml")
    written = yaml.safe_load(snippet)
    vehicle = yaml.safe_load((BASE / "vehicles" / "rescuer.yaml").read_text())
    vehicle["life_support"].update(written["life_support"])
    vehicle["atmosphere"].update(written["atmosphere"])
    shutil.copy(BASE / "interfaces" / "idss.yaml", tmp_path / "idss.yaml")
    (tmp_path / "rescuer.json").write_text(json.dumps(vehicle))
    loaded = load_catalog([tmp_path])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    atmosphere = loaded.catalog.vehicles["rescuer"].atmosphere
    assert (atmosphere.adjustable_min_kpa.low, atmosphere.o2_fraction.high) == (8 * 6.894757293168361, 0.30)
