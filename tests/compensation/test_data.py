"""The routes in the bundled rule files: where they are and what they name."""

from __future__ import annotations

from service.rules.ruleset import Ruleset

ROUTES = {
    "victim-compensation": {"interim-relief", "court-recommendation", "direct-application"},
    "women-victims-compensation": {"interim-relief", "final-compensation"},
    "pocso-compensation": {"interim", "final"},
    "pocso-special-relief": {"cwc-recommendation"},
    "bonded-labour-rehabilitation": {"immediate-assistance", "full-assistance"},
    "child-labour-rehabilitation-fund": {"fund-credit"},
}


def test_every_compensation_entitlement_has_its_routes_in_every_version(
        ruleset: Ruleset) -> None:
    for ent in ruleset.entitlements.values():
        for version in ent.versions:
            assert {r.id for r in version.routes} == ROUTES.get(ent.id, set()), (
                ent.id, version.valid_from)


def test_unverified_interactions_say_what_to_check(ruleset: Ruleset) -> None:
    for ent_id in ROUTES:
        for version in ruleset.entitlements[ent_id].versions:
            for route in version.routes:
                assert route.verified or route.note
                for offset in route.offsets:
                    assert offset.cite and (offset.verified or offset.note)


def test_victim_compensation_is_dated_by_the_application(ruleset: Ruleset) -> None:
    assert ruleset.entitlements["victim-compensation"].routes_dated_by == "application_date"
    assert ruleset.facts["application_date"].kind == "date"
