"""Crew agreements between partners: what they provide a rescued crew (issue 26).

Partners who fly each other's crews (the 2022 NASA-Roscosmos integrated-crew
agreement: cosmonauts on Crew Dragon, astronauts on Soyuz) mould seat liners
for each other's crew members, provide the suits of the vehicle they fly and
train them on it. Between the systems of two nations that both fly under
such an agreement, and for a rescuer the agreement names, a crew-equipment
finding that would be FAIL or UNKNOWN becomes CONDITIONAL on what the
agreement provides; without one it stays as it is. The engine finds the
agreements (interop.engine.world); the crew rules apply them here. Decided
on typed values only: the verdict, the agreement's ``covers`` and
``vehicles``, the systems' ``nations``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from interop.model.documents import Agreement
from interop.model.finding import Verdict
from interop.model.vocabulary import AgreementTerm
from interop.rules.base import Anchor, Outcome, conditional


@dataclass(frozen=True)
class AgreementCover:
    """A crew agreement the rescuer's and the crew's systems both fly under, naming the rescuer.

    ``anchor`` is the agreement's entry in the distressed crew's system.
    """

    agreement: Agreement
    anchor: Anchor

    def label(self) -> str:
        """``<name> (signed <date>, to <year>)``."""
        until = f", to {self.agreement.until}" if self.agreement.until else ""
        return f"{self.agreement.name} (signed {self.agreement.signed}{until})"


_PROVIDES = {
    AgreementTerm.SUITS: "each rescued crew member has a suit for {rescuer}{detail} made for them",
    AgreementTerm.SEAT_LINERS: "a seat liner for {rescuer}{detail} is moulded for each rescued crew member",
    AgreementTerm.CREW_TRAINING: "the rescued crew is trained to fly {rescuer}{detail}",
}


def covering(covers: Iterable[AgreementCover], term: AgreementTerm) -> AgreementCover | None:
    """The first agreement that provides ``term``, or None."""
    return next((cover for cover in covers if term in cover.agreement.covers), None)


def under_agreement(
    outcomes: Iterable[Outcome],
    covers: Iterable[AgreementCover],
    term: AgreementTerm,
    rescuer: str,
    *,
    stated: bool = False,
    detail: str = "",
    verdicts: tuple[Verdict, ...] = (Verdict.FAIL, Verdict.UNKNOWN),
) -> Iterator[Outcome]:
    """``outcomes``, with each FAIL or UNKNOWN (``verdicts``) made CONDITIONAL on what an agreement provides.

    ``stated``: the scenario states this mission's figure (spare suits,
    liners, training), which is the record of the mission and wins over
    what an agreement could provide. ``detail``: what the rescuer takes
    (its suits), said in parentheses.
    """
    cover = None if stated else covering(covers, term)
    for outcome in outcomes:
        if cover is None or outcome.verdict not in verdicts:
            yield outcome
            continue
        provided = _PROVIDES[term].format(rescuer=rescuer, detail=f" ({detail})" if detail else "")
        evidence = [outcome.anchor] if outcome.anchor is not None else []
        yield conditional(
            f"{outcome.message}; {rescuer} is a vehicle of the {cover.label()}, which covers {term.value}",
            [f"{provided}, as the {cover.agreement.name} provides"],
            cover.anchor,
            evidence + list(outcome.evidence),
        )


def agreement_between(
    rescuer_id: str,
    rescuer_systems: Iterable,
    crew_systems: Iterable,
) -> list[AgreementCover]:
    """The agreements both sides fly under that name the rescuer, from the crew's side.

    ``rescuer_systems`` and ``crew_systems`` are TransportSystems (with what
    they include, nearest first). An agreement counts when the crew's system
    declares it, lists ``rescuer_id`` among its vehicles, the rescuer's
    system declares one of the same name, and the two systems' nations are
    known and differ (an agreement is between partners, not within one).
    """
    rescuer_side = list(rescuer_systems)
    found: list[AgreementCover] = []
    for crew_system in crew_systems:
        for rescuer_system in rescuer_side:
            if not _partners(rescuer_system, crew_system):
                continue
            names = {a.name for a in rescuer_system.agreements}
            for index, agreement in enumerate(crew_system.agreements):
                if rescuer_id in agreement.vehicles and agreement.name in names:
                    cover = AgreementCover(agreement, Anchor(crew_system, ("agreements", index)))
                    if cover not in found:
                        found.append(cover)
    return found


def _partners(a, b) -> bool:
    """Two systems of different nations, both stated."""
    if not a.nations or not b.nations or a.id == b.id:
        return False
    return not set(a.nations) & set(b.nations)
