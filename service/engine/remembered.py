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
    (``Regions``), remembered by version for many answers with one ruleset.

    ``changes`` read it through the regions of the facts the version reads (the trials'
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
        # by id() of a version (held, so that its id is not reused): the facts she can act
        # on that it reads, and what is remembered of it
        self._kept: dict[int, tuple[Version, tuple[str, ...],
                                    dict[Any, dict[tuple[Any, ...], Any]]]] = {}

    def changes(self, version: Version, facts: Mapping[str, Any], seen: Callable[[str], Any],
                words: Words) -> list[Change]:
        """``changes``; ``seen``: the regions of her facts, by name. A version that reads
        nothing she can act on has none: told at once, and not kept."""
        _, acting, known = self._slot(version)
        if not acting:
            return []
        key = ("changes", words.language, *map(seen, self.regions.reads(version)),
               *map(facts.get, acting))
        found: list[Change] = self._get(known, key, changes, version, facts, self.fact_defs,
                                        words, acting)
        return found

    def outcomes(self, version: Version, facts: Mapping[str, Any], seen: Callable[[str], Any],
                 fact: FactDef, candidates: tuple[Any, ...]) -> list[Outcome]:
        """``outcomes``; ``seen``: the regions of her facts, by name."""
        known = self._slot(version)[2]
        key = ("outcomes", fact.name, *map(seen, self.regions.reads(version)))
        found: list[Outcome] = self._get(known, key, outcomes, version, facts, fact,
                                         candidates)
        return found

    def kept(self, version: Version, key: tuple[Any, ...], work: Callable[..., T],
             *args: Any) -> T:
        """What ``work(*args)`` gives for the version, remembered by ``key`` (its first item
        names the kind of part): the caller's word that nothing else of the profile bears on
        it. (Arguments, not a closure: most calls find it kept, and need none.)"""
        found: T = self._get(self._slot(version)[2], key, work, *args)
        return found

    def _get(self, known: dict[Any, dict[tuple[Any, ...], Any]], key: tuple[Any, ...],
             work: Callable[..., Any], *args: Any) -> Any:
        kind = known.get(key[0])  # each kind of part kept apart, up to per_version of each
        if kind is None:
            kind = known[key[0]] = {}
        found = kind.get(key)
        if found is None:
            found = work(*args)
            if len(kind) < self.per_version:
                kind[key] = found
        return found

    def _slot(self, version: Version) -> tuple[Version, tuple[str, ...],
                                               dict[Any, dict[tuple[Any, ...], Any]]]:
        held = self._kept.get(id(version))
        if held is None or held[0] is not version:
            acting = changeable(version, self.fact_defs)
            held = self._kept[id(version)] = (version, acting, {})
        return held
