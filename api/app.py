"""The app factory. Nothing is built at import: ``create_app`` reads settings (from the
environment only when given none), loads the rules, and refuses to start if they are invalid.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.routing import APIRoute

from api import errors, schemas
from api.holder import RulesetHolder
from api.middleware import BodyLimit, RulesetHeaders
from api.routers import eligibility, entitlements, facts, health, ruleset
from api.settings import Settings
from api.watch import watch_rules

DESCRIPTION = """What the law already owes a survivor of human trafficking in India: each
entitlement, how much, which documents, which office, and what to do next. Profiles carry
facts, never names, phone numbers, addresses or ID numbers."""


def _operation_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    holder = RulesetHolder(settings.rules_dir)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.watch_rules:
            yield
            return
        stop = asyncio.Event()
        task = asyncio.create_task(watch_rules(holder, stop, settings.watch_debounce_ms))
        try:
            yield
        finally:
            stop.set()
            await task

    app = FastAPI(title="adhikar", version="0.1.0", description=DESCRIPTION,
                  generate_unique_id_function=_operation_id, lifespan=lifespan)
    app.state.rules = holder
    app.state.settings = settings
    profile = schemas.profile_model(holder.current)
    app.include_router(eligibility.build(schemas.eligibility_request(holder.current, profile)))
    for module in (entitlements, facts, ruleset, health):
        app.include_router(module.router)
    errors.install(app)
    app.add_middleware(RulesetHeaders,
                       current=lambda: (holder.current.version, holder.current.digest))
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
