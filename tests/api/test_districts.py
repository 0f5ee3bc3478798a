"""A screening's or claim's district is one the rules list for its State, kept as listed; one
not listed is a 422 that names the field, the list and the closest name; the list is served
at /v1/places/districts, cached like the rest of the catalogue. Synthetic cases only."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import Keyring, store_settings
from tests.conftest import RULES

WOMAN = {"trafficked": True, "gender": "female", "age": 30, "state": "west_bengal"}
NOWHERE = {"trafficked": True, "gender": "female", "age": 30}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'districts.db'}"
    with TestClient(create_app(store_settings(url, rules=RULES))) as c:
        yield c


@pytest.fixture(scope="module")
def keyring(client: TestClient) -> Keyring:
    return Keyring(client.app)  # type: ignore[arg-type]


def screen(client: TestClient, keyring: Keyring, district: str,
           profile: dict[str, object] = WOMAN, case_ref: str = "6100-1",
           lang: str = "") -> dict[str, object]:
    r = client.post(f"/v1/screenings{lang}", headers=keyring(), json={
        "case_ref": case_ref, "profile": profile, "as_of": "2026-11-28", "district": district})
    return {"status": r.status_code, **r.json()}


def test_a_listed_district_is_kept_as_the_list_writes_it(client: TestClient,
                                                         keyring: Keyring) -> None:
    made = screen(client, keyring, "murshidabad")
    assert made["status"] == 201 and made["district"] == "Murshidabad"
    again = screen(client, keyring, "east medinipur")
    assert again["district"] == "Medinipur East"
    stored = client.get(f"/v1/screenings/{made['id']}", headers=keyring()).json()
    assert stored["district"] == "Murshidabad"


def test_a_district_not_listed_is_a_422_naming_the_list_and_the_closest_name(
        client: TestClient, keyring: Keyring) -> None:
    r = screen(client, keyring, "Murshidabd")
    assert r["status"] == 422
    [item] = r["errors"]  # type: ignore[misc]
    assert item["loc"] == ["body", "district"] and item["type"] == "unknown_district"
    assert item["msg"] == ("not a district of West Bengal in the LGD list of 14 December "
                           "2022; did you mean Murshidabad?")
    assert "Murshidabd" not in str(r)


def test_a_district_of_another_state_is_refused_when_the_state_is_known(
        client: TestClient, keyring: Keyring) -> None:
    r = screen(client, keyring, "Patna")  # a district of Bihar, not of West Bengal
    assert r["status"] == 422
    assert r["errors"][0]["msg"].startswith("not a district of West Bengal")  # type: ignore[index]


def test_without_a_state_any_state_s_district_is_taken(client: TestClient,
                                                      keyring: Keyring) -> None:
    made = screen(client, keyring, "PATNA", profile=NOWHERE, case_ref="6100-2")
    assert made["status"] == 201 and made["district"] == "Patna"
    nowhere = screen(client, keyring, "Qwertyuiop", profile=NOWHERE, case_ref="6100-2")
    assert nowhere["status"] == 422
    assert nowhere["errors"][0]["msg"] == (  # type: ignore[index]
        "not a district of any State or Union Territory in the LGD list of 14 December 2022")


def test_a_former_name_the_source_gives_is_taken_as_the_district_now(
        client: TestClient, keyring: Keyring) -> None:
    made = screen(client, keyring, "Hoshangabad", profile=NOWHERE | {"state": "madhya_pradesh"},
                  case_ref="6100-3")
    assert made["district"] == "Narmadapuram"


def test_the_refusal_speaks_the_language_asked(client: TestClient, keyring: Keyring) -> None:
    r = screen(client, keyring, "Murshidabd", lang="?lang=hi")
    msg = r["errors"][0]["msg"]  # type: ignore[index]
    assert "पश्चिम बंगाल" in msg and "Murshidabad" in msg


def test_a_name_that_is_a_person_s_is_still_refused_by_its_shape(
        client: TestClient, keyring: Keyring) -> None:
    r = screen(client, keyring, "daughter of Murshidabad")
    assert r["status"] == 422 and "relation" in r["errors"][0]["msg"]  # type: ignore[index]


def test_a_short_name_that_fits_the_shape_is_refused_for_not_being_a_district(
        client: TestClient, keyring: Keyring) -> None:
    r = screen(client, keyring, "Priya Sharma")  # the probe of docs/security.md
    assert r["status"] == 422 and r["errors"][0]["loc"] == ["body", "district"]  # type: ignore[index]
    assert "Priya" not in str(r)


def test_a_claim_s_district_is_checked_against_its_screening_s_state(
        client: TestClient, keyring: Keyring) -> None:
    made = screen(client, keyring, "Purulia", case_ref="6100-4")
    body = {"entitlement": "victim-compensation", "screening_id": made["id"]}
    wrong = client.post("/v1/claims", headers=keyring(), json=body | {"district": "Patna"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["body", "district"]
    right = client.post("/v1/claims", headers=keyring(), json=body | {"district": "bankura"})
    assert right.status_code == 201 and right.json()["district"] == "Bankura"


def test_a_claim_without_a_screening_takes_any_state_s_district(
        client: TestClient, keyring: Keyring) -> None:
    r = client.post("/v1/claims", headers=keyring(), json={
        "entitlement": "victim-compensation", "case_ref": "6100-5", "district": "patna"})
    assert r.status_code == 201 and r.json()["district"] == "Patna"


def test_the_list_of_a_state_is_served_with_its_source_and_cached(client: TestClient) -> None:
    r = client.get("/v1/places/districts", params={"state": "west_bengal"})
    assert r.status_code == 200
    body = r.json()
    names = [d["name"] for d in body["data"]]
    assert "Murshidabad" in names and body["count"] == len(names) == 23
    assert all(d["state"] == "west_bengal" for d in body["data"])
    assert body["source"]["retrieved"] == "2022-12-14" and body["source"]["verified"] is False
    cached = client.get("/v1/places/districts", params={"state": "west_bengal"},
                        headers={"If-None-Match": r.headers["etag"]})
    assert cached.status_code == 304


def test_every_district_is_served_without_a_state(client: TestClient) -> None:
    assert client.get("/v1/places/districts").json()["count"] == 763


def test_a_state_that_is_not_one_is_a_422(client: TestClient) -> None:
    r = client.get("/v1/places/districts", params={"state": "westbengal"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "state"]
    assert "westbengal" not in r.text


def test_a_reload_picks_up_a_district_added_by_hand(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    url = f"sqlite:///{tmp_path / 'reload.db'}"
    settings = store_settings(url, rules=rules, admin_token="test-admin-token")
    ask = {"profile": WOMAN, "as_of": "2026-11-28", "district": "Testnagar"}
    with TestClient(create_app(settings)) as c:
        assert c.post("/v1/eligibility", json=ask).status_code == 422
        path = rules / "places" / "districts.yaml"
        path.write_text(path.read_text().replace(
            "  west_bengal:\n", "  west_bengal:\n  - {name: Testnagar, source: a synthetic "
            "notification for this test, verified: false}\n"))
        r = c.post("/v1/ruleset/reload", headers={"Authorization": "Bearer test-admin-token"})
        assert r.status_code == 200, r.text
        assert c.post("/v1/eligibility", json=ask).status_code == 200
        listed = c.get("/v1/places/districts", params={"state": "west_bengal"}).json()["data"]
        added = next(d for d in listed if d["name"] == "Testnagar")
        assert added["verified"] is False and added["lgd_code"] is None
