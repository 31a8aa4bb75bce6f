"""Every source address in the bundled library is well formed, and a title
names one address across the library (no network: only the text is read)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from interop.load import load_catalog

SPECS = Path(__file__).resolve().parent.parent / "specs"
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\.?$")


def address_problems(url: str) -> list[str]:
    """What is wrong with a source address, or [] when it is well formed."""
    problems = []
    if url != url.strip() or any(c.isspace() for c in url):
        problems.append("contains whitespace")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError as error:
        return [*problems, f"does not parse: {error}"]
    if parts.scheme not in ("https", "http"):
        problems.append(f"scheme {parts.scheme!r} is not https or http")
    if not parts.hostname or not _HOST.match(parts.hostname):
        problems.append(f"host {parts.hostname!r} is not a host name")
    if parts.username or parts.password:
        problems.append("carries credentials")
    if port == 0:
        problems.append("port 0")
    if _BAD_PERCENT.search(url):
        problems.append("a % not followed by two hex digits")
    return problems


def _sources(catalog):
    for kind in ("DockingInterface", "Vehicle", "TransportSystem", "RescueScenario"):
        for document in catalog.table(kind).values():
            for source in document.sources:
                yield document, source


@pytest.fixture(scope="module")
def catalog():
    loaded = load_catalog([SPECS])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    return loaded.catalog


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://en.wikipedia.org/wiki/Apollo%E2%80%93Soyuz", []),
        ("http://history.nasa.gov/SP-4012/vol3/table2.54.htm", []),
        ("https://ntrs.nasa.gov/citations/20150001899", []),
        ("ftp://example.org/x", ["scheme 'ftp' is not https or http"]),
        ("en.wikipedia.org/wiki/Soyuz", ["scheme '' is not https or http", "host None is not a host name"]),
        ("https://en.wikipedia.org/wiki/Soyuz MS", ["contains whitespace"]),
        ("https://example.org/a%2", ["a % not followed by two hex digits"]),
        ("https://example.org/100%", ["a % not followed by two hex digits"]),
        ("https:///wiki/x", ["host None is not a host name"]),
        ("https://exa mple.org/", ["contains whitespace", "host 'exa mple.org' is not a host name"]),
        ("https://user:pw@example.org/", ["carries credentials"]),
    ],
)
def test_address_checker(url, expected):
    assert address_problems(url) == expected


def test_every_source_address_is_well_formed(catalog):
    bad = [
        f"{document.id}: {source.title!r}: {source.url!r}: {', '.join(problems)}"
        for document, source in _sources(catalog)
        if source.url is not None and (problems := address_problems(source.url))
    ]
    assert bad == []


def test_a_title_names_one_address_across_the_library(catalog):
    addresses: dict[str, set[tuple[str | None, str | None]]] = defaultdict(set)
    cited_by: dict[str, set[str]] = defaultdict(set)
    for document, source in _sources(catalog):
        title = " ".join(source.title.split()).casefold()
        addresses[title].add((source.url, source.document))
        cited_by[title].add(document.id)
    conflicts = {
        title: (sorted(found, key=str), sorted(cited_by[title])) for title, found in addresses.items() if len(found) > 1
    }
    assert conflicts == {}


def test_the_library_cites_primary_documents_by_number(catalog):
    numbers = {source.document for _, source in _sources(catalog) if source.document}
    for required in ("NASA RP-1357", "NASA SP-4209", "NTRS 20230015263"):
        assert required in numbers, f"{required} is not cited by number anywhere in specs/"
