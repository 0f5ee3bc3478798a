"""The parts of an answer that depend only on the rule version, the place and `brief`:
steps, time limits, the version block, the offices with their escalation, the documents asked
for as a profile that lists no documents held sees them; and, for any place, memos of the
answers of benefits and the reasons of conditions (``PartsCache.memo``).

They are most of an answer's objects, and the same for every profile; a ``PartsCache``
builds each once and lets answers share it. The caller owns the cache (the API keeps one per
loaded ruleset), so the engine stays a function of its arguments. Shared parts are never
changed after they are built; memos only gain answers as answers meet them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True, slots=True)
class Parts:
    steps: list[StepResult]
    time_limits: list[TimeLimitResult]
    version: VersionRef
    office: OfficeResult
    pays: OfficeResult | None
    documents: list[DocumentResult]  # `held` unknown: she lists no documents


class PartsCache:
    """A bounded store of ``Parts``, each for one version object (the version as read on some
    days and in some State: ``Variant``) and a ``key`` of what else they depend on; when full
    it starts again, which is cheap and safe.

    By the object, not its dates: a version read on two days either side of a change in a
    figure it names is two objects with the same ``valid_from``, and their benefits' amounts
    differ. Each version is held with its parts, so its ``id`` is not reused while they live.
    """

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._held: dict[tuple[int, Hashable], tuple[object, Any]] = {}

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
