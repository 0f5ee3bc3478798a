"""Offices as a survivor meets them: named for her district or state, with escalation."""

from __future__ import annotations

from dataclasses import dataclass

from service.engine.result import OfficeRef, OfficeResult
from service.rules.ruleset import Office, Ruleset

_WITHIN_DISTRICT = ("sub_division", "block")


@dataclass(frozen=True, slots=True)
class Place:
    district: str | None = None
    state: str | None = None  # an id from the `state` fact, e.g. west_bengal


def state_name(state_id: str) -> str:
    """west_bengal -> West Bengal; jammu_and_kashmir -> Jammu and Kashmir."""
    return " ".join(w if w == "and" else w.capitalize() for w in state_id.split("_"))


def office_ref(office: Office, place: Place) -> OfficeRef:
    return OfficeRef(id=office.id, name=_named(office, place), level=office.level,
                     department=office.department, helplines=list(office.helplines))


def office_result(ruleset: Ruleset, office_id: str, place: Place) -> OfficeResult:
    office = ruleset.offices[office_id]
    return OfficeResult(**office_ref(office, place).model_dump(),
                        escalates_to=[office_ref(o, place)
                                      for o in ruleset.escalation(office_id)])


def _named(office: Office, place: Place) -> str:
    if office.level == "district" and place.district:
        return f"{office.name}, {place.district}"
    if office.level in _WITHIN_DISTRICT and place.district:
        return f"{office.name}, {place.district} district"
    if office.level == "state" and place.state:
        return f"{office.name}, {state_name(place.state)}"
    return office.name
