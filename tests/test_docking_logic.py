"""The docking decision order: style and gender before partner lists.

A table covers every pair of styles (androgynous, gendered, berthing) with
roles and genders, each with the partner lists missing: what style, gender
or roles settle is FAIL (NO) whatever list is missing; a list is asked for
only where they leave the pair open; an androgynous interface is never asked
for a gender. Then the same laws over every combination.
"""

from __future__ import annotations

import itertools

import pytest

from interop.model.documents import DockingInterface, Port
from interop.model.vocabulary import Gender, MatingStyle, PortRole
from interop.rules.context import missing_name
from interop.rules.port_compatibility import MateCause, MateStatus, check_mate

SOURCE = [{"title": "generated", "url": "https://example.org"}]
A, P, E = PortRole.ACTIVE, PortRole.PASSIVE, PortRole.EITHER


def _interface(ident: str, style: MatingStyle, gender: Gender | None = None, mates_with=None) -> DockingInterface:
    return DockingInterface(
        kind="DockingInterface",
        schema_version=1,
        id=ident,
        name=ident,
        sources=SOURCE,
        style=style,
        gender=gender,
        mates_with=mates_with,
    )


def _check(style_a, style_b, role_a=A, role_b=P, gender_a=None, gender_b=None, lists=(None, None)):
    a = _interface("one", style_a, mates_with=lists[0])
    b = _interface("two", style_b, mates_with=lists[1])
    port_a = Port(id="a", interface="one", role=role_a, gender=gender_a)
    port_b = Port(id="b", interface="two", role=role_b, gender=gender_b)
    return check_mate(port_a, a, port_b, b)


AND, GEN, BER = MatingStyle.ANDROGYNOUS, MatingStyle.GENDERED, MatingStyle.BERTHING
PROBE, DROGUE = Gender.PROBE, Gender.DROGUE

# (style a, style b, role a, role b, gender a, gender b) -> (status, cause, what is asked for), with no list published.
TABLE = [
    # different styles never mate, whatever list is missing
    (AND, GEN, A, P, None, PROBE, MateStatus.NO, MateCause.STYLES, []),
    (AND, GEN, E, E, None, None, MateStatus.NO, MateCause.STYLES, []),
    (GEN, AND, A, P, DROGUE, None, MateStatus.NO, MateCause.STYLES, []),
    (BER, AND, A, P, None, None, MateStatus.NO, MateCause.STYLES, []),
    (AND, BER, E, E, None, None, MateStatus.NO, MateCause.STYLES, []),
    (BER, GEN, A, P, None, PROBE, MateStatus.NO, MateCause.STYLES, []),
    (GEN, BER, A, P, None, None, MateStatus.NO, MateCause.STYLES, []),
    # gendered: two ends of one gender never mate; roles do not matter
    (GEN, GEN, A, P, PROBE, PROBE, MateStatus.NO, MateCause.GENDERS, []),
    (GEN, GEN, A, P, DROGUE, DROGUE, MateStatus.NO, MateCause.GENDERS, []),
    (
        GEN,
        GEN,
        A,
        A,
        PROBE,
        DROGUE,
        MateStatus.UNKNOWN,
        MateCause.PARTNERS_UNKNOWN,
        ["one.mates_with", "two.mates_with"],
    ),
    (
        GEN,
        GEN,
        A,
        P,
        PROBE,
        None,
        MateStatus.UNKNOWN,
        MateCause.GENDER_UNKNOWN,
        ["two.gender", "one.mates_with", "two.mates_with"],
    ),
    (
        GEN,
        GEN,
        A,
        P,
        None,
        None,
        MateStatus.UNKNOWN,
        MateCause.GENDER_UNKNOWN,
        ["one.gender", "two.gender", "one.mates_with", "two.mates_with"],
    ),
    # androgynous: one active and one passive side; never a gender
    (AND, AND, A, A, None, None, MateStatus.NO, MateCause.ROLES, []),
    (AND, AND, P, P, None, None, MateStatus.NO, MateCause.ROLES, []),
    (AND, AND, A, P, None, None, MateStatus.UNKNOWN, MateCause.PARTNERS_UNKNOWN, ["one.mates_with", "two.mates_with"]),
    (AND, AND, E, E, None, None, MateStatus.UNKNOWN, MateCause.PARTNERS_UNKNOWN, ["one.mates_with", "two.mates_with"]),
    (AND, AND, P, E, None, None, MateStatus.UNKNOWN, MateCause.PARTNERS_UNKNOWN, ["one.mates_with", "two.mates_with"]),
    # berthing: active with passive as well
    (BER, BER, A, A, None, None, MateStatus.NO, MateCause.ROLES, []),
    (BER, BER, A, P, None, None, MateStatus.UNKNOWN, MateCause.PARTNERS_UNKNOWN, ["one.mates_with", "two.mates_with"]),
]


@pytest.mark.parametrize(
    ("style_a", "style_b", "role_a", "role_b", "gender_a", "gender_b", "status", "cause", "asked"), TABLE
)
def test_style_and_gender_decide_before_partner_lists(
    style_a, style_b, role_a, role_b, gender_a, gender_b, status, cause, asked
):
    check = _check(style_a, style_b, role_a, role_b, gender_a, gender_b)
    assert (check.status, check.cause) == (status, cause)
    assert [missing_name(m) for m in check.missing] == asked
    # Symmetric: the same answer seen from the other side.
    back = _check(style_b, style_a, role_b, role_a, gender_b, gender_a)
    assert (back.status, back.cause) == (status, cause)


@pytest.mark.parametrize(
    ("style", "genders", "status"),
    [
        (AND, (None, None), MateStatus.MATES),
        (GEN, (PROBE, DROGUE), MateStatus.MATES),
        (BER, (None, None), MateStatus.SLOW),
    ],
)
def test_published_lists_settle_what_style_and_gender_leave_open(style, genders, status):
    listed = _check(style, style, A, P, *genders, lists=(["two"], None))
    assert listed.status is status and listed.missing == ()
    unlisted = _check(style, style, A, P, *genders, lists=([], []))
    assert (unlisted.status, unlisted.cause) == (MateStatus.NO, MateCause.NOT_DECLARED)


def test_a_list_that_names_a_partner_of_another_style_does_not_make_them_mate():
    check = _check(GEN, AND, A, P, PROBE, None, lists=(["two"], ["one"]))
    assert (check.status, check.cause) == (MateStatus.NO, MateCause.STYLES)


def test_an_unknown_gender_against_published_lists_that_exclude_the_pair_is_no():
    check = _check(GEN, GEN, A, P, PROBE, None, lists=([], []))
    assert (check.status, check.cause) == (MateStatus.NO, MateCause.NOT_DECLARED)


def test_every_open_question_comes_with_the_condition_that_settles_it():
    check = _check(GEN, GEN, A, P, PROBE, None, lists=(None, []))
    assert [missing_name(m) for m in check.missing] == ["two.gender", "one.mates_with"]
    gender, partners = check.requires
    assert (gender.names, gender.op.value, gender.value) == (("two.gender",), "is", "drogue")
    assert (partners.names, partners.op.value, partners.value) == (("one.mates_with",), "includes", "two")
    assert partners.alternatives == ()  # two.mates_with is published: [] names no one
    both = _check(GEN, GEN, A, P, None, None)
    assert both.requires[0].op.value == "differ" and both.requires[0].names == ("one.gender", "two.gender")


ROLES = list(PortRole)
GENDERS = [None, PROBE, DROGUE]
LISTS = [None, [], ["one", "two"]]


@pytest.mark.parametrize(("style_a", "style_b"), list(itertools.product(MatingStyle, repeat=2)))
def test_laws_over_every_combination(style_a, style_b):
    for role_a, role_b, gender_a, gender_b, list_a, list_b in itertools.product(
        ROLES, ROLES, GENDERS, GENDERS, LISTS, LISTS
    ):
        if style_a is not GEN:
            gender_a = None
        if style_b is not GEN:
            gender_b = None
        check = _check(style_a, style_b, role_a, role_b, gender_a, gender_b, (list_a, list_b))
        asked = [missing_name(m) for m in check.missing]
        if style_a is not style_b:
            assert check.status is MateStatus.NO, "different styles never mate, whatever the lists say"
            continue
        if style_a is not GEN:
            assert not any(name.endswith(".gender") for name in asked), "an androgynous interface has no gender"
        if style_a is GEN and gender_a is not None and gender_a is gender_b:
            assert check.status is MateStatus.NO
        if style_a is not GEN and (role_a, role_b) in ((A, A), (P, P)):
            assert check.status is MateStatus.NO
        if any(name.endswith(".mates_with") for name in asked):
            # a list is asked for only where style and gender (or roles) leave the pair open
            assert style_a is style_b
            assert not (style_a is GEN and gender_a is not None and gender_a is gender_b)
            assert not (style_a is not GEN and (role_a, role_b) in ((A, A), (P, P)))
        if check.status is MateStatus.UNKNOWN:
            covered = {name for c in check.requires for name in c.names}
            assert covered == set(asked), "every value asked for has its condition"
