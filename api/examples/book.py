"""Where recorded answers are kept, as the contract shows them.

``answers``: by operation id, status, media type and name, each an OpenAPI Example Object
(``summary`` and ``value``). The operation id ``*`` holds what any operation may answer with
a status (401, 413, 422, 429, 500, 503, ...); an operation's own entry for a status wins.

``problems``: each kind of problem once, by its code, for the contract's
``components/examples``; an answer that is a problem refers to it there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import time_machine

from api.examples.tidy import KEEP, KEEP_INSIDE, Tidy

STEP = dt.timedelta(minutes=1)  # between two requests: a caseworker at work
JSON = ("application/json", "application/problem+json")
NDJSON = "application/x-ndjson"
PROBLEM = "application/problem+json"
CUT = f"; lists of objects cut to their first {KEEP} items, or {KEEP_INSIDE} further in"


class Book:
    def __init__(self, clock: time_machine.Traveller) -> None:
        self.answers: dict[str, Any] = {}
        self.problems: dict[str, Any] = {}
        self._clock = clock
        self._tidy = Tidy()

    @property
    def pages(self) -> dict[str, Any]:
        return {"answers": self.answers, "problems": dict(sorted(self.problems.items()))}

    def tick(self) -> None:
        """The next request comes a minute later."""
        self._clock.shift(STEP)

    def add(self, operation: str, status: int, name: str, summary: str,
            response: httpx.Response, excerpt: Callable[[str], str] | None = None) -> None:
        """Keep ``response`` under ``name``; it must have ``status``."""
        media, value = self._read(operation, status, response, excerpt)
        if self._tidy.cut:
            summary += CUT
        self._place(operation, status, media)[name] = {"summary": summary, "value": value}

    def problem(self, operation: str, status: int, summary: str,
                response: httpx.Response) -> None:
        """Keep a problem under its code, once; the operation's answer refers to it."""
        media, value = self._read(operation, status, response, None)
        if media != PROBLEM:
            raise AssertionError(f"{operation}: {media}, not a problem")
        code = value["code"]
        self.problems.setdefault(code, {"summary": summary, "value": value})
        self._place(operation, status, media)[code] = {"$ref": f"#/components/examples/{code}"}

    def _read(self, operation: str, status: int, response: httpx.Response,
              excerpt: Callable[[str], str] | None) -> tuple[str, Any]:
        if response.status_code != status:
            raise AssertionError(f"{operation}: {response.status_code}, not {status}: "
                                 f"{response.text[:2000]}")
        media = response.headers["content-type"].split(";")[0].strip()
        self._tidy.cut = False
        if media in JSON:
            return media, self._tidy.json(response.json())
        if media == NDJSON:
            return media, self._tidy.lines(response.text)
        return media, self._tidy.text(excerpt(response.text) if excerpt else response.text)

    def _place(self, operation: str, status: int, media: str) -> dict[str, Any]:
        by_status = self.answers.setdefault(operation, {}).setdefault(str(status), {})
        found: dict[str, Any] = by_status.setdefault(media, {})
        return found
