"""/docs and /openapi.json, served from this machine: Swagger UI's files come from the
``swagger-ui-bundle`` package, so opening the docs sends no request anywhere else. With
ADHIKAR_REQUIRE_KEY both need an API key, like everything else."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from api.auth import open_access

ASSETS = "/static/docs"


def install(app: FastAPI) -> None:
    router = APIRouter(include_in_schema=False, dependencies=[Depends(open_access)])

    @router.get("/openapi.json")
    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(request.app.openapi())

    @router.get("/docs")
    async def docs(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="adhikar",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
            # Swagger UI would otherwise fetch a validity badge from its validator's site.
            swagger_ui_parameters={"validatorUrl": None})

    app.include_router(router)
    # The assets are Swagger UI's own public files: no key, nothing about a case.
    app.mount(ASSETS, StaticFiles(directory=Path(swagger_ui_path)), name="docs-assets")
