"""Print the app's OpenAPI contract as YAML: `make openapi` writes it to openapi.yaml."""

from __future__ import annotations

import sys
from typing import Any

import yaml

from api.app import create_app
from api.settings import Settings


def contract() -> dict[str, Any]:
    return create_app(Settings()).openapi()


def render(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    sys.stdout.write(render(contract()))
