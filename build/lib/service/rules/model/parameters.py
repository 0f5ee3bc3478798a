"""Parameter files, ``rules/parameters/<group>.yaml``: named figures with dated values,
nationally and by State (see docs/rule-format.md, "Parameters")."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag, model_validator
from typing_extensions import TypeAliasType

from service.rules.model.base import (
    FactName,
    Id,
    IsoDate,
    ParamUnit,
    Source,
    Strict,
    Text,
)


class ParamValue(Strict):
    """One dated value: a figure (``value``) or a range (``min``, ``max`` or both)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    start: IsoDate = Field(alias="from")
    until: IsoDate | None = None
    value: Annotated[int, Field(ge=0)] | None = None
    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=0)] | None = None
    instrument: Text
    provision: str | None = None
    sources: list[Id] = Field(default_factory=list)
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _checks(self) -> ParamValue:
        ranged = self.min is not None or self.max is not None
        if (self.value is None) == (not ranged):
            raise ValueError("give `value`, or a range with `min`, `max` or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        if self.until is not None and self.until < self.start:
            raise ValueError("`until` is before `from`")
        if not self.verified and not self.note:
            raise ValueError("a value with verified: false needs a note saying what to check")
        return self


class Parameter(Strict):
    description: Text
    unit: ParamUnit
    values: list[ParamValue] = Field(default_factory=list)
    states: dict[FactName, list[ParamValue]] = Field(default_factory=dict)
    note: str | None = None

    @model_validator(mode="after")
    def _has_values(self) -> Parameter:
        if not self.values and not self.states:
            raise ValueError("a parameter needs `values`, `states` or both")
        return self


def _node_tag(value: Any) -> str:
    return "parameter" if isinstance(value, dict) and "unit" in value else "group"


# A parameter (a mapping with `unit`), or a group of them under further keys.
ParamNode: Any = TypeAliasType("ParamNode", Annotated[
    Annotated[Parameter, Tag("parameter")]
    | Annotated[dict[FactName, "ParamNode"], Tag("group")],  # type: ignore[misc]
    Discriminator(_node_tag)])


class ParametersFile(Strict):
    title: Text
    description: str | None = None
    sources: list[Source] = Field(min_length=1)
    parameters: dict[FactName, ParamNode] = Field(min_length=1)
