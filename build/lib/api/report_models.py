"""The funnel report as the API shows it: figures under 5 are the string "<5"."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from service.rules.ruleset import Ruleset
from service.store.suppression import Cell, Line

Count = Annotated[int | Literal["<5"], Field(description='a count, or "<5"')]
Amount = Annotated[int | Literal["<5"], Field(
    description='a sum in rupees; "<5" when fewer than 5 claims make it up')]
Median = Annotated[float | Literal["<5"] | None, Field(
    description='days; "<5" when fewer than 5 claims were received after applying')]
COLUMNS = ("identified", "applied", "sanctioned", "received", "rejected", "overdue",
           "amount_claimed", "amount_received", "median_days_applied_to_received")


class FunnelFigures(BaseModel):
    identified: Count = Field(description="claims opened")
    applied: Count = Field(description="claims that reached applied")
    sanctioned: Count
    received: Count
    rejected: Count
    overdue: Count = Field(description="open claims past their due date today")
    amount_claimed: Amount
    amount_received: Amount
    median_days_applied_to_received: Median


class FunnelKey(BaseModel):
    entitlement: str
    title: str = Field(description="the entitlement's title in the rules now serving")
    office: str
    office_name: str


class FunnelRow(FunnelFigures, FunnelKey):  # the key's fields first
    pass


class FunnelFilters(BaseModel):
    district: str | None
    from_: dt.date | None = Field(alias="from")
    to: dt.date | None
    organisation: str | None = Field(description="the caller's organisation; null for all")


class FunnelPublic(BaseModel):
    filters: FunnelFilters
    on: dt.date = Field(description="the day overdue is counted on")
    threshold: int = Field(description='counts below this are shown as "<5"')
    data: list[FunnelRow]
    count: int
    total: FunnelFigures = Field(description="all rows together, hidden the same way")


def row(line: Line, ruleset: Ruleset) -> FunnelRow:
    ent = ruleset.entitlements.get(line.entitlement or "")
    office = ruleset.offices.get(line.office or "")
    return FunnelRow.model_validate({
        "entitlement": line.entitlement, "title": ent.title if ent else line.entitlement,
        "office": line.office, "office_name": office.name if office else line.office,
        **line.cells})


def figures(line: Line) -> FunnelFigures:
    return FunnelFigures.model_validate(line.cells)


def to_csv(lines: list[Line], total: Line) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["entitlement", "office", *COLUMNS])
    for line in [*lines, total]:
        writer.writerow([line.entitlement or "TOTAL", line.office or "",
                         *(_cell(line.cells[c]) for c in COLUMNS)])
    return out.getvalue()


def _cell(value: Cell) -> str:
    return "" if value is None else str(value)
