"""What changed between two screenings of the same profile: per entitlement, its status,
the version in force, and each benefit's amount. Works on the answers as stored (JSON), so
that a screening kept under older rules can always be compared."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_AMOUNT = ("applies", "amount", "amount_min", "amount_max", "period")


@dataclass(frozen=True, slots=True)
class AmountSeen:
    applies: bool | None
    amount: int | None
    amount_min: int | None
    amount_max: int | None
    period: str | None


@dataclass(frozen=True, slots=True)
class BenefitChange:
    label: str
    before: AmountSeen | None  # None: the benefit was not in that answer
    after: AmountSeen | None


@dataclass(frozen=True, slots=True)
class EntitlementChange:
    entitlement: str
    title: str
    status_before: str | None  # None: not in force (or not asked) in that answer
    status_after: str | None
    version_before: str | None  # the version's valid_from
    version_after: str | None
    benefits: list[BenefitChange]


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[EntitlementChange]:
    """Every entitlement whose status, version or amounts differ, in the newer answer's
    order, then those only the older one had."""
    old = {r["entitlement"]: r for r in before.get("results", [])}
    new = {r["entitlement"]: r for r in after.get("results", [])}
    changes = []
    for ent in [*new, *(e for e in old if e not in new)]:
        change = _entitlement(ent, old.get(ent), new.get(ent))
        if change is not None:
            changes.append(change)
    return changes


def _entitlement(ent: str, old: Mapping[str, Any] | None,
                 new: Mapping[str, Any] | None) -> EntitlementChange | None:
    benefits = _benefits(old or {}, new or {})
    status = (_get(old, "status"), _get(new, "status"))
    version = (_valid_from(old), _valid_from(new))
    if status[0] == status[1] and version[0] == version[1] and not benefits:
        return None
    title = str((new or old or {}).get("title", ent))
    return EntitlementChange(ent, title, status[0], status[1], version[0], version[1], benefits)


def _benefits(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[BenefitChange]:
    before = {b["label"]: _amount(b) for b in old.get("benefits", [])}
    after = {b["label"]: _amount(b) for b in new.get("benefits", [])}
    labels = [*after, *(label for label in before if label not in after)]
    return [BenefitChange(label, before.get(label), after.get(label)) for label in labels
            if before.get(label) != after.get(label)]


def _amount(benefit: Mapping[str, Any]) -> AmountSeen:
    return AmountSeen(*(benefit.get(k) for k in _AMOUNT))


def _get(result: Mapping[str, Any] | None, key: str) -> str | None:
    return None if result is None else str(result[key])


def _valid_from(result: Mapping[str, Any] | None) -> str | None:
    return None if result is None else str(result.get("version", {}).get("valid_from"))
