"""Pydantic models of the rule files, as written. Unknown keys are errors.

These check the shape of each file; ``link`` then checks what spans files (facts, offices,
documents) and compiles the conditions.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

DOMAINS = ("health", "education", "livelihood", "legal", "social")
Domain = Literal["health", "education", "livelihood", "legal", "social"]
Status = Literal["eligible", "not_eligible", "needs_info"]
Period = Literal["once", "per_month", "per_year", "per_family_per_year", "per_household_per_year"]
Confidence = Literal["H", "M", "L", "NC"]
# The nine needs of survivors that the seed report's interview tools list (appendix).
Need = Literal["physical_health_and_nutrition", "education", "skill_development", "livelihood",
               "entitlements", "compensation", "coping_with_stress_stigma_and_trauma",
               "prosecution_of_perpetrators", "social_acceptance"]
NEEDS: tuple[str, ...] = typing.get_args(Need)
BenefitKind = Literal["cash", "in_kind", "service", "work"]
Unit = Literal["inr", "days"]
FactKind = Literal["bool", "int", "date", "enum", "set"]
# The steps of a claim, in order (service/store/lifecycle.py adds rejected and withdrawn).
ClaimStep = Literal["identified", "documents_ready", "applied", "sanctioned", "received"]
CLAIM_STEPS: tuple[str, ...] = typing.get_args(ClaimStep)
OfficeLevel = Literal["national", "state", "division", "district", "sub_division", "block",
                      "village",
                      "court", "facility", "community"]

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
FactName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$", max_length=48)]
Text = Annotated[str, Field(min_length=1)]


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("write a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- conditions -------------------------------------------------------------------------


class Test(Strict):
    test: Text
    cite: str | None = None


class AllOf(Strict):
    all: list[Condition] = Field(min_length=1)
    cite: str | None = None


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)
    cite: str | None = None


def _condition_tag(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        for key in ("test", "all", "any"):
            if key in value:
                return key
    return "test"


Condition = Annotated[
    Annotated[str, Tag("text")] | Annotated[Test, Tag("test")]
    | Annotated[AllOf, Tag("all")] | Annotated[AnyOf, Tag("any")],
    Discriminator(_condition_tag),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()


# ---- small shared parts -----------------------------------------------------------------


class Source(Strict):
    id: Id
    title: Text
    url: str | None = None
    quote: str | None = None
    confidence: Confidence


class OfficeSource(Strict):
    title: Text
    url: str | None = None
    quote: str | None = None
    confidence: Confidence


class Range(Strict):
    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("a range needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        return self


AmountValue = Annotated[int, Field(ge=0)] | Range


class Slab(Strict):
    when: Condition | None = None
    value: AmountValue
    cite: str | None = None
    verified: bool = True
    note: str | None = None


# ---- facts, offices, documents ----------------------------------------------------------


class FactSpec(Strict):
    type: FactKind
    question: Text
    description: str | None = None
    unit: str | None = None
    values: list[FactName] | None = None
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _fits_type(self) -> FactSpec:
        listed = self.type in ("enum", "set")
        if listed and not self.values:
            raise ValueError(f"a {self.type} fact needs a list of values")
        if not listed and self.values is not None:
            raise ValueError(f"values are only for enum and set facts, not {self.type}")
        if self.values and len(set(self.values)) != len(self.values):
            raise ValueError("values repeat")
        if self.type != "int" and (self.min is not None or self.max is not None):
            raise ValueError("min and max are only for int facts")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        return self


class DerivedSpec(Strict):
    type: Literal["bool"] = "bool"
    expr: Text
    description: str | None = None
    question: str | None = None


class FactsFile(Strict):
    facts: dict[FactName, FactSpec] = Field(min_length=1)
    derived: dict[FactName, DerivedSpec] = Field(default_factory=dict)


class Helpline(Strict):
    number: Annotated[str, Field(pattern=r"^[0-9]{3,12}$")]
    name: Text


class OfficeSpec(Strict):
    name: Text
    level: OfficeLevel
    department: str | None = None
    escalates_to: Id | None = None
    helplines: list[Helpline] = Field(default_factory=list)
    community_resource: bool = False
    note: str | None = None
    sources: list[OfficeSource] = Field(default_factory=list)


class OfficesFile(Strict):
    offices: dict[Id, OfficeSpec] = Field(min_length=1)


class DocumentSpec(Strict):
    name: Text
    issued_by: Id
    note: str | None = None


class DocumentsFile(Strict):
    documents: dict[Id, DocumentSpec] = Field(min_length=1)


class RulesetFile(Strict):
    name: Text
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-+]{1,32}$")]


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


# ---- compensation routes (see docs/rule-format.md, "Routes") ------------------------------

# Who may set a route going: the survivor; her dependants; a parent, guardian or support person
# for a child; the officer in charge of the police station or a Magistrate (by certificate);
# the prosecutor; the court, or the deciding authority, on its own; the Child Welfare Committee.
Applicant = Literal["victim", "dependants", "guardian", "sho", "magistrate", "prosecutor",
                    "court_suo_motu", "authority_suo_motu", "cwc"]
OffsetHow = Literal["counted", "deducted", "adjusted_in_final", "declared"]
# A route id in the same file (`final`), or in another file (`pocso-compensation/final`).
RouteRef = Annotated[str, Field(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$")]


class RouteEvent(Strict):
    event: Text
    when: Condition
    sets: dict[FactName, Any] = Field(min_length=1)
    date_fact: FactName | None = None
    cite: str | None = None


class RouteBasis(LegalBasis):
    when: Condition | None = None


class RouteStep(Step):
    when: Condition | None = None


class RouteTimeLimit(TimeLimit):
    when: Condition | None = None


class Offset(Strict):
    route: RouteRef
    how: OffsetHow
    cite: Text
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _noted(self) -> Offset:
        if not self.verified and not self.note:
            raise ValueError("an offset with verified: false needs a note saying what to check")
        return self


class Interactions(Strict):
    concurrent_with: list[RouteRef] = Field(default_factory=list)
    offsets: list[Offset] = Field(default_factory=list)


class Route(Strict):
    id: Id
    label: Text
    interim: list[Text] = Field(default_factory=list)
    final: list[Text] = Field(default_factory=list)
    open_when: list[Condition] = Field(default_factory=list)
    opens_on: list[RouteEvent] = Field(default_factory=list)
    forum: Id
    payer: Id | None = None
    applicants: list[Applicant] = Field(min_length=1)
    documents: list[Id] | None = None
    time_limits: list[RouteTimeLimit] = Field(default_factory=list)
    steps: list[RouteStep] = Field(default_factory=list)
    legal_basis: list[RouteBasis] = Field(default_factory=list)
    interactions: Interactions = Field(default_factory=Interactions)
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _checks(self) -> Route:
        if not self.interim and not self.final:
            raise ValueError("a route pays something: list benefit labels under interim, final "
                             "or both")
        if not self.verified and not self.note:
            raise ValueError("a route with verified: false needs a note saying what to check")
        return self


class Version(Strict):
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    title: str | None = None
    verified: bool = True
    note: str | None = None
    legal_basis: list[LegalBasis] = Field(min_length=1)
    when: list[Condition] = Field(min_length=1)
    benefits: list[Benefit] = Field(default_factory=list)
    office: Id
    pays: Id | None = None
    documents: list[Id] = Field(default_factory=list)
    time_limits: list[TimeLimit] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)

    @model_validator(mode="after")
    def _checks(self) -> Version:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        labels = [b.label for b in self.benefits]
        if len(set(labels)) != len(labels):
            raise ValueError("two benefits share a label")
        if not self.verified and not self.note:
            raise ValueError("a version with verified: false needs a note saying what to check")
        route_ids = [r.id for r in self.routes]
        if len(set(route_ids)) != len(route_ids):
            raise ValueError("two routes share an id")
        return self


ExpectedAmount = Annotated[int, Field(ge=0)] | list[int | None] | None


class Expect(Strict):
    status: Status | Literal["not_in_force"]
    benefits: dict[str, ExpectedAmount] | None = None
    missing: list[FactName] | None = None


class Example(Strict):
    name: Text
    as_of: IsoDate
    profile: dict[str, Any]
    documents_held: list[Id] | None = None
    expect: Expect


class EntitlementFile(Strict):
    id: Id
    title: Text
    domain: Domain
    summary: Text
    needs: list[Need] = Field(default_factory=list)
    versions: list[Version] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    examples: list[Example] = Field(default_factory=list)
    routes_dated_by: FactName | None = Field(
        None, description="a date fact: the compensation routes use the version in force on "
        "that date when the profile has it (else on the date asked about)")
