"""Eligibility answers -> JSON bytes, with orjson, straight from the engine's result objects.

orjson writes the result dataclasses itself (from their dicts); the parts of an answer that do
not depend on the profile (offices with their escalation, the version block, steps, time
limits, and the documents asked for where she lists none held) and the benefits (kept by how
their conditions fall) are shared between answers (``PartsCache``), so each is written once
and kept as a ready ``orjson.Fragment``. The bytes
are those pydantic writes for the same objects (a test holds them equal); pydantic still
describes the answer for the published contract.

``fields`` keeps only some parts of each result: the entitlement's id always, then the named
fields in the answer's own order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

import orjson
from pydantic import TypeAdapter

from service.engine.brief import BriefEvaluation, BriefResult
from service.engine.parts import Parts
from service.engine.result import (
    EntitlementResult,
    Evaluation,
    PartsList,
    SharedList,
)

FULL_FIELDS = tuple(f.name for f in dataclasses.fields(EntitlementResult))
BRIEF_FIELDS = tuple(f.name for f in dataclasses.fields(BriefResult))
_PARTS = ("office", "pays", "time_limits", "steps", "version", "documents")  # of ``Parts``
_ANY = TypeAdapter(Any)


class Fragments:
    """Each shared part of an answer as JSON, written once. A result object (an office, a
    benefit, a version block), a ``SharedList`` of them (steps, time limits, the documents
    asked for) and a version's ``Parts`` in a place (``parts``) keep their JSON themselves
    (``written``), and it goes with the part: no look-up by its id in a dict of thousands
    (bench/README.md). A list's JSON is made of its items' own. Keep one per ruleset, as the
    parts are (api/holder.py).

    Parts built apart often write the same JSON (most steps read the same in every
    district), so equal JSON is kept once, among the last ``limit // 2`` written: a quarter
    of the bytes."""

    def __init__(self, limit: int = 32768) -> None:
        self.limit = limit
        self._written: dict[bytes, orjson.Fragment] = {}

    def get(self, part: Any) -> orjson.Fragment:
        """A shared part's JSON, kept on it (``written``)."""
        fragment: orjson.Fragment | None = part.written
        if fragment is None:  # two threads may both write it: the same JSON
            fragment = part.written = (self._join(part) if isinstance(part, SharedList)
                                       else self._write(part))
        return fragment

    def parts(self, parts: Parts) -> dict[str, orjson.Fragment | None]:
        """The JSON of a version's parts shared in a place (``Parts``), by the name of the
        result's field each fills: kept on them (``written``), so that a result's line
        takes them in one piece."""
        written: dict[str, orjson.Fragment | None] | None = parts.written
        if written is None:
            written = parts.written = {name: None if (part := getattr(parts, name)) is None
                                       else self.get(part) for name in _PARTS}
        return written

    def each(self, parts: list[Any]) -> list[orjson.Fragment]:
        """The JSON of each of a list's shared parts (a result's benefit answers), kept on
        the list when it is a ``PartsList``, itself shared."""
        if not isinstance(parts, PartsList):
            return [self.get(p) for p in parts]
        written: list[orjson.Fragment] | None = parts.written
        if written is None:
            written = parts.written = [self.get(p) for p in parts]
        return written

    def _join(self, parts: list[Any]) -> orjson.Fragment:
        return self._once(orjson.dumps([self.get(p) for p in parts]))

    def _write(self, part: object) -> orjson.Fragment:
        return self._once(_ANY.dump_json(part))

    def _once(self, data: bytes) -> orjson.Fragment:
        fragment = self._written.get(data)
        if fragment is None:
            if len(self._written) >= self.limit // 2:
                self._written = {}
            fragment = self._written[data] = orjson.Fragment(data)
        return fragment


def full(answer: Evaluation, fragments: Fragments,
         fields: Collection[str] | None = None) -> bytes:
    """The full answer; ``fields``: only these parts of each result."""
    if fields is None:
        results = [_full_line(r, fragments) for r in answer.results]
    else:
        names = _order(FULL_FIELDS, fields)
        results = [_result(r, names, fragments) for r in answer.results]
    return orjson.dumps({"ruleset": answer.ruleset, "as_of": answer.as_of,
                         "language": answer.language, "counts": answer.counts, "results": results,
                         "questions": answer.questions})


def brief(answer: BriefEvaluation, fields: Collection[str] | None = None) -> bytes:
    """The brief answer, each result without the fields it has nothing to say in (None, or
    an empty list); ``fields``: only these parts of each result."""
    if fields is None:
        results = [_brief_line(r) for r in answer.results]
    else:
        names = _order(BRIEF_FIELDS, fields)
        results = [{name: value for name in names
                    if (value := getattr(r, name)) is not None and value != []}
                   for r in answer.results]
    return orjson.dumps({"ruleset": answer.ruleset, "as_of": answer.as_of,
                         "language": answer.language, "counts": answer.counts, "results": results,
                         "questions": answer.questions})


def _brief_line(r: BriefResult) -> dict[str, Any]:
    """One result with every field it has something to say in: what the loop over the
    names above gives for all of them, written out (an answer writes thirty)."""
    line: dict[str, Any] = {"entitlement": r.entitlement, "title": r.title, "status": r.status}
    if r.amount_min is not None:
        line["amount_min"] = r.amount_min
    if r.amount_max is not None:
        line["amount_max"] = r.amount_max
    if r.office is not None:
        line["office"] = r.office
    if r.missing_documents is not None:
        line["missing_documents"] = r.missing_documents
    if r.missing:
        line["missing"] = r.missing
    return line


def _full_line(r: EntitlementResult, fragments: Fragments) -> dict[str, Any]:
    """One result whole (an answer writes thirty), from a copy of the result's own dict,
    the JSON of the parts it shares put in at once."""
    line = r.__dict__.copy()  # the fields in their order: a result is a plain dataclass
    parts = r.parts
    line.update(parts.written or fragments.parts(parts))
    if r.documents is not parts.documents:  # built for her documents held alone
        line["documents"] = r.documents
    line["benefits"] = fragments.each(r.benefits)
    return line


def _order(known: tuple[str, ...], wanted: Collection[str]) -> tuple[str, ...]:
    return tuple(name for name in known if name == "entitlement" or name in wanted)


def _result(result: EntitlementResult, names: tuple[str, ...],
            fragments: Fragments) -> dict[str, Any]:
    """Only the fields ``names`` of the result's whole line: its shared parts written as
    the whole line writes them."""
    line = _full_line(result, fragments)
    return {name: line[name] for name in names}
