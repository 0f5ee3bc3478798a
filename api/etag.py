"""ETag from the ruleset digest on the catalogue (/v1/entitlements, /v1/facts, /v1/places,
/v1/ruleset): a phone that already holds the answer sends If-None-Match and gets 304 with
no body.

The answer is still made first, so that access rules hold exactly as for a 200. The tag is
weak (gzip may change the bytes) and names India's date too: what is in force changes at
midnight there even when the rules do not.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIXES = ("/v1/entitlements", "/v1/facts", "/v1/places", "/v1/ruleset")


class RulesetETag:
    def __init__(self, app: ASGIApp, tag: Callable[[], str]) -> None:
        self.app, self.tag = app, tag

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or not scope["path"].startswith(PREFIXES)):
            await self.app(scope, receive, send)
            return
        etag = self.tag()
        asked = dict(scope["headers"]).get(b"if-none-match", b"").decode("latin-1")
        matched = etag in {t.strip() for t in asked.split(",")} or asked.strip() == "*"
        not_modified = False

        async def tagged(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-length"] if matched else \
                    list(message.get("headers", []))
                headers.append((b"etag", etag.encode()))
                if matched:
                    not_modified = True
                    message = {**message, "status": 304, "headers": headers}
                else:
                    message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and not_modified:
                if message.get("more_body", False):
                    return  # the body is dropped
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app(scope, receive, tagged)


def ruleset_tag(digest: str, today: str) -> str:
    return f'W/"{digest.removeprefix("sha256:")[:32]}-{today}"'
