"""Headers every answer carries, whatever its status (2xx, 4xx, 500, and the 413 sent before
the app sees a body): no caching of case data, no MIME sniffing, no framing, a charset on
JSON, and no header that names the server software.

The app wraps its whole middleware stack in this (``api.app.App``), so that even the answer
Starlette's outermost error middleware sends for an unhandled exception passes through it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The API's own answers run no scripts; /docs runs Swagger UI's, served from this machine.
API_POLICY = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_POLICY = (b"default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' "
               b"'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
               b"frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
DOCS_PREFIXES = ("/docs", "/static/docs")
# The web app's pages (api/web): their own scripts and styles only, forms posting back here.
WEB_POLICY = (b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
              b"base-uri 'none'")
WEB_PREFIXES = ("/screenings", "/cases", "/programme", "/rules", "/sign-in", "/sign-out",
                "/static/web")
_DROPPED = {b"server", b"x-powered-by", b"cache-control", b"content-security-policy"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        policy = (DOCS_POLICY if path.startswith(DOCS_PREFIXES)
                  else WEB_POLICY if path == "/" or path.startswith(WEB_PREFIXES)
                  else API_POLICY)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": secure(message.get("headers", []), policy)}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def secure(headers: list[tuple[bytes, bytes]], policy: bytes) -> list[tuple[bytes, bytes]]:
    out = [(k, _with_charset(v) if k.lower() == b"content-type" else v)
           for k, v in headers if k.lower() not in _DROPPED]
    out += _ADDED[policy]
    return out


def _added(policy: bytes) -> list[tuple[bytes, bytes]]:
    return [
        # Answers carry case facts (a profile's answer, a screening, a claim): never kept by a
        # browser or a shared cache.
        (b"cache-control", b"no-store"),
        (b"pragma", b"no-cache"),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        (b"content-security-policy", policy),
    ]


_ADDED = {policy: _added(policy) for policy in (API_POLICY, DOCS_POLICY, WEB_POLICY)}


def _with_charset(value: bytes) -> bytes:
    kind = value.split(b";", 1)[0].strip().lower()
    if (kind == b"application/json" or kind.endswith(b"+json")) and b"charset" not in value:
        return kind + b"; charset=utf-8"
    return value
