"""The list of districts as the API shows it (GET /v1/places/districts)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from service.engine.result import RulesetRef
from service.rules.places import District, ListSource


class ListSourceOut(BaseModel):
    title: str
    short: str = Field(description="how errors name the list: the LGD list of <retrieved>")
    retrieved: dt.date = Field(description="the day the list was downloaded")
    url: str | None
    licence: str | None
    verified: bool
    check: str | None = Field(description="while not verified: what is still to check")

    @classmethod
    def of(cls, s: ListSource) -> ListSourceOut:
        return cls(title=s.title, short=s.short, retrieved=s.retrieved, url=s.url,
                   licence=s.licence, verified=s.verified, check=s.check)


class DistrictOut(BaseModel):
    name: str = Field(description="as the list writes it: what a screening or claim keeps")
    state: str = Field(description="an id of the `state` fact")
    lgd_code: int | None = Field(description="its code in the Local Government Directory")
    also: list[str] = Field(description="other spellings the source gives, also accepted")
    verified: bool
    source: str | None = Field(description="for a district added by hand: its notification")

    @classmethod
    def of(cls, d: District) -> DistrictOut:
        return cls(name=d.name, state=d.state, lgd_code=d.lgd_code, also=list(d.also),
                   verified=d.verified, source=d.source)


class DistrictsPublic(BaseModel):
    ruleset: RulesetRef
    source: ListSourceOut | None = Field(description="where the list comes from; null when "
                                         "the rules ship none (any district's name is taken)")
    state: str | None = Field(description="the State asked for; null for all")
    data: list[DistrictOut]
    count: int
