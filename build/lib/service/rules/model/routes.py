"""Compensation routes as written (see docs/rule-format.md, "Routes")."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from service.rules.model.base import Condition, FactName, Id, Strict, Text
from service.rules.model.parts import LegalBasis, Step, TimeLimit

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
