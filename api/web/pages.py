"""Rendering a page: the templates, and what every page knows (its language, the signed-in
caseworker, the CSRF token of its forms)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import get_holder
from api.holder import RulesetHolder
from api.web import language, session, shown
from service.engine.parts import PartsCache
from service.rules.ruleset import Ruleset
from service.store import privacy
from service.store.keys import Principal
from service.text.words import Words, words_for

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    # the browser checks a case reference as the service will (an HTML pattern is anchored)
    env.globals["case_ref_pattern"] = privacy.CASE_REF_PATTERN.strip("^$")
    env.globals["district_pattern"] = privacy.DISTRICT_PATTERN.strip("^$")
    return env


class CrossSiteArrival(Exception):
    """A page reached from a link on another site: the browser held back the SameSite=Strict
    cookie, so the page is asked for again from here (a refresh), where it sends it. Answering
    at once would start a new session, and sign her out."""


@dataclass(frozen=True, slots=True)
class Page:
    """What a page's handler needs besides its own data."""

    request: Request
    rules: Ruleset
    parts: PartsCache  # the answer parts the service shares (``Serving.parts``)
    words: Words
    lang: str  # the language asked for (the switcher's mark); words.language is the one used
    web: session.WebSession
    principal: Principal | None

    def render(self, template: str, status: int = 200, **data: Any) -> HTMLResponse:
        html = environment().get_template(template).render(
            w=self.words, lang=self.lang, languages=language.offered(self.rules),
            csrf=self.web.csrf, principal=self.principal, path=self.request.url.path,
            ruleset=self.rules, shown=shown, **data)
        response = HTMLResponse(html, status_code=status,
                                headers={"Content-Language": self.words.language})
        self.finish(response)
        return response

    def finish(self, response: Response) -> Response:
        """The cookies a response carries: a new session, the switcher's language."""
        asked = language.asked_in_query(self.request, self.rules)
        if asked is not None and asked != self.request.cookies.get(language.COOKIE):
            response.set_cookie(language.COOKIE, asked, max_age=365 * 24 * 3600,
                                httponly=True, samesite="strict",
                                secure=self.request.url.scheme == "https")
        session.send(self.request, response)
        return response

    def error(self, status: int, message: str) -> HTMLResponse:
        return self.render("error.html", status=status, message=message)


def get_page(request: Request, holder: Annotated[RulesetHolder, Depends(get_holder)]) -> Page:
    if (request.method == "GET" and session.COOKIE not in request.cookies
            and request.headers.get("sec-fetch-site") == "cross-site"):
        raise CrossSiteArrival
    web = session.read(request)
    serving = holder.serving
    rules = serving.rules
    lang = language.chosen(request, rules)
    return Page(request, rules, serving.parts, words_for(rules, lang), lang, web,
                session.principal(request, web))


PageDep = Annotated[Page, Depends(get_page)]
