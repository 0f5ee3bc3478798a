"""The next questions worth asking: the unknown facts that hold up the most entitlements."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from service.engine.result import Question
from service.rules.ruleset import Ruleset


class Waiting(Protocol):
    """A result as the questions read it: full (``EntitlementResult``) or brief."""

    @property
    def status(self) -> str: ...

    @property
    def missing(self) -> list[str]: ...


def next_questions(ruleset: Ruleset, results: Sequence[Waiting],
                   limit: int | None = None) -> list[Question]:
    waiting: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for result in results:
        if result.status != "needs_info":
            continue
        waiting.update(result.missing)
        if len(result.missing) == 1:
            alone[result.missing[0]] += 1
    order = {name: i for i, name in enumerate(ruleset.facts)}
    ranked = sorted(waiting, key=lambda f: (-waiting[f], -alone[f], order[f]))
    out = []
    for name in ranked[:limit]:
        fact = ruleset.facts[name]
        out.append(Question(fact=name, question=fact.question, type=fact.kind,
                            values=list(fact.values) or None, unit=fact.unit,
                            entitlements=waiting[name], settles=alone[name]))
    return out
