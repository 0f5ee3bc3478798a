"""``/sign-in`` and ``/sign-out``: an API key checked once (the API's own check), then a
session cookie (``api.web.session``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from api.auth import lookup
from api.web import guard, session
from api.web.pages import PageDep

router = APIRouter(include_in_schema=False)
FormDep = Annotated[FormData, Depends(guard.checked_form)]


@router.get("/sign-in")
def sign_in_page(page: PageDep) -> Response:
    return page.render("sign_in.html", refused=False)


@router.post("/sign-in")
def sign_in(page: PageDep, form: FormDep) -> Response:
    key = form.get("key")
    principal = lookup(page.request, key.strip()) if isinstance(key, str) and key else None
    if principal is None:
        return page.render("sign_in.html", status=401, refused=True)
    session.start(page.request, principal.key_id)
    target = "/programme" if principal.role == "analyst" else "/cases"
    return page.finish(RedirectResponse(target, status_code=303))


@router.post("/sign-out")
def sign_out(page: PageDep, form: FormDep) -> Response:
    session.end(page.request)
    return page.finish(RedirectResponse("/", status_code=303))
