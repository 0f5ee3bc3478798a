"""The parts of an answer that depend only on the rule version, the place and `brief`:
the title and summary in her language, steps, time limits, the version block, the offices
with their escalation, the documents asked for as a profile that lists no documents held sees
them; for any place, memos of the answers of benefits and the reasons of conditions
(``PartsCache.memo``); and whole results, by everything they read
(``PartsCache.shared_result``).

They are most of an answer's objects, and the same for every profile; a ``PartsCache``
builds each once and lets answers share it. The caller owns the cache (the API keeps one per
loaded ruleset), so the engine stays a function of its arguments. Shared parts are never
changed after they are built; memos only gain answers as answers meet them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from service.engine.offices import OfficeBook, Place
from service.engine.regions import Regions
from service.engine.remembered import Remembered
from service.engine.result import (
    DocumentResult,
    OfficeResult,
    SharedList,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.halves import Halves
from service.rules.ruleset import Ruleset
from service.text.words import Words

T = TypeVar("T")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Parts:
    title: str  # in the answer's language
    summary: str | None  # None in a brief answer
    draft: bool  # the title as translated is not yet checked by a person
    steps: SharedList[StepResult]
    time_limits: SharedList[TimeLimitResult]
    version: VersionRef
    office: OfficeResult
    pays: OfficeResult | None
    documents: SharedList[DocumentResult]  # `held` unknown: she lists no documents


@dataclass(slots=True)
class _Lines:
    """One version's whole results, kept for ``PartsCache.shared_result``."""

    kept: dict[Hashable, Any] = field(default_factory=dict)
    asked_again: int = 0  # results of this round given again
    resting: int = 0  # answers to let pass before keeping results again


class PartsCache:
    """Bounded stores of ``Parts`` and of memos, each for one version object (the version as
    read on some days and in some State: ``Variant``) and a ``key`` of what else they depend
    on; each kept in two halves (``Halves``), at most ``limit`` of each.

    Apart, because they fill at different rates: the parts name her place (offices by
    district), and answers from many districts need tens of thousands of them (800 districts,
    thirty versions), while the memos are a few for each version in any place. In one store,
    answers from across India filled it every few hundred answers and each time dropped the
    memos with the parts: a full answer cost six times as much (bench/README.md).

    By the object, not its dates: a version read on two days either side of a change in a
    figure it names is two objects with the same ``valid_from``, and their benefits' amounts
    differ. Each version is held with its parts, so its ``id`` is not reused while they live.
    """

    def __init__(self, limit: int = 8192, lines: int = 256) -> None:
        self.limit = limit
        self.lines = lines
        self._placed: Halves[Any] = Halves(limit)  # parts and books, by place
        self._memos: Halves[Any] = Halves(limit)

    def shared_result(self, version: V, key: Callable[[V], Hashable], build: Callable[..., T],
                      *args: Any) -> T:
        """The version's whole result, made by ``build(*args)`` as ``get`` makes parts, for
        ``key(version)`` (what the request asked, and the value of every fact the result
        reads: ``regions.result_reads``): the caller's word that nothing else bears on it.
        (Functions and arguments, not closures: most calls find no round kept, or the
        result in it.) A version that reads few facts gives the same result to many
        profiles; and a caseworker's screener asks again after each answer, which changes
        the results of the versions that read that fact only.

        Kept in rounds of ``lines`` results for each version, each round starting afresh
        (what is kept is what was asked lately). Keeping results nobody asks for again costs
        more than it saves (they crowd the processor's caches): when fewer than a quarter of
        a round were asked again, the version's results are not kept for the next eight
        rounds' worth of answers."""
        slot: _Lines = self._memos.get((id(version), "results"), version, _Lines)
        if slot.resting:
            slot.resting -= 1
            return build(*args)
        asked = key(version)
        found: T | None = slot.kept.get(asked)
        if found is not None:
            slot.asked_again += 1
            return found
        if len(slot.kept) >= self.lines:  # the end of a round
            if slot.asked_again * 4 < self.lines:
                slot.resting = self.lines * 8
            slot.kept, slot.asked_again = {}, 0
            if slot.resting:
                return build(*args)
        found = slot.kept[asked] = build(*args)
        return found

    def results_kept(self, version: object | None = None) -> int:
        """How many whole results are kept now: of ``version``, or of every version."""
        return sum(len(slot.kept) for key, held, slot in self._memos.items()
                   if key == (id(held), "results") and (version is None or held is version))

    def book(self, ruleset: Ruleset, place: Place, words: Words | None) -> OfficeBook:
        """The offices named in ``place``, in ``words``' language: one book for the answers
        from there, so an office named by many versions (a District Legal Services
        Authority) is one object, written once (``api/answers.Fragments``)."""
        found: OfficeBook = self._placed.get(
            ("book", id(ruleset), place, None if words is None else words.language), words,
            OfficeBook, ruleset, place, words)
        return found

    def parts_kept(self) -> int:
        """How many versions' ``Parts`` are kept, for every place."""
        return sum(isinstance(kept, Parts) for _, _, kept in self._placed.items())

    def get(self, version: object, key: Hashable, build: Callable[..., Parts],
            *args: Any) -> Parts:
        """The version's parts for ``key`` (place, detail, language), made by
        ``build(*args)``."""
        found: Parts = self._placed.get((id(version), key), version, build, *args)
        return found

    def unplaced(self, version: object, key: Hashable, build: Callable[[], T]) -> T:
        """A part of the version's answers that names no place (its version block), for
        ``key`` (detail, language): one for every place."""
        found: T = self._memos.get((id(version), key), version, build)
        return found

    def memo(self, version: object, key: Hashable) -> dict[Any, Any]:
        """A memo of the version's answers that do not depend on the place (its benefits', its
        reasons'), for ``key`` (which, brief, language): filled by the caller as answers meet
        them, and bounded by the caller."""
        found: dict[Any, Any] = self._memos.get((id(version), key), version, dict)
        return found

    def regions(self, ruleset: Ruleset) -> Regions:
        """The regions of facts for ``ruleset`` (``Regions.of_ruleset``)."""
        found: Regions = self._memos.get((id(ruleset), "regions"), ruleset,
                                          Regions.of_ruleset, ruleset)
        return found

    def remembered(self, ruleset: Ruleset) -> Remembered:
        """The memo of the parts of answers that read the regions of her facts, for
        ``ruleset``."""
        found: Remembered = self._memos.get(
            (id(ruleset), "remembered"), ruleset,
            lambda: Remembered(self.regions(ruleset), ruleset.facts))
        return found
