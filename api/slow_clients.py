"""uvicorn's HTTP protocol with a time limit on sending a request's headers.

uvicorn closes a connection that stays idle between requests (``--timeout-keep-alive``), but
once the first byte of a request arrives it waits for the rest of the headers for ever, so a
client sending one byte every few seconds holds a connection (and a slot of the concurrency
limit) as long as it likes. Here the headers must be complete within ``timeout_headers``
seconds of the connection opening or of the last answer on it; otherwise the connection is
closed. (The body has its own limit: ``body_timeout_seconds``, answered 408.)

Used by ``python -m api.serve`` (``http="api.slow_clients:HeaderTimeoutProtocol"``); the
limit comes from ADHIKAR_TIMEOUT_HEADERS, which api.serve sets from its settings.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

ENV = "ADHIKAR_TIMEOUT_HEADERS"
DEFAULT_SECONDS = 10.0


class HeaderTimeoutProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout_headers = float(os.environ.get(ENV, DEFAULT_SECONDS))
        self._headers_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)  # its next request's headers are in already
        super().on_response_complete()
        if not pipelined and not self.transport.is_closing():
            self._arm()  # the next request's headers get the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._headers_timer = self.loop.call_later(self.timeout_headers, self._too_slow)

    def _disarm(self) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
            self._headers_timer = None

    def _too_slow(self) -> None:
        self._headers_timer = None
        if not self.transport.is_closing():
            self.transport.close()
