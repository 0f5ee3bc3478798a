"""Run the service in production: ``python -m api.serve`` (what ``adhikar serve`` and the
image run). Everything comes from the environment (ADHIKAR_*), so that a container, a
Compose file and a Kubernetes Deployment configure it the same way."""

from __future__ import annotations

import os

import uvicorn
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from api import slow_clients
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


def main() -> None:
    server = ServerSettings()
    # Read by api.slow_clients in every worker process (they inherit the environment).
    os.environ[slow_clients.ENV] = str(server.timeout_headers)
    uvicorn.run("api.app:create_app", factory=True, host=server.host, port=server.port,
                workers=server.workers, proxy_headers=True, server_header=False,
                http="api.slow_clients:HeaderTimeoutProtocol",
                forwarded_allow_ips=server.forwarded_allow_ips,
                timeout_keep_alive=server.timeout_keep_alive,
                timeout_graceful_shutdown=server.timeout_graceful_shutdown,
                limit_concurrency=server.limit_concurrency,
                log_config=log_config(server.log_format, server.log_level.upper()))


if __name__ == "__main__":
    main()
