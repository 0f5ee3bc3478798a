"""The ruleset a batch worker screens with: loaded from the rules directory it was given, and
refused unless its digest is the one the batch started with.

Cached per process (a worker screens many chunks, and loading takes about a second); the key
includes the digest, so a worker never screens with rules other than the batch's.
"""

from __future__ import annotations

import functools
from pathlib import Path

from service import memory
from service.batch.screen import Row, memo
from service.engine.standings import Standings
from service.errors import RulesetMismatch
from service.rules.load import load_ruleset
from service.rules.ruleset import Ruleset


@functools.lru_cache(maxsize=4)
def ruleset_at(rules_dir: str, digest: str) -> Ruleset:
    ruleset = load_ruleset(Path(rules_dir))
    if ruleset.digest != digest:
        raise RulesetMismatch(rules_dir, digest, ruleset.digest)
    # The rules live as long as the worker: keep the garbage collector from walking them
    # again and again while rows are made by the million.
    memory.settle()
    return ruleset


@functools.lru_cache(maxsize=4)
def standings_for(digest: str) -> Standings[Row]:
    """The memo of rows this process keeps for the ruleset with ``digest``, across the
    chunks it screens."""
    return memo()
