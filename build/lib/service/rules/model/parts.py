"""The parts of an entitlement version: benefits, legal basis, time limits, steps."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from service.rules.model.base import (
    CLAIM_STEPS,
    AmountValue,
    BenefitKind,
    ClaimStep,
    Condition,
    FactName,
    Id,
    Period,
    Slab,
    Strict,
    Text,
    Unit,
)

# ---- entitlements -----------------------------------------------------------------------


class Benefit(Strict):
    label: Text
    kind: BenefitKind = "cash"
    amount: AmountValue | list[Slab] | None = None
    unit: Unit = "inr"
    period: Period | None = None
    when: Condition | None = None
    verified: bool = True
    note: str | None = None
    sources: list[Id] = Field(default_factory=list)

    @field_validator("amount")
    @classmethod
    def _slabs_end_open(cls, amount: Any) -> Any:
        if isinstance(amount, list):
            if not amount:
                raise ValueError("a slab list needs at least one slab")
            if amount[-1].when is not None:
                raise ValueError("the last slab has no `when`: it applies to everyone else")
            if any(slab.when is None for slab in amount[:-1]):
                raise ValueError("only the last slab may omit `when`")
        return amount


class LegalBasis(Strict):
    instrument: Text
    section: str | None = None
    cite: str | None = None


class TimeLimit(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    label: Text
    days: Annotated[int, Field(gt=0)] | None = None
    months: Annotated[int, Field(gt=0)] | None = None
    start: str | None = Field(default=None, alias="from")
    start_fact: FactName | None = Field(
        None, description="a date fact holding the day the clock starts; when the profile "
        "has it, the answer gives the due date")
    cite: str | None = None
    office: Id | None = None
    starts: ClaimStep | None = Field(
        "applied", description="the claim status that starts the clock: a claim's due date "
        "is the day it entered this status plus the days or months; null when the limit is "
        "no office's duty towards a claim (it binds her, or caps a stay)")
    ends: ClaimStep = Field(
        "sanctioned", description="the claim status that meets the time limit; until the "
        "claim reaches it (or closes), it is overdue after the due date")

    @model_validator(mode="after")
    def _one_length(self) -> TimeLimit:
        if (self.days is None) == (self.months is None):
            raise ValueError("give exactly one of days or months")
        if self.starts is not None and \
                CLAIM_STEPS.index(self.ends) <= CLAIM_STEPS.index(self.starts):
            raise ValueError(f"`ends` ({self.ends}) must come after `starts` ({self.starts}) "
                             f"in {' -> '.join(CLAIM_STEPS)}")
        return self


class Step(Strict):
    action: Text
    office: Id | None = None
