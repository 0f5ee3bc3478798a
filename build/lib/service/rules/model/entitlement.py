"""An entitlement file: its versions, sources and worked examples."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from service.rules.model.base import (
    Condition,
    Domain,
    FactName,
    Id,
    IsoDate,
    Need,
    Source,
    Status,
    Strict,
    Text,
)
from service.rules.model.parts import Benefit, LegalBasis, Step, TimeLimit
from service.rules.model.routes import Route


class Version(Strict):
    valid_from: IsoDate
    valid_until: IsoDate | None = None
    title: str | None = None
    verified: bool = True
    note: str | None = None
    legal_basis: list[LegalBasis] = Field(min_length=1)
    when: list[Condition] = Field(min_length=1)
    keep: list[Condition] = Field(
        default_factory=list, description="conditions to keep: not for entry, but to go on "
        "receiving (attending school); the answer lists them")
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

