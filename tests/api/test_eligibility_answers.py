"""Lean answers: the brief answer a phone lists, the parts asked for with `fields`, and the
full answer written by orjson byte for byte as pydantic writes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from api import answers
from service.engine import amounts
from service.engine.brief import evaluate_brief, money
from service.engine.case import Case
from service.engine.evaluate import evaluate, statuses
from service.engine.offices import Place
from service.engine.parts import PartsCache
from service.engine.questions import waiting_questions
from service.engine.result import EntitlementResult, Evaluation, SharedList
from service.engine.standings import first_year
from service.rules.ruleset import Ruleset
from service.text.words import english, words_for
from tests.api.test_eligibility import GIRL
from tests.oracle.durable_oracle import random_profiles

_ANY = TypeAdapter(Any)
AS_OF = dt.date(2026, 11, 28)
PLACES = [Place(), Place(district="Purulia", state="west_bengal"), Place(district="Bargarh")]


def test_a_brief_answer_for_a_sparse_profile_fits_in_8_kb(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={"profile": {"age": 16}, "detail": "brief",
                                             "as_of": AS_OF.isoformat()})
    assert r.status_code == 200
    assert len(r.content) < 8 * 1024
    body = r.json()
    assert len(body["results"]) == 30
    assert all({"entitlement", "title", "status"} <= set(x) for x in body["results"])
    assert len(body["questions"]) == 3


def test_a_brief_result_says_what_a_list_needs(client: TestClient) -> None:
    r = client.post("/v1/eligibility", json={
        "profile": GIRL, "detail": "brief", "district": "Purulia", "as_of": AS_OF.isoformat()})
    sponsorship = next(x for x in r.json()["results"] if x["entitlement"] == "child-sponsorship")
    assert sponsorship["status"] == "eligible"
    assert sponsorship["amount_min"] == sponsorship["amount_max"] == 4000 * 12
    assert sponsorship["office"].endswith("Purulia")
    assert sponsorship["missing_documents"] > 0 and "missing" not in sponsorship


@pytest.mark.parametrize("detail", ["full", "brief"])
def test_fields_keep_only_the_parts_named(client: TestClient, detail: str) -> None:
    body = {"profile": {"age": 16}, "as_of": AS_OF.isoformat(), "detail": detail}
    whole = client.post("/v1/eligibility", json=body).json()
    parts = client.post("/v1/eligibility?fields=status,missing,reasons", json=body)
    assert parts.status_code == 200
    kept = parts.json()
    assert kept["counts"] == whole["counts"] and kept["questions"] == whole["questions"]
    for short, long in zip(kept["results"], whole["results"], strict=True):
        expected = {k: v for k, v in long.items() if k in ("entitlement", "status", "missing",
                                                          "reasons")}
        assert short == expected
        assert next(iter(short)) == "entitlement"


@pytest.mark.parametrize("fields", ["name", "status,", "status,phone", "Status", ""])
def test_a_part_that_is_not_one_is_a_422_naming_fields(client: TestClient, fields: str) -> None:
    r = client.post(f"/v1/eligibility?fields={fields}", json={"profile": {"age": 16}})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "fields"]
    assert "status" in r.json()["errors"][0]["msg"]  # what is allowed


def test_orjson_writes_the_full_answer_as_pydantic_does(ruleset: Ruleset) -> None:
    adapter = TypeAdapter(Evaluation)
    fragments, cache = answers.Fragments(limit=64), PartsCache()  # small: it starts again
    for i, facts in enumerate(random_profiles(ruleset, 60, 11, known=0.6)):
        place = PLACES[i % 3]
        for shared in (cache, None):
            result = evaluate(ruleset, facts, AS_OF, place=place, cache=shared,
                              documents_held=["birth-certificate"] if i % 2 else None)
            assert answers.full(result, fragments) == adapter.dump_json(result)
            # the writer of whole results copies their dicts; naming fields takes the loop
            assert answers.full(result, fragments, answers.FULL_FIELDS) == adapter.dump_json(
                result)


def test_a_part_written_alike_for_two_places_is_kept_once(ruleset: Ruleset) -> None:
    fragments, cache = answers.Fragments(), PartsCache()
    here, there = (evaluate(ruleset, {"age": 16}, AS_OF, place=Place(district=d), cache=cache)
                   for d in ("Purulia", "Bargarh"))
    for a, b in zip(here.results, there.results, strict=True):
        assert a.version is b.version  # it names no place: one for every place
    # steps built for each place, where none names an office of her district
    alike = [(a.steps, b.steps) for a, b in zip(here.results, there.results, strict=True)
             if a.steps and _ANY.dump_json(a.steps) == _ANY.dump_json(b.steps)]
    assert alike
    for a, b in alike:
        assert a is not b
        assert fragments.get(a) is fragments.get(b)  # the same JSON, once
    named = [(a.office, b.office) for a, b in zip(here.results, there.results, strict=True)
             if a.office.name != b.office.name]
    assert named  # an office named for her district writes its own JSON
    assert all(fragments.get(a) is not fragments.get(b) for a, b in named)


def test_answers_in_three_languages_write_each_part_once(ruleset: Ruleset) -> None:
    """The parts of answers in English, Hindi and Bengali all fit: asked again, none is
    written again (starting afresh when full wrote them all again)."""
    fragments, cache = answers.Fragments(), PartsCache()
    profiles = random_profiles(ruleset, 200, 17, known=0.6)
    languages = [words_for(ruleset, language) for language in ("en", "hi", "bn")]
    asked = [(facts, words) for facts in profiles for words in languages]
    first = [evaluate(ruleset, facts, AS_OF, cache=cache, words=words) for facts, words in asked]
    written = {id(part): fragments.get(part) for result in first for r in result.results
               for part in _shared(r)}
    again = [evaluate(ruleset, facts, AS_OF, cache=cache, words=words) for facts, words in asked]
    parts = [part for result in again for r in result.results for part in _shared(r)]
    assert {type(part).__name__ for part in parts} >= {"BenefitResult", "OfficeResult",
                                                       "SharedList"}
    assert all(fragments.get(part) is written[id(part)] for part in parts)


def test_a_shared_list_keeps_its_json_made_of_its_items(ruleset: Ruleset) -> None:
    """A version's steps, time limits and documents in a place are written once, each from
    its items' own JSON, and read back after; the JSON is the list's as pydantic writes
    it."""
    fragments, cache = answers.Fragments(), PartsCache()
    profiles = random_profiles(ruleset, 40, 19, known=0.6)
    results = [r for facts in profiles
               for r in evaluate(ruleset, facts, AS_OF, cache=cache).results]
    lists = [part for r in results for part in (r.steps, r.time_limits, r.documents)]
    assert all(isinstance(part, SharedList) for part in lists)
    for part in lists:
        written = fragments.get(part)
        assert orjson.dumps(written) == _ANY.dump_json(part)
        assert part.written is written and fragments.get(part) is written  # not written again
        assert all(item.written is not None for item in part)  # from its items' own
    # the lists are shared: far fewer than the results hold
    assert len({id(part) for part in lists}) < len(lists) / 2


def test_the_parts_a_result_shares_keep_their_json_together(ruleset: Ruleset) -> None:
    """The parts a result shares with the answers of its place, detail and language
    (``Parts``) keep their JSON in one piece, by the field each fills: each part's own,
    written once, and taken whole by every line that shares them; and so does the list of
    its benefits' answers, item by item."""
    fragments, cache = answers.Fragments(), PartsCache()
    results = [r for facts in random_profiles(ruleset, 40, 23, known=0.6)
               for r in evaluate(ruleset, facts, AS_OF, cache=cache).results]
    for r in results:
        kept = fragments.parts(r.parts)
        assert kept == {name: None if (part := getattr(r, name)) is None
                        else fragments.get(part)
                        for name in ("office", "pays", "time_limits", "steps", "version",
                                     "documents")}
        assert r.parts.written is kept and fragments.parts(r.parts) is kept
        # her benefits' answers: a list kept by how her facts fall, which keeps theirs
        written = fragments.each(r.benefits)
        assert written == [fragments.get(b) for b in r.benefits]
        assert r.benefits.written is written and fragments.each(r.benefits) is written
    assert len({id(r.parts) for r in results}) < len(results) / 2  # shared
    assert len({id(r.benefits) for r in results}) < len(results) / 2


def _shared(r: EntitlementResult) -> list[object]:
    """The parts of a result that the writer takes from ``Fragments``."""
    return [*r.benefits, r.documents, r.office, r.version, r.steps, r.time_limits,
            *([r.pays] if r.pays is not None else [])]


def test_the_brief_answer_leaves_out_what_the_parts_named_leave_out(ruleset: Ruleset) -> None:
    # the brief writer spells its fields out for speed; naming every field takes the loop
    for i, facts in enumerate(random_profiles(ruleset, 60, 13, known=0.6)):
        held = frozenset({"birth-certificate"}) if i % 2 else None
        brief = evaluate_brief(ruleset, Case(facts, PLACES[i % 3], held), AS_OF)
        assert answers.brief(brief) == answers.brief(brief, answers.BRIEF_FIELDS)


def test_brief_answers_agree_with_full_ones(ruleset: Ruleset) -> None:
    for i, facts in enumerate(random_profiles(ruleset, 80, 12, known=0.6)):
        held = frozenset({"birth-certificate", "identity-proof"}) if i % 2 else None
        case = Case(facts, PLACES[i % 3], held)
        full = evaluate(ruleset, facts, AS_OF, place=case.place, documents_held=held)
        brief = evaluate_brief(ruleset, case, AS_OF)
        assert brief.counts == full.counts
        # the brief ranks by what settles and waits (no amounts to narrow), on the same results
        ranked = waiting_questions(ruleset, full.results, english(ruleset), 3)
        assert [q.fact for q in brief.questions] == [q.fact for q in ranked]
        assert {q.fact for q in brief.questions} <= {q.fact for q in full.questions}
        found = statuses(ruleset, facts, AS_OF)
        versions = {e.id: v for e, v in ruleset.in_force(AS_OF, facts.get("state"))}
        for short, long in zip(brief.results, full.results, strict=True):
            assert (short.entitlement, short.status) == (long.entitlement, long.status)
            assert short.missing == long.missing
            if long.status == "not_eligible":
                continue
            assert short.office == long.office.name
            assert (short.missing_documents or 0) == sum(d.held is not True
                                                         for d in long.documents)
            rupees = money(long.benefits)
            if short.amount_min is not None:
                assert (short.amount_min, short.amount_max) == rupees
            version = versions[long.entitlement]
            assert first_year(version, facts, found[long.entitlement]) == money(
                amounts.benefit_result(b, facts, found[long.entitlement], None)
                for b in version.benefits)




@pytest.mark.parametrize("detail", ["full", "brief"])
def test_one_entitlement_on_request(client: TestClient, detail: str) -> None:
    body = {"profile": GIRL, "as_of": AS_OF.isoformat(), "detail": detail}
    whole = client.post("/v1/eligibility", json=body).json()
    one = client.post("/v1/eligibility?entitlement=child-sponsorship", json=body)
    assert one.status_code == 200
    [result] = one.json()["results"]
    assert result == next(r for r in whole["results"]
                          if r["entitlement"] == "child-sponsorship")
    assert sum(one.json()["counts"].values()) == 1


def test_an_entitlement_the_rules_lack_is_a_404(client: TestClient) -> None:
    r = client.post("/v1/eligibility?entitlement=no-such-thing", json={"profile": GIRL})
    assert r.status_code == 404
    assert "no-such-thing" not in r.text  # the id typed is not repeated
