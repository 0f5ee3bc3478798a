"""A bounded memo kept in two halves: what was asked for since the last turn, and what was
asked for in the turn before. When the newer half is full it becomes the older, and what the
older held and nobody asked for again goes.

Starting afresh when full drops at once what is asked for all the time with what was asked
for once; and keeping what came first, once full, learns nothing more. Here what is asked for
again within a turn stays, and what is new comes in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class Halves(Generic[V]):
    """Values by key, at most ``limit`` of them. A value may belong to an ``owner`` object,
    named in its key by its ``id``: the owner is held with the value, so that ``id`` is not
    reused while it lives, and a value is only found for the same owner."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        # (owner, value) by key. The newer half may be read (only read) by a caller whose
        # memo is looked up so often that a call more shows (``Words.remember``).
        self.newer: dict[Hashable, tuple[object, V]] = {}
        self._older: dict[Hashable, tuple[object, V]] = {}

    def get(self, key: Hashable, owner: object, build: Callable[..., V], *args: Any) -> V:
        """The value of ``key`` for ``owner`` (None for a value of no object's), made by
        ``build(*args)`` when it is not kept."""
        held = self.newer.get(key)
        if held is None or held[0] is not owner:
            held = self._keep(key, owner, build, args)
        return held[1]

    def _keep(self, key: Hashable, owner: object, build: Callable[..., V],
              args: tuple[Any, ...]) -> tuple[object, V]:
        held = self._older.get(key)
        if held is None or held[0] is not owner:
            held = (owner, build(*args))
        if len(self.newer) >= self.limit // 2:  # a turn
            self._older, self.newer = self.newer, {}
        self.newer[key] = held
        return held

    def __len__(self) -> int:
        """How many are kept (one asked for again after a turn counted once)."""
        return len(self.newer) + sum(1 for key in self._older if key not in self.newer)

    def items(self) -> Iterator[tuple[Hashable, object, V]]:
        """(key, owner, value) of each kept, the newer first."""
        for half in (self.newer, self._older):
            for key, (owner, value) in half.items():
                if half is self.newer or key not in self.newer:
                    yield key, owner, value
