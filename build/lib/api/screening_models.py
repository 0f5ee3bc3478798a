"""Screenings as the API shows them. ``ScreeningCreate`` is built from facts.yaml
(``schemas.screening_create``), like the eligibility request."""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, Field

from service.engine.result import Evaluation, FactValue, RulesetRef
from service.store.changes import EntitlementChange
from service.store.tables import Screening


class ScreeningSummary(BaseModel):
    id: str = Field(description="made by the service")
    case_ref: str
    org: str = Field(description="the organisation whose key stored it")
    created_at: dt.datetime
    rerun_of: str | None = Field(description="the screening this one re-ran, if any")
    ruleset: RulesetRef
    as_of: dt.date
    district: str | None
    counts: dict[str, int] = Field(description="results by status")

    @classmethod
    def of(cls, row: Screening) -> ScreeningSummary:
        return cls(id=row.id, case_ref=row.case_ref, org=row.org, created_at=row.created_at,
                   rerun_of=row.rerun_of, as_of=row.as_of, district=row.district,
                   counts=dict(row.counts),
                   ruleset=RulesetRef(name=row.ruleset_name, version=row.ruleset_version,
                                      digest=row.ruleset_digest))


class ScreeningPublic(ScreeningSummary):
    profile: dict[str, FactValue] = Field(description="the facts as sent")
    documents_held: list[str] | None
    domains: list[str] | None
    evaluation: Evaluation = Field(description="the answer as it was given, unchanged")


def screening_json(row: Screening) -> bytes:
    """ScreeningPublic as JSON; the evaluation is the stored text, not rebuilt, so that a
    screening made under older rules reads back exactly as it was answered."""
    head = ScreeningSummary.of(row).model_dump(mode="json")
    head |= {"profile": row.profile, "documents_held": row.documents_held,
             "domains": row.domains}
    return (json.dumps(head)[:-1] + ', "evaluation": ' + row.results + "}").encode()


class ScreeningsPublic(BaseModel):
    data: list[ScreeningSummary]
    count: int = Field(description="how many match, in all pages")


class RerunPublic(BaseModel):
    screening: ScreeningSummary = Field(description="the new screening, under the rules now "
                                        "serving")
    previous: ScreeningSummary
    changes: list[EntitlementChange] = Field(
        description="each entitlement whose status, version or amounts changed")
    count: int

    @classmethod
    def of(cls, new: Screening, old: Screening, changes: list[EntitlementChange],
           ) -> RerunPublic:
        return cls(screening=ScreeningSummary.of(new), previous=ScreeningSummary.of(old),
                   changes=changes, count=len(changes))
