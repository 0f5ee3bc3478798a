"""The phrases the routes answer, the memo and the brief share, in the answer's language:
an amount, a time limit, a fact as it stands for her. Never an id: a fact is named by its
label, a value by its label, money or date (``service.text.words``).
"""

from __future__ import annotations

from service.compensation.result import DueDate
from service.engine.result import BenefitResult, FactValue
from service.text.words import Words


def figure(b: BenefitResult, words: Words, *, marked: bool = True) -> str:
    """``₹4,00,000 to ₹7,00,000``, ``at least ₹1,00,000 a month``, ``set case by case``;
    marked when unverified (unless the caller marks a list of them once)."""
    text = span(b.amount_min, b.amount_max, b.unit, words)
    if text is None:
        text = words.msg("route.case_by_case")
    elif b.period and b.period != "once":
        text = f"{text} {words.msg('period.' + b.period)}"
    return text if b.verified or not marked else words.msg("route.unverified", text=text)


def span(low: int | None, high: int | None, unit: str, words: Words) -> str | None:
    def one(n: int) -> str:
        return words.money(n) if unit == "inr" else words.msg("amount.days", days=n)

    if low is not None and low == high:
        return words.msg("amount.exact", amount=one(low))
    if low is not None and high is not None:
        return words.msg("amount.between", low=one(low), high=one(high))
    if high is not None:
        return words.msg("amount.up_to", high=one(high))
    if low is not None:
        return words.msg("amount.at_least", low=one(low))
    return None


def amounts(benefits: list[BenefitResult], words: Words) -> str:
    """The benefits she may get, each with its figure; "none applies" when none can."""
    shown = []
    for b in benefits:
        if b.applies is False:
            continue
        text = words.msg("memo.benefit", label=b.label, amount=figure(b, words))
        shown.append(text if b.applies else words.msg("memo.if_applies", text=text))
    return "; ".join(shown) or words.msg("memo.none_applies")


def within(limit: DueDate, words: Words, *, start: bool = True) -> str:
    """``within 60 days of receipt of her claim``; without the start when ``start`` is
    false."""
    if limit.days:
        length = words.msg("route.within_days", n=words.number(limit.days))
    else:
        length = words.msg("route.within_months", n=words.number(limit.months or 0))
    if start and limit.starts:
        return words.msg("route.within_of", within=length, start=words.t(limit.starts))
    return length


def when_due(limit: DueDate, words: Words) -> str:
    """``by 3 May 2025 (that day has passed)``, or ``within 60 days of ...``."""
    if limit.due is not None:
        return words.msg("route.by_passed" if limit.overdue else "route.by",
                         date=words.date(limit.due))
    return within(limit, words)


def due(limit: DueDate, words: Words) -> str:
    """A time limit with the office that must act: ``Enquiry and award: DLSA by 3 May 2025``."""
    office = limit.office.name if limit.office else words.msg("route.the_office")
    if limit.due is not None:
        return words.msg("memo.due_by_passed" if limit.overdue else "memo.due_by",
                         limit=limit.label, office=office, date=words.date(limit.due))
    return words.msg("memo.due_within", limit=limit.label, office=office,
                     within=within(limit, words))


def fact(name: str, value: FactValue, words: Words) -> str:
    """One fact of her case in words: "she was trafficked", "her age is 15"."""
    if isinstance(value, bool):
        said = words.says(name, value)
        if said is not None:
            return said
        return words.msg("reason.yes" if value else "reason.no", label=words.label(name))
    if isinstance(value, list):
        shown = words.every([words.value(name, v) for v in value])
    else:
        shown = words.value(name, value)
    return words.msg("reason.is", label=words.label(name), actual=shown)
