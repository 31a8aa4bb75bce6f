"""What a newcomer reads first lists everything there is (issue 29).

The README's command table names every command the CLI has, and the index in
docs/README.md names every page in docs/: both are read from the code and the
folder, so a command or a page added later is caught too.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer

from interop.cli.commands import app

ROOT = Path(__file__).resolve().parent.parent


def _cli_commands() -> set[str]:
    group = typer.main.get_command(app)
    return set(group.commands)


def _readme_table_commands() -> set[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | what it does |")
    named: set[str] = set()
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        first_column = line.split("|")[1]
        named.update(re.findall(r"`interop ([a-z][a-z-]*)", first_column))
    return named


def test_the_readme_command_table_lists_every_command():
    commands = _cli_commands()
    assert {"validate", "check", "plan", "gaps", "map"} <= commands  # the table is read, not assumed
    assert _readme_table_commands() == commands


def test_the_docs_index_lists_every_page_in_docs():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+\.md)\)", index))
    pages = {path.name for path in (ROOT / "docs").glob("*.md") if path.name != "README.md"}
    assert pages, "no pages found in docs/"
    missing = sorted(pages - linked)
    assert not missing, f"docs/README.md does not list {missing}"
    dangling = sorted(page for page in linked if not (ROOT / "docs" / page).resolve().exists())
    assert not dangling, f"docs/README.md links to missing pages {dangling}"
