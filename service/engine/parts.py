"""The parts of an answer that depend only on the rule version, the place and `brief`:
steps, time limits, the version block, the offices with their escalation, the documents asked
for as a profile that lists no documents held sees them, and the answers of benefits without a
condition of their own (for each status and State).

They are most of an answer's objects, and the same for every profile; a ``PartsCache``
builds each once and lets answers share it. The caller owns the cache (the API keeps one per
loaded ruleset), so the engine stays a function of its arguments. Shared parts are never
changed after they are built; a ``Parts`` only gains the answers of its benefits as answers
meet them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from service.engine.result import (
    BenefitResult,
    DocumentResult,
    OfficeResult,
    StepResult,
    TimeLimitResult,
    VersionRef,
)


@dataclass(frozen=True, slots=True)
class Parts:
    steps: list[StepResult]
    time_limits: list[TimeLimitResult]
    version: VersionRef
    office: OfficeResult
    pays: OfficeResult | None
    documents: list[DocumentResult]  # `held` unknown: she lists no documents
    # The answers of benefits without a condition of their own, by the benefit's place among
    # the version's, the status and her State: filled as answers meet them.
    benefits: dict[tuple[int, str, str | None], BenefitResult] = field(default_factory=dict)


class PartsCache:
    """A bounded store of ``Parts``; when full it starts again, which is cheap and safe."""

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._parts: dict[Hashable, Parts] = {}

    def get(self, key: Hashable, build: Callable[[], Parts]) -> Parts:
        parts = self._parts.get(key)
        if parts is None:
            if len(self._parts) >= self.limit:
                self._parts = {}
            parts = self._parts[key] = build()
        return parts
