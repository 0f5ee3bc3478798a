"""Offices as a survivor meets them: named for her district or state, with escalation."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.engine.result import OfficeName, OfficeRef, OfficeResult
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


@dataclass(slots=True)
class OfficeBook:
    """The offices of one answer, each built once: an answer names the same few offices
    dozens of times (documents' issuers, steps, escalation)."""

    ruleset: Ruleset
    place: Place
    _names: dict[str, OfficeName] = field(default_factory=dict)
    _refs: dict[str, OfficeRef] = field(default_factory=dict)
    _results: dict[str, OfficeResult] = field(default_factory=dict)

    def name(self, office_id: str) -> OfficeName:
        name = self._names.get(office_id)
        if name is None:
            office = self.ruleset.offices[office_id]
            name = self._names[office_id] = OfficeName(office_id, _named(office, self.place))
        return name

    def ref(self, office_id: str) -> OfficeRef:
        ref = self._refs.get(office_id)
        if ref is None:
            ref = self._refs[office_id] = office_ref(self.ruleset.offices[office_id], self.place)
        return ref

    def result(self, office_id: str) -> OfficeResult:
        result = self._results.get(office_id)
        if result is None:
            ref = self.ref(office_id)
            chain = [self.ref(o.id) for o in self.ruleset.escalation(office_id)]
            result = OfficeResult(id=ref.id, name=ref.name, level=ref.level,
                                  department=ref.department, helplines=ref.helplines,
                                  escalates_to=chain)
            self._results[office_id] = result
        return result


def _named(office: Office, place: Place) -> str:
    if office.level == "district" and place.district:
        return f"{office.name}, {place.district}"
    if office.level in _WITHIN_DISTRICT and place.district:
        return f"{office.name}, {place.district} district"
    if office.level == "state" and place.state:
        return f"{office.name}, {state_name(place.state)}"
    return office.name
