"""Every requirement traces to a statement and is served by things that exist."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
import yaml

from interop.cli import app
from interop.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent


def _requirements():
    return yaml.safe_load((ROOT / "seeds" / "requirements.yaml").read_text())["requirements"]


def _statement_ids():
    return set(re.findall(r"\*\*(S\d+) ", (ROOT / "seeds" / "statements.md").read_text()))


def test_requirement_ids_are_unique_and_numbered():
    ids = [r["id"] for r in _requirements()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"R\d+", i) for i in ids)


def test_every_requirement_traces_to_a_known_statement():
    statements = _statement_ids()
    assert statements, "no statements found in seeds/statements.md"
    for requirement in _requirements():
        assert requirement["traces_to"], requirement["id"]
        assert set(requirement["traces_to"]) <= statements, requirement["id"]


def test_every_requirement_is_served_by_something_that_exists():
    commands = set(typer.main.get_command(app).commands)
    catalog = load_catalog([ROOT / "specs"]).catalog
    for requirement in _requirements():
        assert requirement["served_by"], requirement["id"]
        for entry in requirement["served_by"]:
            kind, _, name = entry.partition(":")
            if kind == "command":
                assert name in commands, f"{requirement['id']}: no command {name!r}"
            elif kind == "scenario":
                assert name in catalog.scenarios, f"{requirement['id']}: no scenario {name!r}"
            elif kind == "spec":
                spec_kind, _, spec_id = name.partition("/")
                assert spec_id in catalog.table(spec_kind), f"{requirement['id']}: no {spec_kind} {spec_id!r}"
            else:
                raise AssertionError(f"{requirement['id']}: unknown served_by kind {kind!r}")


def test_every_statement_is_used():
    used = {s for r in _requirements() for s in r["traces_to"]}
    assert used == _statement_ids()
