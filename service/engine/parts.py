"""The parts of an answer that depend only on the rule version, the place and `brief`:
steps, time limits, the version block, the offices with their escalation, the documents asked
for as a profile that lists no documents held sees them; for any place, memos of the
answers of benefits and the reasons of conditions (``PartsCache.memo``); and whole results,
by everything they read (``PartsCache.shared_result``).

They are most of an answer's objects, and the same for every profile; a ``PartsCache``
builds each once and lets answers share it. The caller owns the cache (the API keeps one per
loaded ruleset), so the engine stays a function of its arguments. Shared parts are never
changed after they are built; memos only gain answers as answers meet them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from service.engine.regions import Regions
from service.engine.remembered import Remembered
from service.engine.result import (
    DocumentResult,
    OfficeResult,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.rules.ruleset import Ruleset

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parts:
    steps: list[StepResult]
    time_limits: list[TimeLimitResult]
    version: VersionRef
    office: OfficeResult
    pays: OfficeResult | None
    documents: list[DocumentResult]  # `held` unknown: she lists no documents


@dataclass(slots=True)
class _Lines:
    """One version's whole results, kept for ``PartsCache.shared_result``."""

    kept: dict[Hashable, Any] = field(default_factory=dict)
    asked_again: int = 0  # results of this round given again
    resting: int = 0  # answers to let pass before keeping results again


class PartsCache:
    """A bounded store of ``Parts``, each for one version object (the version as read on some
    days and in some State: ``Variant``) and a ``key`` of what else they depend on; when full
    it starts again, which is cheap and safe.

    By the object, not its dates: a version read on two days either side of a change in a
    figure it names is two objects with the same ``valid_from``, and their benefits' amounts
    differ. Each version is held with its parts, so its ``id`` is not reused while they live.
    """

    def __init__(self, limit: int = 4096, lines: int = 256) -> None:
        self.limit = limit
        self.lines = lines
        self._held: dict[tuple[int, Hashable], tuple[object, Any]] = {}

    def shared_result(self, version: object, key: Callable[[], Hashable],
                      build: Callable[[], T]) -> T:
        """The version's whole result for ``key()`` (what the request asked, and the value of
        every fact the result reads: ``regions.result_reads``): the caller's word that
        nothing else bears on it. A version that reads few facts gives the same result to
        many profiles; and a caseworker's screener asks again after each answer, which
        changes the results of the versions that read that fact only.

        Kept in rounds of ``lines`` results for each version, each round starting afresh
        (what is kept is what was asked lately). Keeping results nobody asks for again costs
        more than it saves (they crowd the processor's caches): when fewer than a quarter of
        a round were asked again, the version's results are not kept for the next eight
        rounds' worth of answers."""
        slot: _Lines = self._kept(version, "results", _Lines)
        if slot.resting:
            slot.resting -= 1
            return build()
        asked = key()
        found: T | None = slot.kept.get(asked)
        if found is not None:
            slot.asked_again += 1
            return found
        if len(slot.kept) >= self.lines:  # the end of a round
            if slot.asked_again * 4 < self.lines:
                slot.resting = self.lines * 8
            slot.kept, slot.asked_again = {}, 0
            if slot.resting:
                return build()
        found = slot.kept[asked] = build()
        return found

    def results_kept(self, version: object | None = None) -> int:
        """How many whole results are kept now: of ``version``, or of every version."""
        return sum(len(slot.kept) for (_, key), (held, slot) in self._held.items()
                   if key == "results" and (version is None or held is version))

    def get(self, version: object, key: Hashable, build: Callable[[], Parts]) -> Parts:
        parts: Parts = self._kept(version, key, build)
        return parts

    def memo(self, version: object, key: Hashable) -> dict[Any, Any]:
        """A memo of the version's answers that do not depend on the place (its benefits', its
        reasons'), for ``key`` (which, brief, language): filled by the caller as answers meet
        them, and bounded by the caller."""
        found: dict[Any, Any] = self._kept(version, key, dict)
        return found

    def regions(self, ruleset: Ruleset) -> Regions:
        """The regions of facts for ``ruleset`` (``Regions.of_ruleset``)."""
        found: Regions = self._kept(ruleset, "regions", lambda: Regions.of_ruleset(ruleset))
        return found

    def remembered(self, ruleset: Ruleset) -> Remembered:
        """The memo of the parts of answers that read the regions of her facts, for
        ``ruleset``."""
        found: Remembered = self._kept(ruleset, "remembered",
                                       lambda: Remembered(self.regions(ruleset), ruleset.facts))
        return found

    def _kept(self, version: object, key: Hashable, build: Callable[[], Any]) -> Any:
        held = self._held.get((id(version), key))
        if held is None or held[0] is not version:
            if len(self._held) >= self.limit:
                self._held = {}
            held = self._held[id(version), key] = (version, build())
        return held[1]
