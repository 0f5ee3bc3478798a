"""(ruleset, facts, date) -> every entitlement in force, with status, amounts, papers, offices.

Pure: the caller supplies the date (``as_of``) and checked facts (``profile.coerce_profile``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from functools import partial
from typing import Any

from service.engine import amounts, changes, explain, questions
from service.engine.case import Case
from service.engine.offices import OfficeBook, Place
from service.engine.parts import Parts, PartsCache, Prepared
from service.engine.result import (
    BenefitResult,
    DocumentName,
    DocumentResult,
    EntitlementResult,
    Evaluation,
    PartsList,
    RulesetRef,
    SharedList,
    StepResult,
    TimeLimitResult,
    VersionRef,
)
from service.engine.settle import settle_open
from service.expr.kleene import FALSE, TRUE, UNKNOWN, Tri
from service.rules import model
from service.rules.ruleset import Benefit, Entitlement, Ruleset, Version
from service.text.words import Words

# A version made ready for an answer's place, detail and language, and the regions of her
# facts (``Regions.of``) by which its memos are keyed.
Shared = tuple[Prepared, Callable[[str], Any]]

STATUS: dict[Tri, model.Status] = {TRUE: "eligible", FALSE: "not_eligible",
                                   UNKNOWN: "needs_info"}


def status_word(status: Tri) -> model.Status:
    """``STATUS[status]`` without hashing the enum (in Python, per call): on every result."""
    return "eligible" if status is TRUE else "not_eligible" if status is FALSE else "needs_info"


def statuses(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date) -> dict[str, Tri]:
    """The fast path: only each entitlement's three-valued status, from one generated
    function for everything in force (``codegen.compile_statuses``)."""
    fn = ruleset.periods.statuses(as_of, facts.get("state"))
    return {} if fn is None else fn(facts)


def evaluate(ruleset: Ruleset, facts: Mapping[str, Any], as_of: dt.date, *,
             documents_held: Collection[str] | None = None, place: Place | None = None,
             domains: Collection[str] | None = None, brief: bool = False,
             cache: PartsCache | None = None, words: Words | None = None,
             what_if: bool | None = None,
             entitlements: Collection[str] | None = None) -> Evaluation:
    """The full answer for one profile on ``as_of``, in the language of ``words`` (English
    when not given; a text without a translation stays English).

    ``brief`` leaves out what does not depend on the profile and is long to send: summaries,
    steps, time limits, notes and citations (GET /v1/entitlements/{id} has them). A caseworker's
    list of thirty entitlements shrinks from about 180 KB to less than half of that.
    ``cache`` (one per ruleset, owned by the caller) shares the parts of answers that do not
    depend on the profile, and each entitlement's whole result between profiles that agree on
    every fact it reads (``KeptResults.share``). ``what_if`` adds what would change
    each answer (``changes``: the changes that make a not-eligible result eligible; the
    outcomes of the next question of one that needs information); by default in a full answer
    and not in a brief one.
    ``entitlements``: only these (by id), like ``domains``.
    """
    place = place or Place(state=facts.get("state"))
    book = cache.book(ruleset, place, words) if cache else OfficeBook(ruleset, place, words)
    what_if = not brief if what_if is None else what_if
    found = statuses(ruleset, facts, as_of)
    listed = ruleset.in_force(as_of, facts.get("state"))
    picked = (range(len(listed)) if domains is None and entitlements is None else
              [i for i, (ent, _) in enumerate(listed)
               if (domains is None or ent.domain in domains)
               and (entitlements is None or ent.id in entitlements)])
    in_force = listed if len(picked) == len(listed) else tuple(listed[i] for i in picked)

    def result(ent: Entitlement, version: Version,
               prepared: Shared | None = None) -> EntitlementResult:
        return entitlement_result(ent, version, facts, documents_held, book, brief=brief,
                                  what_if=what_if, status=found[ent.id], prepared=prepared)

    seen = None
    if cache is None:
        results = [result(ent, version) for ent, version in in_force]
    else:  # each version made ready for her place, the detail and language, once for all
        # the regions of her facts, by which the parts that read only them are remembered
        seen = cache.regions(ruleset).of(facts).get
        plan = cache.prepared(listed, book, brief)
        # a result is shared with the answers that read alike all it reads
        asked = (brief, book.words.language, what_if, book.place,
                 None if documents_held is None else frozenset(documents_held))

        def key(ready: Prepared) -> tuple[Any, ...]:
            return (*asked, *map(facts.get, ready.result_reads))

        results = []
        for i in picked:
            ent, version = listed[i]
            ready = plan[i] or _prepare(plan, i, cache, ruleset, ent, version, book, brief)
            results.append(ready.results.share(key, ready, result, ent, version,
                                               (ready, seen)))
    counts = Counter(r.status for r in results)
    return Evaluation(
        ruleset=ruleset_ref(ruleset), as_of=as_of, language=book.words.language,
        counts={s: counts.get(s, 0) for s in ("eligible", "not_eligible", "needs_info")},
        results=results,
        questions=questions.next_questions(ruleset, results, in_force, facts, as_of, book.words,
                                           cache.remembered(ruleset) if cache else None, seen))


def evaluate_case(ruleset: Ruleset, case: Case, as_of: dt.date, *,
                  domains: Collection[str] | None = None, brief: bool = False,
                  cache: PartsCache | None = None, words: Words | None = None,
                  what_if: bool | None = None,
                  entitlements: Collection[str] | None = None) -> Evaluation:
    """``evaluate`` for a ``Case``: its facts, documents and place."""
    return evaluate(ruleset, case.facts, as_of, documents_held=case.documents_held,
                    place=case.place, domains=domains, brief=brief, cache=cache, words=words,
                    what_if=what_if, entitlements=entitlements)


def ruleset_ref(ruleset: Ruleset) -> RulesetRef:
    return RulesetRef(name=ruleset.name, version=ruleset.version, digest=ruleset.digest)


def entitlement_result(ent: Entitlement, version: Version, facts: Mapping[str, Any],
                       documents_held: Collection[str] | None,
                       book: OfficeBook, *, brief: bool = False,
                       what_if: bool = False,
                       status: Tri | None = None,
                       prepared: Shared | None = None) -> EntitlementResult:
    """``status``: the version's Kleene status when the caller has it already;
    ``prepared``: the version's parts and memos in the book's place and language and for
    ``brief`` (``PartsCache.prepared``), with the regions of her facts; without them every
    part is built afresh."""
    if status is None:
        status = version.fn(facts)
    missing: dict[str, None] = {}
    settled = False
    if status is UNKNOWN:
        if prepared is None:
            status, kept = settle_open(version, facts)
        else:  # what is missing, and settling, read the regions of what the version reads
            memo, seen = prepared[0].memo, prepared[1]
            status, kept = memo.kept(("open", *map(seen, memo.reads)), settle_open, version,
                                     facts)
        settled = status is not UNKNOWN
        missing = dict.fromkeys(kept)
    words = book.words
    parts = static_parts(ent, version, book, brief) if prepared is None else prepared[0].parts
    benefits = _benefits(version, facts, status, words, brief, prepared)
    reasons = explain.reasons(
        version.clauses, facts, status, words, settled=settled, cite=not brief,
        memo=None if prepared is None else prepared[0].reasons)
    result = EntitlementResult(
        entitlement=ent.id, title=parts.title, domain=ent.domain,
        summary=parts.summary, status=status_word(status),
        missing=list(missing),
        reasons=reasons,
        benefits=benefits,
        documents=(parts.documents if documents_held is None
                   else [document_result(book, d, documents_held) for d in version.documents]),
        office=parts.office, pays=parts.pays, time_limits=parts.time_limits,
        steps=parts.steps, version=parts.version,
        verified=version.verified and all(b.verified for b in benefits),
        keep=explain.all_reasons(version.keep, facts, words) if version.keep else [],
        draft=parts.draft,
    )
    result.parts = parts
    if what_if:
        _what_if(result, version, facts, status, book, prepared)
    return result


def _prepare(plan: list[Prepared | None], index: int, cache: PartsCache, ruleset: Ruleset,
             ent: Entitlement, version: Version, book: OfficeBook, brief: bool) -> Prepared:
    """The version's ``Prepared`` for the plan's place, language and detail, kept in it."""
    language, regions = book.words.language, cache.regions(ruleset)
    made = plan[index] = Prepared(
        parts=static_parts(ent, version, book, brief, cache),
        reasons=cache.memo(version, ("reasons", brief, language)),
        benefits=cache.memo(version, ("benefits", brief, language)),
        memo=cache.remembered(ruleset).of(version),
        results=cache.results(version),
        benefit_reads=regions.benefit_reads(version),
        result_reads=regions.result_reads(version))
    return made


def _benefits(version: Version, facts: Mapping[str, Any], status: Tri, words: Words,
              brief: bool, prepared: Shared | None) -> PartsList[BenefitResult]:
    """The answers of the version's benefits, each shared by the answers that read it alike
    (in the version's memo of them); the list too, by the regions of the facts its amounts
    read, with the status and, where a figure differs by State, her State."""
    if prepared is None:
        return _benefit_list(version, facts, status, words, brief, {})
    ready, seen = prepared
    key = ("benefits", brief, words.language, status_word(status),
           *map(seen, ready.benefit_reads))
    return ready.memo.kept(key, _benefit_list, version, facts, status, words, brief,
                           ready.benefits)


def _benefit_list(version: Version, facts: Mapping[str, Any], status: Tri, words: Words,
                  brief: bool, memo: dict[tuple[Any, ...], BenefitResult],
                  ) -> PartsList[BenefitResult]:
    return PartsList(_benefit(b, i, facts, status, words, brief, memo)
                     for i, b in enumerate(version.benefits))


def _benefit(benefit: Benefit, index: int, facts: Mapping[str, Any], status: Tri,
             words: Words, brief: bool,
             memo: dict[tuple[Any, ...], BenefitResult]) -> BenefitResult:
    """One benefit's answer (``index``: its place among the version's benefits). It reads of
    the profile only the status, her State where its figures differ by State, and how its own
    conditions fall (``amounts.reading``): kept in ``memo`` and shared between answers that
    read it alike."""
    # None and absent are one: a profile drops unknown facts
    key = (index, status_word(status), facts.get("state") if benefit.by_state else None,
           amounts.reading(benefit, facts))
    found = memo.get(key)
    if found is None:
        found = memo[key] = amounts.benefit_result(benefit, facts, status, words, brief=brief)
    return found


def _what_if(result: EntitlementResult, version: Version, facts: Mapping[str, Any],
             status: Tri, book: OfficeBook, prepared: Shared | None) -> None:
    """What would change the answer: the changes that make a not-eligible result eligible, or
    where each answer to the next question of one that needs information leads."""
    fact_defs = book.ruleset.facts
    if status is FALSE:
        result.changes = (
            changes.changes(version, facts, fact_defs, book.words) if prepared is None
            else prepared[0].memo.changes(facts, prepared[1], book.words))
    elif status is UNKNOWN and result.missing:
        name = result.missing[0]
        values = version.boundary_values.get(name)
        if values is not None and name in fact_defs:
            result.outcomes = (
                changes.outcomes(version, facts, fact_defs[name], values) if prepared is None
                else prepared[0].memo.outcomes(facts, prepared[1], fact_defs[name], values))


def static_parts(ent: Entitlement, version: Version, book: OfficeBook, brief: bool,
                 cache: PartsCache | None = None) -> Parts:
    """What an answer says of a version whatever the profile (see ``parts``); the version
    block, which does not name her place either, shared by every place through ``cache``."""
    words = book.words
    title = version.title or ent.title
    return Parts(
        title=words.t(title), summary=None if brief else words.t(ent.summary),
        draft=words.is_draft(title),
        steps=SharedList() if brief else SharedList(
            StepResult(action=words.t(s.action),
                       office=book.name(s.office) if s.office else None)
            for s in version.steps),
        time_limits=SharedList() if brief else SharedList(
            _time_limit(book, t) for t in version.time_limits),
        version=(version_ref(version, words, brief) if cache is None else cache.unplaced(
            version, ("version", brief, words.language),
            partial(version_ref, version, words, brief))),
        office=book.result(version.office),
        pays=book.result(version.pays) if version.pays else None,
        documents=SharedList(_asked(book, d) for d in version.documents),
    )


def _asked(book: OfficeBook, doc_id: str) -> DocumentResult:
    """A document asked for where she lists none held, as named in the book's place: one
    object for every version that asks for it."""
    found = book.documents.get(doc_id)
    if found is None:
        found = book.documents[doc_id] = document_result(book, doc_id, None)
    return found


def version_ref(version: Version, words: Words, brief: bool) -> VersionRef:
    basis = [model.LegalBasis(instrument=words.t(b.instrument), section=b.section,
                              cite=None if brief else b.cite) for b in version.legal_basis]
    return VersionRef(valid_from=version.valid_from, valid_until=version.valid_until,
                      title=words.maybe(version.title), verified=version.verified,
                      note=None if brief else version.note, legal_basis=basis)


def document_result(book: OfficeBook, doc_id: str, held: Collection[str] | None) -> DocumentResult:
    """A document she is asked for: held when she holds it or any document that meets it
    (``held_as`` says which: the document itself first, then its alternatives in order)."""
    documents = book.ruleset.documents
    doc = documents[doc_id]
    shown = None if held is None else held_as(book.ruleset, doc_id, held)
    return DocumentResult(id=doc.id, name=book.words.t(doc.name),
                          issued_by=book.name(doc.issued_by),
                          held=None if held is None else shown is not None, held_as=shown,
                          met_by=[DocumentName(id=d, name=book.words.t(documents[d].name))
                                  for d in doc.met_by])


def held_as(ruleset: Ruleset, doc_id: str, held: Collection[str]) -> str | None:
    """The document she holds a requirement as: the document itself first, then its
    alternatives in order; None when she holds none of them."""
    return next((d for d in (doc_id, *ruleset.documents[doc_id].met_by) if d in held), None)


def _time_limit(book: OfficeBook, limit: model.TimeLimit) -> TimeLimitResult:
    return TimeLimitResult(
        label=book.words.t(limit.label), days=limit.days, months=limit.months,
        starts=book.words.maybe(limit.start),
        cite=limit.cite, office=book.name(limit.office) if limit.office else None)
