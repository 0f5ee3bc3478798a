"""The one mutable object: which ruleset is serving now. A reload swaps it whole."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from service.errors import RuleError, RulesetInvalid
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset


@dataclass(frozen=True, slots=True)
class LoadFailure:
    at: dt.datetime
    errors: tuple[RuleError, ...]


class RulesetHolder:
    def __init__(self, rules_dir: Path) -> None:
        self.rules_dir = rules_dir
        self.current: Ruleset = load_ruleset(rules_dir)  # an invalid ruleset stops start-up
        self.loaded_at = dt.datetime.now(dt.UTC)
        self.last_failure: LoadFailure | None = None
        self._lock = threading.Lock()

    def reload(self) -> LoadFailure | None:
        """Load the directory again; swap only if all of it is valid."""
        with self._lock:
            try:
                fresh = load_ruleset(self.rules_dir)
            except RulesetInvalid as exc:
                self.last_failure = LoadFailure(dt.datetime.now(dt.UTC), tuple(exc.errors))
                return self.last_failure
            self.current, self.loaded_at, self.last_failure = fresh, dt.datetime.now(dt.UTC), None
            return None
