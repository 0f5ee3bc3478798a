"""/v1/reports/funnel: how far claims get, per entitlement and office, with small counts
hidden; as JSON or CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.auth import PrincipalDep
from api.deps import RulesetDep, SessionDep
from api.report_models import FunnelPublic, figures, row, to_csv
from api.routers import INVALID, REPORTS
from api.schemas import District, IsoDate
from service.dates import india_today
from service.engine import districts
from service.errors import InvalidInput
from service.rules.ruleset import Ruleset
from service.store import funnel as funnel_query
from service.store import suppression
from service.store.keys import Principal

router = APIRouter(prefix="/v1/reports", tags=["reports"])
CSV = {"content": {"text/csv": {"schema": {"type": "string"}}},
       "description": "the rows and a TOTAL line, as CSV"}
Start = Annotated[IsoDate | None, Query(alias="from", description="claims opened on or "
                                        "after this day")]
End = Annotated[IsoDate | None, Query(alias="to", description="claims opened on or before "
                                      "this day")]


@router.get("/funnel", response_model=FunnelPublic, responses={**REPORTS, **INVALID, 200: {
    "content": {"text/csv": {"schema": {"type": "string"}}},
    "description": "the report; with format=csv, as CSV"}})
def funnel(principal: PrincipalDep, rules: RulesetDep, session: SessionDep,
           district: Annotated[District | None, Query()] = None, start: Start = None,
           end: End = None, format: Annotated[Literal["json", "csv"], Query()] = "json",
           ) -> FunnelPublic | Response:
    """Per entitlement and office: claims identified, applied, sanctioned, received and
    rejected; amounts claimed and received; median days from applied to received; how many
    are overdue today. Any key may read it: a caseworker's covers her organisation, an
    analyst's or admin's all of them. Counts under 5 read "<5", and so does a figure that
    would let a hidden one be worked out from the total."""
    report = _report(principal, rules, session, district, start, end)
    if format == "csv":
        return _csv(report)
    return report


@router.get("/funnel.csv", response_class=Response, responses={
    **REPORTS, **INVALID, 200: CSV})
def funnel_csv(principal: PrincipalDep, rules: RulesetDep, session: SessionDep,
               district: Annotated[District | None, Query()] = None, start: Start = None,
               end: End = None) -> Response:
    """The funnel report as CSV, ready for a spreadsheet."""
    return _csv(_report(principal, rules, session, district, start, end))


def _report(principal: Principal, rules: Ruleset, session: SessionDep, district: str | None,
            start: dt.date | None, end: dt.date | None) -> FunnelPublic:
    if start and end and start > end:
        raise InvalidInput([(("query", "to"), "before_from", "`to` is before `from`")])
    today = india_today()
    district = districts.as_listed(rules, district) if district else None
    raw = funnel_query.funnel(session, scope=principal.report_scope, today=today, district=district,
                              start=start, end=end)
    lines, total = suppression.publish(raw)
    return FunnelPublic.model_validate({
        "filters": {"district": district, "from": start, "to": end,
                    "organisation": principal.report_scope},
        "on": today, "threshold": suppression.THRESHOLD,
        "data": [row(line, rules) for line in lines], "count": len(lines), "total": figures(total)})


def _csv(report: FunnelPublic) -> Response:
    lines = [suppression.Line(r.entitlement, r.office, r.model_dump(
        exclude={"entitlement", "title", "office", "office_name"})) for r in report.data]
    total = suppression.Line(None, None, report.total.model_dump())
    return Response(to_csv(lines, total), media_type="text/csv", headers={
        "Content-Disposition": 'attachment; filename="funnel.csv"'})
