"""The vocabulary files: facts.yaml, offices.yaml, documents.yaml and ruleset.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from service.rules.model.base import FactKind, FactName, Id, OfficeLevel, OfficeSource, Strict, Text

# ---- facts, offices, documents ----------------------------------------------------------


class FactSpec(Strict):
    type: FactKind
    question: Text
    description: str | None = None
    unit: str | None = None
    values: list[FactName] | None = None
    min: int | None = None
    max: int | None = None
    label: str | None = Field(None, description="a short name in words, for answers: her age")
    labels: dict[FactName, Text] = Field(
        default_factory=dict, description="enum and set facts: each value in words, "
        "accused_untraced: the accused has not been traced")
    says: dict[bool, Text] = Field(
        default_factory=dict, description="bool facts: what it says of her in words, "
        "true: she was sexually exploited; false: she was not sexually exploited")
    can_change: bool = Field(
        False, description="she, her family or her caseworker can change it by acting "
        "(enrol in school, get a certificate issued, file an application): the answer may "
        "suggest changing it to become eligible")

    @model_validator(mode="after")
    def _fits_type(self) -> FactSpec:
        listed = self.type in ("enum", "set")
        if listed and not self.values:
            raise ValueError(f"a {self.type} fact needs a list of values")
        if not listed and self.values is not None:
            raise ValueError(f"values are only for enum and set facts, not {self.type}")
        if self.values and len(set(self.values)) != len(self.values):
            raise ValueError("values repeat")
        if self.type != "int" and (self.min is not None or self.max is not None):
            raise ValueError("min and max are only for int facts")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        unknown = set(self.labels) - set(self.values or ())
        if unknown:
            raise ValueError("labels for values the fact does not have: "
                             + ", ".join(sorted(unknown)))
        if self.says and self.type != "bool":
            raise ValueError("`says` is for bool facts; an enum's values take `labels`")
        return self


class DerivedSpec(Strict):
    type: Literal["bool"] = "bool"
    expr: Text
    description: str | None = None
    question: str | None = None
    label: str | None = Field(None, description="a short name in words, for answers")
    says: dict[bool, Text] = Field(
        default_factory=dict, description="what it says of her in words, true and false")


class FactsFile(Strict):
    facts: dict[FactName, FactSpec] = Field(min_length=1)
    derived: dict[FactName, DerivedSpec] = Field(default_factory=dict)


class Helpline(Strict):
    number: Annotated[str, Field(pattern=r"^[0-9]{3,12}$")]
    name: Text


class OfficeSpec(Strict):
    name: Text
    level: OfficeLevel
    department: str | None = None
    escalates_to: Id | None = None
    helplines: list[Helpline] = Field(default_factory=list)
    community_resource: bool = False
    note: str | None = None
    sources: list[OfficeSource] = Field(default_factory=list)


class OfficesFile(Strict):
    offices: dict[Id, OfficeSpec] = Field(min_length=1)


class DocumentSpec(Strict):
    name: Text
    issued_by: Id
    note: str | None = None
    met_by: list[Id] = Field(
        default_factory=list, description="other documents, any one of which meets this one "
        "as well (proof of age: a birth certificate, a school certificate, ...): a survivor "
        "who holds one of them is not told this one is missing. Each is a document declared "
        "here that has no `met_by` of its own")
    sources: list[OfficeSource] = Field(default_factory=list)


class DocumentsFile(Strict):
    documents: dict[Id, DocumentSpec] = Field(min_length=1)


class RulesetFile(Strict):
    name: Text
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z.\-+]{1,32}$")]
