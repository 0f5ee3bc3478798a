"""The web app's session: one cookie, signed with itsdangerous, holding a random session id,
the CSRF token of its forms and, once signed in, the id of the API key used (never the key).

Every request with a signed-in session reads the key's row again: a revoked key ends the
session at once, and the role and organisation are the key's as they stand. The cookie is
HttpOnly, SameSite=Strict, Secure over HTTPS, and ends after ``MAX_AGE`` seconds.

Why signed, not kept in the database: nothing is stored that a table and a migration would
have to clean up, and sign-in needs no write. The cost: signing out removes the cookie from
the browser, but a copy taken before stays valid until it expires (``MAX_AGE``); revoking
the key ends every session made with it.
"""

from __future__ import annotations

import hmac
import secrets
import typing
from dataclasses import dataclass, replace

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from api.settings import Settings
from service.store.database import Database
from service.store.keys import Principal, Role
from service.store.tables import ApiKey

COOKIE = "adhikar_session"
MAX_AGE = 8 * 60 * 60  # a working day
_SALT = "adhikar-web-session"


@dataclass(frozen=True, slots=True)
class WebSession:
    sid: str
    csrf: str
    key_id: str | None = None  # None: not signed in
    fresh: bool = False  # made on this request: the cookie must be sent

    @classmethod
    def new(cls, key_id: str | None = None) -> WebSession:
        return cls(secrets.token_urlsafe(16), secrets.token_urlsafe(24), key_id, fresh=True)

    def csrf_ok(self, sent: str | None) -> bool:
        return sent is not None and hmac.compare_digest(sent.encode(), self.csrf.encode())


def signer(settings: Settings) -> URLSafeTimedSerializer:
    secret = (settings.web_secret.get_secret_value() if settings.web_secret
              else secrets.token_urlsafe(32))
    return URLSafeTimedSerializer(secret, salt=_SALT)


def read(request: Request) -> WebSession:
    """The request's session; a new anonymous one when it has none or a bad or old one."""
    found: WebSession | None = getattr(request.state, "web_session", None)
    if found is not None:
        return found
    raw = request.cookies.get(COOKIE)
    session: WebSession | None = None
    if raw:
        try:
            data = request.app.state.web_signer.loads(raw, max_age=MAX_AGE)
            session = WebSession(str(data["s"]), str(data["c"]), data.get("k"))
        except (BadSignature, KeyError, TypeError):
            session = None
    session = session or WebSession.new()
    request.state.web_session = session
    return session


def start(request: Request, key_id: str) -> WebSession:
    """Sign in: a new session (new id, new CSRF token) for the key."""
    session = WebSession.new(key_id)
    request.state.web_session = session
    return session


def end(request: Request) -> WebSession:
    session = WebSession.new()
    request.state.web_session = session
    return session


def principal(request: Request, session: WebSession) -> Principal | None:
    """Who the session is signed in as, read from the key's row now; None when it is not
    signed in or the key is gone or revoked."""
    if session.key_id is None:
        return None
    db: Database = request.app.state.db
    with db.session() as s:
        row = s.get(ApiKey, session.key_id)
    if row is None or row.revoked_at is not None:
        return None
    return Principal(row.id, row.org, typing.cast(Role, row.role))


def send(request: Request, response: Response) -> Response:
    """Put the session's cookie on ``response`` when it is new."""
    session: WebSession | None = getattr(request.state, "web_session", None)
    if session is not None and session.fresh:
        value = request.app.state.web_signer.dumps(
            {"s": session.sid, "c": session.csrf, "k": session.key_id})
        response.set_cookie(COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        request.state.web_session = replace(session, fresh=False)
    return response
