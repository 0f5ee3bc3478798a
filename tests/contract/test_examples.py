"""The contract's examples of answers: each fits the schema of its answer (with the document's
own components), every answer that can have one has one, and they are what the service
answers today (api/examples/record.py records them again here)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from api.examples import responses
from api.examples.record import record
from tests.conftest import ROOT

SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text())
JSON = ("application/json", "application/problem+json")
NDJSON = "application/x-ndjson"
BINARY = ("application/pdf",)  # a binary answer has no example: it would not read as text
Answer = tuple[str, str, str, dict[str, Any]]


def _answers() -> Iterator[Answer]:
    for operations in SPEC["paths"].values():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                for media, body in answer.get("content", {}).items():
                    yield operation["operationId"], str(status), media, body


ANSWERS = list(_answers())


def _value(example: dict[str, Any]) -> Any:
    if "$ref" in example:
        name = example["$ref"].removeprefix("#/components/examples/")
        example = SPEC["components"]["examples"][name]
    return example["value"]


def _check(schema: dict[str, Any], value: Any) -> None:
    # The schema's $refs point into the document: validate with its components beside it.
    root = {**schema, "components": SPEC["components"]}
    Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(value)


@pytest.mark.parametrize(("operation", "status", "media", "body"), ANSWERS,
                         ids=[f"{o}-{s}-{m}" for o, s, m, _ in ANSWERS])
def test_each_example_fits_its_answer(operation: str, status: str, media: str,
                                      body: dict[str, Any]) -> None:
    if media in BINARY:
        assert "examples" not in body
        return
    assert body.get("examples"), f"{operation} {status} {media}: no example"
    schema = body.get("schema", {})
    for name, example in body["examples"].items():
        value = _value(example)
        if media in JSON:
            _check(schema, value)
        elif media == NDJSON:  # each line is one answer
            lines = value.splitlines()
            assert lines, name
            for line in lines:
                _check(schema, json.loads(line))
        else:
            assert isinstance(value, str) and value, name
            _check(schema, value)


def test_every_success_in_json_has_an_example() -> None:
    missing = [(o, s) for o, s, m, body in ANSWERS
               if s.startswith("2") and m in JSON and not body.get("examples")]
    assert not missing
    assert {o for o, s, _, _ in ANSWERS if s.startswith("2")} == {o for o, *_ in ANSWERS}


def test_the_problem_schema_has_a_valid_example() -> None:
    problem = SPEC["components"]["schemas"]["Problem"]
    assert problem["examples"]
    for value in problem["examples"]:
        _check({"$ref": "#/components/schemas/Problem"}, value)


def test_each_kind_of_problem_is_written_once_and_used() -> None:
    named = set(SPEC["components"]["examples"])
    used = {example["$ref"].removeprefix("#/components/examples/")
            for *_, body in ANSWERS for example in body.get("examples", {}).values()
            if "$ref" in example}
    assert used == named


def test_the_examples_are_what_the_service_answers_now() -> None:
    assert record() == responses(), (
        "api/examples/responses.json is out of date: run `make openapi`")
