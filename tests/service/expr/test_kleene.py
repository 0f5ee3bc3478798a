"""Kleene three-valued logic: the full truth tables, and the laws the engine relies on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.expr import kleene
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri

F, U, T = FALSE, UNKNOWN, TRUE
tris = st.sampled_from(list(Tri))
LAWS = settings(max_examples=200, deadline=None)

AND_TABLE = [
    (F, F, F), (F, U, F), (F, T, F),
    (U, F, F), (U, U, U), (U, T, U),
    (T, F, F), (T, U, U), (T, T, T),
]
OR_TABLE = [
    (F, F, F), (F, U, U), (F, T, T),
    (U, F, U), (U, U, U), (U, T, T),
    (T, F, T), (T, U, T), (T, T, T),
]


@pytest.mark.parametrize(("a", "b", "want"), AND_TABLE)
def test_and_truth_table(a: Tri, b: Tri, want: Tri) -> None:
    assert kleene.and_(a, b) is want


@pytest.mark.parametrize(("a", "b", "want"), OR_TABLE)
def test_or_truth_table(a: Tri, b: Tri, want: Tri) -> None:
    assert kleene.or_(a, b) is want


@pytest.mark.parametrize(("a", "want"), [(F, T), (U, U), (T, F)])
def test_not_truth_table(a: Tri, want: Tri) -> None:
    assert kleene.not_(a) is want


@pytest.mark.parametrize("value", list(Tri))
def test_a_tri_refuses_to_be_a_bool(value: Tri) -> None:
    with pytest.raises(TypeError, match="no truth value"):
        bool(value)
    with pytest.raises(TypeError):
        if value:  # the mistake this guards against: treating unknown as false
            pass


def test_of_and_to_json() -> None:
    assert Tri.of(True) is TRUE
    assert Tri.of(False) is FALSE
    assert [t.to_json() for t in (F, U, T)] == [False, None, True]


def test_empty_and_is_true_and_empty_or_is_false() -> None:
    assert kleene.and_() is TRUE
    assert kleene.or_() is FALSE


# ---- laws --------------------------------------------------------------------------------


@LAWS
@given(tris, tris)
def test_de_morgan(a: Tri, b: Tri) -> None:
    assert kleene.not_(kleene.and_(a, b)) is kleene.or_(kleene.not_(a), kleene.not_(b))
    assert kleene.not_(kleene.or_(a, b)) is kleene.and_(kleene.not_(a), kleene.not_(b))


@LAWS
@given(st.lists(tris, max_size=6))
def test_de_morgan_n_ary(xs: list[Tri]) -> None:
    assert kleene.not_(kleene.and_(*xs)) is kleene.or_(*map(kleene.not_, xs))
    assert kleene.not_(kleene.or_(*xs)) is kleene.and_(*map(kleene.not_, xs))


@LAWS
@given(tris, tris)
def test_commutativity(a: Tri, b: Tri) -> None:
    assert kleene.and_(a, b) is kleene.and_(b, a)
    assert kleene.or_(a, b) is kleene.or_(b, a)


@LAWS
@given(tris, tris, tris)
def test_associativity(a: Tri, b: Tri, c: Tri) -> None:
    assert kleene.and_(kleene.and_(a, b), c) is kleene.and_(a, kleene.and_(b, c))
    assert kleene.or_(kleene.or_(a, b), c) is kleene.or_(a, kleene.or_(b, c))
    assert kleene.and_(a, b, c) is kleene.and_(kleene.and_(a, b), c)
    assert kleene.or_(a, b, c) is kleene.or_(kleene.or_(a, b), c)


@LAWS
@given(tris, tris)
def test_absorption(a: Tri, b: Tri) -> None:
    assert kleene.and_(a, kleene.or_(a, b)) is a
    assert kleene.or_(a, kleene.and_(a, b)) is a


@LAWS
@given(tris, tris, tris)
def test_distributivity(a: Tri, b: Tri, c: Tri) -> None:
    assert kleene.and_(a, kleene.or_(b, c)) is kleene.or_(kleene.and_(a, b), kleene.and_(a, c))
    assert kleene.or_(a, kleene.and_(b, c)) is kleene.and_(kleene.or_(a, b), kleene.or_(a, c))


@LAWS
@given(tris)
def test_double_negation(a: Tri) -> None:
    assert kleene.not_(kleene.not_(a)) is a


@LAWS
@given(tris)
def test_identity_and_annihilator(a: Tri) -> None:
    assert kleene.and_(a, TRUE) is a
    assert kleene.or_(a, FALSE) is a
    assert kleene.and_(a, FALSE) is FALSE
    assert kleene.or_(a, TRUE) is TRUE


@LAWS
@given(tris)
def test_idempotence_and_no_excluded_middle(a: Tri) -> None:
    assert kleene.and_(a, a) is a
    assert kleene.or_(a, a) is a
    # Unknown is not a boolean in disguise: "a or not a" is only true when a is known.
    assert kleene.or_(a, kleene.not_(a)) is (UNKNOWN if a is UNKNOWN else TRUE)
    assert kleene.and_(a, kleene.not_(a)) is (UNKNOWN if a is UNKNOWN else FALSE)


@LAWS
@given(st.lists(st.booleans(), min_size=1, max_size=5))
def test_agrees_with_python_on_known_values(xs: list[bool]) -> None:
    tri = [Tri.of(x) for x in xs]
    assert kleene.and_(*tri) is Tri.of(all(xs))
    assert kleene.or_(*tri) is Tri.of(any(xs))
    assert kleene.not_(tri[0]) is Tri.of(not xs[0])
