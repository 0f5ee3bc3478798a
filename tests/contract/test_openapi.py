"""The published contract: openapi.yaml is what the app serves, and the app keeps to it.

schemathesis runs in-process against the app with every check, positive and negative data.
"""

from __future__ import annotations

import schemathesis
import yaml
from hypothesis import HealthCheck, settings

from api.app import create_app
from api.openapi import render
from api.settings import Settings
from tests.conftest import ROOT, RULES

APP = create_app(Settings(rules_dir=RULES))
SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
SCHEMA.app = APP


def test_openapi_yaml_is_up_to_date() -> None:
    on_disk = (ROOT / "openapi.yaml").read_text()
    assert yaml.safe_load(on_disk) == yaml.safe_load(render(APP.openapi())), (
        "openapi.yaml is out of date: run `make openapi`")


@SCHEMA.parametrize()
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate()
