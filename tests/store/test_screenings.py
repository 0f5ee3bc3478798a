"""Screenings on both databases: kept as answered, found by case, re-run under new rules."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from service.errors import Conflict, NotFound
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset
from service.store import screenings
from service.store.changes import compare
from tests.store.conftest import NOW, RULES

WOMAN = {"trafficked": True, "gender": "female", "age": 30, "state": "odisha"}


def save(session: Session, rules: Ruleset, case_ref: str = "SNJ-2026-1", *,
         org: str = "sanjog", profile: dict[str, object] | None = None,
         at: dt.datetime = NOW) -> screenings.Screening:
    asked = screenings.Asked(profile=profile or WOMAN, as_of=dt.date(2026, 3, 1),
                             district="Bargarh")
    evaluation, asked = screenings.run(rules, asked)
    return screenings.save(session, evaluation, asked, case_ref=case_ref, org=org, key_id=None,
                           now=at)


def test_a_screening_is_kept_as_answered(session: Session, rules: Ruleset) -> None:
    row = save(session, rules)
    again = screenings.get(session, row.id, scope="sanjog")
    assert again.profile == WOMAN and again.ruleset_digest == rules.digest
    answer = json.loads(again.results)
    assert answer["ruleset"]["digest"] == rules.digest
    assert {r["entitlement"]: r["status"] for r in answer["results"]} == {
        "compensation": "eligible", "shelter": "needs_info"}
    assert again.counts == {"eligible": 1, "not_eligible": 0, "needs_info": 1}
    assert again.created_at == NOW


def test_find_by_case_newest_first_and_only_ones_own(session: Session, rules: Ruleset) -> None:
    older = save(session, rules, at=NOW - dt.timedelta(days=1))
    newer = save(session, rules)
    save(session, rules, "SNJ-2026-2")
    save(session, rules, org="other-ngo")
    rows, total = screenings.find(session, scope="sanjog", case_ref="SNJ-2026-1", limit=10,
                                  offset=0)
    assert ([r.id for r in rows], total) == ([newer.id, older.id], 2)
    rows, total = screenings.find(session, scope="sanjog", case_ref=None, limit=1, offset=1)
    assert (len(rows), total) == (1, 3)
    assert screenings.find(session, scope=None, case_ref="SNJ-2026-1", limit=10,
                           offset=0)[1] == 3
    with pytest.raises(NotFound):
        screenings.get(session, newer.id, scope="other-ngo")


def test_a_rerun_under_the_same_rules_changes_nothing(session: Session, rules: Ruleset) -> None:
    row = save(session, rules)
    new, old, changes = screenings.rerun(session, rules, row.id, scope="sanjog", key_id=None,
                                         now=NOW)
    assert (changes, new.rerun_of, old.id, new.as_of) == ([], row.id, row.id, row.as_of)
    assert new.case_ref == row.case_ref and new.org == row.org


def test_a_rerun_under_new_rules_says_what_changed(session: Session, rules: Ruleset,
                                                   tmp_path: Path) -> None:
    row = save(session, rules)
    shutil.copytree(RULES, tmp_path / "rules")
    path = tmp_path / "rules" / "legal" / "compensation.yaml"
    path.write_text(path.read_text().replace("amount: 150000", "amount: 175000"))
    newer = load_ruleset(tmp_path / "rules")
    new, _, changes = screenings.rerun(session, newer, row.id, scope="sanjog", key_id=None,
                                       now=NOW)
    assert new.ruleset_digest == newer.digest != row.ruleset_digest
    [change] = changes
    assert (change.entitlement, change.status_before, change.status_after) == (
        "compensation", "eligible", "eligible")
    [benefit] = change.benefits
    assert benefit.before is not None and benefit.after is not None
    assert (benefit.before.amount, benefit.after.amount) == (150000, 175000)


def test_a_stored_profile_that_no_longer_fits_is_a_conflict(session: Session,
                                                            rules: Ruleset) -> None:
    row = save(session, rules)
    row.profile = {**WOMAN, "retired_fact": True}
    session.add(row)
    session.commit()
    with pytest.raises(Conflict, match="retired_fact"):
        screenings.rerun(session, rules, row.id, scope="sanjog", key_id=None, now=NOW)


def test_compare_names_added_removed_and_changed_entitlements() -> None:
    def result(ent: str, status: str, amount: int | None = None,
               since: str = "2020-01-01") -> dict[str, object]:
        benefits = [] if amount is None else [{"label": "Cash", "applies": True,
                                               "amount": amount, "amount_min": amount,
                                               "amount_max": amount, "period": "once"}]
        return {"entitlement": ent, "title": ent, "status": status, "benefits": benefits,
                "version": {"valid_from": since}}
    before = {"results": [result("a", "eligible", 10), result("b", "needs_info"),
                          result("gone", "eligible")]}
    after = {"results": [result("a", "eligible", 10), result("b", "eligible"),
                         result("new", "not_eligible", 5, "2026-01-01")]}
    changes = {c.entitlement: c for c in compare(before, after)}
    assert set(changes) == {"b", "new", "gone"}
    assert (changes["b"].status_before, changes["b"].status_after) == ("needs_info", "eligible")
    assert (changes["new"].status_before, changes["new"].version_after) == (None, "2026-01-01")
    assert changes["new"].benefits[0].before is None
    assert changes["gone"].status_after is None
