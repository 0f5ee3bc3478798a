"""Parts of full answers remembered by the regions of the facts they read (see ``Remembered``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from service.engine.changes import changeable, changes, outcomes
from service.engine.regions import Regions
from service.engine.result import Change, Outcome
from service.rules.ruleset import FactDef, Version
from service.text.words import Words

T = TypeVar("T")


class Remembered:
    """Parts of full answers that read the profile through the regions of her facts
    (``Regions``), remembered by version for many answers with one ruleset: what is kept of
    each version is its ``VersionMemo`` (``of``).

    Its ``changes`` read it through the regions of the facts the version reads (the trials'
    statuses) and the values of those she can act on (hers is left out of the values to try,
    and the nearest are tried first, within a bounded number of tries); ``outcomes`` through
    the regions alone; and ``kept`` remembers whatever else the caller keys by them (settling
    an open version, a version's benefit list, the questions' narrowing). At most
    ``per_version`` of each kind for each version, and once full it keeps what it has. What
    it gives is shared: read it, do not change it."""

    def __init__(self, regions: Regions, fact_defs: Mapping[str, FactDef],
                 per_version: int = 256) -> None:
        self.regions = regions  # the ruleset's (``Regions.of_ruleset``)
        self.fact_defs = fact_defs
        self.per_version = per_version
        # by id() of a version (held in it, so that its id is not reused)
        self._kept: dict[int, VersionMemo] = {}

    def of(self, version: Version) -> VersionMemo:
        """What is remembered of ``version``: a caller that answers for it again and again
        keeps it, rather than look it up by the version each time."""
        held = self._kept.get(id(version))
        if held is None or held.version is not version:
            held = self._kept[id(version)] = VersionMemo(self, version)
        return held


class VersionMemo:
    """What ``Remembered`` keeps of one version, with what its keys are made of: the facts
    the version reads (by their regions), and those she can act on that it reads."""

    __slots__ = ("_fact_defs", "_known", "_per_version", "acting", "reads", "version")

    def __init__(self, remembered: Remembered, version: Version) -> None:
        self.version = version
        self.reads = remembered.regions.reads(version)
        self.acting = changeable(version, remembered.fact_defs)
        self._fact_defs = remembered.fact_defs
        self._per_version = remembered.per_version
        self._known: dict[Any, dict[tuple[Any, ...], Any]] = {}  # each kind of part apart

    def changes(self, facts: Mapping[str, Any], seen: Callable[[str], Any],
                words: Words) -> list[Change]:
        """``changes``; ``seen``: the regions of her facts, by name. A version that reads
        nothing she can act on has none: told at once, and not kept."""
        if not self.acting:
            return []
        key = ("changes", words.language, *map(seen, self.reads), *map(facts.get, self.acting))
        return self.kept(key, changes, self.version, facts, self._fact_defs, words,
                         self.acting)

    def outcomes(self, facts: Mapping[str, Any], seen: Callable[[str], Any], fact: FactDef,
                 candidates: tuple[Any, ...]) -> list[Outcome]:
        """``outcomes``; ``seen``: the regions of her facts, by name."""
        key = ("outcomes", fact.name, *map(seen, self.reads))
        return self.kept(key, outcomes, self.version, facts, fact, candidates)

    def table(self, kind: str) -> dict[Any, Any]:
        """A memo of the version's own for ``kind``, unbounded: for parts that read nothing
        of her, of which a version has few."""
        found = self._known.get(kind)
        if found is None:
            found = self._known[kind] = {}
        return found

    def kept(self, key: tuple[Any, ...], work: Callable[..., T], *args: Any) -> T:
        """What ``work(*args)`` gives for the version, remembered by ``key`` (its first item
        names the kind of part): the caller's word that nothing else of the profile bears on
        it. (Arguments, not a closure: most calls find it kept, and need none.) At most
        ``per_version`` of each kind; once full, it keeps what it has."""
        kind = self._known.get(key[0])
        if kind is None:
            kind = self._known[key[0]] = {}
        found: T | None = kind.get(key)
        if found is None:
            found = work(*args)
            if len(kind) < self._per_version:
                kind[key] = found
        return found
