"""The finishing touches FastAPI does not make on the published contract.

- Every error answer is documented as ``application/problem+json`` with the one ``Problem``
  schema, in place of FastAPI's ``HTTPValidationError``.
- Each closed list of words (a claim's status, a domain, ...) is one named component that
  every use refers to, so that a generated client has one type for it, not one per field.
- Each request body carries an example, and each answer the examples the service gave
  (api/examples): recorded by calling it, never written by hand. A binary answer (the PDF
  brief) has none. Each kind of problem is one of ``components/examples``, which the answers
  refer to; the Problem schema carries one too, for the errors no example shows.
- A query or header parameter is a string or absent, never null: FastAPI's ``anyOf`` with
  ``null`` for an optional one is cut to its other branch, so that a client (or schemathesis)
  does not send the word "null" as a value the service refuses.
"""

from __future__ import annotations

import copy
import typing
from typing import Any

from api import examples
from service.compensation.result import RouteStatus
from service.rules.model.base import ClaimStep, Domain, Period, Status
from service.rules.ruleset import Ruleset
from service.store.keys import Role
from service.store.lifecycle import ClaimStatus

PROBLEM = {"$ref": "#/components/schemas/Problem"}
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")
_ENUM_KEYS = ("type", "enum")


def enums(ruleset: Ruleset) -> dict[str, tuple[str, ...]]:
    """The named lists of words, each from where it is defined."""
    named: dict[str, Any] = {
        "ClaimStatus": ClaimStatus, "ClaimStep": ClaimStep, "Domain": Domain,
        "EligibilityStatus": Status, "RouteStatus": RouteStatus, "Period": Period,
        "Role": Role}
    words = {name: typing.get_args(kind) for name, kind in named.items()}
    words["DocumentId"] = tuple(ruleset.documents)
    return words


def refine(spec: dict[str, Any], words: dict[str, tuple[str, ...]],
           recorded: dict[str, Any] | None = None) -> dict[str, Any]:
    recorded = examples.responses() if recorded is None else recorded
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    by_values = {values: name for name, values in words.items()}
    for name in list(schemas):
        if name not in words:
            schemas[name] = _name_enums(schemas[name], by_values)
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            _problems(operation)
            for parameter in operation.get("parameters", []):
                parameter["schema"] = _not_null(parameter.get("schema", {}))
            operation = operations[method] = _name_enums(operation, by_values)
            example = examples.REQUESTS.get(operation.get("operationId", ""))
            content = operation.get("requestBody", {}).get("content", {})
            if example is not None and "application/json" in content:
                content["application/json"]["example"] = example
            _answers(operation, recorded)
    for name, values in words.items():
        schemas[name] = {"type": "string", "enum": list(values), "title": name}
    for name in _FASTAPI_ERRORS:
        schemas.pop(name, None)
    if "Problem" in schemas:
        schemas["Problem"]["examples"] = [_invalid_request(recorded)]
    spec["components"]["examples"] = copy.deepcopy(recorded["problems"])
    spec["components"]["schemas"] = dict(sorted(schemas.items()))
    return spec


def _problems(operation: dict[str, Any]) -> None:
    for status, answer in operation.get("responses", {}).items():
        if str(status)[0] in "45":
            answer["content"] = {"application/problem+json": {"schema": PROBLEM}}
            if str(status) == "503":
                # The server's own concurrency limit answers before the app, in plain text.
                answer["content"]["text/plain"] = {"schema": {"type": "string"}}


def _answers(operation: dict[str, Any], recorded: dict[str, Any]) -> None:
    for status, answer in operation.get("responses", {}).items():
        for media, body in answer.get("content", {}).items():
            found = examples.for_response(recorded, operation.get("operationId", ""),
                                          str(status), media)
            if found is not None:
                body["examples"] = found


def _invalid_request(recorded: dict[str, Any]) -> Any:
    return copy.deepcopy(recorded["problems"]["invalid_request"]["value"])


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    branches = schema.get("anyOf")
    if not isinstance(branches, list):
        return schema
    kept = [branch for branch in branches if branch != {"type": "null"}]
    if len(kept) != 1 or len(kept) == len(branches):
        return schema
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**kept[0], **rest}


def _name_enums(node: Any, by_values: dict[tuple[str, ...], str]) -> Any:
    if isinstance(node, list):
        return [_name_enums(item, by_values) for item in node]
    if not isinstance(node, dict):
        return node
    values = node.get("enum")
    if isinstance(values, list) and (name := by_values.get(tuple(values))) is not None:
        rest = {k: v for k, v in node.items() if k not in _ENUM_KEYS}
        return {"$ref": f"#/components/schemas/{name}", **rest}
    return {key: _name_enums(value, by_values) for key, value in node.items()}
