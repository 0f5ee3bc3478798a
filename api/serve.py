"""Run the service in production: ``python -m api.serve`` (what ``adhikar serve`` and the
image run). Everything comes from the environment (ADHIKAR_*), so that a container, a
Compose file and a Kubernetes Deployment configure it the same way."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time

import uvicorn
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess

from api import listener, protocol
from api.logconfig import LogFormat, log_config


class ServerSettings(BaseSettings):
    """No `server` header naming the software; idle connections closed after a few seconds,
    and connections whose headers are not all in within ``timeout_headers``;
    a limit on connections at once per worker, the rest answered 503 rather than queued; time
    for requests in flight on SIGTERM."""

    model_config = SettingsConfigDict(env_prefix="ADHIKAR_", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, description="processes; with more than one, set "
                         "PROMETHEUS_MULTIPROC_DIR so that /metrics adds them up")
    forwarded_allow_ips: str = Field(
        "127.0.0.1", description="addresses of the proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto are believed (comma-separated; '*' only inside a private network)")
    timeout_keep_alive: int = Field(5, ge=1, description="seconds an idle connection stays")
    timeout_headers: float = Field(10.0, gt=0, description="seconds to send a request's "
                                   "headers; a slower client's connection is closed")
    timeout_graceful_shutdown: int = Field(20, ge=1, description="seconds to finish requests "
                                           "in flight after SIGTERM")
    limit_concurrency: int | None = Field(
        200, ge=1, description="connections and requests at once per worker; more get 503")
    log_format: LogFormat = "text"
    log_level: str = "INFO"


class Supervisor(Multiprocess):
    """uvicorn's supervisor of worker processes, except that on SIGTERM it stops new
    connections on the shared listening socket and lets the workers empty its queue for a
    moment before it stops them (api/listener.py). Otherwise the connections the kernel
    queued in the instant the last worker closes the socket are reset, with the requests
    sent on them. Its own copy of the socket is closed too, so that the last worker's close
    really closes it and clients are refused from then on."""

    def terminate_all(self) -> None:
        if all([listener.refuse_new_connections(sock) for sock in self.sockets]):
            time.sleep(listener.SETTLE_SECONDS)  # the workers still accept meanwhile
        for sock in self.sockets:
            sock.close()
        super().terminate_all()


class Single(uvicorn.Server):
    """One process: the same stop as the supervisor's, before uvicorn closes the socket."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        listening = [sock for server in self.servers for sock in server.sockets]
        if all([listener.refuse_new_connections(sock) for sock in listening]):
            await asyncio.sleep(listener.SETTLE_SECONDS)  # still accepting meanwhile
        await super().shutdown(sockets)


def main() -> None:
    server = ServerSettings()
    # Read by api.protocol in every worker process (they inherit the environment).
    os.environ[protocol.ENV] = str(server.timeout_headers)
    config = uvicorn.Config(
        "api.app:create_app", factory=True, host=server.host, port=server.port,
        workers=server.workers, proxy_headers=True, server_header=False,
        http="api.protocol:ServiceProtocol",
        forwarded_allow_ips=server.forwarded_allow_ips,
        timeout_keep_alive=server.timeout_keep_alive,
        timeout_graceful_shutdown=server.timeout_graceful_shutdown,
        limit_concurrency=server.limit_concurrency,
        log_config=log_config(server.log_format, server.log_level.upper()))
    # What uvicorn.run does, with the supervisor above.
    if config.workers > 1:
        Supervisor(config, sockets=[config.bind_socket()]).run()
        return
    single = Single(config)
    single.run()
    if not single.started:
        sys.exit(STARTUP_FAILURE)


if __name__ == "__main__":
    main()
