"""Who may do what on the web pages: the API's role and organisation rules (``api.auth``),
a CSRF token on every form, and what a refusal looks like in a browser."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.auth import records_access
from api.errors import NotAllowed
from api.settings import Settings
from api.web import session
from api.web.pages import CrossSiteArrival, Page
from service.store.keys import Principal


class SignInNeeded(Exception):
    """The page needs a signed-in caseworker; the browser goes to the sign-in page."""


class Refused(Exception):
    """Signed in, but the key's role may not see this (an analyst asking for a case)."""


class CsrfRefused(Exception):
    """A form without this session's CSRF token: made by another site, or an old page."""


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matches the session's."""
    form = await request.form()
    token = form.get("csrf")
    if not session.read(request).csrf_ok(token if isinstance(token, str) else None):
        raise CsrfRefused
    return form


def signed_in(page: Page) -> Principal:
    if page.principal is None:
        raise SignInNeeded
    return page.principal


def records(page: Page) -> Principal:
    """A caseworker or an admin: the same check as /v1/screenings and /v1/claims."""
    try:
        return records_access(signed_in(page))
    except NotAllowed as exc:
        raise Refused from exc


def may_screen(page: Page) -> None:
    """The screener is open like /v1/eligibility, unless the service requires a key."""
    settings: Settings = page.request.app.state.settings
    if settings.require_key:
        signed_in(page)


def pairs(form: FormData) -> list[tuple[str, str]]:
    return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]


async def _sign_in_needed(request: Request, exc: SignInNeeded) -> Response:
    return RedirectResponse("/sign-in", status_code=303)


async def _csrf_refused(request: Request, exc: CsrfRefused) -> Response:
    return HTMLResponse("<!doctype html><title>Refused</title><p>This form is out of date or "
                        "came from another site. Go back, reload the page and try again.</p>",
                        status_code=403)


async def _refused(request: Request, exc: Refused) -> Response:
    return HTMLResponse("<!doctype html><title>Not allowed</title><p>This key's role may not "
                        'see this page.</p><p><a href="/">Back</a></p>', status_code=403)


async def _cross_site(request: Request, exc: CrossSiteArrival) -> Response:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = here.replace("&", "&amp;").replace('"', "&quot;")
    return HTMLResponse(f'<!doctype html><meta http-equiv="refresh" content="0;url={target}">'
                        f'<title>adhikar</title><p><a href="{target}">adhikar</a></p>')


HANDLERS = {SignInNeeded: _sign_in_needed, CsrfRefused: _csrf_refused, Refused: _refused,
            CrossSiteArrival: _cross_site}
