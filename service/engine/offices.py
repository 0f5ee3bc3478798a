"""Offices as a survivor meets them: named for her district or state, with escalation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from service.engine.result import DocumentResult, OfficeName, OfficeRef, OfficeResult
from service.rules.ruleset import Office, Ruleset

if TYPE_CHECKING:
    from service.text.words import Words

_WITHIN_DISTRICT = ("sub_division", "block")


class Place(NamedTuple):
    """Where she is. A named tuple, not a dataclass: answers key their memos by it dozens of
    times each, and a tuple hashes itself without a call into Python."""

    district: str | None = None
    state: str | None = None  # an id from the `state` fact, e.g. west_bengal


def state_name(state_id: str) -> str:
    """west_bengal -> West Bengal; jammu_and_kashmir -> Jammu and Kashmir."""
    return " ".join(w if w == "and" else w.capitalize() for w in state_id.split("_"))


def office_ref(office: Office, place: Place, words: Words) -> OfficeRef:
    return OfficeRef(id=office.id, name=_named(office, place, words), level=office.level,
                     department=office.department,
                     helplines=[type(h)(number=h.number, name=words.t(h.name))
                                for h in office.helplines])


@dataclass(slots=True)
class OfficeBook:
    """The offices of one answer, each built once: an answer names the same few offices
    dozens of times (documents' issuers, steps, escalation). Answers from one place may share
    a book (``PartsCache.book``); ``documents`` keeps the documents asked for as named
    there, for whoever builds them."""

    ruleset: Ruleset
    place: Place
    given: Words | None = None  # the answer's language; English when not given
    words: Words = field(init=False)
    _names: dict[str, OfficeName] = field(default_factory=dict)
    _refs: dict[str, OfficeRef] = field(default_factory=dict)
    _results: dict[str, OfficeResult] = field(default_factory=dict)
    documents: dict[str, DocumentResult] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.given is not None:  # as every answer of the service gives them
            self.words = self.given
            return
        from service.text.words import words_for  # service.text reads the engine's results

        self.words = words_for(self.ruleset)

    def name(self, office_id: str) -> OfficeName:
        name = self._names.get(office_id)
        if name is None:
            # the words keep the name across answers: most name the same few offices
            named = self.words.remember(("office", office_id, self.place), _named,
                                        self.ruleset.offices[office_id], self.place, self.words)
            name = self._names[office_id] = OfficeName(office_id, named)
        return name

    def ref(self, office_id: str) -> OfficeRef:
        ref = self._refs.get(office_id)
        if ref is None:
            ref = self._refs[office_id] = office_ref(self.ruleset.offices[office_id], self.place,
                                                      self.words)
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


def _named(office: Office, place: Place, words: Words) -> str:
    name = words.t(office.name)
    if office.level == "district" and place.district:
        return words.msg("office.in_district", office=name, district=place.district)
    if office.level in _WITHIN_DISTRICT and place.district:
        return words.msg("office.in_district_of", office=name, district=place.district)
    if office.level == "state" and place.state:
        return words.msg("office.in_state", office=name, state=words.value("state", place.state))
    return name
