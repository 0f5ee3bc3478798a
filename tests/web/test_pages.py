"""The pages with a test client: each renders, the safety headers, sign-in and CSRF, the
language switch, and the screener's flow with no JavaScript (plain form posts)."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from api.holder import Serving
from tests.web.conftest import csrf_of, make_key, sign_in

PAGES = ["/", "/rules", "/rules/victim-compensation", "/sign-in"]


@pytest.mark.parametrize("path", PAGES)
def test_each_open_page_renders_with_a_strict_policy(web: TestClient, path: str) -> None:
    page = web.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert page.headers["cache-control"] == "no-store"
    # Everything the page loads comes from this service.
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert all(s.startswith(("/", "?", "#")) or s == "data:," for s in sources), sources
    assert "<script>" not in page.text and " style=" not in page.text  # no inline script/style


def test_pages_with_case_data_need_a_sign_in(web: TestClient) -> None:
    for path in ("/cases", "/programme", "/cases/" + "0" * 32, "/programme.csv"):
        answer = web.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/sign-in", path


def test_the_static_files_are_served_here(web: TestClient) -> None:
    for path in ("/static/web/htmx.min.js", "/static/web/web.css", "/static/web/print.css",
                 "/static/web/htmx.LICENSE"):
        assert web.get(path).status_code == 200, path


def test_a_form_without_the_sessions_token_is_refused(web: TestClient) -> None:
    assert web.post("/", data={"q": "age", "v": "16"}).status_code == 403
    web.get("/")  # a session now, but the token sent is not its own
    assert web.post("/", data={"csrf": "forged", "q": "age", "v": "16"}).status_code == 403
    assert web.post("/sign-in", data={"key": "adk_x"}).status_code == 403
    assert web.post("/sign-out", data={}).status_code == 403


def test_sign_in_sets_a_safe_cookie_and_a_new_token(web_app: FastAPI) -> None:
    with TestClient(web_app, base_url="https://testserver") as browser:
        first = browser.get("/sign-in")
        refused = browser.post("/sign-in", data={"csrf": csrf_of(first.text),
                                                 "key": "adk_00000000_" + "x" * 30})
        assert refused.status_code == 401 and 'role="alert"' in refused.text
        answer = browser.post("/sign-in", data={"csrf": csrf_of(first.text),
                                                "key": make_key(web_app)},
                              follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/cases"
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
        cases = browser.get("/cases")
        assert cases.status_code == 200 and "sanjog" in cases.text
        assert csrf_of(cases.text) != csrf_of(first.text)  # a new session at sign-in
        out = browser.post("/sign-out", data={"csrf": csrf_of(cases.text)},
                           follow_redirects=False)
        assert out.status_code == 303
        assert browser.get("/cases", follow_redirects=False).status_code == 303


def test_a_revoked_key_ends_the_session(web_app: FastAPI, web: TestClient) -> None:
    key = make_key(web_app, org="revoked-org")
    sign_in(web, key)
    assert web.get("/cases").status_code == 200
    from service.store import keys
    with web_app.state.db.session() as session:
        keys.revoke(session, key.split("_")[1], now=__import__("datetime").datetime.now(
            __import__("datetime").UTC))
    assert web.get("/cases", follow_redirects=False).status_code == 303


def test_an_analyst_sees_the_programme_not_the_cases(web_app: FastAPI, web: TestClient) -> None:
    sign_in(web, make_key(web_app, org="sanjog", role="analyst"))
    assert web.get("/programme").status_code == 200
    assert web.get("/cases").status_code == 403


def test_the_language_comes_from_the_query_then_the_cookie_then_the_browser(
        web: TestClient) -> None:
    english = web.get("/")
    assert '<html lang="en">' in english.text and english.headers["content-language"] == "en"
    hindi = web.get("/?lang=hi")
    assert '<html lang="hi">' in hindi.text and hindi.headers["content-language"] == "hi"
    assert "उसकी उम्र कितनी है" in hindi.text or "स्क्रीनिंग" in hindi.text or "जाँच" in hindi.text
    assert "adhikar_lang=hi" in hindi.headers["set-cookie"]
    assert '<html lang="hi">' in web.get("/rules").text  # the cookie keeps it
    bengali = web.get("/?lang=bn")
    assert bengali.headers["content-language"] == "bn"
    legend = re.search(r'<span id="q-[a-z_]+-text" class="qtext">([^<]+)</span>', bengali.text)
    assert legend and re.search(r"[\u0980-\u09FF]", legend.group(1))  # the question in Bengali
    assert '<html lang="en">' in web.get("/rules?lang=en").text
    with TestClient(web.app) as fresh:
        browser = fresh.get("/", headers={"Accept-Language": "hi-IN,hi;q=0.9,en;q=0.5"})
        assert browser.headers["content-language"] == "hi"
        # every page offers the three languages
        for name in ("English", "हिन्दी", "বাংলা"):
            assert name in browser.text


def _post(web: TestClient, page_html: str, **fields: str | list[str]) -> str:
    data = _hidden(page_html) + [(k, v) for k, vs in fields.items()
                                 for v in (vs if isinstance(vs, list) else [vs])]
    answer = web.post("/", data=_form(data))
    assert answer.status_code == 200, answer.text[:500]
    return answer.text


def _form(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def _hidden(html: str) -> list[tuple[str, str]]:
    form = html[html.index('id="screener"'):html.index("</form>", html.index('id="screener"'))]
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)


def _question(html: str) -> str:
    found = re.search(r'<input type="hidden" name="q" value="([^"]+)">', html)
    return found.group(1) if found else ""


def test_the_screener_works_with_plain_form_posts(web: TestClient) -> None:
    page = web.get("/").text
    first = _question(page)
    assert first  # the engine's best first question
    page = _post(web, page, q=first, v="16" if first == "age" else "dont_know", do="answer")
    assert ("a." + first, "16") in _hidden(page) or ("skip", first) in _hidden(page)
    second = _question(page)
    assert second and second != first
    page = _post(web, page, q=second, do="skip")  # don't know
    assert ("skip", second) in _hidden(page)
    assert _question(page) not in (first, second)
    # an answer that does not fit is asked again, with a message
    third = _question(page)
    bad = _post(web, page, q=third, v="not-a-value", do="answer")
    assert _question(bad) == third and 'role="alert"' in bad
    # results by the five components, each entitlement with its status
    for component in ("Health", "Education", "Livelihood", "Legal", "Social and empowerment"):
        assert f">{component}</h3>" in page
    assert "What would change the answer" in page
    # taking an answer back asks it again
    again = _post(web, page, forget=second)
    assert ("skip", second) not in _hidden(again)
    assert second not in [v for k, v in _hidden(again) if k == "skip"]


def test_the_screener_shares_the_results_the_service_keeps(
        web_app: FastAPI, web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # it asks again after every answer: the results that answer does not change are kept
    holder = web_app.state.rules
    monkeypatch.setattr(holder, "serving", Serving(holder.current))  # stores empty
    assert web.get("/").status_code == 200
    assert holder.serving.parts.results_kept()


def test_answers_travel_in_the_form_never_in_the_url(web: TestClient) -> None:
    page = web.get("/").text
    assert re.search(r'<form method="post" action="/" id="screener"', page)
    assert 'method="get"' not in page  # no form on the screener puts answers in a URL


def test_saving_needs_a_caseworker_and_a_clean_reference(web_app: FastAPI,
                                                         web: TestClient) -> None:
    page = web.get("/").text
    assert "/sign-in" in page and 'action="/screenings"' not in page
    sign_in(web, make_key(web_app, org="save-org"))
    page = web.get("/").text
    page = _post(web, page, q=_question(page), v="16", do="answer")
    data = [*_hidden(page), ("case_ref", "Sunita Devi")]
    refused = web.post("/screenings", data=_form(data))
    assert refused.status_code == 422 and "never a name" not in refused.url.path
    saved = web.post("/screenings", data=_form([*_hidden(page), ("case_ref", "2026-0142")]),
                     follow_redirects=False)
    assert saved.status_code == 303
    target = saved.headers["location"]
    assert re.fullmatch(r"/cases/[0-9a-f]{32}", target)  # opaque: no case reference in it
    plan = web.get(target)
    assert plan.status_code == 200 and "2026-0142" in plan.text
    assert "2026-0142" in web.get("/cases").text


def test_every_entitlement_has_a_page_with_its_conditions_in_words(
        web: TestClient, web_app: FastAPI) -> None:
    ruleset = web_app.state.rules.current
    listing = web.get("/rules").text
    for ent in ruleset.entitlements:
        assert f'href="/rules/{ent}"' in listing
        page = web.get(f"/rules/{ent}?lang=en")
        assert page.status_code == 200, ent
        clauses = re.findall(r'<ul class="clauses">(.*?)</ul>', page.text, re.S)
        assert clauses, ent
        for block in clauses:  # words, not the rule language
            text = re.sub(r"<cite>.*?</cite>", "", block, flags=re.S)
            assert "==" not in text and "_" not in re.sub(r"<[^>]+>", "", text), (ent, text)
    law = web.get("/rules/victim-compensation?lang=en").text
    assert "<cite>BNSS s.396(1)" in law
    hindi = web.get("/rules/victim-compensation?lang=hi").text
    assert re.search(r'<ul class="clauses">\s*<li>[^<]*[\u0900-\u097F]', hindi)
    assert web.get("/rules/no-such-thing").status_code == 404


def test_when_the_service_requires_a_key_every_page_needs_a_sign_in(
        web_rules: object, tmp_path: object) -> None:
    from pathlib import Path

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(rules_dir=Path(str(web_rules)), require_key=True,
                              database_url=f"sqlite:///{Path(str(tmp_path)) / 'k.db'}"))
    with TestClient(app) as browser:
        for path in ("/", "/rules", "/rules/victim-compensation"):
            answer = browser.get(path, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"] == "/sign-in"
        assert browser.get("/sign-in").status_code == 200
        sign_in(browser, make_key(app))
        assert browser.get("/").status_code == 200


_FIELD = st.sampled_from(["q", "v", "do", "skip", "forget", "a.age", "a.gender", "a.state",
                          "a.harms_suffered", "a.fir_date", "a.trafficked", "a.nonsense"])
_VALUE = st.one_of(st.sampled_from(["16", "-1", "999999999999999999999", "true", "female",
                                    "2024-02-30", "2020-01-01", "dont_know", "skip", "none",
                                    "age", "rape", ""]), st.text(max_size=40))


@settings(max_examples=40, derandomize=True)
@given(st.lists(st.tuples(_FIELD, _VALUE), max_size=12))
def test_no_form_the_screener_receives_gives_an_error_page(
        web_app: FastAPI, fields: list[tuple[str, str]]) -> None:
    with TestClient(web_app) as browser:
        token = csrf_of(browser.get("/").text)
        form: dict[str, list[str]] = {"csrf": [token]}
        for key, value in fields:
            form.setdefault(key, []).append(value)
        answer = browser.post("/", data=form)
        assert answer.status_code == 200, answer.text[:300]
        assert 'id="screener"' in answer.text


def test_a_link_from_another_site_does_not_sign_her_out(web_app: FastAPI,
                                                         web: TestClient) -> None:
    sign_in(web, make_key(web_app, org="link-org"))
    held = web.cookies.get("adhikar_session")
    # The browser holds back the SameSite=Strict cookie on a link from another site.
    web.cookies.clear()
    arrival = web.get("/cases?lang=hi", headers={"Sec-Fetch-Site": "cross-site"},
                      follow_redirects=False)
    assert arrival.status_code == 200 and "set-cookie" not in arrival.headers
    assert 'http-equiv="refresh" content="0;url=/cases?lang=hi"' in arrival.text
    web.cookies.set("adhikar_session", str(held))  # the refresh comes from the page itself
    assert web.get("/cases", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200


def test_a_result_names_what_to_keep_and_a_number_its_unit(web: TestClient) -> None:
    token = csrf_of(web.get("/").text)
    page = web.post("/", data={"csrf": token, "a.age": "12", "a.gender": "female",
                               "a.in_school": "true"}).text
    assert re.search(r'<p class="keep"><strong>To go on receiving it:</strong> [A-Z]', page)
    arrival = web.get("/?lang=en").text  # the first question is her age, in years
    assert '<span class="unit">years</span>' in arrival
