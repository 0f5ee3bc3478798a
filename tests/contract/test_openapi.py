"""The published contract: openapi.yaml is what the app serves, and the app keeps to it.

schemathesis runs in-process against the app with every check, positive and negative data:
first without a key (screenings, claims and reports then answer 401, as documented), then
with a caseworker's key on those endpoints, so that their real answers are checked too.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from api.openapi import render
from api.settings import Settings
from service.store import keys
from tests.conftest import ROOT, RULES
from tests.contract import st_hooks  # noqa: F401  (its hooks: fresh keys, listed districts)

# DATABASE_URL: a scratch file (tests/conftest.py). The fuzzer is one client that sends many
# wrong keys on purpose; after 20 the key back-off would answer 429 where the check for a
# wrong key expects 401 or 403, sooner or later depending on how fast the machine is. So the
# limits are lifted here, as for the CLI run's server (tests/api/test_throttle.py tests them).
APP = create_app(Settings(rules_dir=RULES, rate_per_client=0, rate_per_key=0,
                          key_failures_free=1_000_000))
SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
SCHEMA.app = APP
KEYED = SCHEMA.include(path_regex=r"^/v1/(screenings|claims|reports)")


def test_openapi_yaml_is_up_to_date() -> None:
    on_disk = (ROOT / "openapi.yaml").read_text()
    assert yaml.safe_load(on_disk) == yaml.safe_load(render(APP.openapi())), (
        "openapi.yaml is out of date: run `make openapi`")


@SCHEMA.parametrize()
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate()


@pytest.fixture(scope="module")
def caseworker() -> dict[str, str]:
    with APP.state.db.session() as session:
        key = keys.create(session, org="contract", role="caseworker", label="schemathesis",
                          now=dt.datetime.now(dt.UTC)).key
    return {"Authorization": f"Bearer {key}"}


@KEYED.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_keyed_endpoints_keep_their_contract(case: schemathesis.Case,
                                             caseworker: dict[str, str]) -> None:
    # Data the schema allows may still be refused for what it means, with a documented 422:
    # an unknown entitlement, a case reference without a digit (it could be a name), a note
    # with a phone number, an event before the last one.
    case.call_and_validate(headers=caseworker, excluded_checks=[positive_data_acceptance])
