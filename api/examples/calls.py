"""The requests whose answers become the contract's examples, in the order a caseworker's
day would make them: eligibility and the catalogue, a screening, a claim and its first move,
the reports, then the requests the service must refuse.

Each POST sends its operation's request example (api/examples). Keys: ``caseworker``,
``analyst`` and ``admin`` of one organisation, and the admin token (api/examples/record.py).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_ruleset
from api.examples import ANY_OPERATION, REQUESTS
from api.examples.book import Book
from api.examples.tidy import metrics_excerpt
from api.idempotency import fingerprint
from api.middleware import InFlightLimit
from service.store import idempotency, keys
from service.store.tables import Screening

Keys = dict[str, dict[str, str]]
SENT = "the answer to the request example"
NO_RECORD = "0" * 32  # an id of the right form that names nothing
CASE = REQUESTS["createScreening"]["case_ref"]
IDEMPOTENCY_KEY = "7d1c0f3e-example-retry"


def _ask(book: Book, client: TestClient, method: str, url: str,
         **kw: Any) -> httpx.Response:
    book.tick()
    answer: httpx.Response = client.request(method, url, **kw)
    return answer


def record(book: Book, client: TestClient, keys: Keys, rules: Path) -> None:
    _eligibility(book, client)
    _catalogue(book, client, keys, rules)
    _screenings(book, client, keys["caseworker"])
    _claims(book, client, keys["caseworker"])
    _reports(book, client, keys)
    _refusals(book, client, keys)
    retries = _kept_for_retry(book, client, keys["caseworker"])
    book.add("eraseCase", 200, "erased", f"DELETE /v1/cases/{CASE} with an admin's key",
             _ask(book, client, "DELETE", f"/v1/cases/{CASE}", headers=keys["admin"]))
    for operation, url, body, headers in retries:
        book.problem(operation, 410, "a retry, with the same Idempotency-Key, of a request "
                     "whose case has since been erased",
                     _ask(book, client, "POST", url, json=body, headers=headers))
    book.add("metrics", 200, "excerpt", "GET /metrics after the requests above, cut short",
             _ask(book, client, "GET", "/metrics"), excerpt=metrics_excerpt)


def _eligibility(book: Book, client: TestClient) -> None:
    ask = REQUESTS["checkEligibility"]
    full = {k: v for k, v in ask.items() if k != "detail"}
    post = "/v1/eligibility"
    book.add("checkEligibility", 200, "brief", SENT + " (`detail: brief`)",
             _ask(book, client, "POST", post, json=ask))
    book.add("checkEligibility", 200, "full", "the same request without `detail`",
             _ask(book, client, "POST", post, json=full))
    book.add("checkEligibility", 200, "parts", "the same with `?fields=status,missing`",
             _ask(book, client, "POST", post + "?fields=status,missing", json=full))
    book.add("checkEligibilityBatch", 200, "answers", SENT + ", one answer per line",
             _ask(book, client, "POST", "/v1/eligibility/batch",
                  json=REQUESTS["checkEligibilityBatch"]))
    book.add("compensationRoutes", 200, "routes", SENT,
             _ask(book, client, "POST", "/v1/compensation-routes",
                  json=REQUESTS["compensationRoutes"]))
    # The PDF is left out: a binary answer has no example in the contract.
    for media, name in (("text/markdown", "markdown"), ("text/html", "html")):
        book.add("compensationBrief", 200, name, f"{SENT}, with Accept: {media}",
                 _ask(book, client, "POST", "/v1/compensation-routes/brief",
                      json=REQUESTS["compensationBrief"], headers={"Accept": media}))


def _catalogue(book: Book, client: TestClient, keys: Keys, rules: Path) -> None:
    for operation, url in (("listEntitlements", "/v1/entitlements"),
                           ("getEntitlement", "/v1/entitlements/victim-compensation"),
                           ("listFacts", "/v1/facts"), ("getRuleset", "/v1/ruleset"),
                           ("listDistricts", "/v1/places/districts?state=west_bengal"),
                           ("livez", "/livez"), ("readyz", "/readyz"),
                           ("listProblemKinds", "/problems"),
                           ("getProblemKind", "/problems/invalid_request")):
        book.add(operation, 200, "answer", f"GET {url}", _ask(book, client, "GET", url))
    reload = "/v1/ruleset/reload"
    book.add("reloadRuleset", 200, "reloaded", "POST " + reload + " with the admin token",
             _ask(book, client, "POST", reload, headers=keys["admin_token"]))
    broken = rules / "social" / "broken-example.yaml"
    broken.write_text("id: broken-example\ntitle: [a list never closed\n")
    try:
        book.problem("reloadRuleset", 409, "a reload while a rule file is not valid YAML",
                     _ask(book, client, "POST", reload, headers=keys["admin_token"]))
    finally:
        broken.unlink()
    book.problem("reloadRuleset", 401, "a reload with no credential",
                 _ask(book, client, "POST", reload))
    book.problem("reloadRuleset", 403, "a reload with a caseworker's key",
                 _ask(book, client, "POST", reload, headers=keys["caseworker"]))


def _screenings(book: Book, client: TestClient, key: dict[str, str]) -> None:
    made = _ask(book, client, "POST", "/v1/screenings", json=REQUESTS["createScreening"],
                headers=key)
    book.add("createScreening", 201, "kept", SENT, made)
    screening = str(made.json()["id"])
    book.add("listScreenings", 200, "answer", f"GET /v1/screenings?case_ref={CASE}",
             _ask(book, client, "GET", f"/v1/screenings?case_ref={CASE}", headers=key))
    book.add("getScreening", 200, "answer", "GET the screening made above",
             _ask(book, client, "GET", f"/v1/screenings/{screening}", headers=key))
    rerun = f"/v1/screenings/{screening}/rerun"
    book.add("rerunScreening", 201, "again", "the screening made above, run again",
             _ask(book, client, "POST", rerun, headers=key))
    _still_running(book, client, key)
    # As if the rules had dropped a fact since the screening was made.
    app: FastAPI = client.app  # type: ignore[assignment]
    with app.state.db.session() as session:
        row = session.get(Screening, screening)
        assert row is not None
        row.profile = {**row.profile, "a_fact_no_longer_asked": True}
        session.add(row)
        session.commit()
    book.problem("rerunScreening", 409, "a stored profile with a fact the rules now serving "
                 "do not have", _ask(book, client, "POST", rerun, headers=key))


def _still_running(book: Book, client: TestClient, key: dict[str, str]) -> None:
    """The request example with an Idempotency-Key whose first request has not finished: its
    claim on the key is made here, as that request would have made it."""
    app: FastAPI = client.app  # type: ignore[assignment]
    body, url = REQUESTS["createScreening"], "/v1/screenings"
    with app.state.db.session() as session:
        principal = keys.authenticate(session, key["Authorization"].removeprefix("Bearer "))
        assert principal is not None
        idempotency.claim(session, key_id=principal.key_id, key=IDEMPOTENCY_KEY,
                          request_hash=fingerprint("POST", url, json.dumps(body).encode()),
                          now=dt.datetime.now(dt.UTC))
    book.problem("createScreening", 409, "a retry while the first request with its "
                 "Idempotency-Key is still running",
                 _ask(book, client, "POST", url, json=body,
                      headers={**key, "Idempotency-Key": IDEMPOTENCY_KEY}))



def _kept_for_retry(book: Book, client: TestClient,
                    key: dict[str, str]) -> list[tuple[str, str, Any, dict[str, str]]]:
    """A screening, a claim and a claim event of the case, each made with an Idempotency-Key
    (so its answer is kept for retries), to be retried after the case is erased."""
    made = []
    screening = ("createScreening", "/v1/screenings", REQUESTS["createScreening"])
    claim = ("openClaim", "/v1/claims", {**REQUESTS["openClaim"],
                                         "entitlement": "free-legal-aid"})
    for n, (operation, url, body) in enumerate((screening, claim), start=1):
        headers = {**key, "Idempotency-Key": f"{IDEMPOTENCY_KEY}-erased-{n}"}
        answer = _ask(book, client, "POST", url, json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        made.append((operation, url, body, headers))
    events = f"/v1/claims/{answer.json()['id']}/events"
    headers = {**key, "Idempotency-Key": f"{IDEMPOTENCY_KEY}-erased-3"}
    moved = _ask(book, client, "POST", events, json=REQUESTS["addClaimEvent"], headers=headers)
    assert moved.status_code == 201, moved.text
    return [*made, ("addClaimEvent", events, REQUESTS["addClaimEvent"], headers)]


def _claims(book: Book, client: TestClient, key: dict[str, str]) -> None:
    opened = _ask(book, client, "POST", "/v1/claims", json=REQUESTS["openClaim"], headers=key)
    book.add("openClaim", 201, "opened", SENT, opened)
    claim = f"/v1/claims/{opened.json()['id']}"
    book.add("addClaimEvent", 201, "moved", SENT + ", for the claim opened above",
             _ask(book, client, "POST", claim + "/events", json=REQUESTS["addClaimEvent"],
                  headers=key))
    book.add("listClaims", 200, "answer", "GET /v1/claims",
             _ask(book, client, "GET", "/v1/claims", headers=key))
    book.add("getClaim", 200, "answer", "GET the claim opened above",
             _ask(book, client, "GET", claim, headers=key))
    book.problem("openClaim", 409, "a second claim for the same entitlement and case",
                 _ask(book, client, "POST", "/v1/claims", json=REQUESTS["openClaim"],
                      headers=key))
    book.problem("addClaimEvent", 409, "a move the claim's status does not allow "
                 "(documents_ready to received)",
                 _ask(book, client, "POST", claim + "/events", json={"to_status": "received"},
                      headers=key))


def _reports(book: Book, client: TestClient, keys: Keys) -> None:
    key = keys["caseworker"]
    book.add("funnel", 200, "report", "GET /v1/reports/funnel with a caseworker's key",
             _ask(book, client, "GET", "/v1/reports/funnel", headers=key))
    book.add("funnel", 200, "csv", "GET /v1/reports/funnel?format=csv",
             _ask(book, client, "GET", "/v1/reports/funnel?format=csv", headers=key))
    book.add("funnelCsv", 200, "report", "GET /v1/reports/funnel.csv",
             _ask(book, client, "GET", "/v1/reports/funnel.csv", headers=key))
    book.add("readAuditLog", 200, "log", "GET /v1/audit with an admin's key",
             _ask(book, client, "GET", "/v1/audit", headers=keys["admin"]))


def _refusals(book: Book, client: TestClient, keys: Keys) -> None:
    key = keys["caseworker"]
    book.problem(ANY_OPERATION, 401, "no API key where one is needed",
                 _ask(book, client, "GET", "/v1/screenings"))
    book.problem(ANY_OPERATION, 403, "an analyst's key, where a caseworker's is needed",
                 _ask(book, client, "GET", "/v1/screenings", headers=keys["analyst"]))
    for operation, method, url in (("readAuditLog", "GET", "/v1/audit"),
                                   ("eraseCase", "DELETE", f"/v1/cases/{CASE}")):
        book.problem(operation, 403, "a caseworker's key, where an admin's is needed",
                     _ask(book, client, method, url, headers=key))
    too_big = b" " * (client.app.state.settings.max_body_bytes + 1)  # type: ignore[attr-defined]
    book.problem(ANY_OPERATION, 413, "a request body over the size limit",
                 _ask(book, client, "POST", "/v1/eligibility", content=too_big,
                      headers={"Content-Type": "application/json"}))
    book.problem(ANY_OPERATION, 422, "a profile whose age is words, and a date in another form",
                 _ask(book, client, "POST", "/v1/eligibility",
                      json={"profile": {"age": "sixteen"}, "as_of": "28/11/2026"}))
    book.problem("compensationBrief", 406, "a brief asked for as Accept: image/png",
                 _ask(book, client, "POST", "/v1/compensation-routes/brief",
                      json=REQUESTS["compensationBrief"], headers={"Accept": "image/png"}))
    _not_found(book, client, keys)


def _not_found(book: Book, client: TestClient, keys: Keys) -> None:
    nothing = "no-such-entitlement"
    no_screening = "an id that names no screening of this key's organisation"
    no_claim = "an id that names no claim of this key's organisation"
    no_entitlement = "an entitlement id the rules do not have"
    for operation, method, url, body, summary in (
            ("checkEligibility", "POST", f"/v1/eligibility?entitlement={nothing}",
             REQUESTS["checkEligibility"], no_entitlement),
            ("getEntitlement", "GET", f"/v1/entitlements/{nothing}", None, no_entitlement),
            ("getProblemKind", "GET", "/problems/no_such_problem", None,
             "a code no kind of problem has"),
            ("getScreening", "GET", f"/v1/screenings/{NO_RECORD}", None, no_screening),
            ("rerunScreening", "POST", f"/v1/screenings/{NO_RECORD}/rerun", None,
             no_screening),
            ("openClaim", "POST", "/v1/claims",
             {**REQUESTS["openClaim"], "screening_id": NO_RECORD}, no_screening),
            ("getClaim", "GET", f"/v1/claims/{NO_RECORD}", None, no_claim),
            ("addClaimEvent", "POST", f"/v1/claims/{NO_RECORD}/events",
             REQUESTS["addClaimEvent"], no_claim),
            ("eraseCase", "DELETE", "/v1/cases/2026-99999", None,
             "a case reference with no records in the admin's organisation")):
        key = keys["admin" if operation == "eraseCase" else "caseworker"]
        book.problem(operation, 404, summary,
                     _ask(book, client, method, url, json=body, headers=key))


def refuse_when_busy(book: Book, client: TestClient) -> None:
    """A 500 and a 503, made on purpose: the ruleset cannot be read, then the worker is at
    its limit of requests at once."""
    app: FastAPI = client.app  # type: ignore[assignment]

    def broken() -> None:
        raise RuntimeError("an example of an unexpected error")

    app.dependency_overrides[get_ruleset] = broken
    try:
        book.problem(ANY_OPERATION, 500, "an unexpected error",
                     _ask(book, client, "GET", "/v1/facts"))
    finally:
        app.dependency_overrides.clear()
    limit = _in_flight(app)
    limit.active = limit.limit  # as if that many requests were being answered
    try:
        book.problem(ANY_OPERATION, 503, "the worker is answering as many requests as it may",
                     _ask(book, client, "GET", "/v1/facts"))
    finally:
        limit.active = 0


def database_down(book: Book, client: TestClient) -> None:
    """The 503 of the operations that keep records, from an app whose database does not
    answer: a key cannot even be checked."""
    somebody = {"Authorization": "Bearer adk_0123abcd_" + "k" * 43}
    screening, claim = f"/v1/screenings/{NO_RECORD}", f"/v1/claims/{NO_RECORD}"
    for operation, method, url, body in (
            ("createScreening", "POST", "/v1/screenings", REQUESTS["createScreening"]),
            ("listScreenings", "GET", "/v1/screenings", None),
            ("getScreening", "GET", screening, None),
            ("rerunScreening", "POST", screening + "/rerun", None),
            ("openClaim", "POST", "/v1/claims", REQUESTS["openClaim"]),
            ("listClaims", "GET", "/v1/claims", None),
            ("getClaim", "GET", claim, None),
            ("addClaimEvent", "POST", claim + "/events", REQUESTS["addClaimEvent"]),
            ("funnel", "GET", "/v1/reports/funnel", None),
            ("funnelCsv", "GET", "/v1/reports/funnel.csv", None),
            ("readAuditLog", "GET", "/v1/audit", None),
            ("eraseCase", "DELETE", f"/v1/cases/{CASE}", None)):
        book.problem(operation, 503, "the database does not answer",
                     _ask(book, client, method, url, json=body, headers=somebody))


def limit(book: Book, client: TestClient) -> None:
    """A 429: an app that allows one request a minute from a client without a key."""
    assert _ask(book, client, "GET", "/v1/facts").status_code == 200
    book.problem(ANY_OPERATION, 429, "a second request within the minute, over a limit of one",
                 client.get("/v1/facts"))


def _in_flight(app: FastAPI) -> InFlightLimit:
    layer = app.middleware_stack
    while not isinstance(layer, InFlightLimit):
        layer = layer.app  # type: ignore[union-attr]
    return layer
