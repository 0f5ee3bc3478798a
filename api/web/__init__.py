"""The web app: pages for caseworkers and programme staff, served by the same service.

Server-rendered (Jinja2) pages that work without JavaScript; htmx, served from this
machine like every other file the pages load, swaps the screener's panel where it helps.
``install`` adds the pages, their static files and their error pages to the app.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.settings import Settings
from api.web import cases, guard, programme, rules, screener, session, signin

STATIC = "/static/web"
# The paths the pages (and their files) are served at: they get the pages' security policy.
PREFIXES = ("/", "/screenings", "/cases", "/programme", "/rules", "/sign-in", "/sign-out",
            STATIC)


def install(app: FastAPI, settings: Settings) -> None:
    app.state.web_signer = session.signer(settings)
    for module in (screener, signin, cases, programme, rules):
        app.include_router(module.router)
    for exc, handler in guard.HANDLERS.items():
        app.add_exception_handler(exc, handler)  # type: ignore[arg-type]
    app.mount(STATIC, StaticFiles(directory=Path(__file__).resolve().parent / "static"),
              name="web-static")
