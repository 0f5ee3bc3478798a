"""A query parameter given twice (``?limit=5&limit=500``) is refused with 422: no parameter of
this API takes a list, and silently keeping the last value hides the client's mistake."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import ErrorItem, error_response


class SingleQueryValues:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            query = scope["query_string"].decode("latin-1")
            counts = Counter(k for k, _ in parse_qsl(query, keep_blank_values=True))
            repeated = sorted(k for k, n in counts.items() if n > 1)
            if repeated:
                items = [ErrorItem(loc=["query", k if k.isidentifier() else "<field>"],
                                   type="repeated", msg="given more than once; send it once")
                         for k in repeated]
                names = ", ".join(str(i.loc[-1]) for i in items)
                answer = error_response(422, "invalid_request",
                                        f"the request is not valid: {names}", items)
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)
