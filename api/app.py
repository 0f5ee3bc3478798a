"""The app factory. Nothing is built at import: ``create_app`` reads settings (from the
environment only when given none), loads the rules, and refuses to start if they are invalid.
The database engine is made here and opened (and migrated) at start-up; if it does not
answer, eligibility still serves and the storage endpoints answer 503 until it does.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.telemetry import TelemetryConfig
from starlette.types import ASGIApp

from api import contract, errors, idempotency, schemas
from api.arenas import limit_arenas
from api.audit import CASE_DATA, AuditTrail
from api.auth import KeyCache, open_access
from api.holder import RulesetHolder
from api.lane import EligibilityLane
from api.logs import hide_query_strings
from api.metrics import Metrics
from api.middleware import BodyLimit, InFlightLimit, RulesetHeaders
from api.pool import EvaluationPool, Protected
from api.query import single_query_values
from api.rollout import Follower
from api.routers import (
    OPEN,
    audit,
    cases,
    claims,
    compensation,
    docs,
    eligibility,
    entitlements,
    facts,
    health,
    operations,
    places,
    problems,
    reports,
    ruleset,
    screenings,
)
from api.security_headers import SecurityHeaders
from api.settings import Settings
from api.tags import EVERYWHERE, LIMITED, TAGS
from api.throttle import Throttle
from api.watch import watch_rules
from api.web import install as install_web
from api.wiring import add_operations
from service import memory
from service.dates import india_today
from service.store.database import Database

DESCRIPTION = """What the law already owes a survivor of human trafficking in India: each
entitlement, how much, which documents, which office, and what to do next. Profiles carry
facts, never names, phone numbers, addresses or ID numbers.

Screenings, claims and the funnel report keep a record of each case until the money or
service is received; they need an API key (`Authorization: Bearer <key>` or `X-API-Key`),
and show a caseworker only her organisation's records."""


# FastAPI reports to OpenTelemetry as soon as anything in the process sets a global provider:
# spans with client addresses and paths, and records of exceptions with their messages, sent
# to a collector no one here has checked for case data. What the service reports is its own
# metrics and JSON logs (docs/deploy.md), so this is off; looking for a provider also took
# every request 5 µs.
NO_OPENTELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def _operation_id(route: APIRoute) -> str:
    # Readable in a generated client: check_eligibility -> checkEligibility.
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


class App(FastAPI):
    """FastAPI with the security headers outside everything, its error middleware included,
    so that a 500 carries them too; and the contract finished by api/contract.py."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())

    def openapi(self) -> dict[str, Any]:
        # Built once, then cached by FastAPI; the problem shape and named enums added here.
        if self.openapi_schema is None:
            self.openapi_schema = contract.refine(super().openapi(),
                                                  contract.enums(self.state.rules.current))
        return self.openapi_schema


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    holder = RulesetHolder(settings.rules_dir)
    db = Database(settings.database_url, migrate=settings.migrate_on_start)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limit_arenas()  # before the worker's threads start
        # A database that does not answer leaves eligibility serving: /readyz says why.
        await anyio.to_thread.run_sync(db.open)
        memory.settle()
        stop = asyncio.Event()
        task = (asyncio.create_task(watch_rules(holder, stop, settings.watch_debounce_ms))
                if settings.watch_rules else None)
        # Every worker follows a reload made on any of them (api/rollout.py).
        follower = asyncio.create_task(app.state.follower.run(stop))
        try:
            yield
        finally:
            stop.set()
            if task is not None:
                await task
            await follower
            db.dispose()

    # /docs and /openapi.json are routes of their own (api.routers.docs): local assets, and
    # behind the key when the service requires one.
    app = App(title="adhikar", version="0.1.0", description=DESCRIPTION,
              generate_unique_id_function=_operation_id, openapi_tags=TAGS,
              responses=EVERYWHERE, lifespan=lifespan, telemetry=NO_OPENTELEMETRY,
              docs_url=None, redoc_url=None, openapi_url=None,
              dependencies=[Depends(single_query_values)])
    app.state.rules = holder
    app.state.settings = settings
    app.state.db = db
    app.state.keys = KeyCache()
    app.state.pool = EvaluationPool.from_settings(settings)
    app.state.follower = Follower(holder, db, settings.ruleset_poll_seconds)
    profile = schemas.profile_model(holder.current)
    keyed = [Depends(open_access)]  # when ADHIKAR_REQUIRE_KEY is set
    open_v1 = OPEN | LIMITED  # /v1 is rate limited (api/throttle.py)
    asked = schemas.eligibility_request(holder.current, profile)
    checking = eligibility.build(asked)
    app.include_router(checking, dependencies=keyed, responses=open_v1)
    app.include_router(compensation.build(compensation.request_model(holder.current, profile)),
                       dependencies=keyed, responses=open_v1)
    app.include_router(places.build(holder.current.facts["state"].values),
                       dependencies=keyed, responses=open_v1)
    for module in (entitlements, facts):
        app.include_router(module.router, dependencies=keyed, responses=open_v1)
    for module in (ruleset, claims, reports, audit, cases):
        app.include_router(module.router, responses=LIMITED)
    for module in (health, problems):
        app.include_router(module.router)
    app.state.metrics = Metrics(holder, db, india_today)
    app.include_router(operations.router, dependencies=keyed)
    app.include_router(screenings.build(schemas.screening_create(holder.current, profile)),
                       responses=LIMITED)
    docs.install(app)
    install_web(app, settings)  # the pages at /, /cases, /programme, /rules
    errors.install(app)
    idempotency.install(app)
    # Innermost: eligibility answers (brief and full) without FastAPI's request handling.
    app.add_middleware(EligibilityLane, request_model=asked,
                       route=eligibility.route_of(checking),
                       holder=holder, settings=settings, pool=app.state.pool,
                       metrics=app.state.metrics)
    app.add_middleware(RulesetHeaders,
                       current=lambda: (holder.current.version, holder.current.digest))
    app.add_middleware(AuditTrail, db=db)  # every read and write of case data
    app.add_middleware(Protected, pool=app.state.pool, paths=CASE_DATA)  # before evaluations
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes,
                       paths={eligibility.BATCH_PATH: settings.max_batch_body_bytes},
                       timeout=settings.body_timeout_seconds)
    app.add_middleware(Throttle, db=db, settings=settings)  # refused before the body is read
    add_operations(app, settings, holder, app.state.metrics)
    app.add_middleware(InFlightLimit, limit=settings.max_in_flight)  # outermost
    hide_query_strings()
    return app
