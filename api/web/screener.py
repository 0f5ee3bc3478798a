"""``/``: the screener. One question at a time, in the engine's ranked order; after each
answer, what is already clear, by CBR component. Plain form posts carry the answers so far,
so it works without JavaScript; nothing is kept until "save screening"."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from api.web import answers, guard
from api.web.components import grouped
from api.web.pages import Page, PageDep
from api.web.places import district_names
from service.dates import india_today
from service.engine import districts
from service.engine.case import Case
from service.engine.evaluate import evaluate_case
from service.engine.result import Evaluation
from service.errors import InvalidProfile, UnknownDistrict
from service.store import privacy, screenings

router = APIRouter(include_in_schema=False)
FormDep = Annotated[FormData, Depends(guard.checked_form)]
# The API's pattern for a case reference (api.schemas.CaseRef); privacy checks follow.


@router.get("/")
def screener(page: PageDep) -> Response:
    guard.may_screen(page)
    return _show(page, answers.Answers())


@router.post("/")
def answer(page: PageDep, form: FormDep) -> Response:
    guard.may_screen(page)
    return _show(page, answers.read(page.rules, guard.pairs(form)))


@router.post("/screenings")
def save(page: PageDep, form: FormDep) -> Response:
    """Keep the screening under a case reference (the same call as POST /v1/screenings),
    then show its case plan."""
    principal = guard.records(page)
    given = answers.read(page.rules, guard.pairs(form))
    case_ref = str(form.get("case_ref") or "").strip()
    if not _valid_case_ref(case_ref):
        return _show(page, given, save_problem="web.save.invalid", status=422)
    district = str(form.get("district") or "").strip() or None
    shape = privacy.district_problem(district) if district else None
    if shape:
        return _show(page, given, district_problem=shape, status=422)
    asked = screenings.Asked(profile=dict(given.facts), as_of=india_today(), district=district)
    try:
        evaluation, asked = screenings.run(page.rules, asked, cache=page.parts)
    except InvalidProfile:
        return _show(page, given, status=422)
    except UnknownDistrict as exc:
        return _show(page, given, district_problem=districts.say(
            page.words, page.rules.places.source, exc.state, exc.suggestion), status=422)
    page.request.app.state.metrics.count(evaluation)
    with page.request.app.state.db.session() as session:
        row = screenings.save(session, evaluation, asked, case_ref=case_ref,
                              org=principal.org, key_id=principal.key_id,
                              now=dt.datetime.now(dt.UTC))
        screening_id = row.id
    return page.finish(RedirectResponse(f"/cases/{screening_id}", status_code=303))


def _valid_case_ref(case_ref: str) -> bool:
    return privacy.case_ref_problem(case_ref) is None


def _evaluate(page: Page, given: answers.Answers) -> Evaluation:
    """The answer so far, in the page's language (a saved screening keeps the English)."""
    case = Case.read(page.rules, given.facts)
    return evaluate_case(page.rules, case, india_today(), words=page.words, cache=page.parts)


def _show(page: Page, given: answers.Answers, *, save_problem: str | None = None,
          district_problem: str | None = None, status: int = 200) -> Response:
    problem = given.problem
    try:
        evaluation = _evaluate(page, given)
    except InvalidProfile as exc:  # parse() checks each fact; this is the rules' last word
        bad = {fact for fact, _ in exc.problems}
        given = answers.Answers({k: v for k, v in given.facts.items() if k not in bad},
                                given.skipped, (next(iter(bad)), "web.answer.invalid"))
        evaluation = _evaluate(page, given)
        problem = given.problem
    question = answers.next_question(evaluation, given)
    if problem is not None:  # ask the refused one again
        question = next((q for q in evaluation.questions if q.fact == problem[0]), question)
    return page.render(
        "screener.html", status=status, evaluation=evaluation, answers=given,
        question=question, fact=page.rules.facts.get(question.fact) if question else None,
        number=len(given.asked()) + 1, problem=problem, save_problem=save_problem,
        district_problem=district_problem,
        districts=district_names(page.rules, given.facts.get("state")),
        components=grouped(evaluation.results, lambda r: r.domain))
