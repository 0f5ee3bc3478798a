"""The list of districts, ``rules/places/districts.yaml``: India's districts by State, each
as its source lists it (see docs/rule-format.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from service.rules.model.base import FactName, IsoDate, Strict, Text


class ListSourceSpec(Strict):
    title: Text = Field(description="the list as its publisher names it, and who publishes it")
    short: Text = Field(description="how an error names the list: the LGD list")
    retrieved: IsoDate = Field(description="the day the list was downloaded")
    url: str | None = Field(None, description="where the publisher offers it")
    kept_at: str | None = Field(None, description="the copy these entries were taken from")
    licence: str | None = None
    verified: bool = True
    check: str | None = Field(None, description="while not verified: what to check")

    @model_validator(mode="after")
    def _says_what_to_check(self) -> ListSourceSpec:
        if not self.verified and not self.check:
            raise ValueError("a list not verified says what to check (`check`)")
        return self


class DistrictSpec(Strict):
    name: Text = Field(description="the district's name as the source lists it")
    lgd: Annotated[int, Field(gt=0)] | None = Field(
        None, description="its code in the Local Government Directory")
    also: list[Text] = Field(default_factory=list, description="other spellings the source "
                             "gives (a former name of the same LGD code)")
    source: str | None = Field(None, description="an entry added by hand: the notification "
                               "that created or renamed the district")
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _added_by_hand_is_sourced(self) -> DistrictSpec:
        if self.source is None and not self.verified:
            raise ValueError("an entry marked not verified names its `source`")
        return self


class DistrictsFile(Strict):
    source: ListSourceSpec
    states: dict[FactName, list[DistrictSpec]] = Field(
        min_length=1, description="each State or Union Territory, by its id in the `state` "
        "fact, with its districts")
