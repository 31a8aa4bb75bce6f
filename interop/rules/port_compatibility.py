"""Whether two ports can mate: declared compatibility, style, roles, genders.

One pure function, used by the engine's path search and by the docking
rules, so a path the engine finds is a path the rules accept. What it finds
missing is named by ``Anchor.describe``, as a rule's UNKNOWN names it.
"""

from __future__ import annotations

from interop.model.documents import DockingInterface, Port
from interop.model.vocabulary import Gender, MatingStyle, PortRole
from interop.rules.base import Anchor
from interop.rules.context import MateCause, MateCheck, MateStatus

_ROLE_PAIRS_THAT_MATE = {
    (PortRole.ACTIVE, PortRole.PASSIVE),
    (PortRole.PASSIVE, PortRole.ACTIVE),
    (PortRole.ACTIVE, PortRole.EITHER),
    (PortRole.EITHER, PortRole.ACTIVE),
    (PortRole.PASSIVE, PortRole.EITHER),
    (PortRole.EITHER, PortRole.PASSIVE),
    (PortRole.EITHER, PortRole.EITHER),
}


def interfaces_compatible(a: DockingInterface, b: DockingInterface) -> bool:
    """Declared compatibility, made symmetric: either side listing the other is enough."""
    return b.id in (a.mates_with or ()) or a.id in (b.mates_with or ())


def effective_gender(port: Port, interface: DockingInterface) -> Gender | None:
    return port.gender or interface.gender


def check_mate(
    port_a: Port,
    interface_a: DockingInterface | None,
    port_b: Port,
    interface_b: DockingInterface | None,
) -> MateCheck:
    """Can these two ports mate? Symmetric in (a, b)."""
    if interface_a is None or interface_b is None:
        # A document the catalog lacks has no path to anchor: it is named by its id.
        missing = [p.interface for p, i in ((port_a, interface_a), (port_b, interface_b)) if i is None]
        return MateCheck(
            MateStatus.UNKNOWN, "interface not in the catalog", tuple(missing), MateCause.INTERFACE_UNKNOWN
        )
    if not interfaces_compatible(interface_a, interface_b):
        unlisted = [i for i in (interface_a, interface_b) if i.mates_with is None]
        if unlisted:
            # Unknown is not "no": nobody has published what this mechanism mates with.
            return MateCheck(
                MateStatus.UNKNOWN,
                f"what {' and '.join(i.id for i in unlisted)} mates with is not known",
                tuple(Anchor(i, ("mates_with",)) for i in unlisted),
                MateCause.PARTNERS_UNKNOWN,
            )
        return MateCheck(
            MateStatus.NO,
            f"{interface_a.id} and {interface_b.id} are not declared to mate",
            cause=MateCause.NOT_DECLARED,
        )
    style = interface_a.style
    if style is MatingStyle.GENDERED or interface_b.style is MatingStyle.GENDERED:
        return _gendered(port_a, interface_a, port_b, interface_b)
    if (port_a.role, port_b.role) not in _ROLE_PAIRS_THAT_MATE:
        return MateCheck(
            MateStatus.NO,
            f"both ports are {_role_words(port_a.role)}: one side must be active and the other passive",
            cause=MateCause.ROLES,
        )
    if style is MatingStyle.BERTHING or interface_b.style is MatingStyle.BERTHING:
        return MateCheck(
            MateStatus.SLOW, "berthing: a robotic arm captures and holds the vehicle", cause=MateCause.BERTHING
        )
    return MateCheck(
        MateStatus.MATES, f"{interface_a.id} ({port_a.role.value}) with {interface_b.id} ({port_b.role.value})"
    )


def _gendered(port_a, interface_a, port_b, interface_b) -> MateCheck:
    gender_a = effective_gender(port_a, interface_a)
    gender_b = effective_gender(port_b, interface_b)
    if gender_a is None or gender_b is None:
        # Named by interface, not by port: the engine memoises this check per
        # (interface, role, gender) of each side, so the result may not name
        # one port when another port of the same kind asks the same question.
        unknown = list({i.id: i for i, g in ((interface_a, gender_a), (interface_b, gender_b)) if g is None}.values())
        return MateCheck(
            MateStatus.UNKNOWN,
            f"gendered mechanism with an unknown gender: declare it on {' and '.join(i.id for i in unknown)} or on the port",
            tuple(Anchor(i, ("gender",)) for i in unknown),
            MateCause.GENDER_UNKNOWN,
        )
    if {gender_a, gender_b} != {Gender.PROBE, Gender.DROGUE}:
        return MateCheck(
            MateStatus.NO,
            f"gendered mechanism: {gender_a.value} cannot mate with {gender_b.value}; a probe needs a drogue",
            cause=MateCause.GENDERS,
        )
    return MateCheck(MateStatus.MATES, f"{interface_a.id} {gender_a.value} into {interface_b.id} {gender_b.value}")


def _role_words(role: PortRole) -> str:
    return {PortRole.ACTIVE: "active-only", PortRole.PASSIVE: "passive-only", PortRole.EITHER: "either"}[role]
