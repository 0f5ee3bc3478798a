"""A memo in two halves: bounded, keeps what is asked for again, and lets in what is new."""

from __future__ import annotations

from service.halves import Halves


def _count(built: list[int]) -> int:
    built.append(1)
    return len(built)


def test_it_stays_within_its_limit_and_keeps_what_is_asked_for_again() -> None:
    memo: Halves[int] = Halves(8)  # two halves of four
    built: list[int] = []
    recurring = memo.get("recurring", None, _count, built)
    for key in range(100):  # each asked for once, and the recurring one between them
        memo.get(key, None, _count, built)
        assert memo.get("recurring", None, _count, built) == recurring
        assert len(memo) <= 8
    assert len(built) == 101  # the recurring value was made once
    assert memo.get(99, None, _count, built) == 101  # the latest is kept
    assert memo.get(0, None, _count, built) == 102  # the first had gone: made again
    assert {key for key, _, _ in memo.items()} >= {"recurring", 0, 99}


def test_new_values_come_in_when_full() -> None:
    """Not a memo that keeps what came first once it is full: what a new caseload asks for
    is kept too."""
    memo: Halves[int] = Halves(4)
    built: list[int] = []
    for key in range(50):
        memo.get(key, None, _count, built)
    made = len(built)
    assert memo.get(49, None, _count, built) == made
    assert len(built) == made


def test_a_value_is_found_only_for_its_owner() -> None:
    memo: Halves[str] = Halves(16)
    one, other = object(), object()
    assert memo.get("k", one, str, "one's") == "one's"
    assert memo.get("k", other, str, "other's") == "other's"  # the same key, another owner
    assert memo.get("k", other, str, "again") == "other's"
    assert [owner for _, owner, _ in memo.items()] == [other]
