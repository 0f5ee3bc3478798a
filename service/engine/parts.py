"""The parts of an answer that depend only on the rule version, the place and `brief`:
the title and summary in her language, steps, time limits, the version block, the offices
with their escalation, the documents asked for as a profile that lists no documents held sees
them; for any place, memos of the answers of benefits and the reasons of conditions
(``PartsCache.memo``); and whole results, by everything they read
(``KeptResults.share``). An answer finds them all for a version at once (``Prepared``).

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
from service.engine.remembered import Remembered, VersionMemo
from service.engine.result import (
    DocumentResult,
    OfficeResult,
    SharedList,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.halves import Halves
from service.rules.ruleset import InForce, Ruleset
from service.text.words import Words

A = TypeVar("A")
T = TypeVar("T")


@dataclass(slots=True)
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
    # their JSON by the name of the result's field each fills, once a writer has written
    # them (api/answers.Fragments.parts); never changed after
    written: Any = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class KeptResults:
    """One version's whole results, kept by everything they read (``share``)."""

    lines: int  # results a round
    kept: dict[Hashable, Any] = field(default_factory=dict)
    asked_again: int = 0  # results of this round given again
    resting: int = 0  # answers to let pass before keeping results again

    def share(self, key: Callable[[A], Hashable], of: A, build: Callable[..., T],
              *args: Any) -> T:
        """The version's whole result, made by ``build(*args)``, for ``key(of)`` (what the
        request asked, and the value of every fact the result reads:
        ``regions.result_reads``): the caller's word that nothing else bears on it.
        (Functions and arguments, not closures: most calls find no round kept, or the
        result in it.) A version that reads few facts gives the same result to many
        profiles; and a caseworker's screener asks again after each answer, which changes
        the results of the versions that read that fact only.

        Kept in rounds of ``lines`` results, each round starting afresh (what is kept is
        what was asked lately). Keeping results nobody asks for again costs more than it
        saves (they crowd the processor's caches): when fewer than a quarter of a round
        were asked again, the version's results are not kept for the next eight rounds'
        worth of answers."""
        if self.resting:
            self.resting -= 1
            return build(*args)
        asked = key(of)
        found: T | None = self.kept.get(asked)
        if found is not None:
            self.asked_again += 1
            return found
        if len(self.kept) >= self.lines:  # the end of a round
            if self.asked_again * 4 < self.lines:
                self.resting = self.lines * 8
            self.kept, self.asked_again = {}, 0
            if self.resting:
                return build(*args)
        found = self.kept[asked] = build(*args)
        return found


@dataclass(frozen=True, slots=True)
class Prepared:
    """One version made ready for the answers asked alike (a place, a detail, a language):
    its parts, its memos (of its reasons, of its benefits' answers, of the parts that read
    the regions of her facts, of whole results) and the facts their keys read. Found for
    every version in force at once (``PartsCache.prepared``), not part by part for each
    answer: each of those look-ups hashed a key in a store of thousands, and most missed
    the processor's cache (bench/README.md)."""

    parts: Parts
    reasons: dict[Any, Any]  # ``memo(version, ("reasons", brief, language))``
    benefits: dict[Any, Any]  # ``memo(version, ("benefits", brief, language))``
    memo: VersionMemo  # ``remembered(ruleset).of(version)``
    results: KeptResults  # ``results(version)``
    benefit_reads: tuple[str, ...]  # ``Regions.benefit_reads``
    result_reads: tuple[str, ...]  # ``Regions.result_reads``


# About as many versions as are in force at once: the plans kept are ``limit`` parts' worth.
PLAN = 32


class PartsCache:
    """Bounded stores of ``Parts`` and of memos, each for one version object (the version as
    read on some days and in some State: ``Variant``) and a ``key`` of what else they depend
    on; each kept in two halves (``Halves``), about ``limit`` of each.

    Apart, because they fill at different rates: the parts name her place (offices by
    district), and answers from many districts need tens of thousands of them (800 districts,
    thirty versions), while the memos are a few for each version in any place. In one store,
    answers from across India filled it every few hundred answers and each time dropped the
    memos with the parts: a full answer cost six times as much (bench/README.md). The parts
    are kept in plans, one for the versions in force in a place, with a detail and a
    language (``prepared``).

    By the object, not its dates: a version read on two days either side of a change in a
    figure it names is two objects with the same ``valid_from``, and their benefits' amounts
    differ. Each version is held with its parts, so its ``id`` is not reused while they live.
    """

    def __init__(self, limit: int = 8192, lines: int = 256) -> None:
        self.limit = limit
        self.lines = lines
        self._placed: Halves[Any] = Halves(limit)  # books, by place
        self._plans: Halves[list[Prepared | None]] = Halves(max(2, limit // PLAN))
        self._memos: Halves[Any] = Halves(limit)

    def prepared(self, in_force: InForce, book: OfficeBook,
                 brief: bool) -> list[Prepared | None]:
        """The plan for ``in_force`` (as ``Ruleset.in_force`` gives it: one object for all
        answers on its days and in its State) in ``book``'s place and language, with
        ``brief``: each version's ``Prepared``, None until an answer first asks for it (the
        caller makes it and keeps it here)."""
        plan: list[Prepared | None] = self._plans.get(
            (id(in_force), book.place, brief, book.words.language), in_force,
            _unprepared, len(in_force))
        return plan

    def results(self, version: object) -> KeptResults:
        """The version's whole results kept (``KeptResults.share``), for every place."""
        found: KeptResults = self._memos.get((id(version), "results"), version, KeptResults,
                                             self.lines)
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
        return sum(ready is not None for _, _, plan in self._plans.items() for ready in plan)

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


def _unprepared(count: int) -> list[Prepared | None]:
    return [None] * count
