"""What a routes answer holds: for one case, every road to compensation and where it stands.

Slotted dataclasses like ``service.engine.result``, whose parts they reuse (benefits, offices,
documents, reasons); pydantic describes and serialises them for the API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from service.engine.result import (
    BenefitResult,
    DocumentResult,
    FactValue,
    OfficeName,
    OfficeRef,
    OfficeResult,
    Reason,
    RulesetRef,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.rules import model

RouteStatus = Literal["open", "not_yet_open", "needs_info", "closed"]
STATUSES: tuple[RouteStatus, ...] = ("open", "not_yet_open", "needs_info", "closed")


@dataclass(slots=True)
class EventResult:
    event: Annotated[str, Field(description="what would open the route, e.g. the conviction")]
    condition: Annotated[str, Field(description="while this holds, the event is still to come")]
    awaited: Annotated[
        bool | None, Field(description="true: still to come, and it would open the route; "
                           "null: that is not known yet; false otherwise")
    ]
    happened: Annotated[
        bool, Field(description="it is no longer to come, and the conditions that read what it "
                    "changes now hold")
    ]
    date_fact: str | None
    date: Annotated[dt.date | None, Field(description="when it happened, if the profile says")]
    cite: str | None


@dataclass(slots=True)
class DueDate(TimeLimitResult):
    start_fact: Annotated[str | None, Field(description="the date fact that starts the clock")]
    start_date: dt.date | None
    due: Annotated[dt.date | None, Field(description="the last day, when the start date is known")]
    overdue: Annotated[
        bool | None, Field(description="the due date has passed on as_of; null without a due date")
    ]
    escalate_to: Annotated[
        OfficeName | None, Field(description="where to go if the office has not acted in time")
    ]


@dataclass(slots=True)
class LegalBasisResult:
    instrument: str
    section: str | None
    cite: str | None
    condition: Annotated[
        str | None, Field(description="when the provision applies, e.g. by the offence date")
    ]
    applies: Annotated[bool | None, Field(description="null while its condition is unknown")]


@dataclass(slots=True)
class RouteLink:
    route: Annotated[str, Field(description="entitlement/route")]
    label: str
    status: Annotated[
        RouteStatus | None, Field(description="its status in this answer; null if not in force")
    ]


@dataclass(slots=True)
class OffsetResult:
    how: model.OffsetHow
    from_route: Annotated[str, Field(description="the route whose payment is taken into account")]
    into_route: Annotated[str, Field(description="the route whose award takes it into account")]
    explanation: str
    cite: str
    verified: bool
    note: str | None


@dataclass(slots=True)
class VersionUsed(VersionRef):
    dated_by: Annotated[
        str, Field(description="the date fact that picked the version, or as_of")
    ]
    date: Annotated[dt.date, Field(description="the date the version is in force on")]


@dataclass(slots=True)
class RouteResult:
    id: Annotated[str, Field(description="entitlement/route, stable across versions")]
    entitlement: str
    route: str
    label: str
    title: Annotated[str, Field(description="the entitlement's title")]
    status: RouteStatus
    missing: Annotated[list[str], Field(description="for needs_info: the facts that would decide")]
    reasons: Annotated[
        list[Reason], Field(description="the clauses that decided the status, with the values "
                            "they saw")
    ]
    opens_on: Annotated[
        list[EventResult], Field(description="the events that open it; for not_yet_open, the "
                                 "ones still awaited come first")
    ]
    opened_on: Annotated[
        dt.date | None, Field(description="for an open route, the date of the last event that "
                              "opened it, when known")
    ]
    forum: Annotated[OfficeResult, Field(description="the office that decides")]
    payer: Annotated[OfficeResult, Field(description="the office that pays")]
    escalation: Annotated[
        list[OfficeRef], Field(description="where to go when the forum does not act, nearest first")
    ]
    applicants: Annotated[list[model.Applicant], Field(description="who may set it going")]
    documents: list[DocumentResult]
    interim: Annotated[list[BenefitResult], Field(description="interim amounts")]
    final: Annotated[list[BenefitResult], Field(description="final amounts; for a route not yet "
                                                "open, as they will stand once it opens")]
    time_limits: list[DueDate]
    concurrent_with: Annotated[
        list[RouteLink], Field(description="routes that can be pursued at the same time")
    ]
    offsets: Annotated[
        list[OffsetResult], Field(description="what is counted, deducted or adjusted between "
                                  "this route and another")
    ]
    legal_basis: list[LegalBasisResult]
    version: VersionUsed
    steps: Annotated[list[StepResult], Field(description="next steps, in order")]
    actionable: Annotated[
        bool, Field(description="she can act on it today: it is open, or one of its steps "
                    "brings about the event it waits for (asking the CWC to recommend relief)")
    ]
    verified: Annotated[
        bool, Field(description="false when a figure, date or rule here awaits confirmation")
    ]
    note: str | None


@dataclass(slots=True)
class RouteQuestion:
    fact: str
    question: str
    type: str
    values: list[str] | None
    routes: Annotated[int, Field(description="routes whose status waits on this fact")]


@dataclass(slots=True)
class RoutesAnswer:
    ruleset: RulesetRef
    as_of: dt.date
    language: Annotated[str, Field(description="the language the answer's texts are in (en, "
                                   "hi, bn); a text with no translation stays English")]
    counts: dict[RouteStatus, int]
    routes: Annotated[
        list[RouteResult], Field(description="open first, then not yet open, undecided, closed")
    ]
    facts: Annotated[
        dict[str, FactValue], Field(description="the facts of the profile the answer relied on")
    ]
    questions: Annotated[
        list[RouteQuestion], Field(description="unknown facts that would decide routes, most "
                                   "useful first")
    ]
