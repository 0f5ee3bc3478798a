"""Reload the rules when files in the rules directory change.

Editors save by writing a temporary file and renaming it, and a `git pull` touches many files
at once: changes are gathered until the directory has been quiet for a moment (debounce),
and hidden and temporary files are ignored. The reload itself runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import anyio.to_thread
from watchfiles import Change, awatch

from api.holder import RulesetHolder

log = logging.getLogger("adhikar.rules")


def is_rule_file(change: Change, path: str) -> bool:
    name = Path(path).name
    return name.endswith(".yaml") and not name.startswith(".")


async def watch_rules(holder: RulesetHolder, stop: asyncio.Event, debounce_ms: int) -> None:
    log.info("watching %s for rule changes", holder.rules_dir)
    async for changes in awatch(holder.rules_dir, watch_filter=is_rule_file, stop_event=stop,
                                debounce=debounce_ms, step=50, recursive=True):
        log.info("%d rule file(s) changed; reloading", len(changes))
        await anyio.to_thread.run_sync(holder.reload)
