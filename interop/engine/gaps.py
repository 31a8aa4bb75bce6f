"""The unknowns behind UNKNOWN verdicts, ranked by how many verdicts they decide.

For every verdict asked about (the rows of the directions between the systems
named, or the responders of scenarios) that is UNKNOWN, the missing fields its
deciding findings name are collected. A field *decides a verdict alone* when it
is the only one missing for that verdict: publishing it, whatever its value,
turns the UNKNOWN into an answer. It decides *in combination* when it is one of
several. Fields are grouped by the document that would hold them, and so by
the operator or agency that would publish it; a document *decides* a verdict
when every field missing for it belongs to that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interop.engine.rescue import EngineOptions
from interop.engine.results import RescueResult
from interop.engine.systems import check_matrix, run_scenario
from interop.load.catalog import Catalog
from interop.model.finding import Position, Verdict


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
    alone: list[str] = field(default_factory=list)
    """Verdicts (their subjects) this value decides by itself."""
    together: list[str] = field(default_factory=list)
    """Verdicts it decides with others."""


@dataclass
class DocumentGaps:
    kind: str
    document: str
    publisher: list[str]
    """Who would publish it: the vehicle's operators, a system's nations."""
    file: str
    decides: list[str]
    """Verdicts decided once every missing value of this document is published."""
    fields: list[Wanted]


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
    """UNKNOWN verdicts whose missing values are spread over several documents."""
    other_eras: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of systems not asked about because their eras do not overlap (as ``interop matrix``)."""


def _unknowns(result: RescueResult) -> list[tuple[str, str, str, tuple, str]]:
    """(name, kind, id, path, rule) of every missing value behind ``result``'s UNKNOWN findings."""
    found = []
    for finding in result.deciding():
        if finding.verdict is not Verdict.UNKNOWN:
            continue
        for name, wanted in zip(finding.missing, finding.wanted, strict=True):
            kind, ident, path = wanted or ("", name, ())
            found.append((name, kind, ident, path, finding.code))
    return found


def find_gaps(
    catalog: Catalog,
    systems: list[str] | None = None,
    scenarios: list[str] | None = None,
    options: EngineOptions | None = None,
    *,
    all_eras: bool = False,
) -> GapsResult:
    """Rank the missing values behind the UNKNOWN verdicts between ``systems`` (or of ``scenarios``)."""
    verdicts: list[tuple[str, Verdict, RescueResult | None]] = []
    other_eras: list[tuple[str, str]] = []
    if scenarios is not None:
        asked = list(scenarios) or sorted(catalog.scenarios)
        for scenario_id in asked:
            for responder in run_scenario(catalog, scenario_id, options).results:
                verdicts.append((f"scenario {scenario_id}: {responder.rescuer}", responder.verdict, responder))
    else:
        matrix = check_matrix(catalog, systems, options, all_eras=all_eras)
        asked = list(matrix.systems)
        other_eras = list(matrix.other_eras)
        seen: set[str] = set()
        for (a, _b), direction in matrix.cells.items():
            for row in direction.rows:
                # A fleet includes its nation's systems: one crew, rescued by
                # one system, is the same row in every cell it appears in.
                subject = f"{row.distressed} @ {row.place}, rescued by {a}"
                if subject not in seen:
                    seen.add(subject)
                    verdicts.append((subject, row.verdict, row.best))
    fields: dict[str, Wanted] = {}
    per_verdict: dict[str, list[Wanted]] = {}
    for subject, verdict, best in verdicts:
        if verdict is not Verdict.UNKNOWN or best is None:
            continue
        missing: list[Wanted] = []
        for name, kind, ident, path, rule in _unknowns(best):
            wanted = fields.get(name)
            if wanted is None:
                document = catalog.table(kind).get(ident) if kind else None
                position = catalog.locate(document, *path) if document is not None else None
                wanted = fields[name] = Wanted(name, kind, ident, path, position)
            if rule not in wanted.rules:
                wanted.rules.append(rule)
            if wanted not in missing:
                missing.append(wanted)
        per_verdict[subject] = missing
    for subject, missing in per_verdict.items():
        for wanted in missing:
            (wanted.alone if len(missing) == 1 else wanted.together).append(subject)
    ranked = sorted(fields.values(), key=lambda w: (-len(w.alone), -len(w.together), w.name))
    documents: dict[tuple[str, str], DocumentGaps] = {}
    for wanted in ranked:
        key = (wanted.kind, wanted.document)
        if key not in documents:
            documents[key] = DocumentGaps(
                wanted.kind, wanted.document, _publisher(catalog, *key), _file(catalog, *key), [], []
            )
        documents[key].fields.append(wanted)
    undecided = []
    for subject, missing in per_verdict.items():
        owners = {(w.kind, w.document) for w in missing}
        if len(owners) == 1:
            documents[owners.pop()].decides.append(subject)
        else:
            undecided.append(subject)
    ordered = sorted(
        documents.values(),
        key=lambda d: (-len(d.decides), -sum(len(w.alone) + len(w.together) for w in d.fields), d.kind, d.document),
    )
    unknown = sum(1 for _s, v, _b in verdicts if v is Verdict.UNKNOWN)
    return GapsResult(asked, len(verdicts), unknown, ranked, ordered, sorted(undecided), other_eras)


def _publisher(catalog: Catalog, kind: str, ident: str) -> list[str]:
    document = catalog.table(kind).get(ident) if kind else None
    if document is None:
        return []
    operators = getattr(document, "operators", None) or getattr(document, "nations", None)
    return list(operators or ())


def _file(catalog: Catalog, kind: str, ident: str) -> str:
    source = catalog.sources.get((kind, ident))
    return source.file if source else ""
