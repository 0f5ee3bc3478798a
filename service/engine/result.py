"""What an evaluation returns. Pydantic models, so that the API can publish them as they are."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.rules import model

FactValue = bool | int | str | dt.date | list[str]


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RulesetRef(Out):
    name: str
    version: str
    digest: str = Field(description="sha256 of every rule file; reproduces any answer")


class Reason(Out):
    clause: str = Field(description="the condition as written in the rule file")
    cite: str | None = Field(None, description="the provision the condition comes from")
    value: bool | None = Field(description="true, false, or null when it cannot be decided yet")
    decisive: bool = Field(description="whether this clause decided the status")
    seen: dict[str, FactValue] = Field(description="the known facts the clause read")
    unknown: list[str] = Field(description="the facts it read that the profile lacks")
    explanation: str


class BenefitResult(Out):
    label: str
    kind: Literal["cash", "in_kind", "service", "work"]
    unit: Literal["inr", "days"]
    period: model.Period | None
    applies: bool | None = Field(description="whether she gets it: the entitlement holds and "
                                 "so does the benefit's own condition; null while unknown")
    condition: str | None = Field(description="when the benefit applies, if not always")
    amount: int | None = Field(description="the exact amount, when the facts fix one")
    amount_min: int | None = Field(description="lowest possible amount; null if none is set")
    amount_max: int | None = Field(description="highest possible amount; null if none is set")
    has_amount: bool = Field(description="false when the rule sets no figure (in kind, or "
                             "case by case)")
    missing: list[str] = Field(description="unknown facts of the benefit's own condition and "
                               "amount (the entitlement's are in its `missing`)")
    verified: bool
    note: str | None


class OfficeRef(Out):
    id: str
    name: str = Field(description="named for the profile's district or state when given")
    level: str
    department: str | None
    helplines: list[model.Helpline]


class OfficeResult(OfficeRef):
    escalates_to: list[OfficeRef] = Field(description="where to go next if it does not act, "
                                          "nearest first")


class DocumentResult(Out):
    id: str
    name: str
    issued_by: OfficeRef
    held: bool | None = Field(description="null when the profile does not list documents held")


class StepResult(Out):
    action: str
    office: OfficeRef | None


class TimeLimitResult(Out):
    label: str
    days: int | None
    months: int | None
    starts: str | None = Field(description="the event the time limit runs from")
    cite: str | None
    office: OfficeRef | None


class VersionRef(Out):
    valid_from: dt.date
    valid_until: dt.date | None
    title: str | None
    verified: bool
    note: str | None
    legal_basis: list[model.LegalBasis]


class EntitlementResult(Out):
    entitlement: str
    title: str
    domain: model.Domain
    summary: str
    status: model.Status
    missing: list[str] = Field(description="for needs_info: the facts that would decide it")
    reasons: list[Reason]
    benefits: list[BenefitResult]
    documents: list[DocumentResult]
    office: OfficeResult
    pays: OfficeResult | None = Field(description="the office that pays, when another one")
    time_limits: list[TimeLimitResult]
    steps: list[StepResult]
    version: VersionRef
    verified: bool = Field(description="false when a figure or date here awaits confirmation")


class Question(Out):
    fact: str
    question: str
    type: str
    values: list[str] | None
    unit: str | None
    entitlements: int = Field(description="needs_info entitlements waiting on this fact")
    settles: int = Field(description="of those, how many wait on this fact alone")


class Evaluation(Out):
    ruleset: RulesetRef
    as_of: dt.date
    counts: dict[model.Status, int]
    results: list[EntitlementResult]
    questions: list[Question]
