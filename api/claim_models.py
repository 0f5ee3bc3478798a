"""Claims as the API takes and shows them: the deadline that runs, and, once it has passed,
the office to escalate to with the chain above it. What they are is worked out in
``service.store.standing``; these models only give it its shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, NaiveDatetime, model_validator

from api.schemas import CASE_REF_HELP, CaseRef, District, IsoDate, Note, WholeNumber
from service.engine.result import OfficeResult
from service.rules.model import ClaimStep
from service.rules.ruleset import Ruleset
from service.store import reasons, standing
from service.store.lifecycle import ClaimStatus
from service.store.tables import Claim, ClaimEvent

Strict = ConfigDict(extra="forbid", frozen=True)
# A JSON number, never true (which Python counts as 1) or the text "35".
Amount = Annotated[WholeNumber, Field(ge=0, le=1_000_000_000, description="in rupees")]
Moment = Annotated[AwareDatetime | NaiveDatetime, Field(
    description="when it happened (ISO 8601; without a zone, UTC); now when absent")]
RecordId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$", description="an id the service made")]


class ClaimCreate(BaseModel):
    model_config = Strict
    entitlement: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64,
                                      description="an entitlement id, e.g. from a screening")]
    case_ref: CaseRef | None = Field(None, description=CASE_REF_HELP + "; taken from the "
                                     "screening when absent")
    screening_id: RecordId | None = Field(None, description="the screening it came from")
    as_of: IsoDate | None = Field(None, description="the date whose rules apply; the "
                                  "screening's as_of, else the day it was identified")
    amount_claimed: Amount | None = None
    district: District | None = Field(None, description="the screening's when absent")
    note: Note | None = None
    at: Moment | None = None


class ClaimEventCreate(BaseModel):
    model_config = Strict
    to_status: ClaimStatus | None = Field(None, description="the next status; leave it out "
                                          "to add a note alone")
    reason: reasons.ClosingReason | None = Field(None, description=(
        "with rejected or withdrawn: why, from a closed list (rejected: "
        + ", ".join(reasons.ALLOWED["rejected"]) + "; withdrawn: "
        + ", ".join(reasons.ALLOWED["withdrawn"]) + ")"))
    note: Note | None = None
    amount: Amount | None = Field(None, description="with applied: the amount claimed; "
                                  "sanctioned: sanctioned; received: received")
    at: Moment | None = None

    @model_validator(mode="after")
    def _something(self) -> ClaimEventCreate:
        if self.to_status is None and self.note is None:
            raise ValueError("give to_status, a note, or both")
        return self


class ClaimEventPublic(BaseModel):
    seq: int = Field(description="1 for the opening event, then one more each time")
    at: dt.datetime
    recorded_at: dt.datetime
    from_status: ClaimStatus | None
    to_status: ClaimStatus
    reason: str | None = Field(description="why it closed, for rejected or withdrawn")
    note: str | None
    amount: int | None
    key_id: str | None = Field(description="the key that wrote it")

    @classmethod
    def of(cls, e: ClaimEvent) -> ClaimEventPublic:
        return cls.model_validate(e, from_attributes=True)


class DeadlineOut(BaseModel):
    label: str
    due: dt.date
    days: int | None
    months: int | None
    starts: ClaimStep | None = Field(description="the status that started the clock")
    ends: ClaimStep | None = Field(description="the status that meets it")
    cite: str | None


class EscalationOut(BaseModel):
    days_overdue: int
    office: OfficeResult = Field(description="the office that had to act; `escalates_to` "
                                 "lists where to go next, nearest first")


class ClaimSummary(BaseModel):
    id: str
    case_ref: str
    org: str
    entitlement: str
    title: str
    valid_from: dt.date = Field(description="the rule version the claim follows")
    office: str
    office_name: str
    district: str | None
    status: ClaimStatus
    allowed_moves: list[ClaimStatus]
    amount_claimed: int | None
    amount_sanctioned: int | None
    amount_received: int | None
    opened_at: dt.datetime
    updated_at: dt.datetime
    due_at: dt.date | None
    overdue: bool
    deadline: DeadlineOut | None = Field(description="the time limit now running, if any")
    escalation: EscalationOut | None = Field(description="once overdue: where to escalate")
    screening_id: str | None

    @classmethod
    def of(cls, claim: Claim, ruleset: Ruleset, today: dt.date) -> ClaimSummary:
        return cls(**_fields(claim, ruleset, today))


class ClaimPublic(ClaimSummary):
    history: list[ClaimEventPublic] = Field(description="every event, oldest first; never "
                                            "changed once written")

    @classmethod
    def full(cls, claim: Claim, ruleset: Ruleset, today: dt.date,
             events: list[ClaimEvent]) -> ClaimPublic:
        return cls(**_fields(claim, ruleset, today),
                   history=[ClaimEventPublic.of(e) for e in events])


class ClaimsPublic(BaseModel):
    data: list[ClaimSummary]
    count: int = Field(description="how many match, in all pages")


def _fields(claim: Claim, ruleset: Ruleset, today: dt.date) -> dict[str, object]:
    now = standing.of(claim, ruleset, today)
    return {
        "id": claim.id, "case_ref": claim.case_ref, "org": claim.org,
        "entitlement": claim.entitlement, "title": now.title,
        "valid_from": claim.valid_from, "office": claim.office, "office_name": now.office_name,
        "district": claim.district, "status": claim.status,
        "allowed_moves": list(now.allowed_moves),
        "amount_claimed": claim.amount_claimed, "amount_sanctioned": claim.amount_sanctioned,
        "amount_received": claim.amount_received, "opened_at": claim.opened_at,
        "updated_at": claim.updated_at, "due_at": claim.due_at, "overdue": now.overdue,
        "deadline": DeadlineOut.model_validate(now.deadline, from_attributes=True)
        if now.deadline is not None else None,
        "escalation": EscalationOut.model_validate(now.escalation, from_attributes=True)
        if now.escalation is not None else None,
        "screening_id": claim.screening_id,
    }
