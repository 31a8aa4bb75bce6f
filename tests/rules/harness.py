"""Rule fixtures as data (practice 5 of ../shared/STYLE.md, beside the checkout).

Each fixtures/<CODE>.yaml holds named cases. A case starts from the base
catalog in tests/rules/base (where every rule passes), applies textual
``edits`` (file, old, new: old must occur exactly once) and adds ``files``,
sets the rule's ``options`` (as a project's ``[rules.CODE]`` would), runs a
``check`` (default: the base scenario ``stranded``), and expects the exact
list of that rule's findings as verdict and position (file:line:col relative
to the case folder). Editing text rather than merging data keeps every
expected position readable against the base files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tests.spec_builders import load_yaml

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
FIXTURES = HERE / "fixtures"


@dataclass
class Case:
    rule: str
    name: str
    edits: list[dict] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    check: dict = field(default_factory=lambda: {"scenario": "stranded"})
    options: dict = field(default_factory=dict)
    expect: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = load_yaml(path.read_text())
        assert data["rule"] == path.stem, f"{path.name} names rule {data['rule']}"
        for raw in data["cases"]:
            cases.append(Case(rule=data["rule"], **raw))
    return cases


def materialise(case: Case, folder: Path) -> Path:
    shutil.copytree(BASE, folder)
    for edit in case.edits:
        target = folder / edit["file"]
        text = target.read_text()
        count = text.count(edit["old"])
        assert count == 1, f"{case.id}: {edit['old']!r} occurs {count} times in {edit['file']}"
        target.write_text(text.replace(edit["old"], edit["new"]))
    for name, text in case.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return folder


def run(case: Case, folder: Path, options: dict | None = None):
    """Load the case's catalog and run its check; returns rescue results.

    ``options`` replaces the case's own rule options (None: the case's).
    """
    from interop.engine import EngineOptions, check_systems, check_vehicles, run_scenario
    from interop.load import load_catalog
    from interop.model.vocabulary import Regime
    from interop.rules.base import registry

    options = case.options if options is None else options
    declared = registry()[case.rule].options
    assert set(options) <= set(declared), f"{case.id}: {case.rule} has no option {sorted(set(options) - set(declared))}"
    engine = EngineOptions(rule_options={case.rule: dict(options)})
    loaded = load_catalog([folder])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    catalog, check = loaded.catalog, case.check
    if "scenario" in check:
        return run_scenario(catalog, check["scenario"], engine).results
    if "systems" in check:
        result = check_systems(catalog, *check["systems"], engine)
        return [row.best for d in result.directions for row in d.rows if row.best]
    return [
        check_vehicles(
            catalog, check["rescuer"], check["distressed"], Regime(check["at"]), check.get("crew"), options=engine
        )
    ]


def observed(case: Case, folder: Path, options: dict | None = None) -> list[dict]:
    findings = [f for result in run(case, folder, options) for f in result.findings if f.code == case.rule]
    rows = []
    for finding in findings:
        position = finding.position
        where = f"{Path(position.path).relative_to(folder)}:{position.line}:{position.column}" if position else None
        rows.append({"verdict": finding.verdict.value, "at": where, "finding": finding})
    return rows
