"""Shared parts of the rule-file models: names, dates, conditions, sources, amounts.

The rule files, as written, are checked by pydantic models (unknown keys are errors);
``link`` then checks what spans files (facts, offices, documents, parameters) and compiles
the conditions.
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
ParamUnit = Literal["inr", "days", "years", "percent"]
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


# A parameter's full name: its file's group, then its keys (``icps.income_ceiling.rural``).
ParamName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$",
                                 max_length=120)]


class Scaled(Strict):
    """A parameter times a number or another parameter: a day's wage times the days."""

    value: ParamName
    times: ParamName | Annotated[int, Field(gt=0)]


# A figure written in place (only for test rules: lint asks for parameters), a parameter's
# name, or a parameter scaled by another.
AmountValue = Annotated[int, Field(ge=0)] | Range | ParamName | Scaled


class Slab(Strict):
    when: Condition | None = None
    value: AmountValue
    cite: str | None = None
    verified: bool = True
    note: str | None = None
