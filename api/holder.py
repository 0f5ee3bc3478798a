"""The one mutable object: which ruleset is serving now. A reload swaps it whole.

A reload loads and checks the whole directory, runs every embedded example, and only then
replaces ``serving``, the rules with the stores of answer parts made from them (one attribute
assignment, so a request that reads it once sees the old rules or the new, never a mix). On
any failure the old rules keep serving and ``last_failure`` says why.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from api.answers import Fragments
from service import memory
from service.engine.brief import Lines, remembered
from service.engine.examples import run_examples
from service.engine.parts import PartsCache
from service.engine.standings import Standing, Standings
from service.errors import RuleError, RulesetInvalid
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset

log = logging.getLogger("adhikar.rules")


@dataclass(frozen=True, slots=True)
class LoadFailure:
    at: dt.datetime
    errors: tuple[RuleError, ...]


@dataclass(frozen=True, slots=True)
class Serving:
    """One ruleset and what its answers share across requests, made new for each ruleset so
    that a reload lets the old rules' parts go with them."""

    rules: Ruleset
    # Parts of answers (offices, steps, reasons) that do not depend on the profile.
    parts: PartsCache = field(default_factory=PartsCache)
    # Brief standings by the facts each version reads (service/engine/standings.py).
    standings: Standings[Standing] = field(default_factory=remembered)
    # Their lines, by language and place (service/engine/brief.py).
    lines: Lines = field(default_factory=Lines)
    # The parts as JSON (api/answers.py), held by the parts themselves.
    fragments: Fragments = field(default_factory=Fragments)


class RulesetHolder:
    def __init__(self, rules_dir: Path) -> None:
        self.rules_dir = rules_dir
        current = load_ruleset(rules_dir)  # an invalid ruleset stops start-up
        check_replacement(current, current)  # and so does an example that fails
        self.serving = Serving(current)
        self.loaded_at = dt.datetime.now(dt.UTC)
        self.last_failure: LoadFailure | None = None
        self.reloads = self.failed_reloads = 0  # for the metrics
        self._lock = threading.RLock()  # prepare() inside reload() takes it too

    @property
    def current(self) -> Ruleset:
        """The rules serving now (a reader that also needs their stores reads ``serving``
        once, for both)."""
        return self.serving.rules

    def reload(self) -> LoadFailure | None:
        """Load the directory again; swap only if all of it is valid. Thread-safe."""
        with self._lock:
            fresh = self.prepare()
            if isinstance(fresh, LoadFailure):
                return fresh
            self.install(fresh)
            return None

    def prepare(self) -> Ruleset | LoadFailure:
        """Load and check the directory without swapping it in (``install`` does that).
        One load at a time in a process: thread-safe."""
        with self._lock:
            return self._prepare()

    def _prepare(self) -> Ruleset | LoadFailure:
        try:
            fresh = load_ruleset(self.rules_dir)
            check_replacement(self.current, fresh)
        except RulesetInvalid as exc:
            self.last_failure = LoadFailure(dt.datetime.now(dt.UTC), tuple(exc.errors))
            self.failed_reloads += 1
            first = exc.errors[0] if exc.errors else "no detail"
            log.warning("rules reload refused, old rules keep serving: %d error(s); "
                        "first: %s", len(exc.errors), first)
            return self.last_failure
        return fresh

    def adopt(self, fresh: Ruleset) -> None:
        """``install`` under the reload lock (for rules prepared in another thread)."""
        with self._lock:
            self.install(fresh)

    def install(self, fresh: Ruleset) -> None:
        """Serve ``fresh`` (already checked by ``prepare``) from now on."""
        self.serving = Serving(fresh)  # the old rules' parts can go with them
        self.loaded_at, self.last_failure = dt.datetime.now(dt.UTC), None
        self.reloads += 1
        memory.settle()  # collect the old rules, freeze the new
        log.info("rules reloaded: version %s, %s", fresh.version, fresh.digest)


def check_replacement(old: Ruleset, new: Ruleset) -> None:
    """Raise ``RulesetInvalid`` unless ``new`` may replace ``old`` in a running service."""
    errors: list[RuleError] = []
    if dict(old.facts) != dict(new.facts):
        # The API's contract (the profile's fields) is built from facts.yaml at start-up.
        errors.append(RuleError("facts.yaml", 1, 1, "E501", "facts.yaml changed: the API "
                                "contract changes with it, so restart the service to publish "
                                "it; a reload only takes rule changes that keep the facts"))
    for outcome in run_examples(new):
        if outcome.passed:
            continue
        doc = new.files_read.get(outcome.file)
        pos = doc.at(("examples", outcome.index)) if doc else None
        errors.append(RuleError(outcome.file, pos.line if pos else 1, pos.col if pos else 1,
                                "E502", f"example {outcome.name!r} fails: "
                                + "; ".join(outcome.problems)))
    if errors:
        raise RulesetInvalid(errors)
