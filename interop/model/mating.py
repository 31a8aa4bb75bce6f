"""Whether two ports can mate, and the records that say so.

One pure function, :func:`check_mate`, used by the engine's path search
(``check``, ``plan``, ``gaps``), the mechanism map (``map``), the docking
rules and the loader's check of declared dockings (interop.load.docking_mates),
so a path the engine finds is a path the rules accept and a docking the
library declares is held to the same decision. It lives in the model layer,
below the loader; interop.rules.port_compatibility names it for the rules. It decides in
this order, and stops at the first step that decides:

1. both interfaces are in the catalog (else UNKNOWN: the interface is named);
2. style: mechanisms of different styles never mate (gendered with
   androgynous, berthing with docking), whatever any list says: NO;
3. gender (gendered) or roles (androgynous, berthing): two probes, two
   drogues, two active-only or two passive-only ports: NO. An androgynous
   interface is never asked for a gender;
4. partner lists: both published and neither naming the other: NO;
5. what is still open is UNKNOWN, waiting for exactly the values that
   would decide it (a gender, a ``mates_with``), each with the condition
   under which the pair mates; otherwise MATES (SLOW for berthing).

So a partner list is asked for only where style and gender leave the pair
open. What it finds missing is named by ``Anchor.describe``, as a rule's
UNKNOWN names it. A published ``mates_with`` that contradicts style or
gender is a loader finding at the list (interop.load.catalog).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from interop.model.anchors import Anchor, condition
from interop.model.documents import DockingInterface, Port
from interop.model.finding import Condition, ConditionField
from interop.model.vocabulary import Gender, MatingStyle, PortRole, styles_mate


class MateStatus(str, enum.Enum):
    MATES = "mates"
    SLOW = "slow"  # berthing: mates, but needs an arm and hours
    NO = "no"
    UNKNOWN = "unknown"


class MateCause(str, enum.Enum):
    """Why two ports mate or not: what rules decide on (never the reason's words)."""

    COMPATIBLE = "compatible"
    BERTHING = "berthing"
    INTERFACE_UNKNOWN = "interface-unknown"  # an interface not in the catalog
    STYLES = "styles"  # gendered with androgynous, berthing with docking
    PARTNERS_UNKNOWN = "partners-unknown"  # nobody published what it mates with
    NOT_DECLARED = "not-declared"  # both lists published, neither names the other
    ROLES = "roles"  # androgynous: both active-only or both passive-only
    GENDERS = "genders"  # gendered: probe with probe, drogue with drogue
    GENDER_UNKNOWN = "gender-unknown"
    STACK = "stack"  # already mated: a station's permanent connection
    DOCKED = "docked"  # already docked: a visitor at its station port


@dataclass(frozen=True)
class MateCheck:
    status: MateStatus
    reason: str
    missing: tuple[Anchor | str, ...] = ()
    """What nobody has published: spec values as anchors; an interface the catalog lacks by its id."""
    cause: MateCause = MateCause.COMPATIBLE
    requires: tuple[Condition, ...] = ()
    """UNKNOWN: what each missing value must be for the two ports to mate (all of them together)."""


_ROLE_PAIRS_THAT_MATE = {
    (PortRole.ACTIVE, PortRole.PASSIVE),
    (PortRole.PASSIVE, PortRole.ACTIVE),
    (PortRole.ACTIVE, PortRole.EITHER),
    (PortRole.EITHER, PortRole.ACTIVE),
    (PortRole.PASSIVE, PortRole.EITHER),
    (PortRole.EITHER, PortRole.PASSIVE),
    (PortRole.EITHER, PortRole.EITHER),
}

_OTHER_GENDER = {Gender.PROBE: Gender.DROGUE, Gender.DROGUE: Gender.PROBE}

_STYLE_WORDS = {
    MatingStyle.ANDROGYNOUS: "androgynous",
    MatingStyle.GENDERED: "gendered (probe and drogue)",
    MatingStyle.BERTHING: "a berthing mechanism",
}


def interfaces_compatible(a: DockingInterface, b: DockingInterface) -> bool:
    """Declared compatibility, made symmetric: either side listing the other is enough."""
    return b.id in (a.mates_with or ()) or a.id in (b.mates_with or ())


def effective_gender(port: Port, interface: DockingInterface) -> Gender | None:
    """The port's gender, else its interface's; None for an androgynous or berthing mechanism."""
    if interface.style is not MatingStyle.GENDERED:
        return None
    return port.gender or interface.gender


def check_mate(
    port_a: Port,
    interface_a: DockingInterface | None,
    port_b: Port,
    interface_b: DockingInterface | None,
) -> MateCheck:
    """Can these two ports mate? Symmetric in (a, b); the order of decision is the module's."""
    if interface_a is None or interface_b is None:
        return _interface_unknown(port_a, interface_a, port_b, interface_b)
    if not styles_mate(interface_a.style, interface_b.style):
        return MateCheck(
            MateStatus.NO,
            f"{interface_a.id} is {_STYLE_WORDS[interface_a.style]} and {interface_b.id} is "
            f"{_STYLE_WORDS[interface_b.style]}: mechanisms of different styles never mate",
            cause=MateCause.STYLES,
        )
    style = interface_a.style
    open_genders: list[DockingInterface] = []
    if style is MatingStyle.GENDERED:
        gender_a = effective_gender(port_a, interface_a)
        gender_b = effective_gender(port_b, interface_b)
        if gender_a is not None and gender_a is gender_b:
            return MateCheck(
                MateStatus.NO,
                f"gendered mechanism: {gender_a.value} cannot mate with {gender_b.value}; a probe needs a drogue",
                cause=MateCause.GENDERS,
            )
        # Named by interface, not by port: the engine memoises this check per
        # (interface, role, gender) of each side, so the result may not name
        # one port when another port of the same kind asks the same question.
        open_genders = list(
            {i.id: i for i, g in ((interface_a, gender_a), (interface_b, gender_b)) if g is None}.values()
        )
    elif (port_a.role, port_b.role) not in _ROLE_PAIRS_THAT_MATE:
        return MateCheck(
            MateStatus.NO,
            f"both ports are {_role_words(port_a.role)}: one side must be active and the other passive",
            cause=MateCause.ROLES,
        )
    unlisted: list[DockingInterface] = []
    if not interfaces_compatible(interface_a, interface_b):
        unlisted = list({i.id: i for i in (interface_a, interface_b) if i.mates_with is None}.values())
        if not unlisted:
            return MateCheck(
                MateStatus.NO,
                f"{interface_a.id} and {interface_b.id} are not declared to mate",
                cause=MateCause.NOT_DECLARED,
            )
    if open_genders or unlisted:
        return _still_open(port_a, interface_a, port_b, interface_b, open_genders, unlisted)
    if style is MatingStyle.BERTHING:
        return MateCheck(
            MateStatus.SLOW, "berthing: a robotic arm captures and holds the vehicle", cause=MateCause.BERTHING
        )
    if style is MatingStyle.GENDERED:
        gender_a, gender_b = effective_gender(port_a, interface_a), effective_gender(port_b, interface_b)
        assert gender_a is not None and gender_b is not None, "both genders are known here"
        return MateCheck(MateStatus.MATES, f"{interface_a.id} {gender_a.value} into {interface_b.id} {gender_b.value}")
    return MateCheck(
        MateStatus.MATES, f"{interface_a.id} ({port_a.role.value}) with {interface_b.id} ({port_b.role.value})"
    )


def _interface_unknown(port_a, interface_a, port_b, interface_b) -> MateCheck:
    # A document the catalog lacks has no path to anchor: it is named by its id.
    absent = list(dict.fromkeys(p.interface for p, i in ((port_a, interface_a), (port_b, interface_b)) if i is None))
    requires = []
    for name in absent:
        other = port_b.interface if name == port_a.interface else port_a.interface
        requires.append(
            condition(
                [ConditionField("DockingInterface", name, name)],
                "mates",
                other,
                clause=f"an interface {name} in the catalog that mates with {other}",
            )
        )
    return MateCheck(
        MateStatus.UNKNOWN,
        "interface not in the catalog",
        tuple(absent),
        MateCause.INTERFACE_UNKNOWN,
        tuple(requires),
    )


def _still_open(port_a, interface_a, port_b, interface_b, open_genders, unlisted) -> MateCheck:
    """UNKNOWN: what style and gender leave open, with the condition each missing value must meet."""
    missing: list[Anchor] = []
    requires: list[Condition] = []
    reasons: list[str] = []
    if open_genders:
        anchors = [Anchor(i, ("gender",)) for i in open_genders]
        missing += anchors
        known = [g for g in (effective_gender(port_a, interface_a), effective_gender(port_b, interface_b)) if g]
        if known:
            wanted = _OTHER_GENDER[known[0]].value
            requires.append(
                condition(
                    anchors, "is", wanted, alternatives=[f"the port of {open_genders[0].id} declares gender: {wanted}"]
                )
            )
        else:
            requires.append(condition(anchors, "differ", ("probe", "drogue")))
        reasons.append(
            f"gendered mechanism with an unknown gender: declare it on {' and '.join(i.id for i in open_genders)} or on the port"
        )
    if unlisted:
        for interface in unlisted:
            other = interface_b if interface is interface_a else interface_a
            field = Anchor(interface, ("mates_with",))
            missing.append(field)
            alternatives = (
                [f"{other.id}.mates_with includes {interface.id}"]
                if other.mates_with is None and other is not interface
                else []
            )
            requires.append(condition([field], "includes", other.id, alternatives=alternatives))
        reasons.append(f"what {' and '.join(i.id for i in unlisted)} mates with is not known")
    return MateCheck(
        MateStatus.UNKNOWN,
        "; ".join(reasons),
        tuple(missing),
        MateCause.GENDER_UNKNOWN if open_genders else MateCause.PARTNERS_UNKNOWN,
        tuple(requires),
    )


def _role_words(role: PortRole) -> str:
    return {PortRole.ACTIVE: "active-only", PortRole.PASSIVE: "passive-only", PortRole.EITHER: "either"}[role]
