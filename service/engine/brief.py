"""The brief answer: what a list on a phone needs, and nothing it would have to skip.

Per entitlement: status, title, the rupees of its first year (a range while facts are
missing), the office to go to, how many documents are still to get, and the facts that would
decide it; then the first few questions worth asking. It is read exactly as the full answer
(``evaluate``) reads a profile, statuses and settling included, but builds no reasons,
documents or steps: GET /v1/entitlements/{id}, or the full answer, has those.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from service.engine import questions
from service.engine.case import Case
from service.engine.evaluate import held_as, ruleset_ref, statuses
from service.engine.offices import OfficeBook, Place
from service.engine.result import BenefitResult, RulesetRef
from service.engine.standings import PER_YEAR, Standing, Standings, standing
from service.rules import model
from service.rules.ruleset import Entitlement, Ruleset, Version
from service.text.words import Words

QUESTIONS = 3  # a phone shows the next few questions, not all of them

def money(benefits: Iterable[BenefitResult]) -> tuple[int, int | None]:
    """(surely, at most) rupees in the first year over ``benefits``: those that apply count
    at their lowest figure, those that may apply only towards the most."""
    low, high = 0, 0
    open_ended = False
    for b in benefits:
        if b.unit != "inr" or b.applies is False or not b.has_amount:
            continue
        times = PER_YEAR.get(b.period, 1)
        if b.applies is True:
            low += (b.amount_min or 0) * times
        if b.amount_max is None:
            open_ended = True
        else:
            high += b.amount_max * times
    return low, None if open_ended else high


@dataclass(slots=True)
class BriefResult:
    """One line of the list. A field with nothing to say is left out of the JSON: amounts when
    it pays no money (``amount_max`` also when no upper bound is set), ``missing`` when
    nothing is; and for ``not_eligible``, everything but its title and status."""

    entitlement: str
    title: str
    status: model.Status
    amount_min: Annotated[int | None, Field(
        description="rupees she surely gets in its first year")] = None
    amount_max: Annotated[int | None, Field(
        description="rupees she may get in its first year; absent when no upper bound is "
        "set")] = None
    office: Annotated[str | None, Field(
        description="the office to go to, named for her place")] = None
    missing_documents: Annotated[int | None, Field(
        description="documents still to get: those she does not hold, or all of them when "
        "the request does not list documents held; absent when none")] = None
    missing: Annotated[list[str], Field(
        description="for needs_info: the facts that would decide it")] = dataclasses.field(
        default_factory=list)


@dataclass(slots=True)
class BriefQuestion:
    fact: str
    question: str


@dataclass(slots=True)
class BriefEvaluation:
    ruleset: RulesetRef
    as_of: dt.date
    language: Annotated[str, Field(description="the language of its texts (en, hi, bn)")]
    counts: dict[model.Status, int]
    results: list[BriefResult]
    questions: Annotated[list[BriefQuestion], Field(
        description=f"the first {QUESTIONS} questions worth asking")]


def evaluate_brief(ruleset: Ruleset, case: Case, as_of: dt.date, *,
                   domains: Collection[str] | None = None,
                   entitlements: Collection[str] | None = None,
                   words: Words | None = None,
                   standings: Standings[Standing] | None = None,
                   lines: Lines | None = None) -> BriefEvaluation:
    """``standings`` and ``lines``: memos the caller keeps for this ruleset (``remembered``,
    ``Lines``). Lines are kept only with a memo of standings: without one, no two answers
    share a standing."""
    facts = case.facts
    book = OfficeBook(ruleset, case.place, words)
    words = book.words
    pairs = ruleset.in_force(as_of, facts.get("state"))
    if standings is None:
        found = statuses(ruleset, facts, as_of)
        wheres = [standing(version, facts, found[ent.id]) for ent, version in pairs]
    else:
        wheres = standings.each(ruleset, facts, as_of)
    line = _Line(ruleset, book, case.documents_held)
    chosen: Iterable[tuple[tuple[Entitlement, Version], Standing]] = zip(pairs, wheres,
                                                                         strict=True)
    if domains is not None or entitlements is not None:
        chosen = [(pair, where) for pair, where in chosen
                  if (domains is None or pair[0].domain in domains)
                  and (entitlements is None or pair[0].id in entitlements)]
    results = ([line(ent, version, where) for (ent, version), where in chosen]
               if lines is None or standings is None else lines.said(line, chosen))
    counts: dict[model.Status, int] = {"eligible": 0, "not_eligible": 0, "needs_info": 0}
    for r in results:
        counts[r.status] += 1
    asked = questions.waiting_questions(ruleset, results, words, QUESTIONS)
    return BriefEvaluation(
        ruleset=ruleset_ref(ruleset), as_of=as_of, language=words.language, counts=counts,
        results=results,
        questions=[BriefQuestion(q.fact, q.question) for q in asked])


@dataclass(slots=True)
class _Line:
    """An entitlement's line for one answer: its standing in her language, its office named
    for her place, the documents she still has to get counted."""

    ruleset: Ruleset
    book: OfficeBook
    held: frozenset[str] | None

    def __call__(self, ent: Entitlement, version: Version, where: Standing) -> BriefResult:
        title = self.book.words.t(ent.title)
        if where.status == "not_eligible":
            return BriefResult(ent.id, title, where.status)
        held = self.held
        return BriefResult(
            entitlement=ent.id, title=title, status=where.status,
            amount_min=where.amount_min if where.pays else None,
            amount_max=where.amount_max if where.pays else None,
            office=self.book.name(version.office).name,
            missing_documents=(len(version.documents) if held is None else sum(
                held_as(self.ruleset, d, held) is None for d in version.documents)) or None,
            missing=list(where.missing))


class Lines:
    """A memo of brief lines for one ruleset: a line says no more than its standing, her
    language, her place and the documents she holds, and the standings a service remembers
    (``remembered``) are shared by every profile that stands alike, so are their lines.

    Kept for each (language, place, documents held), then by the standing itself (by
    identity, the standing held with its line so that its id is not reused while kept): an
    answer finds its lines' table once, and each of its thirty lines by one integer. At most
    ``limit`` lines in all, and once full it keeps what it has, as the standings do (a
    standing the memo of standings had no room for may take one of them: no more than
    ``limit`` all the same). What it gives is shared: read it, do not change it."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._size = 0
        self._kept: dict[tuple[str, Place, frozenset[str] | None],
                         dict[int, tuple[Standing, BriefResult]]] = {}

    def __len__(self) -> int:
        return self._size

    def said(self, line: _Line,
             chosen: Iterable[tuple[tuple[Entitlement, Version], Standing]]) -> list[BriefResult]:
        """The lines ``line`` says of each (entitlement, version) and standing, those kept
        given again and those made kept while there is room."""
        asked = (line.book.words.language, line.book.place, line.held)
        kept = self._kept.get(asked)  # made with its first line: no empty tables
        out = []
        for (ent, version), where in chosen:
            found = None if kept is None else kept.get(id(where))
            if found is not None:  # the standing is held with its line: the id is its own
                out.append(found[1])
                continue
            made = line(ent, version, where)
            if self._size < self.limit:
                if kept is None:  # one table however many threads make it at once
                    kept = self._kept.setdefault(asked, {})
                kept[id(where)] = (where, made)
                self._size += 1
            out.append(made)
        return out


def remembered(limit: int = 20_000) -> Standings[Standing]:
    """A memo of standings for many brief answers with one ruleset: small enough (a few MB
    at most) for a service worker to hold beside everything else."""
    return Standings(_itself, limit=limit)


def _itself(entitlement: str, where: Standing) -> Standing:
    return where
