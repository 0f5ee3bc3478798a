"""What an evaluation returns.

Plain dataclasses: an answer holds a few hundred of them, and building pydantic models (or even
``model_construct``) cost more than the evaluation itself. pydantic still describes them for the
published contract and serialises them (``TypeAdapter(Evaluation)``); the field descriptions
below become the API documentation. Treat them as read-only.

Not slotted: orjson writes a dataclass with a ``__dict__`` from the dict itself, and one with
slots by looking up each field's name, five times slower (a full answer writes about 1,500
fields). Each one's ``__dict__`` is made when the object is (``_Written``), not when orjson first
asks for it: see there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import Field

from service.rules import model

FactValue = bool | int | str | dt.date | list[str]


class _Written:
    """Makes the instance's ``__dict__`` at once, while only the thread building it sees it.

    CPython 3.11 keeps an instance's attributes without a dict until something asks for
    ``__dict__`` (orjson does, to write it). Making that dict allocates, which can start a
    collection, whose finalisers run Python code and so can let another thread run; if that
    thread asks for the same object's ``__dict__`` (a shared part of two answers being written
    at once), both threads make a dict over the one array of values. Freeing the object then
    frees the array under the dict left over, and the next collection that walks it crashes
    the process (``tests/engine/test_result_dicts.py`` shows it in one thread).

    ``written``: the part's JSON, once a writer has written it as a part shared between
    answers (``api/answers.Fragments``). A slot, so it is in no ``__dict__`` and no field:
    neither orjson nor pydantic writes it.
    """

    __slots__ = ("written",)
    written: Any

    def __post_init__(self) -> None:
        self.__dict__  # noqa: B018  (asked for its side effect: the dict is made now)
        self.written = None


T = TypeVar("T")


class _WrittenList(list[T]):
    """A list that keeps its JSON once a writer has written it (``written``), in a slot: in
    no ``__dict__``, so a list to orjson and pydantic alike."""

    __slots__ = ("written",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        super().__init__(items)
        self.written: Any = None


class SharedList(_WrittenList[T]):
    """A list of parts shared between answers (a version's steps, time limits and documents
    asked for in a place), which keeps its JSON once written (``written``), as a shared
    result object does."""

    __slots__ = ()


class PartsList(_WrittenList[T]):
    """A list of shared parts, itself shared between answers (a version's benefit answers,
    kept by how her facts fall), which keeps the JSON of each of its parts (``written``: a
    list of their fragments, not joined into one). Joined, the JSON of thousands of such
    lists cost tens of MB (bench/README.md); a list of the parts' own costs a pointer a
    part."""

    __slots__ = ()


@dataclass
class RulesetRef(_Written):
    name: str
    version: str
    digest: Annotated[str, Field(description="sha256 of every rule file; reproduces any answer")]


@dataclass
class Reason(_Written):
    clause: Annotated[str, Field(description="the condition as written in the rule file")]
    cite: Annotated[str | None, Field(description="the provision the condition comes from")]
    value: Annotated[
        bool | None, Field(description="true, false, or null when it cannot be decided yet")
    ]
    seen: Annotated[dict[str, FactValue], Field(description="the known facts the clause read")]
    unknown: Annotated[list[str], Field(description="the facts it read that the profile lacks")]
    explanation: Annotated[
        str, Field(description="the clause, its value and the facts it saw, in words")
    ]


@dataclass
class FigureResult(_Written):
    """Where an amount came from: a parameter's value, whose it is and its instrument."""

    parameter: Annotated[str, Field(description="the parameter's name in the rule files")]
    amount_min: int | None
    amount_max: int | None
    state: Annotated[str | None, Field(
        description="the State or UT whose own value this is; null for the national value")]
    basis: Annotated[str | None, Field(
        description="the instrument and provision that set the value; null when none is "
        "encoded")]
    explanation: Annotated[str, Field(
        description="in words: whose value it is, or that the national value or floor "
        "applies because no value of her State is encoded")]
    valid_from: dt.date | None
    valid_until: dt.date | None
    verified: bool
    note: str | None


@dataclass
class BenefitResult(_Written):
    label: str
    kind: model.BenefitKind
    unit: model.Unit
    period: model.Period | None
    applies: Annotated[
        bool | None,
        Field(
            description="whether she gets it: the entitlement holds and "
            "so does the benefit's own condition; null while unknown"
        ),
    ]
    condition: Annotated[str | None, Field(description="when the benefit applies, if not always")]
    amount: Annotated[int | None, Field(description="the exact amount, when the facts fix one")]
    amount_min: Annotated[
        int | None, Field(description="lowest possible amount; null if none is set")
    ]
    amount_max: Annotated[
        int | None, Field(description="highest possible amount; null if none is set")
    ]
    has_amount: Annotated[
        bool, Field(description="false when the rule sets no figure (in kind, or case by case)")
    ]
    missing: Annotated[
        list[str],
        Field(
            description="unknown facts of the benefit's own condition and "
            "amount (the entitlement's are in its `missing`)"
        ),
    ]
    verified: bool
    note: str | None
    figures: Annotated[list[FigureResult], Field(
        description="the parameters the amount was read from (empty in a brief answer)")] = \
        dataclasses.field(default_factory=list)


@dataclass
class OfficeName(_Written):
    """An office named in passing (who issues a document, who acts in a step); the answer's
    `office` and `pays` carry the full entry, and GET /v1/entitlements/{id} every office."""

    id: str
    name: Annotated[str, Field(description="named for the profile's district or state when given")]


@dataclass
class OfficeRef(_Written):
    id: str
    name: Annotated[str, Field(description="named for the profile's district or state when given")]
    level: str
    department: str | None
    helplines: list[model.Helpline]


@dataclass
class OfficeResult(OfficeRef):
    escalates_to: Annotated[
        list[OfficeRef], Field(description="where to go next if it does not act, nearest first")
    ]


@dataclass
class DocumentName(_Written):
    """A document named in passing: one that can stand in for another."""

    id: str
    name: str


@dataclass
class DocumentResult(_Written):
    id: str
    name: str
    issued_by: OfficeName
    held: Annotated[
        bool | None, Field(description="whether she holds it or one that stands in for it; "
                           "null when the profile does not list documents held")
    ]
    held_as: Annotated[str | None, Field(
        description="the document she holds that meets it: its own id or an alternative's; "
        "null when she holds none or documents held are not listed")] = None
    met_by: Annotated[list[DocumentName], Field(
        description="other documents that meet it as well (proof of age: a birth "
        "certificate, a school certificate, ...)")] = dataclasses.field(default_factory=list)


@dataclass
class StepResult(_Written):
    action: str
    office: OfficeName | None


@dataclass
class TimeLimitResult(_Written):
    label: str
    days: int | None
    months: int | None
    starts: Annotated[str | None, Field(description="the event the time limit runs from")]
    cite: str | None
    office: OfficeName | None


@dataclass
class VersionRef(_Written):
    valid_from: dt.date
    valid_until: dt.date | None
    title: str | None
    verified: bool
    note: str | None
    legal_basis: list[model.LegalBasis]


@dataclass
class Change(_Written):
    """One way to become eligible: a few facts she can act on, changed together."""

    facts: Annotated[dict[str, FactValue], Field(
        description="each fact to change, with the value that makes her eligible")]
    words: Annotated[str, Field(description="the change in words: eligible once she is a "
                                "member of a self-help group")]


@dataclass
class Outcome(_Written):
    """Where some answers to the next question lead."""

    status: model.Status
    values: Annotated[list[bool | str], Field(
        description="the answers (yes/no, or the fact's values) that lead to this status; "
        "empty for a number or a date, answered by a range")] = \
        dataclasses.field(default_factory=list)
    low: Annotated[int | dt.date | None, Field(
        description="for a number or a date: the lowest answer of the range; null when "
        "open")] = None
    high: Annotated[int | dt.date | None, Field(
        description="for a number or a date: the highest answer of the range; null when "
        "open")] = None


class _FromParts(_Written):
    """``parts``: the parts of the answer it shares with the other answers in its place,
    detail and language (``service/engine/parts.Parts``), where a writer finds their JSON
    in one piece (api/answers.py). A slot, as ``written``: in no ``__dict__`` and no field."""

    __slots__ = ("parts",)
    parts: Any

    def __post_init__(self) -> None:
        # _Written's two lines, not a super() call: that cost 2.7% of a full answer's
        # instructions (thirty results an answer)
        self.__dict__  # noqa: B018  (see ``_Written``)
        self.written = self.parts = None


@dataclass
class EntitlementResult(_FromParts):
    entitlement: str
    title: str
    domain: model.Domain
    summary: Annotated[str | None, Field(description="null in a brief answer")]
    status: model.Status
    missing: Annotated[
        list[str], Field(description="for needs_info: the facts that would decide it")
    ]
    reasons: Annotated[
        list[Reason],
        Field(description="the clauses that decided the status (all of them when eligible; the "
              "failing ones when not; the undecided ones when information is missing), with "
              "the values they saw"),
    ]
    benefits: list[BenefitResult]
    documents: list[DocumentResult]
    office: OfficeResult
    pays: Annotated[
        OfficeResult | None, Field(description="the office that pays, when another one")
    ]
    time_limits: Annotated[list[TimeLimitResult], Field(description="empty in a brief answer")]
    steps: Annotated[list[StepResult], Field(description="the steps to claim; empty in a brief "
                                             "answer")]
    version: VersionRef
    verified: Annotated[
        bool, Field(description="false when a figure or date here awaits confirmation")
    ]
    draft: Annotated[bool, Field(description="its texts are in a translation no person has "
                                 "checked yet")]
    keep: Annotated[list[Reason], Field(
        description="conditions to keep: not for entry, but to go on receiving (attending "
        "school), each with whether it holds now")] = dataclasses.field(default_factory=list)
    changes: Annotated[list[Change], Field(
        description="for not_eligible: the smallest changes of facts she can act on that would "
        "make her eligible, fewest facts first (at most 3; empty in a brief answer unless "
        "asked)")] = dataclasses.field(default_factory=list)
    outcomes: Annotated[list[Outcome], Field(
        description="for needs_info: the status each answer to the first missing fact leads "
        "to (empty in a brief answer unless asked)")] = dataclasses.field(default_factory=list)


@dataclass
class Question(_Written):
    fact: str
    question: str
    type: str
    values: list[str] | None
    unit: str | None
    entitlements: Annotated[int, Field(description="needs_info entitlements waiting on this fact")]
    settles: Annotated[int, Field(description="of those, how many wait on this fact alone")]
    narrows_inr: Annotated[int, Field(
        description="rupees of amounts still open that the answer bears on: over the benefits "
        "it would help decide, the sum of each one's open range (highest minus lowest, the "
        "lowest being 0 while it is unknown whether she gets it)")] = 0


@dataclass
class Evaluation(_Written):
    ruleset: RulesetRef
    as_of: dt.date
    language: Annotated[str, Field(description="the language the answer's texts are in (en, "
                                   "hi, bn); a text with no translation stays English")]
    counts: dict[model.Status, int]
    results: list[EntitlementResult]
    questions: list[Question]
