"""The case plan and the programme view with a test client: a saved screening, claims opened
and moved from the page (allowed moves only), what another organisation sees, a rerun, and
the funnel hidden exactly as the API hides it."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, make_key, sign_in


def _saved_case(web: TestClient, case_ref: str) -> str:
    page = web.get("/").text
    saved = web.post("/screenings", data={"csrf": csrf_of(page), "a.age": "16",
                                           "a.gender": "female", "case_ref": case_ref},
                     follow_redirects=False)
    assert saved.status_code == 303, saved.text[:300]
    return str(saved.headers["location"])


def _openable(plan: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="entitlement" value="([^"]+)">', plan)


def _moves(plan: str, claim_form: str) -> list[str]:
    form = plan[plan.index(claim_form):plan.index("</form>", plan.index(claim_form))]
    return re.findall(r'name="to" value="([^"]+)"', form)


def test_claims_open_and_move_from_the_case_plan(web_app: FastAPI, web: TestClient) -> None:
    sign_in(web, make_key(web_app, org="plan-org"))
    target = _saved_case(web, "2026-0001")
    plan = web.get(target).text
    for component in ("Health", "Education", "Livelihood", "Legal", "Social and empowerment"):
        assert f">{component}</h3>" in plan
    first, second = _openable(plan)[:2]
    for ent in (first, second):
        opened = web.post(f"{target}/claims", data={"csrf": csrf_of(plan), "entitlement": ent},
                          follow_redirects=False)
        assert opened.status_code == 303
    plan = web.get(target).text
    forms = re.findall(r'action="(/cases/[0-9a-f]{32}/claims/[0-9a-f]{32})"', plan)
    assert len(forms) == 2
    assert _moves(plan, forms[0]) == ["documents_ready", "rejected", "withdrawn"]
    # a move the lifecycle does not allow is refused, with the plan shown again
    refused = web.post(forms[0], data={"csrf": csrf_of(plan), "to": "received"})
    assert refused.status_code == 409 and 'role="alert"' in refused.text
    for step in ("documents_ready", "applied", "sanctioned", "received"):
        moved = web.post(forms[0], data={"csrf": csrf_of(plan), "to": step},
                         follow_redirects=False)
        assert moved.status_code == 303, step
    plan = web.get(target).text
    assert len(re.findall(r'class="done[^"]*">received', plan)) == 1
    assert plan.count('class="stepper"') == 2  # both claims, each with its steps
    assert forms[0] not in plan  # received: no moves left, so no buttons
    # without the token, no move
    assert web.post(forms[1], data={"to": "documents_ready"}).status_code == 403


def test_another_organisation_sees_nothing(web_app: FastAPI, web: TestClient) -> None:
    sign_in(web, make_key(web_app, org="owner-org"))
    target = _saved_case(web, "2026-0002")
    with TestClient(web_app) as other:
        sign_in(other, make_key(web_app, org="other-org"))
        assert other.get(target).status_code == 404
        assert "2026-0002" not in other.get("/cases").text
        page = other.get("/cases").text
        answer = other.post(f"{target}/claims", data={"csrf": csrf_of(page),
                                                      "entitlement": "free-legal-aid"})
        assert answer.status_code == 404


def test_a_rerun_shows_what_changed(web_app: FastAPI, web: TestClient) -> None:
    sign_in(web, make_key(web_app, org="rerun-org"))
    target = _saved_case(web, "2026-0003")
    plan = web.get(target).text
    rerun = web.post(f"{target}/rerun", data={"csrf": csrf_of(plan)}, follow_redirects=False)
    assert rerun.status_code == 303 and rerun.headers["location"] != target
    again = web.get(rerun.headers["location"]).text
    assert "What changed since the last screening" in again and "Nothing changed." in again


def test_the_programme_hides_small_counts_like_the_api(web_app: FastAPI,
                                                       web: TestClient) -> None:
    key = make_key(web_app, org="prog-org")
    sign_in(web, key)
    target = _saved_case(web, "2026-0004")
    plan = web.get(target).text
    for ent in _openable(plan)[:2]:
        web.post(f"{target}/claims", data={"csrf": csrf_of(plan), "entitlement": ent})
    page = web.get("/programme")
    assert page.status_code == 200
    assert page.text.count("<svg") >= 6  # the total, the five components, the entitlements
    assert 'role="img"' in page.text
    assert ">&lt;5</text>" in page.text  # fewer than 5 claims: every figure hidden
    assert re.search(r'class="figure">[0-9]', page.text) is None
    mine = web.get("/programme.csv")
    assert mine.headers["content-type"].startswith("text/csv")
    api = web.get("/v1/reports/funnel.csv", headers={"Authorization": f"Bearer {key}"})
    assert mine.text == api.text


def test_an_overdue_claim_is_red_and_names_where_to_escalate(web_app: FastAPI,
                                                             web: TestClient) -> None:
    import datetime as dt

    from service.store import claims

    sign_in(web, make_key(web_app, org="late-org"))
    target = _saved_case(web, "2026-0005")
    screening_id = target.rsplit("/", 1)[1]
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
    rules = web_app.state.rules.current
    with web_app.state.db.session() as session:
        claim = claims.open_claim(
            session, rules, claims.ClaimOpen(entitlement="victim-compensation",
                                             screening_id=screening_id, at=long_ago),
            org="late-org", scope="late-org", key_id=None, now=dt.datetime.now(dt.UTC))
        for step in ("documents_ready", "applied"):
            claim = claims.append(session, rules, claim.id,
                                  claims.Move(to_status=step, at=long_ago),
                                  scope="late-org", key_id=None, now=dt.datetime.now(dt.UTC))
        assert claim.due_at is not None and claim.due_at < dt.date.today()
    plan = web.get(target).text
    found = re.search(r'<article class="([^"]*)" aria-labelledby="r-victim-compensation">'
                      r'(.*?)</article>', plan, re.S)
    assert found, "the claim is not on the plan"
    assert "overdue" in found.group(1).split()  # the card is marked (red in the stylesheet)
    article = found.group(2)
    note = re.search(r'<p class="overdue-note" role="note">([^<]+)</p>', article)
    assert note and "Overdue by" in note.group(1) and "escalate to" in note.group(1)
    assert "State Legal Services Authority" in note.group(1)


def test_a_rerun_under_changed_rules_names_each_change(web_app: FastAPI,
                                                       web: TestClient) -> None:
    import json

    from service.store.tables import Screening

    sign_in(web, make_key(web_app, org="change-org"))
    target = _saved_case(web, "2026-0006")
    with web_app.state.db.session() as session:  # as if kept under older rules
        row = session.get(Screening, target.rsplit("/", 1)[1])
        answer = json.loads(row.results)
        changed = next(r for r in answer["results"] if r["status"] == "eligible")
        changed["status"] = "not_eligible"
        row.results = json.dumps(answer)
        session.add(row)
        session.commit()
    plan = web.get(target).text
    rerun = web.post(f"{target}/rerun", data={"csrf": csrf_of(plan)}, follow_redirects=False)
    again = web.get(rerun.headers["location"]).text
    changes = again[again.index('id="changes-h"'):again.index("</section>",
                                                              again.index('id="changes-h"'))]
    assert f"{changed['title']}: not eligible → eligible" in changes.replace("&#39;", "'")
