"""How a result's parts read on a page, in the reader's language: amounts with their period,
statuses, the order entitlements are listed in. Templates call these with the page's
``Words``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.engine.result import BenefitResult, EntitlementResult, OfficeRef
from service.rules.ruleset import FactDef
from service.store.changes import AmountSeen
from service.text.words import Words

# Within a component: what she can claim now first, then what needs an answer, then the rest.
_ORDER = {"eligible": 0, "needs_info": 1, "not_eligible": 2}


def ordered(results: list[EntitlementResult]) -> list[EntitlementResult]:
    return sorted(results, key=lambda r: _ORDER[r.status])


def status(w: Words, value: str) -> str:
    return w.msg(f"status.{value}")


def amount(w: Words, b: BenefitResult) -> str:
    """"₹20,000", "up to ₹30,000 a month", "in kind, or set case by case"."""
    if not b.has_amount:
        return w.msg("amount.in_kind")
    fmt = (lambda n: w.msg("amount.days", days=w.number(n))) if b.unit == "days" else w.money
    if b.amount is not None:
        text = fmt(b.amount)
    elif b.amount_min is not None and b.amount_max is not None:
        text = w.msg("amount.between", low=fmt(b.amount_min), high=fmt(b.amount_max))
    elif b.amount_max is not None:
        text = w.msg("amount.up_to", high=fmt(b.amount_max))
    elif b.amount_min is not None:
        text = w.msg("amount.at_least", low=fmt(b.amount_min))
    else:
        return w.msg("amount.not_fixed")
    if b.period and b.period != "once":
        text = f"{text} {w.msg('period.' + b.period)}"
    return text


def missing(w: Words, result: EntitlementResult) -> str:
    """For needs_info: the facts that would decide it, in words."""
    return w.every([w.label(f) for f in result.missing])


def held(w: Words, value: bool | None) -> str:
    if value is None:
        return w.msg("web.document.unknown")
    return w.msg("web.document.held" if value else "web.document.missing")


def answer(w: Words, fact: FactDef, value: Any) -> str:
    """An answer as the screener carries it (JSON form), in words."""
    if isinstance(value, bool):
        return w.msg("web.yes" if value else "web.no")
    if isinstance(value, list):
        return w.every([w.value(fact.name, v) for v in value]) or w.msg("web.screener."
                                                                         "none_of_these")
    if fact.kind == "date" and isinstance(value, str):
        return w.date(dt.date.fromisoformat(value))
    return w.value(fact.name, value)


def chain(w: Words, offices: list[OfficeRef]) -> str:
    """Where to escalate, nearest first: "Divisional Commissioner → State Labour Department"."""
    return " → ".join(w.t(o.name) for o in offices)


def seen(w: Words, amount: AmountSeen | None) -> str:
    """An amount as a stored answer gave it (for "what changed"); "—" when it was not there."""
    if amount is None:
        return "—"
    low, high = amount.amount_min, amount.amount_max
    if amount.amount is not None:
        text = w.money(amount.amount)
    elif low is not None and high is not None:
        text = w.msg("amount.between", low=w.money(low), high=w.money(high))
    elif high is not None:
        text = w.msg("amount.up_to", high=w.money(high))
    elif low is not None:
        text = w.msg("amount.at_least", low=w.money(low))
    else:
        text = w.msg("amount.not_fixed")
    if amount.period and amount.period != "once":
        text = f"{text} {w.msg('period.' + amount.period)}"
    return text


def unit(w: Words, name: str) -> str:
    """A number's unit beside its field: "years", "₹"."""
    key = name.lower()
    if key == "inr":
        return "₹"
    return w.msg(f"web.unit.{key}") if key in ("years", "months", "days") else w.t(name)
