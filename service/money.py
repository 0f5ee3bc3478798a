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
