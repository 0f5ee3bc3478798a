"""GET /v1/reports/funnel and its CSV: counts under 5 read "<5"."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import Keyring, store_settings


@pytest.fixture(scope="module")
def report_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Seven compensation claims in Purulia (all applied, three sanctioned) and five shelter
    claims, for "sanjog"; two compensation claims in Bankura for "elsewhere"."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'funnel.db'}"
    with TestClient(create_app(store_settings(url))) as client:
        _fill(client)
        yield client


def _fill(client: TestClient) -> None:
    keyring = Keyring(client.app)  # type: ignore[arg-type]
    client.keyring = keyring  # type: ignore[attr-defined]
    for n in range(7):
        claim = client.post("/v1/claims", headers=keyring("sanjog"), json={
            "case_ref": f"8100-{n}", "entitlement": "compensation", "district": "Purulia",
            "amount_claimed": 100000}).json()
        steps = ["documents_ready", "applied"] + (["sanctioned"] if n < 3 else [])
        for to in steps:
            client.post(f"/v1/claims/{claim['id']}/events", headers=keyring("sanjog"),
                        json={"to_status": to})
    for n in range(5):
        client.post("/v1/claims", headers=keyring("sanjog"), json={
            "case_ref": f"8200-{n}", "entitlement": "shelter", "district": "Purulia"})
    for n in range(2):
        client.post("/v1/claims", headers=keyring("elsewhere"), json={
            "case_ref": f"8300-{n}", "entitlement": "compensation", "district": "Bankura"})


def test_the_funnel_hides_small_counts(report_client: TestClient) -> None:
    keyring: Keyring = report_client.keyring  # type: ignore[attr-defined]
    r = report_client.get("/v1/reports/funnel", headers=keyring("sanjog"))
    assert r.status_code == 200
    body = r.json()
    rows = {row["entitlement"]: row for row in body["data"]}
    comp, shelter = rows["compensation"], rows["shelter"]
    assert (comp["identified"], shelter["identified"], body["total"]["identified"]) == (
        7, 5, 12)
    assert comp["office_name"] == "District Legal Services Authority"
    assert (comp["sanctioned"], comp["received"], body["total"]["sanctioned"]) == (
        "<5", "<5", "<5")
    assert shelter["applied"] == "<5" and shelter["amount_claimed"] == "<5"
    # 7 applied in all, shelter's 0 hidden: compensation's 7 must hide too, or 7 - 7 = 0
    assert (comp["applied"], body["total"]["applied"]) == ("<5", 7)
    # and the same for the amounts: shelter has none to show
    assert (comp["amount_claimed"], body["total"]["amount_claimed"]) == ("<5", 700000)


def test_analysts_see_every_organisation_and_filters_apply(report_client: TestClient) -> None:
    keyring: Keyring = report_client.keyring  # type: ignore[attr-defined]
    analyst = keyring("state", "analyst")
    body = report_client.get("/v1/reports/funnel", headers=analyst).json()
    assert body["total"]["identified"] == 14 and body["filters"]["organisation"] is None
    purulia = report_client.get("/v1/reports/funnel", params={"district": "purulia"},
                                headers=analyst).json()
    assert purulia["total"]["identified"] == 12
    none = report_client.get("/v1/reports/funnel", params={"from": "2001-01-01",
                                                           "to": "2001-12-31"},
                             headers=analyst).json()
    assert none["data"] == [] and none["total"]["identified"] == "<5"
    r = report_client.get("/v1/reports/funnel", params={"from": "2026-02-01",
                                                        "to": "2026-01-01"}, headers=analyst)
    assert r.status_code == 422


def test_the_same_report_as_csv(report_client: TestClient) -> None:
    keyring: Keyring = report_client.keyring  # type: ignore[attr-defined]
    me = keyring("sanjog")
    as_json = report_client.get("/v1/reports/funnel", headers=me).json()
    for r in (report_client.get("/v1/reports/funnel.csv", headers=me),
              report_client.get("/v1/reports/funnel", params={"format": "csv"}, headers=me)):
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert [row["entitlement"] for row in rows] == [
            *(x["entitlement"] for x in as_json["data"]), "TOTAL"]
        comp = next(row for row in rows if row["entitlement"] == "compensation")
        assert (comp["identified"], comp["received"]) == ("7", "<5")
        assert rows[-1]["identified"] == "12"


def test_the_funnel_needs_a_key(tmp_path: Path) -> None:
    with TestClient(create_app(store_settings(f"sqlite:///{tmp_path / 'a.db'}"))) as client:
        assert client.get("/v1/reports/funnel").status_code == 401
        assert client.get("/v1/reports/funnel.csv").status_code == 401
