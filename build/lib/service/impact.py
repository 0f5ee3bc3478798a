"""Whom a rule change affects: the same profiles through two rulesets, compared.

Pure: the caller loads both rulesets and the profiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.engine.evaluate import evaluate
from service.engine.profile import coerce_profile
from service.engine.result import BenefitResult, EntitlementResult
from service.errors import InvalidProfile
from service.rules.ruleset import Ruleset

Amounts = tuple[tuple[str, int | None, int | None, bool | None], ...]


@dataclass(frozen=True, slots=True)
class Change:
    profile_id: str
    before: str  # status, or "absent" when no version is in force
    after: str
    amounts_before: Amounts
    amounts_after: Amounts


@dataclass
class EntitlementImpact:
    entitlement: str
    status_changes: dict[tuple[str, str], list[Change]] = field(default_factory=dict)
    amount_changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(map(len, self.status_changes.values())) + len(self.amount_changes)


@dataclass
class Impact:
    profiles: int
    skipped: dict[str, str]  # profile id -> why it could not be read by one ruleset
    entitlements: dict[str, EntitlementImpact]

    @property
    def unchanged(self) -> bool:
        return not any(e.changed for e in self.entitlements.values())


def impact(base: Ruleset, new: Ruleset, profiles: Iterable[tuple[str, Mapping[str, Any]]],
           as_of: dt.date) -> Impact:
    report = Impact(0, {}, {})
    for pid, raw in profiles:
        try:
            before = _results(base, raw, as_of)
            after = _results(new, raw, as_of)
        except InvalidProfile as exc:
            report.skipped[pid] = str(exc)
            continue
        report.profiles += 1
        for ent_id in sorted(set(before) | set(after)):
            _compare(report, pid, ent_id, before.get(ent_id), after.get(ent_id))
    return report


def _results(ruleset: Ruleset, raw: Mapping[str, Any], as_of: dt.date) -> dict[str, Any]:
    # Facts one ruleset does not know are dropped, so that a renamed or new fact does not
    # hide every other change; a fact whose allowed values changed makes the profile skip.
    known = {k: v for k, v in raw.items() if k in ruleset.facts}
    facts = coerce_profile(ruleset, known)
    return {r.entitlement: r for r in evaluate(ruleset, facts, as_of).results}


def _amounts(result: EntitlementResult | None) -> Amounts:
    """The benefits she gets or may get: a new figure for a benefit she cannot get is no
    change for her."""
    if result is None:
        return ()
    return tuple(_amount(b) for b in result.benefits if b.applies is not False)


def _amount(b: BenefitResult) -> tuple[str, int | None, int | None, bool | None]:
    return (b.label, b.amount_min, b.amount_max, b.applies)


def _compare(report: Impact, pid: str, ent_id: str, before: EntitlementResult | None,
             after: EntitlementResult | None) -> None:
    status = (before.status if before else "absent", after.status if after else "absent")
    change = Change(pid, *status, _amounts(before), _amounts(after))
    entry = report.entitlements.setdefault(ent_id, EntitlementImpact(ent_id))
    if status[0] != status[1]:
        entry.status_changes.setdefault(status, []).append(change)
    elif change.amounts_before != change.amounts_after:
        entry.amount_changes.append(change)
