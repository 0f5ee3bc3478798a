"""uvicorn's HTTP protocol with a time limit on sending a request's headers, and a drain on
SIGTERM that resets no request.

uvicorn closes a connection that stays idle between requests (``--timeout-keep-alive``), but
once the first byte of a request arrives it waits for the rest of the headers for ever, so a
client sending one byte every few seconds holds a connection (and a slot of the concurrency
limit) as long as it likes. Here the headers must be complete within ``timeout_headers``
seconds of the connection opening or of the last answer on it; otherwise the connection is
closed. (The body has its own limit: ``body_timeout_seconds``, answered 408.)

On SIGTERM uvicorn stops accepting connections and closes the idle ones at once, so a
request that a keep-alive client sends at that moment is lost (the client reads a reset).
Here an idle connection stays open for ``DRAIN_SECONDS``: a request that arrives then is
answered, with ``Connection: close``, and the connection is closed after it; requests in
flight are answered with ``Connection: close`` too (uvicorn's own behaviour).

Used by ``python -m api.serve`` (``http="api.protocol:ServiceProtocol"``); the limit comes
from ADHIKAR_TIMEOUT_HEADERS, which api.serve sets from its settings.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

ENV = "ADHIKAR_TIMEOUT_HEADERS"
DEFAULT_SECONDS = 10.0
DRAIN_SECONDS = 1.0


class ServiceProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout_headers = float(os.environ.get(ENV, DEFAULT_SECONDS))
        self._headers_timer: asyncio.TimerHandle | None = None
        self._draining = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()
        if self._draining and self.cycle is not None:
            self.cycle.keep_alive = False  # answered, then closed

    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            # Idle, as far as we know: its client may be sending a request this instant.
            self._draining = True
            self._disarm()
            self.loop.call_later(DRAIN_SECONDS, self._close_if_idle)
        else:
            super().shutdown()  # in flight: answered with Connection: close

    def _close_if_idle(self) -> None:
        idle = self.cycle is None or self.cycle.response_complete
        if idle and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        pipelined = bool(self.pipeline)  # its next request's headers are in already
        super().on_response_complete()
        if not pipelined and not self._draining and not self.transport.is_closing():
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
