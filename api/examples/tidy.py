"""Answers recorded from the service, made fit for the contract: the same on every run, and
short.

- Ids the service draws at random (records, keys, request ids) become fixed ones, the same
  id wherever it appears, in the order first seen, so that a claim's id in its history and
  in a later answer still match.
- The rules' digest becomes a fixed one: an edit of a rule file that changes no example
  leaves the examples as they are.
- A list of objects keeps its first two items at the top of an answer (the results, a
  claim's history), its first one further in: a full eligibility answer is over 100 kB.
  Lists of words and numbers (a field's location, the moves allowed) stay whole.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Any

KEEP = 2  # items of a list of objects at the top of an answer, and lines of NDJSON
KEEP_INSIDE = 1  # further in
DIGEST = "sha256:" + hashlib.sha256(b"adhikar example rules").hexdigest()
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
_ID = re.compile(r"\b[0-9a-f]{32}\b")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")


def fixed_id(n: int) -> str:
    """The n-th fixed id: 32 hex digits, as the service's own ids are."""
    return hashlib.sha256(f"adhikar example {n}".encode()).hexdigest()[:32]


class Tidy:
    """Replaces drawn ids with fixed ones, consistently across every answer it is given."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self.cut = False  # whether a list was cut since it was last set to False

    def json(self, value: Any, depth: int = 0) -> Any:
        if isinstance(value, dict):
            return {key: self.json(item, depth + 1) for key, item in value.items()}
        if isinstance(value, list):
            keep = KEEP if depth <= 1 else KEEP_INSIDE
            kept = value
            if len(value) > keep and all(isinstance(item, dict) for item in value):
                kept, self.cut = value[:keep], True
            return [self.json(item, depth + 1) for item in kept]
        if isinstance(value, str):
            return self.text(value)
        return value

    def text(self, text: str) -> str:
        text = _DIGEST.sub(DIGEST, text)
        text = _UUID.sub(lambda m: str(uuid.UUID(self._fixed(m.group().replace("-", "")))),
                         text)
        return _ID.sub(lambda m: self._fixed(m.group()), text)

    def lines(self, text: str) -> str:
        """NDJSON: the first ``KEEP`` lines, each tidied as JSON and cut as the inner parts
        of an answer are (every line is a whole answer)."""
        every = text.splitlines()
        self.cut = self.cut or len(every) > KEEP
        kept = [self.json(json.loads(line), depth=1) for line in every[:KEEP]]
        return "".join(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n"
                       for item in kept)

    def _fixed(self, drawn: str) -> str:
        if drawn not in self._ids:
            self._ids[drawn] = fixed_id(len(self._ids) + 1)
        return self._ids[drawn]


def metrics_excerpt(text: str) -> str:
    """The Prometheus text cut short: each counter and gauge with its first ``KEEP``
    samples. Histograms are left out (their buckets hold real durations, different on every
    run), and so are the ``_created`` gauges (the time each series was first seen)."""
    kept: list[str] = []
    family: list[str] = []
    for line in [*text.splitlines(), "# HELP end"]:
        if line.startswith("# HELP") and family:
            kept += _family(family)
            family = []
        family.append(line)
    return "\n".join(kept) + "\n"


def _family(lines: list[str]) -> list[str]:
    kind = next((line.split()[-1] for line in lines if line.startswith("# TYPE")), "")
    name = lines[0].split()[2]
    if kind == "histogram" or name.endswith("_created"):
        return []
    head = [line for line in lines if line.startswith("#")]
    samples = [line for line in lines if not line.startswith("#")]
    return head + samples[:KEEP]
