"""Each fact's value as the conditions tell it apart, and the facts a version reads.

A version's status, amounts and settling read a number or a date only through where it falls
among the literals the conditions compare it with (every comparison is ``fact <op> literal``),
and a set only through the values the conditions ask about: an age of 23 and one of 40 read
alike when the conditions ask only ``age < 18`` and ``age >= 60``. Memos keyed by these
regions (``Standings``, the questions' narrowing) find most answers remembered even for a
stream of profiles that never repeat a value.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any

from service.expr import nodes
from service.rules import boundaries
from service.rules.ruleset import FactDef, Ruleset, Version


def reads(version: Version) -> tuple[str, ...]:
    """Every base fact the version's conditions read: its own, its benefits' and slabs'."""
    return tuple(sorted({name for clause in version.conditions() for name in clause.facts}))


def money_reads(version: Version) -> tuple[str, ...]:
    """The base facts its amounts read (its benefits' and slabs' conditions): all that an
    eligible standing depends on."""
    own = set(version.clauses)
    return tuple(sorted({name for clause in version.conditions() if clause not in own
                         for name in clause.facts}))


def result_reads(version: Version) -> tuple[str, ...]:
    """Every fact of her profile that the version's result reads, by value: its conditions'
    (status, settling, reasons, amounts, what would change it), those of the conditions to
    keep, and her State (figures that differ by State; her offices when no place is given)."""
    keep = (name for clause in version.keep for name in clause.facts)
    return tuple(sorted({*reads(version), *keep, "state"}))


_ORDERED = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
_HOLDS = ("contains", "not contains")


class Regions:
    """Each fact's value as the conditions of some versions tell it apart.

    A number or a date becomes its region among the literals it is compared with (below the
    first, on it, between it and the next, ...); a set becomes the values it holds that the
    conditions ask about. Any other fact, or one read in a way this does not know, is kept
    as it is. Two profiles with the same regions get the same standing from every one of
    the versions: the regions are cut at every literal any of them uses."""

    def __init__(self, versions: Iterable[Version], facts: Mapping[str, FactDef]) -> None:
        literals: dict[str, set[Any]] = {}
        plain: set[str] = set()  # facts some condition reads other than by a literal
        for version in versions:
            for clause in version.conditions():
                for leaf in nodes.leaves(clause.tree()):
                    for name, found in boundaries.literals(leaf):  # the leaf's one fact
                        kind = facts[name].kind if name in facts else None
                        if _by_literals(leaf, kind):
                            literals.setdefault(name, set()).update(found)
                        else:
                            plain.add(name)
        self.cuts: dict[str, tuple[Any, ...]] = {
            name: tuple(sorted(found)) for name, found in literals.items()
            if name not in plain and facts[name].kind in ("int", "date")}
        self.asked: dict[str, frozenset[Any]] = {
            name: frozenset(found) for name, found in literals.items()
            if name not in plain and facts[name].kind == "set"}
        # by id() of a version (held, so that its id is not reused): the facts it reads,
        # those its benefits' answers read, and those its result reads
        self._reads: dict[int, tuple[Version, tuple[str, ...], tuple[str, ...],
                                     tuple[str, ...]]] = {}

    @classmethod
    def of_ruleset(cls, ruleset: Ruleset) -> Regions:
        """Cut at the literals of every version of the ruleset (each variant of each), so
        that a key made of them means the same whichever version it is used with."""
        return cls((variant.version for ent in ruleset.entitlements.values()
                    for variant in ent.variants), ruleset.facts)

    def reads(self, version: Version) -> tuple[str, ...]:
        """``reads(version)``, worked out once per version."""
        return self._read(version)[1]

    def benefit_reads(self, version: Version) -> tuple[str, ...]:
        """All that the answers of the version's benefits read of the profile besides her
        status: ``money_reads(version)``, and "state" first where a figure of its benefits
        differs by State (her State is read as it is: it has no regions). Worked out once
        per version."""
        return self._read(version)[2]

    def result_reads(self, version: Version) -> tuple[str, ...]:
        """``result_reads(version)``, worked out once per version."""
        return self._read(version)[3]

    def _read(self, version: Version) -> tuple[Version, tuple[str, ...], tuple[str, ...],
                                               tuple[str, ...]]:
        held = self._reads.get(id(version))
        if held is None or held[0] is not version:
            by_state = ("state",) if any(b.by_state for b in version.benefits) else ()
            held = self._reads[id(version)] = (version, reads(version),
                                               (*by_state, *money_reads(version)),
                                               result_reads(version))
        return held

    def of(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        """``facts`` with each number, date and set replaced by its region."""
        out = dict(facts)
        for name, cut in self.cuts.items():
            value = out.get(name)
            if value is not None:
                at = bisect_left(cut, value)
                out[name] = 2 * at + (at < len(cut) and cut[at] == value)
        for name, asked in self.asked.items():
            value = out.get(name)
            if value is not None:
                out[name] = asked & value
        return out


def _by_literals(leaf: nodes.Leaf, kind: str | None) -> bool:
    """Whether ``leaf`` reads its fact only by the literals it compares it with: an order or
    membership test on a number or a date, ``contains`` or ``has_any`` on a set."""
    if kind in ("int", "date"):
        return isinstance(leaf, nodes.Compare) and leaf.op in _ORDERED
    if kind == "set":
        return isinstance(leaf, nodes.HasAny) or (
            isinstance(leaf, nodes.Compare) and leaf.op in _HOLDS)
    return False
