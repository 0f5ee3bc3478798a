"""Rupees as India writes them: 150000 -> Rs 1,50,000."""

from __future__ import annotations


def rupees(n: int) -> str:
    digits = str(n)
    head, tail = digits[:-3], digits[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return "Rs " + ",".join([*groups, tail])


def span(low: int | None, high: int | None, unit: str = "inr") -> str | None:
    """An amount as a caseworker reads it: "Rs 20,000", "up to Rs 30,000", "at least Rs
    1,00,000", "Rs 4,00,000 to Rs 7,00,000"; None when neither end is set."""

    def one(n: int) -> str:
        return rupees(n) if unit == "inr" else f"{n} days"

    if low is not None and low == high:
        return one(low)
    if low is not None and high is not None:
        return f"{one(low)} to {one(high)}"
    if high is not None:
        return f"up to {one(high)}"
    if low is not None:
        return f"at least {one(low)}"
    return None


PERIODS = {"once": "once", "per_month": "a month", "per_year": "a year",
           "per_family_per_year": "a family a year",
           "per_household_per_year": "a household a year"}


def every(period: str | None) -> str:
    """How often an amount is paid, in words: "a month"; "" when paid once or not said."""
    return "" if period in (None, "once") else PERIODS.get(period, "")
