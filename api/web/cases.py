"""``/cases`` and ``/cases/{id}``: a case's plan on the CBR matrix, its claims step by step,
and the moves open to each. A case is opened by the id of one of its screenings (opaque,
made by the server), never by its case reference, so no case data reaches a URL."""

from __future__ import annotations

import datetime as dt
import functools
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from api.web import guard, shown
from api.web.components import grouped
from api.web.pages import Page, PageDep
from api.web.places import district_names
from service.dates import india_today
from service.engine import districts
from service.engine.result import EntitlementResult, Evaluation
from service.errors import AdhikarError, NotFound, UnknownDistrict
from service.store import claims, lifecycle, screenings, standing
from service.store.changes import EntitlementChange, compare
from service.store.database import Database
from service.store.keys import Principal
from service.store.tables import Claim, Screening

router = APIRouter(include_in_schema=False)
FormDep = Annotated[FormData, Depends(guard.checked_form)]
Id = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
LIMIT = 200  # screenings and claims read for one page


@functools.cache
def _answer() -> TypeAdapter[Evaluation]:
    return TypeAdapter(Evaluation)


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    standing: standing.Standing
    steps: list[tuple[str, dt.datetime | None]]  # each step of the chain, and when reached


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the matrix: an entitlement, what the screening said, and its claim."""

    entitlement: str
    domain: str
    result: EntitlementResult | None
    claim: ClaimView | None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    case_ref: str
    latest: Screening
    screenings: int


@router.get("/cases")
def case_list(page: PageDep) -> Response:
    principal = guard.records(page)
    with _db(page) as session:
        rows, _ = screenings.find(session, scope=principal.scope, case_ref=None, limit=LIMIT,
                                  offset=0)
    cases: dict[tuple[str, str], CaseSummary] = {}
    for row in rows:  # newest first: the first of a case is its latest
        key = (row.org, row.case_ref)
        seen = cases.get(key)
        cases[key] = CaseSummary(row.case_ref, seen.latest if seen else row,
                                 (seen.screenings if seen else 0) + 1)
    return page.render("cases.html", cases=list(cases.values()))


@router.get("/cases/{screening_id}")
def case_plan(screening_id: Id, page: PageDep) -> Response:
    principal = guard.records(page)
    with _db(page) as session:
        try:
            return _plan(page, session, principal, screening_id)
        except NotFound:
            return page.error(404, page.words.msg("web.error.not_found"))


@router.post("/cases/{screening_id}/claims")
def open_claim(screening_id: Id, page: PageDep, form: FormDep) -> Response:
    principal = guard.records(page)
    district = str(form.get("district") or "").strip() or None
    ask = claims.ClaimOpen(entitlement=str(form.get("entitlement") or ""),
                           screening_id=screening_id, district=district)
    with _db(page) as session:
        try:
            claims.open_claim(session, page.rules, ask, org=principal.org,
                              scope=principal.scope, key_id=principal.key_id, now=_now())
        except AdhikarError as exc:
            return _refused(page, session, principal, screening_id, exc)
    return _back(page, screening_id)


@router.post("/cases/{screening_id}/claims/{claim_id}")
def move_claim(screening_id: Id, claim_id: Id, page: PageDep, form: FormDep) -> Response:
    """One move of a claim (the buttons offer the allowed ones only; the store checks)."""
    principal = guard.records(page)
    move = claims.Move(to_status=str(form.get("to") or ""))
    with _db(page) as session:
        try:
            case = screenings.get(session, screening_id, scope=principal.scope)
            claim = claims.get(session, claim_id, scope=principal.scope)
            if claim.case_ref != case.case_ref or claim.org != case.org:
                raise NotFound("claim")
            claims.append(session, page.rules, claim_id, move, scope=principal.scope,
                          key_id=principal.key_id, now=_now())
        except AdhikarError as exc:
            return _refused(page, session, principal, screening_id, exc)
    return _back(page, screening_id)


@router.post("/cases/{screening_id}/rerun")
def rerun(screening_id: Id, page: PageDep, form: FormDep) -> Response:
    """Screen the case again under the rules now serving; the new screening's page shows
    what changed."""
    principal = guard.records(page)
    with _db(page) as session:
        try:
            new, _, _ = screenings.rerun(session, page.rules, screening_id,
                                         scope=principal.scope, key_id=principal.key_id,
                                         now=_now(), cache=page.parts)
        except AdhikarError as exc:
            return _refused(page, session, principal, screening_id, exc)
        new_id = new.id
    return _back(page, new_id)


def _plan(page: Page, session: Session, principal: Principal, screening_id: str,
          problem: str | None = None, status: int = 200) -> Response:
    asked = screenings.get(session, screening_id, scope=principal.scope)
    history, _ = screenings.find(session, scope=asked.org, case_ref=asked.case_ref,
                                 limit=LIMIT, offset=0)
    latest = history[0] if history else asked
    evaluation = _evaluation(page, latest)
    today = india_today()
    found, _ = claims.find(session, scope=asked.org, today=today, case_ref=asked.case_ref,
                           limit=LIMIT)
    views = {c.entitlement: _claim_view(c, page, today) for c in reversed(found)}
    results = {r.entitlement: r for r in evaluation.results} if evaluation else {}
    # eligible first, then what needs an answer; claims on anything else after those
    wanted = [r.entitlement for r in shown.ordered(list(results.values()))
              if r.status != "not_eligible"]
    rows = [Row(e, _domain(page, e), results.get(e), views.get(e))
            for e in dict.fromkeys([*wanted, *views])]
    changes = _changes(session, latest)
    return page.render(
        "case.html", status=status, case=latest, asked=asked, screenings=history,
        evaluation=evaluation, matrix=grouped(rows, lambda r: r.domain), claims=views,
        changes=changes, problem=problem, chain=lifecycle.CHAIN,
        components=grouped(evaluation.results, lambda r: r.domain) if evaluation else [],
        claim_events={c.id: claims.history(session, c.id) for c in found},
        districts=district_names(page.rules, asked.profile.get("state")))


def _claim_view(claim: Claim, page: Page, today: dt.date) -> ClaimView:
    steps = [(step, getattr(claim, lifecycle.ENTERED_AT[step])) for step in lifecycle.CHAIN]
    return ClaimView(claim, standing.of(claim, page.rules, today), steps)


def _evaluation(page: Page, row: Screening) -> Evaluation | None:
    """The answer as kept; for one kept by an older service whose answers had another shape,
    the stored profile evaluated again on the same day (shown, not saved: "screen again"
    keeps it)."""
    try:
        return _answer().validate_json(row.results)
    except ValidationError:
        try:
            return screenings.run(page.rules, screenings.asked(row), listed_only=False,
                                  cache=page.parts)[0]
        except AdhikarError:
            return None


def _changes(session: Session, latest: Screening) -> list[EntitlementChange] | None:
    if latest.rerun_of is None:
        return None
    before = session.get(Screening, latest.rerun_of)
    if before is None:
        return None
    return compare(json.loads(before.results), json.loads(latest.results))


def _domain(page: Page, entitlement: str) -> str:
    ent = page.rules.entitlements.get(entitlement)
    return ent.domain if ent else "social"


def _refused(page: Page, session: Session, principal: Principal, screening_id: str,
             exc: AdhikarError) -> Response:
    if isinstance(exc, NotFound):
        return page.error(404, page.words.msg("web.error.not_found"))
    session.rollback()
    if isinstance(exc, UnknownDistrict):
        said = districts.say(page.words, page.rules.places.source, exc.state, exc.suggestion)
        return _plan(page, session, principal, screening_id, problem=said, status=422)
    return _plan(page, session, principal, screening_id, problem=str(exc), status=409)


def _back(page: Page, screening_id: str) -> Response:
    return page.finish(RedirectResponse(f"/cases/{screening_id}", status_code=303))


def _db(page: Page) -> AbstractContextManager[Session]:
    db: Database = page.request.app.state.db
    return db.session()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
