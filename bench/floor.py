"""The floor for the HTTP figures: a minimal FastAPI app on the same machine and client.

It does what any eligibility service must do and nothing more: parse a profile-sized JSON
body with pydantic, and send back a 2 KB JSON answer. ``bench/run.py`` starts it with
``uvicorn bench.floor:create_app --factory`` and reports the service's throughput beside it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from fastapi import FastAPI, Response
from pydantic import BaseModel, ConfigDict

ANSWER_BYTES = 2048


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    profile: dict[str, bool | int | str | list[str] | None]
    as_of: dt.date | None = None
    detail: str = "full"


def create_app() -> FastAPI:
    app = FastAPI()
    results: list[dict[str, Any]] = []
    while len(orjson.dumps(results)) < ANSWER_BYTES - 60:  # the rest: as_of and facts
        results.append({"entitlement": f"entitlement-{len(results):02d}",
                        "status": "needs_info", "missing": ["gender", "state"]})

    @app.get("/readyz")
    async def ready() -> dict[str, str]:
        return {"status": "ready"}

    @app.post("/v1/eligibility")
    async def answer(body: Body) -> Response:
        out = {"as_of": body.as_of, "facts": len(body.profile), "results": results}
        return Response(orjson.dumps(out), media_type="application/json")

    return app
