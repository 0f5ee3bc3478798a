"""Shared fixtures: the bundled rules and an app over them. Nothing reads the environment.

Every app a test makes keeps its screenings and claims in a throwaway SQLite file: the
session points DATABASE_URL there, so that no test touches data/adhikar.db or a database
named in the developer's own environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api.app import create_app
from api.settings import Settings
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
_SCRATCH = Path(tempfile.mkdtemp(prefix="adhikar-tests-"))


# No deadlines anywhere: a busy CI machine is slow, not wrong. On CI (CI=true) the draws are
# also derandomized, so that a run's outcome does not depend on the seed.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


def pytest_configure(config: pytest.Config) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{_SCRATCH / 'default.db'}"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SCRATCH, ignore_errors=True)


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset(RULES)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(rules_dir=RULES, max_body_bytes=64 * 1024,
                    database_url=f"sqlite:///{_SCRATCH / 'session.db'}")


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


# Whole folders that `make test-fast` leaves out: the contract fuzzing (schemathesis) and the
# oracle (a second rules engine in a child process).
SLOW_FOLDERS = ("contract", "oracle")
# And single files and tests that take seconds each (measured with --durations): Hypothesis
# properties and state machines, whole-ruleset reloads, child processes, a Dask cluster.
# `make test` runs them all.
SLOW_TESTS = (
    "tests/service/expr/test_properties.py",
    "tests/api/test_reload.py",
    "tests/api/test_districts.py::test_a_reload_picks_up_a_district_added_by_hand",
    "tests/api/test_claims_api.py::test_random_moves_never_break_the_lifecycle",
    "tests/api/test_eligibility_batch.py::test_a_thousand_items_fit",
    "tests/batch/test_cluster.py",
    "tests/batch/test_files.py::test_two_processes_write_the_same_rows_in_order",
    "tests/batch/test_files.py::test_the_command_writes_a_wide_table",
    "tests/batch/test_files.py::test_parquet_with_gaps_reads_as_the_json_lines_do",
    "tests/batch/test_files.py::test_csv_cells_read_as_facts",
    "tests/compensation/test_cli.py",
    "tests/cli/test_commands.py::test_the_console_script_is_installed",
    "tests/cli/test_commands.py::test_the_catalogue_covers_every_entitlement_and_need",
    "tests/cli/test_progress.py",
    "tests/cli/test_lint.py::test_every_figure_of_the_bundled_rules_is_a_parameter",
    "tests/web/test_pages.py::test_no_form_the_screener_receives_gives_an_error_page",
    "tests/web/test_browser.py",
    "tests/api/test_workers.py",
    "tests/api/test_listener.py",
    "tests/expr/test_codegen.py::test_many_conditions_in_one_function_agree_in_order",
    "tests/text/test_catalogues.py::test_a_translation_is_served_and_a_stale_one_is_not",
    "tests/text/test_catalogues.py::test_lint_names_stale_translations_and_counts_the_missing",
    "tests/api/test_throttle.py::test_a_body_sent_too_slowly_is_408",
    "tests/api/test_degraded.py::test_readyz_does_not_wait_for_a_database_that_holds_every_query",
    "tests/web/test_cases.py",
    "tests/service/rules/test_places.py::test_the_command_writes_the_list_from_an_lgd_csv",
    "tests/compensation/test_brief.py::test_the_cli_prints_the_brief_and_writes_the_pdf",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # A test that starts a real server is left out of `make test-fast` too.
        if "server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)
        if (Path(str(item.fspath)).relative_to(ROOT / "tests").parts[0] in SLOW_FOLDERS
                or item.nodeid.startswith(SLOW_TESTS)):
            item.add_marker(pytest.mark.slow)
