"""Benefits: whether each applies, and its amount, exact or as a range with what would fix it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from service.engine import figures
from service.engine.explain import clause_unknowns
from service.engine.result import BenefitResult
from service.expr import kleene
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules.ruleset import Benefit, Clause, Slab
from service.text.words import Words


def benefit_result(benefit: Benefit, facts: Mapping[str, Any], status: Tri,
                   words: Words | None, *, brief: bool = False) -> BenefitResult:
    """``status`` is the entitlement's: she gets a benefit only if she gets the entitlement.

    Figures read from parameters are named with their instrument, except in a ``brief``
    answer (and with no ``words``: only amounts are wanted, as in batch); where a figure
    depends on her State and the profile has none, ``state`` is
    among the facts that would fix the amount.
    """
    result, possible = _benefit_result(benefit, facts, status)
    if brief:
        result.note = None
    if words is not None:
        result.label = words.t(result.label)
    if benefit.by_state and "state" not in facts and "state" not in result.missing:
        result.missing.append("state")
    if words is not None and not brief and any(s.figures for s in possible):
        result.figures = figures.results(possible, facts.get("state"), words)
    return result


def _benefit_result(benefit: Benefit, facts: Mapping[str, Any],
                    status: Tri) -> tuple[BenefitResult, list[Slab]]:
    """The benefit's answer, and the slabs whose amount it can still be."""
    if unconditional(benefit):
        return _unconditional(benefit, status), list(benefit.slabs)  # nothing to work out
    missing: dict[str, None] = {}
    own = TRUE
    if benefit.when is not None:
        own = benefit.when.fn(facts)
        if own is UNKNOWN:
            missing.update(dict.fromkeys(clause_unknowns(benefit.when, facts)))
    applies = kleene.and_(status, own)
    possible = _possible_slabs(benefit.slabs, facts, missing)
    low, high = _span(possible)
    exact = low if possible and low is not None and low == high else None  # same either way
    return BenefitResult(
        label=benefit.label, kind=benefit.kind, unit=benefit.unit, period=benefit.period,
        applies=applies.to_json(), condition=benefit.when.text if benefit.when else None,
        amount=exact, amount_min=low, amount_max=high, has_amount=bool(benefit.slabs),
        missing=list(missing),
        verified=benefit.verified and all(_verified(s) for s in possible),
        note=benefit.note), possible


def unconditional(benefit: Benefit) -> bool:
    """Whether the benefit has no condition of its own, nor a choice of amounts: most have
    none, and their answer reads of the profile only the entitlement's status and her State."""
    slabs = benefit.slabs
    return benefit.when is None and (not slabs or (len(slabs) == 1 and slabs[0].when is None))


def reading(benefit: Benefit, facts: Mapping[str, Any]) -> tuple[Any, ...]:
    """How the benefit's own conditions fall for ``facts``: whether its condition holds and
    each slab's until the first that does, with the facts an undecided one waits for. With
    the entitlement's status and her State, that is all of the profile its answer reads (no
    value itself, nor a text that names one): equal readings, equal answers. () for one
    without a condition of its own."""
    if unconditional(benefit):
        return ()
    out: list[Any] = []
    for clause in _deciding(benefit):
        value = clause.fn(facts)
        out.append(value.to_json())
        if value is UNKNOWN:
            out.append(clause_unknowns(clause, facts))
        elif value is TRUE and clause is not benefit.when:
            break  # the first slab that holds wins
    return tuple(out)


def _deciding(benefit: Benefit) -> Iterator[Clause]:
    """The benefit's condition, then its slabs' in order (until one without any)."""
    if benefit.when is not None:
        yield benefit.when
    for slab in benefit.slabs:
        if slab.when is None:
            return
        yield slab.when


def _unconditional(benefit: Benefit, status: Tri) -> BenefitResult:
    slab = benefit.slabs[0] if benefit.slabs else None
    low, high = (slab.low, slab.high) if slab else (None, None)
    return BenefitResult(
        label=benefit.label, kind=benefit.kind, unit=benefit.unit, period=benefit.period,
        applies=status.to_json(), condition=None,
        amount=low if low is not None and low == high else None, amount_min=low,
        amount_max=high, has_amount=slab is not None, missing=[],
        verified=benefit.verified and (slab is None or _verified(slab)), note=benefit.note)


def span(benefit: Benefit, facts: Mapping[str, Any],
         status: Tri) -> tuple[Tri, int | None, int | None]:
    """(whether it applies, lowest, highest amount), as ``benefit_result`` gives them, without
    building a result or naming the facts that would fix them: for sums over many profiles.
    A benefit without slabs has no amount: (applies, None, None)."""
    slabs = benefit.slabs
    if benefit.when is None and len(slabs) == 1 and slabs[0].when is None:
        return status, slabs[0].low, slabs[0].high
    own = TRUE if benefit.when is None else benefit.when.fn(facts)
    possible = []
    for slab in slabs:  # as _possible_slabs: the first that holds wins
        value = TRUE if slab.when is None else slab.when.fn(facts)
        if value is not FALSE:
            possible.append(slab)
            if value is TRUE:
                break
    low, high = _span(possible)
    return kleene.and_(status, own), low, high


def _verified(slab: Slab) -> bool:
    return slab.verified and all(f.verified for f in slab.figures)


def _possible_slabs(slabs: tuple[Slab, ...], facts: Mapping[str, Any],
                    missing: dict[str, None] | None) -> list[Slab]:
    """First match wins; a slab whose condition is unknown stays possible until one holds.
    The facts that would decide it are added to ``missing``, unless it is None."""
    possible = []
    for slab in slabs:
        if slab.when is None:
            possible.append(slab)
            break
        value = slab.when.fn(facts)
        if value is FALSE:
            continue
        possible.append(slab)
        if value is TRUE:
            break
        if missing is not None:
            missing.update(dict.fromkeys(clause_unknowns(slab.when, facts)))
    return possible


def _span(slabs: list[Slab]) -> tuple[int | None, int | None]:
    """The lowest of the slabs' lowest amounts and the highest of their highest: None where
    any slab has none. (A loop, not lists and generators: the questions' trials call it
    thousands of times an answer.)"""
    if not slabs:
        return None, None
    low, high = slabs[0].low, slabs[0].high
    for slab in slabs:
        if low is not None:
            low = None if slab.low is None else slab.low if slab.low < low else low
        if high is not None:
            high = None if slab.high is None else slab.high if slab.high > high else high
    return low, high
