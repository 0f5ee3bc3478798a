"""What a long-lived process does once its rules are loaded: keep the garbage collector from
walking them, and from walking what its memos learn more often than it must.

Each answer (or batch row) makes thousands of short-lived objects, and every so often the
collector would walk the hundreds of thousands that live as long as the process: measured,
that walk was most of the slowest answers (p99 of brief answers at 32 clients, 231 -> 57 ms;
CPU per answer down by a quarter). So what is loaded is frozen, out of the walk; called
again after a reload, the old rules are let go first: unfreeze, collect them, freeze what is
left.

What the memos learn while serving (standings, shared parts, each State's compiled
statuses) is still walked by every full collection: about 60,000 objects after 10,000 brief
answers, 10 to 23 ms during which no request moves (over 100 ms after full answers), every
second or two at 2,000 answers a second (``bench/pauses.py``); in a batch worker, 2.5% of
its CPU. Objects of answers in flight when a younger generation is collected count towards
the next full collection, and die soon after; so a full collection is considered a tenth as
often as by default (``FULL_EVERY``).
"""

from __future__ import annotations

import gc

# Collections of the middle generation between full ones (Python's default: 10).
FULL_EVERY = 100


def settle() -> None:
    """Freeze what is loaded now (the rules, the app, the libraries), after collecting what
    is no longer held; and make full collections rarer."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
