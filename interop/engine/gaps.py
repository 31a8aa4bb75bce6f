"""Who can settle the verdicts nobody can decide today: publishers and exchanges, ranked.

The verdicts looked at (the rows between the systems asked, the diagonal
included, or the responders of scenarios) that are UNKNOWN, and the rows of
systems that are FAIL today only for reasons a plan can change
(interop.engine.categories: one change or several), each wait for values
nobody has published. Every value belongs in one document, and every document
has a publisher (interop.engine.publishers: stated, or inferred and marked
so), one or more agencies or companies, any of whom could publish it.

A set of publishers *decides* a verdict when, for every document the verdict
waits on, one of them publishes it: then, whatever the values turn out to be,
the UNKNOWN becomes an answer (and the plan's FAIL becomes the change plus an
answer). A single publisher that decides verdicts ranks as itself; two or
more that decide verdicts only together are an *exchange* ("CMSA + Roscosmos").
The candidates are, for each verdict, the sets of fewest publishers that
decide it; each is
ranked by the number of verdicts it decides, then by how few publishers it
takes. Finding the smallest sets is a hitting-set search, bounded by
:data:`MAX_COVERS` sets tried per verdict (the report names a bound it hits).

The documents, and each missing value with the verdicts it decides alone or
with others, are kept too, for the JSON report and the detail.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from interop.engine.publishers import publisher_of
from interop.engine.rescue import EngineOptions
from interop.engine.results import RescueResult
from interop.engine.systems import check_matrix, run_scenario
from interop.load.catalog import Catalog
from interop.model.finding import Condition, Position, Verdict

MAX_COVERS = 256
"""Sets of publishers tried per verdict when looking for the smallest that decide it."""

MAX_EXCHANGE = 4
"""The most publishers an exchange may take; a verdict that needs more is listed as undecided."""


@dataclass
class Wanted:
    """One missing value: where it belongs and what waits for it."""

    name: str
    """As the findings name it (``orel.radios``)."""
    kind: str
    document: str
    path: tuple
    position: Position | None
    """Where the value would go: the spec line of its nearest written parent."""
    rules: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    """What the value must be for each waiting rule to pass, in words (a rule that states no condition: its title)."""
    requirements: list[Condition] = field(default_factory=list)
    """The condition records behind :attr:`conditions` (interop.model.finding.Condition)."""
    alone: list[str] = field(default_factory=list)
    """Verdicts (their subjects) this value decides by itself."""
    together: list[str] = field(default_factory=list)
    """Verdicts it decides with others."""


@dataclass
class DocumentGaps:
    kind: str
    document: str
    publisher: list[str]
    """Who would publish it (interop.engine.publishers); empty when nobody can be named."""
    file: str
    decides: list[str]
    """Verdicts decided once every missing value of this document is published."""
    fields: list[Wanted]
    inferred: bool = False
    """Whether :attr:`publisher` is inferred, not stated by the document."""
    basis: str = "none"
    """What the publisher was read from: stated, operators, nations, standard, users, none."""


@dataclass
class PublisherValues:
    """What one publisher of an entry is asked for."""

    publisher: str
    documents: list[DocumentGaps]
    values: list[Wanted]


@dataclass
class Entry:
    """A publisher, or an exchange of publishers, and the verdicts its values decide."""

    publishers: list[str]
    decides: list[str]
    """The verdicts (their subjects) decided once these publishers publish what is asked."""
    asks: list[PublisherValues]
    """Per publisher, the values it would publish for those verdicts."""

    @property
    def exchange(self) -> bool:
        return len(self.publishers) > 1

    @property
    def label(self) -> str:
        return " + ".join(self.publishers)


@dataclass
class GapsResult:
    asked: list[str]
    """The systems (or scenarios) asked about."""
    verdicts: int
    """How many verdicts were looked at."""
    unknown: int
    """How many of them are UNKNOWN."""
    fields: list[Wanted]
    documents: list[DocumentGaps]
    undecided: list[str] = field(default_factory=list)
    """Counted verdicts that no set of up to :data:`MAX_EXCHANGE` publishers decides."""
    other_eras: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of systems not asked about because their eras do not overlap (as ``interop matrix``)."""
    entries: list[Entry] = field(default_factory=list)
    """Publishers and exchanges, the most verdicts decided first."""
    changeable: int = 0
    """How many of the verdicts counted are FAIL today only for reasons a plan can change."""
    left_out: list[str] = field(default_factory=list)
    """Systems left out of the default view because they are of other eras (``all_eras`` asks them)."""
    bounds_hit: list[str] = field(default_factory=list)


def _unknowns(result: RescueResult) -> list[tuple[str, str, str, tuple, str, list[Condition]]]:
    """(name, kind, id, path, rule, conditions) of every value the counted UNKNOWN findings of ``result`` wait for.

    The conditions are the finding's records (interop.model.finding.Condition) that name the value.
    """
    found = []
    for finding in result.findings:
        if finding.verdict is not Verdict.UNKNOWN or not finding.counts:
            continue
        for name, wanted in zip(finding.missing, finding.wanted or [None] * len(finding.missing), strict=True):
            kind, ident, path = wanted or ("", name, ())
            conditions = [c for c in finding.requirements if name in c.names]
            found.append((name, kind, ident, path, finding.code, conditions))
    return found


def _verdicts(catalog, systems, scenarios, options, all_eras, result: GapsResult, jobs: int | None = 1):
    """(subject, result) of every verdict counted: UNKNOWN, or FAIL only for reasons a plan can change."""
    from interop.engine.categories import CHANGEABLE

    counted: list[tuple[str, RescueResult]] = []
    if scenarios is not None:
        result.asked = list(scenarios) or sorted(catalog.scenarios)
        for scenario_id in result.asked:
            for responder in run_scenario(catalog, scenario_id, options).results:
                result.verdicts += 1
                if responder.verdict is Verdict.UNKNOWN:
                    result.unknown += 1
                    counted.append((f"scenario {scenario_id}: {responder.rescuer}", responder))
        return counted
    matrix = check_matrix(catalog, systems, options, all_eras=all_eras, categorise=True, jobs=jobs)
    result.asked = list(matrix.systems)
    result.other_eras = list(matrix.other_eras)
    if not systems and not all_eras:
        result.left_out = sorted(set(catalog.systems) - set(matrix.systems))
    seen: set[str] = set()
    for (a, _b), direction in matrix.cells.items():
        for row, category in zip(direction.rows, matrix.row_categories[(a, _b)], strict=True):
            # A fleet includes its nation's systems: one crew, rescued by one
            # system, is the same row in every cell it appears in.
            subject = f"{row.distressed} @ {row.place}, rescued by {a}"
            if subject in seen:
                continue
            seen.add(subject)
            result.verdicts += 1
            if row.verdict is Verdict.UNKNOWN:
                result.unknown += 1
            elif category.category not in CHANGEABLE:
                continue
            else:
                result.changeable += 1
            if row.best is not None:
                counted.append((subject, row.best))
    return counted


def find_gaps(
    catalog: Catalog,
    systems: list[str] | None = None,
    scenarios: list[str] | None = None,
    options: EngineOptions | None = None,
    *,
    all_eras: bool = False,
    jobs: int | None = 1,
) -> GapsResult:
    """Rank the publishers and exchanges whose values decide the verdicts between ``systems`` (or of ``scenarios``).

    ``jobs``: processes for the matrix behind it (interop.engine.systems.evaluate_directions)."""
    result = GapsResult([], 0, 0, [], [])
    counted = _verdicts(catalog, systems, scenarios, options, all_eras, result, jobs)
    from interop.rules.base import registry

    titles = {code: rule.title for code, rule in registry().items()}
    fields: dict[str, Wanted] = {}
    per_verdict: dict[str, list[Wanted]] = {}
    for subject, best in counted:
        missing: list[Wanted] = []
        for name, kind, ident, path, rule, conditions in _unknowns(best):
            wanted = fields.get(name)
            if wanted is None:
                document = catalog.table(kind).get(ident) if kind else None
                position = catalog.locate(document, *path) if document is not None else None
                wanted = fields[name] = Wanted(name, kind, ident, path, position)
            if rule not in wanted.rules:
                wanted.rules.append(rule)
                if not conditions:  # a rule that states no condition: what it checks
                    wanted.conditions.append(f"{rule}: {titles.get(rule, rule)}")
            for condition in conditions:
                if condition not in wanted.requirements:
                    wanted.requirements.append(condition)
                    wanted.conditions.append(f"{rule}: {condition.text}")
            if wanted not in missing:
                missing.append(wanted)
        if missing:
            per_verdict[subject] = missing
    for subject, missing in per_verdict.items():
        for wanted in missing:
            (wanted.alone if len(missing) == 1 else wanted.together).append(subject)
    ranked = sorted(fields.values(), key=lambda w: (-len(w.alone), -len(w.together), w.name))
    documents: dict[tuple[str, str], DocumentGaps] = {}
    for wanted in ranked:
        key = (wanted.kind, wanted.document)
        if key not in documents:
            publisher = publisher_of(catalog, *key)
            documents[key] = DocumentGaps(
                wanted.kind,
                wanted.document,
                list(publisher.names),
                _file(catalog, *key),
                [],
                [],
                publisher.inferred,
                publisher.basis.value,
            )
        documents[key].fields.append(wanted)
    for subject, missing in per_verdict.items():
        owners = {(w.kind, w.document) for w in missing}
        if len(owners) == 1:
            documents[owners.pop()].decides.append(subject)
    result.fields = ranked
    result.documents = sorted(
        documents.values(),
        key=lambda d: (-len(d.decides), -sum(len(w.alone) + len(w.together) for w in d.fields), d.kind, d.document),
    )
    result.entries, result.undecided = _rank(per_verdict, documents, result.bounds_hit)
    return result


def _parties(document: DocumentGaps) -> frozenset[str]:
    """Who can publish ``document``: any one of its publishers; a document nobody is named for, on its own."""
    if document.publisher:
        return frozenset(document.publisher)
    if not document.kind:
        return frozenset({f"{document.document} (in no document of the catalog)"})
    return frozenset({f"{document.kind} {document.document} (publisher not stated)"})


def _smallest_covers(needs: list[frozenset[str]], bounds_hit: list[str], subject: str) -> set[frozenset[str]]:
    """The sets of fewest parties that meet every need (one party of each), up to :data:`MAX_EXCHANGE` parties."""
    distinct = sorted(set(needs), key=lambda need: (len(need), sorted(need)))
    # A need that contains another is met whenever the other is: only the others matter.
    needs = [n for n in distinct if not any(other < n for other in distinct)]
    covers: set[frozenset[str]] = set()
    tried = 0
    for choice in itertools.product(*(sorted(need) for need in needs)):
        tried += 1
        if tried > MAX_COVERS:
            bounds_hit.append(f"{subject}: tried {MAX_COVERS} sets of publishers (MAX_COVERS); smaller ones may exist")
            break
        cover = frozenset(choice)
        if len(cover) <= MAX_EXCHANGE:
            covers.add(cover)
    # The smallest in number: two agencies that must talk are not an answer where one would do.
    fewest = min((len(c) for c in covers), default=0)
    return {c for c in covers if len(c) == fewest}


def _rank(
    per_verdict: dict[str, list[Wanted]], documents: dict[tuple[str, str], DocumentGaps], bounds_hit: list[str]
) -> tuple[list[Entry], list[str]]:
    needs: dict[str, dict[tuple[str, str], frozenset[str]]] = {}
    candidates: set[frozenset[str]] = set()
    undecided = []
    for subject, missing in per_verdict.items():
        owners = {(w.kind, w.document): _parties(documents[(w.kind, w.document)]) for w in missing}
        needs[subject] = owners
        covers = _smallest_covers(list(owners.values()), bounds_hit, subject)
        if not covers:
            undecided.append(subject)
        candidates |= covers
    entries = []
    for cover in candidates:
        decided = sorted(s for s, owners in needs.items() if all(cover & parties for parties in owners.values()))
        entries.append(_entry(cover, decided, per_verdict, needs, documents))
    entries.sort(key=lambda e: (-len(e.decides), len(e.publishers), e.publishers))
    return entries, sorted(undecided)


def _entry(cover, decided, per_verdict, needs, documents) -> Entry:
    """What each publisher of ``cover`` is asked for, for the verdicts it decides."""
    publishers = sorted(cover)
    asks = {p: PublisherValues(p, [], []) for p in publishers}
    for subject in decided:
        for wanted in per_verdict[subject]:
            key = (wanted.kind, wanted.document)
            parties = needs[subject][key]
            # The first of the entry's publishers who can publish the document is asked for it.
            asked = asks[next(p for p in publishers if p in parties)]
            if documents[key] not in asked.documents:
                asked.documents.append(documents[key])
            if wanted not in asked.values:
                asked.values.append(wanted)
    for ask in asks.values():
        ask.values.sort(key=lambda w: w.name)
    return Entry(publishers, decided, [asks[p] for p in publishers if asks[p].values])


def _file(catalog: Catalog, kind: str, ident: str) -> str:
    source = catalog.sources.get((kind, ident))
    return source.file if source else ""
