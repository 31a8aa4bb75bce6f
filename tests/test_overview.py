"""Issue 23, gaps and matrix: publishers, the ranking of who can settle verdicts, the matrix as an overview."""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.engine.categories import Category, categorise_cell
from interop.engine.gaps import find_gaps
from interop.engine.publishers import Basis, publisher_of
from interop.engine.systems import check_matrix
from interop.load import load_catalog
from interop.model.finding import Verdict
from tests import bundled as shared
from tests import cli_process, report_validation
from tests import spec_builders as b

ROOT = Path(__file__).resolve().parent.parent


# The bundled library and its whole-library results, computed once per worker
# and shared with the other modules that read them (tests/bundled.py).
bundled = shared.catalog
bundled_gaps = shared.gaps
bundled_matrix = shared.matrix


def _catalog(folder: Path, *documents):
    loaded = load_catalog([b.write(folder, *documents)])
    assert loaded.findings == [], loaded.findings
    return loaded.catalog


def _ship(id, operators, **extra):
    fields = {
        "operators": operators,
        "seats": {"total": 4, "nominal_crew": 2, "min_crew": 1},
        "life_support": {"max_crew": 6, "crew_days": 200, "endurance_days": 20},
        "crew_equipment": {"suits": ["suit"], "seat_liners": "adjustable"},
        "atmosphere": {"pressure_kpa": 101, "o2_fraction": 0.21},
        "rendezvous": {"sensors": [{"name": "lidar", "tracks": ["reflector"]}], "targets": ["reflector"]},
        "radios": [{"band": "s-band", "purposes": ["proximity", "voice"]}],
        "regimes": ["leo"],
        "earth_return": True,
        "return_transit_days": {"leo": 1},
    }
    fields.update(extra)
    return b.vehicle(id, [b.port("p", "shared-dock", "either")], **fields)


def _exchange_only(folder: Path, **bravo):
    """Two agencies' ships that could rescue each other: each verdict waits on a value of each agency's ship.

    Alpha's ship has no published radios, Bravo's no published atmosphere: no
    agency alone decides anything; only the two together do. A third agency's
    ship in a system of its own waits on nothing but its own values.
    """
    return _catalog(
        folder,
        b.interface("shared-dock", passage_diameter_mm=800, status="operational", publisher=["Dock Makers"]),
        _ship("alpha-ship", ["Alpha Agency"], radios=None),
        _ship("bravo-ship", ["Bravo Agency"], **(bravo or {"atmosphere": None})),
        b.system("alpha", [b.element("alpha-ship")], era="2030-"),
        b.system("bravo", [b.element("bravo-ship")], era="2030-"),
    )


def test_only_an_exchange_between_two_publishers_decides(tmp_path):
    gaps = find_gaps(_exchange_only(tmp_path))
    assert gaps.unknown == 2
    top = gaps.entries[0]
    assert top.publishers == ["Alpha Agency", "Bravo Agency"] and top.exchange
    assert top.decides == ["alpha-ship @ leo, rescued by bravo", "bravo-ship @ leo, rescued by alpha"]
    # No publisher decides anything alone.
    assert all(entry.exchange for entry in gaps.entries)
    asked = {ask.publisher: {w.name for w in ask.values} for ask in top.asks}
    assert asked["Alpha Agency"] == {"alpha-ship.radios"}
    assert "bravo-ship.atmosphere.pressure_kpa" in asked["Bravo Agency"]
    # Each value names the rule it must satisfy.
    assert all(w.conditions for ask in top.asks for w in ask.values)
    # The document ranking agrees: no one document decides a verdict.
    assert all(not d.decides for d in gaps.documents)


def test_a_publisher_alone_ranks_above_an_exchange_that_decides_less(tmp_path):
    # Bravo publishes its atmosphere: now Alpha alone decides both verdicts.
    gaps = find_gaps(_exchange_only(tmp_path, atmosphere={"pressure_kpa": 101, "o2_fraction": 0.21}))
    assert [(e.publishers, len(e.decides)) for e in gaps.entries] == [(["Alpha Agency"], 2)]


def test_publishers_stated_and_inferred(tmp_path):
    catalog = _catalog(
        tmp_path,
        b.interface("std", family="std", publisher=["Standards Board"]),
        b.interface("member", family="std"),
        b.interface("lonely"),
        b.interface("shared"),
        b.vehicle("one", [b.port("p", "lonely", "either"), b.port("q", "shared", "either")], operators=["Agency A"]),
        b.vehicle("two", [b.port("p", "lonely", "either")], operators=["Agency A"]),
        b.vehicle("three", [b.port("p", "shared", "either")], operators=["Agency B"]),
        b.system("sys", [b.element("one")], nations=["Land"]),
    )
    assert publisher_of(catalog, "DockingInterface", "std").basis is Basis.STATED
    member = publisher_of(catalog, "DockingInterface", "member")
    assert member.names == ("Standards Board",) and member.basis is Basis.STANDARD and member.inferred
    lonely = publisher_of(catalog, "DockingInterface", "lonely")
    assert lonely.names == ("Agency A",) and lonely.basis is Basis.USERS
    # Users of different operators: nobody can be named.
    assert publisher_of(catalog, "DockingInterface", "shared").names == ()
    assert publisher_of(catalog, "Vehicle", "three").names == ("Agency B",)
    assert publisher_of(catalog, "TransportSystem", "sys").basis is Basis.NATIONS
    assert "inferred" in member.describe()


def test_bundled_interfaces_name_their_publishers():
    catalog = bundled()
    for ident in ("idss", "chinese-docking-mechanism", "ssvp-orel", "bharatiya-docking-system"):
        assert publisher_of(catalog, "DockingInterface", ident).basis is Basis.STATED
    # None of the interfaces an UNKNOWN waits for ranks as "publisher not stated".
    gaps = bundled_gaps()
    interfaces = [d for d in gaps.documents if d.kind == "DockingInterface"]
    assert interfaces and all(d.publisher for d in interfaces)
    assert not any(p.startswith("DockingInterface ") for e in gaps.entries for p in e.publishers)


def test_gaps_on_the_bundled_library():
    gaps = bundled_gaps()
    # The historical systems are outside the present era (mir-1995: the station as STS-71 found it).
    assert gaps.left_out == ["astp-1975", "mir-1995", "shuttle-mir"]
    counts = [len(e.decides) for e in gaps.entries]
    assert counts == sorted(counts, reverse=True)
    # Each entry's publishers are exactly those asked for values.
    for entry in gaps.entries:
        assert [ask.publisher for ask in entry.asks] == entry.publishers
    # FAIL rows a plan can change are counted as well as UNKNOWN ones.
    assert gaps.changeable > 0 and gaps.unknown > 0
    everything = find_gaps(bundled(), all_eras=True)
    assert everything.left_out == [] and everything.verdicts > gaps.verdicts


def test_gaps_text_wraps_at_the_width():
    from interop.report.gaps import render_gaps_text

    gaps = bundled_gaps()
    for width in (60, 80, 120):
        text = render_gaps_text(gaps, width)
        lines = text.splitlines()
        # Unbreakable tokens (a long path) may overrun; nothing else does.
        assert all(len(line) <= width or " " not in line.strip() for line in lines), width
        assert lines[0].startswith("Gaps: ")
    top = gaps.entries[0]
    words = " ".join(text.split())
    assert re.search(rf"Ask first: (exchange )?{re.escape(top.label)}: .*?decides {len(top.decides)} rows", words)


def _cli(*args: str, env=None):
    return cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


def test_gaps_json_validates_and_lists_rows_behind_each_number():
    """The bundled library's gaps as JSON: the schema accepts them, and every entry lists the rows it decides.

    Rendered here from the gaps computed once per worker: what the command
    line adds (its exit code, the format option) is run by
    tests/test_planning.py and test_the_ranking_example_in_the_docs_is_what_gaps_prints.
    """
    from interop.report import ReportOptions, renderer_for

    report = json.loads(renderer_for("gaps", "json", ReportOptions())(bundled_gaps()))
    report_validation.validate(report)
    assert report["entries"] and all(e["decides"] for e in report["entries"])


# ------------------------------------------------------------------ the matrix as an overview


def test_every_row_and_cell_of_the_matrix_has_a_category():
    matrix = bundled_matrix()
    assert "astp-1975" not in matrix.systems and "shuttle-mir" not in matrix.systems
    assert all((s, s) in matrix.cells for s in matrix.systems)
    for key, cell in matrix.cells.items():
        rows = matrix.row_categories[key]
        assert len(rows) == len(cell.rows)
        for row, category in zip(cell.rows, rows, strict=True):
            if row.verdict is Verdict.PASS:
                assert category.category is Category.PASS
            if row.verdict is Verdict.UNKNOWN:
                assert category.category in (Category.DATA_ONLY, Category.ONE_CHANGE, Category.SEVERAL_CHANGES)
            assert category.detail
            if category.category is Category.ONE_CHANGE:
                assert len(category.changes) == 1
            if category.category is Category.SEVERAL_CHANGES:
                assert len(category.changes) > 1
        cell_category = matrix.categories[key]
        if rows:
            assert cell_category.category is max((r.category for r in rows), key=lambda c: c.rank)
        assert sum(cell_category.counts.values()) == len(rows)


def test_a_cell_takes_its_worst_rows_category():
    from interop.engine.categories import RowCategory

    rows = [RowCategory(Category.PASS, "passes"), RowCategory(Category.DATA_ONLY, "1 value, X")]
    cell = categorise_cell(rows)
    assert cell.category is Category.DATA_ONLY
    assert cell.counts[Category.PASS] == 1 and cell.counts[Category.DATA_ONLY] == 1
    assert cell.counts[Category.NOT_FEASIBLE] == 0


def test_matrix_categories_in_every_format(tmp_path):
    """Every cell and row of the bundled matrix carries its category in JSON (schema-valid), HTML and text.

    All three are rendered from the one matrix computed per worker
    (tests/bundled.py): the command line's matrix in every format is run by
    tests/test_report_injection.py, and each matrix of the whole library
    costs seconds. That ``interop matrix --format json`` writes exactly this
    rendering of the categorised matrix is run here on a small catalog.
    """
    from interop.report import ReportOptions, renderer_for, reporter

    small = _exchange_only(tmp_path)
    done = _cli("matrix", "--specs", str(tmp_path), "--no-library", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == renderer_for("matrix", "json", ReportOptions())(check_matrix(small, categorise=True))
    assert all("category" in cell for cell in json.loads(done.stdout)["cells"])

    report = json.loads(shared.matrix_json())
    assert report["kind"] == "matrix"
    # 40 MB: each distinct row, finding and requirement validated once (as jsonschema would, faster).
    report_validation.validate(report)
    names = {c.value for c in Category}
    for cell in report["cells"]:
        assert cell["category"] in names
        assert sum(cell["category_counts"].values()) == cell["crews"]
        assert all(row["category"] in names for row in cell["direction"]["rows"])
    matrix = bundled_matrix()
    assert len(matrix.cells) == len(report["cells"])
    page = reporter("html", ReportOptions()).matrix(matrix)
    assert page.count('<td class="category ') == len(report["cells"])
    assert "<details><summary>" in page
    text = reporter("text", ReportOptions()).matrix(matrix)
    assert "rescuing its own crews" in text


def test_the_ranking_example_in_the_docs_is_what_gaps_prints():
    text = (ROOT / "docs" / "uncertainty.md").read_text()
    marker = "test_the_ranking_example_in_the_docs_is_what_gaps_prints"
    block = text[text.index(marker) :].split("```text\n", 1)[1].split("```", 1)[0]
    printed = _cli("gaps", "ru-lunar", "us-artemis").stdout
    fresh = "".join(printed.splitlines(keepends=True)[: block.count("\n")])
    assert printed.startswith(block), f"docs/uncertainty.md's Ranking example drifted; it now reads:\n{fresh}"


# ------------------------------------------------------------------ laws of the ranking

_AGENCIES = ["Agency A", "Agency B", "Agency C"]
_HIDEABLE = {"radios": None, "atmosphere": None, "crew_equipment": None}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_AGENCIES), min_size=1, max_size=2, unique=True),
            st.sets(st.sampled_from(sorted(_HIDEABLE)), min_size=1, max_size=2),
        ),
        min_size=2,
        max_size=3,
    )
)
def test_law_every_entry_decides_its_rows_with_the_fewest_publishers(tmp_path_factory, ships):
    folder = tmp_path_factory.mktemp("ranking")
    documents = [b.interface("shared-dock", passage_diameter_mm=800, status="operational", publisher=["Dock Makers"])]
    for index, (operators, hidden) in enumerate(ships):
        documents.append(_ship(f"ship-{index}", operators, **{name: None for name in hidden}))
        documents.append(b.system(f"sys-{index}", [b.element(f"ship-{index}")], era="2030-"))
    catalog = _catalog(folder, *documents)
    gaps = find_gaps(catalog)
    assert gaps.entries  # every ship hides a value: some row waits for it
    owners = {}
    for document in gaps.documents:
        for wanted in document.fields:
            for subject in wanted.alone + wanted.together:
                owners.setdefault(subject, set()).add(frozenset(document.publisher))
    for entry in gaps.entries:
        chosen = set(entry.publishers)
        for subject in entry.decides:
            # Every document the row waits on has one of the entry's publishers.
            assert all(chosen & parties for parties in owners[subject]), subject
    for subject, needs in owners.items():
        deciding = [e for e in gaps.entries if subject in e.decides]
        assert deciding or subject in gaps.undecided
        # No smaller set of publishers would decide the row than the fewest an entry takes.
        fewest = min(len(e.publishers) for e in deciding)
        for size in range(1, fewest):
            for smaller in itertools.combinations(sorted({p for n in needs for p in n}), size):
                assert not all(set(smaller) & parties for parties in needs)
