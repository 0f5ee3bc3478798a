"""Answers in Hindi and Bengali: chosen by ?lang= or Accept-Language, said in
Content-Language, drafts marked, English per text where a translation is missing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.rules.ruleset import Ruleset

PROFILE = {"profile": {"age": 16, "gender": "female", "state": "west_bengal",
                       "trafficked": True, "sexually_exploited": True},
           "district": "Purulia", "as_of": "2026-11-01"}
DEVANAGARI = re.compile("[\u0900-\u097f]")
BENGALI = re.compile("[\u0980-\u09ff]")


def _answer(client: TestClient, **kwargs: object) -> tuple[dict[str, object], str]:
    response = client.post("/v1/eligibility", json=PROFILE, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.json(), response.headers["content-language"]


@pytest.mark.parametrize(("how", "language", "script"), [
    ({"headers": {"Accept-Language": "hi-IN,hi;q=0.9,en;q=0.5"}}, "hi", DEVANAGARI),
    ({"params": {"lang": "bn"}}, "bn", BENGALI),
    ({"params": {"lang": "bn"}, "headers": {"Accept-Language": "hi"}}, "bn", BENGALI),
])
def test_the_answer_is_in_the_language_asked(client: TestClient, ruleset: Ruleset,
                                             how: dict[str, object], language: str,
                                             script: re.Pattern[str]) -> None:
    body, said = _answer(client, **how)
    assert said == language and body["language"] == language
    words = ruleset.catalogues[language]
    results = body["results"]
    assert isinstance(results, list)
    for result in results:
        assert script.search(result["title"]), result["title"]
        assert words.get(ruleset.entitlements[result["entitlement"]].title) is not None
        for reason in result["reasons"]:
            assert script.search(reason["explanation"]), reason["explanation"]
        # the catalogues are machine drafts until a person checks them: said so
        assert result["draft"] is True
    question = body["questions"][0]  # type: ignore[index]
    assert script.search(question["question"])


def test_english_by_default_and_for_a_language_without_a_catalogue(
        client: TestClient) -> None:
    french = {"headers": {"Accept-Language": "fr-FR, de;q=0.8"}}
    for how in ({}, french, {"params": {"lang": "or"}}):
        body, said = _answer(client, **how)
        assert said == "en" and body["language"] == "en"
        results = body["results"]
        assert isinstance(results, list)
        assert not any(r["draft"] for r in results)
        assert not any(DEVANAGARI.search(r["title"]) for r in results)


def test_a_malformed_lang_is_a_clear_422(client: TestClient) -> None:
    response = client.post("/v1/eligibility", params={"lang": "hi<script>"}, json=PROFILE)
    assert response.status_code == 422
    assert "lang" in response.text


def test_facts_come_with_their_words(client: TestClient) -> None:
    response = client.get("/v1/facts", params={"lang": "hi"})
    assert response.headers["content-language"] == "hi"
    state = next(f for f in response.json()["data"] if f["name"] == "state")
    assert state["value_labels"]["west_bengal"] == "पश्चिम बंगाल"
    assert DEVANAGARI.search(state["label"]) and DEVANAGARI.search(state["question"])


@pytest.mark.parametrize(("language", "script"), [("hi", DEVANAGARI), ("bn", BENGALI)])
def test_problems_speak_the_language_asked(client: TestClient, language: str,
                                           script: re.Pattern[str]) -> None:
    """An error's title and detail come in her language; its code, for programs, does not
    change, and the value sent is never repeated."""
    bad = {"profile": {"age": "sixteen"}}
    english = client.post("/v1/eligibility", json=bad)
    asked = client.post("/v1/eligibility", json=bad, headers={"Accept-Language": language})
    assert asked.status_code == english.status_code == 422
    assert asked.headers["content-language"] == language
    problem, original = asked.json(), english.json()
    assert problem["code"] == original["code"] and problem["type"] == original["type"]
    assert script.search(problem["title"]) and script.search(problem["detail"])
    assert "sixteen" not in asked.text
    missing = client.get("/v1/entitlements/no-such-thing", params={"lang": language})
    assert missing.status_code == 404 and script.search(missing.json()["title"])
