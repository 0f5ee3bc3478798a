"""Requests answered by the app in this process, through its ASGI interface: no server, no
socket, no client. Started by ``bench/instructions.py --in-process`` under callgrind with
counting off; it turns counting on around the counted requests only.

    python bench/asgi_driver.py ROOT REQUESTS_FILE WARMUP COUNTED

ROOT is the checkout whose app answers (its code is imported, not this one's), REQUESTS_FILE
holds one JSON body a line. The rate limits are off: their trips to the database depend on
the clock, which callgrind slows fifty times. Nothing here is imported from the project
before ROOT is first on the path.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def main() -> int:
    root, requests, warmup, counted = (Path(sys.argv[1]), Path(sys.argv[2]),
                                       int(sys.argv[3]), int(sys.argv[4]))
    sys.path.insert(0, str(root))
    from api.app import create_app  # the code of ROOT, imported once it is on the path

    bodies = requests.read_bytes().splitlines()
    app = create_app()
    asyncio.run(_answer(app, bodies, warmup, counted))
    return 0


async def _answer(app: Any, bodies: list[bytes], warmup: int, counted: int) -> None:
    async with app.router.lifespan_context(app):
        for i in range(warmup):
            await _one(app, bodies[i % len(bodies)])
        _counting("on")
        for i in range(warmup, warmup + counted):
            await _one(app, bodies[i % len(bodies)])
        _counting("off")


def _counting(state: str) -> None:
    subprocess.run(["callgrind_control", f"--instr={state}", str(os.getpid())], check=True,
                   capture_output=True)


async def _one(app: Any, body: bytes) -> None:
    received = False

    async def receive() -> dict[str, Any]:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # no disconnect while the answer is written
        raise AssertionError("unreachable")

    status: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
             "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/v1/eligibility", "raw_path": b"/v1/eligibility", "query_string": b"",
             "root_path": "", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000),
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())],
             "state": {}}
    await app(scope, receive, send)
    if status != [200]:
        raise RuntimeError(f"the app answered {status}")


if __name__ == "__main__":
    sys.exit(main())
