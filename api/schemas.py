"""Request and listing models. The profile model is built from facts.yaml, so the published
contract lists every fact with its type and allowed values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Literal

from annotated_types import Interval
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from service.engine.case import Case
from service.engine.result import OfficeRef, RulesetRef
from service.rules import model
from service.rules.ruleset import FactDef, Ruleset
from service.store import privacy

Strict = ConfigDict(extra="forbid", frozen=True)


def _iso_date(value: Any) -> Any:
    # JSON carries dates as text; a number is not a date here (pydantic would read epoch time,
    # even from the text "0").
    if isinstance(value, str):
        if not _ISO_DAY.fullmatch(value):
            raise ValueError("must be a date written YYYY-MM-DD")
        return value
    if not isinstance(value, dt.date):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# Far enough either way for any case; beyond it, time limits would run off the calendar.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _in_range(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"must be a date from {FIRST_DAY} to {LAST_DAY}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_in_range),
                    Field(json_schema_extra={"pattern": r"^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"})]


def _whole_number(value: Any) -> Any:
    # JSON Schema's integer includes 3.0; text and true/false are not numbers here.
    if type(value) is int:  # most of them, and never true or false (a bool's type is bool)
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("must be a whole number")
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]

_DIGITS = re.compile(r"-?(0|[1-9][0-9]*)")


def _digits(value: Any) -> Any:
    # A query string is text, and pydantic reads "0.0", "+3", " 3" and "07" as whole numbers;
    # the contract's integer is written in digits, as JSON writes it (the range is checked
    # after, so -1 is refused for being below it). The same error as pydantic's own.
    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        raise PydanticCustomError(
            "int_parsing", "Input should be a valid integer, unable to parse string as an integer")
    return value


DIGITS = BeforeValidator(_digits)
"""For a whole number in a query string: ``Annotated[int, Query(...), DIGITS]`` (after the
Query, whose range FastAPI would otherwise write into the contract under pydantic's names)."""


def _distinct(values: list[Any]) -> list[Any]:
    if len(set(values)) != len(values):
        raise ValueError("values must not repeat")
    return values


def _unique_list(item: Any) -> Any:
    return Annotated[list[item], AfterValidator(_distinct),
                     Field(json_schema_extra={"uniqueItems": True})]


def _fact_type(fact: FactDef) -> Any:
    if fact.kind == "bool":
        return Annotated[bool, Field(strict=True)]
    if fact.kind == "int":
        return Annotated[int, Interval(ge=fact.min, le=fact.max), BeforeValidator(_whole_number)]
    if fact.kind == "date":
        return IsoDate
    values = Literal[fact.values]  # type: ignore[name-defined]
    return values if fact.kind == "enum" else _unique_list(values)


class CheckedProfile(BaseModel):
    """A profile model built from some rules' facts (``profile_model``), which checks each
    fact as ``coerce_profile`` does: same kinds, ranges and values."""

    model_config = Strict
    built_from: ClassVar[Mapping[str, FactDef]] = {}
    # Facts objects found equal to ``built_from`` (a reload's rules have their own, equal
    # ones: api/holder.py refuses one that changes facts.yaml), held so that ids stay theirs.
    same_as: ClassVar[dict[int, Mapping[str, FactDef]]] = {}
    sets: ClassVar[tuple[str, ...]] = ()  # the facts that are sets, sent as lists


def profile_model(ruleset: Ruleset) -> type[CheckedProfile]:
    """A pydantic model with one optional field per fact; null or absent means unknown."""
    fields: dict[str, Any] = {}
    for name, fact in ruleset.facts.items():
        text = fact.question + (f" ({fact.unit})" if fact.unit else "")
        fields[name] = (_fact_type(fact) | None, Field(None, description=text))
    made = create_model("Profile", __base__=CheckedProfile, **fields)
    made.built_from, made.same_as = ruleset.facts, {id(ruleset.facts): ruleset.facts}
    made.sets = tuple(name for name, fact in ruleset.facts.items() if fact.kind == "set")
    return made


def checked_facts(profile: BaseModel, ruleset: Ruleset) -> dict[str, Any] | None:
    """The facts of a profile its model has checked, as the engine reads them (a set as a
    frozenset), without checking each again; None when ``ruleset`` has other facts than the
    model was built from, or the model is not one of ``profile_model``'s: then
    ``coerce_profile`` must check them. Dumping the model and checking each fact again was
    7% of a brief request's instructions (bench/README.md)."""
    made = type(profile)
    if not issubclass(made, CheckedProfile):
        return None
    facts = ruleset.facts
    if id(facts) not in made.same_as:
        if dict(facts) != dict(made.built_from):
            return None
        if len(made.same_as) >= 8:  # reloads: the newest few are all that serve
            made.same_as.clear()
        made.same_as[id(facts)] = facts
    # Most facts are not given: dropped first with one test each, then the few sets made.
    given = {name: value for name, value in profile.__dict__.items() if value is not None}
    for name in made.sets:
        if (value := given.get(name)) is not None:
            given[name] = frozenset(value)
    return given


def case_of(ruleset: Ruleset, body: Any) -> Case:
    """The case a request carries (POST /v1/eligibility, /v1/compensation-routes and their
    kin): its profile, district and documents held."""
    facts = checked_facts(body.profile, ruleset)
    return Case.read(ruleset, body.profile.model_dump(exclude_none=True) if facts is None
                     else facts, district=body.district, documents_held=body.documents_held,
                     checked=facts is not None)


def _refusing(problem: Callable[[str], str | None]) -> AfterValidator:
    """A check that refuses a value ``problem`` finds fault with, in privacy's own words."""
    def check(value: str) -> str:
        found = problem(value)
        if found:
            raise ValueError(found)
        return value
    return AfterValidator(check)


# The pattern is in the contract; privacy's check also counts words and refuses relations, and
# the case then checks it against the rules' list of the profile's State.
District = Annotated[str, Field(min_length=1, max_length=privacy.DISTRICT_MAX,
                                json_schema_extra={"pattern": privacy.DISTRICT_PATTERN},
                                description="the district, to name local offices: one the "
                                "rules list for the profile's State (any State's when it has "
                                "none), in any case or word order; GET /v1/places/districts "
                                "lists them; kept as listed"),
                     _refusing(privacy.district_problem)]


def _request_fields(ruleset: Ruleset, profile: type[BaseModel]) -> dict[str, Any]:
    document_ids = Literal[tuple(ruleset.documents)]  # type: ignore[valid-type]
    return {
        "profile": (profile, Field(description="facts about the survivor; never identity data")),
        "as_of": (IsoDate | None,
                  Field(None, description="the date to evaluate on; today when absent")),
        "domains": (_unique_list(model.Domain) | None,
                    Field(None, description="only these domains; all when absent")),
        "documents_held": (_unique_list(document_ids) | None,
                           Field(None, description="documents she already has; when given, "
                                 "each result marks its documents held or missing")),
        "district": (District | None, None),
    }


def eligibility_request(ruleset: Ruleset, profile: type[BaseModel]) -> type[BaseModel]:
    help_ = ("brief: what a list on a phone needs, per entitlement its status, title, "
             "first-year rupees, office, documents still to get and the facts that would "
             "decide it (a few KB); full: reasons, amounts, documents, offices and steps")
    detail: tuple[Any, Any] = (Literal["full", "brief"], Field("full", description=help_))
    return create_model("EligibilityRequest", __config__=Strict, detail=detail,
                        **_request_fields(ruleset, profile))


def screening_create(ruleset: Ruleset, profile: type[BaseModel]) -> type[BaseModel]:
    """An eligibility request, with the case reference it is kept under."""
    return create_model("ScreeningCreate", __config__=Strict,
                        case_ref=(CaseRef, Field(description=CASE_REF_HELP)),
                        **_request_fields(ruleset, profile))


CASE_REF_HELP = ("your own number for the case, in digits (e.g. 2026-0142): a number of up "
                 "to 8 digits, or a year and a number joined by '-'; no letters, so never a "
                 "name, and never a phone or ID number")
# The pattern and length are in the contract; the check itself is privacy's, whose refusal
# says what fits (so the field's own bound is only the lookups' wider one).
CaseRef = Annotated[str, Field(min_length=1, max_length=privacy.CASE_REF_LOOKUP_MAX,
                               json_schema_extra={"pattern": privacy.CASE_REF_PATTERN,
                                                  "maxLength": privacy.CASE_REF_MAX}),
                    _refusing(privacy.case_ref_problem)]
# A filter finds records stored under today's shape or the earlier one (privacy's note).
CaseRefFilter = Annotated[str, Field(
    min_length=1, max_length=privacy.CASE_REF_LOOKUP_MAX,
    description="the case's number (or, for a case stored before 2026-12, its code then)",
    json_schema_extra={"pattern": privacy.CASE_REF_LOOKUP_PATTERN}),
    _refusing(privacy.case_ref_lookup_problem)]
Note = Annotated[str, Field(min_length=1, max_length=privacy.NOTE_MAX,
                            description="what happened, in a few words; never her name, "
                            "phone, address or ID numbers"), _refusing(privacy.note_problem)]


class VersionSummary(BaseModel):
    valid_from: dt.date
    valid_until: dt.date | None
    title: str | None
    verified: bool


class EntitlementSummary(BaseModel):
    id: str
    title: str
    domain: model.Domain
    summary: str
    versions: list[VersionSummary]


class EntitlementsPublic(BaseModel):
    ruleset: RulesetRef
    data: list[EntitlementSummary]
    count: int


class ConditionOut(BaseModel):
    text: str
    cite: str | None


class SlabOut(BaseModel):
    when: str | None
    min: int | None
    max: int | None
    cite: str | None
    verified: bool
    note: str | None
    parameters: list[str] = Field(
        default_factory=list, description="the parameters the amount is read from; min and max "
        "are their national values on the version's first day (see `parameters`)")


class ParameterValueOut(BaseModel):
    valid_from: dt.date
    valid_until: dt.date | None
    min: int | None
    max: int | None
    instrument: str
    provision: str | None
    verified: bool
    note: str | None
    sources: list[model.Source]


class ParameterOut(BaseModel):
    name: str
    description: str
    unit: str
    file: str = Field(description="the parameter file under rules/")
    values: list[ParameterValueOut] = Field(description="the national values, by date")
    states: dict[str, list[ParameterValueOut]] = Field(
        description="each State or UT with values of its own; the national values apply "
        "elsewhere")


class BenefitOut(BaseModel):
    label: str
    kind: str
    unit: str
    period: str | None
    when: str | None
    amounts: list[SlabOut]
    verified: bool
    note: str | None
    sources: list[str]


class DocumentOut(BaseModel):
    id: str
    name: str
    issued_by: str


class VersionOut(BaseModel):
    valid_from: dt.date
    valid_until: dt.date | None
    title: str | None
    verified: bool
    note: str | None
    legal_basis: list[model.LegalBasis]
    conditions: list[ConditionOut]
    keep: list[ConditionOut] = Field(
        default_factory=list, description="conditions to keep: not for entry, but to go on "
        "receiving")
    benefits: list[BenefitOut]
    office: OfficeRef
    pays: OfficeRef | None
    documents: list[DocumentOut]
    time_limits: list[model.TimeLimit]
    steps: list[model.Step]


class EntitlementPublic(BaseModel):
    ruleset: RulesetRef
    id: str
    title: str
    domain: model.Domain
    summary: str
    versions: list[VersionOut]
    sources: list[model.Source]
    parameters: list[ParameterOut] = Field(
        default_factory=list, description="every parameter its rules name, with its dated "
        "values nationally and by State")


class FactOut(BaseModel):
    name: str
    type: str
    question: str | None
    description: str | None
    unit: str | None
    values: list[str] | None
    min: int | None
    max: int | None
    derived: bool
    expr: str | None = Field(None, description="for a derived fact, how it is computed")
    label: str | None = Field(None, description="its name in words, in the answer's language")
    value_labels: dict[str, str] | None = Field(
        None, description="each value in words (enum and set facts): west_bengal: West Bengal")


class FactsPublic(BaseModel):
    ruleset: RulesetRef
    data: list[FactOut]
    count: int


class RuleErrorOut(BaseModel):
    file: str
    line: int
    col: int
    code: str
    message: str


class LoadFailureOut(BaseModel):
    at: dt.datetime
    errors: list[RuleErrorOut]


class WorkerServing(BaseModel):
    worker: str = Field(description="an opaque name for one worker process")
    version: str
    digest: str
    seen_at: dt.datetime = Field(description="its last heartbeat")


class RulesetPublic(BaseModel):
    name: str
    version: str
    digest: str
    loaded_at: dt.datetime
    files: int
    counts: dict[str, int] = Field(description="entitlements by domain, facts, offices, "
                                   "documents")
    last_failure: LoadFailureOut | None = Field(description="the last reload that failed, "
                                                "while the older rules kept serving")
    workers: list[WorkerServing] | None = Field(
        None, description="each worker process heard from in the last few seconds, with the "
        "digest it serves (a reload reaches every worker within about a second); null when "
        "the database does not answer")


class Health(BaseModel):
    status: Literal["ok", "ready", "degraded", "not_ready"] = Field(
        description="degraded: eligibility answers, but screenings and claims do not "
        "(the detail says why)")
    ruleset: RulesetRef | None = None
    detail: str | None = None
