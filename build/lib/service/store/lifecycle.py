"""A claim's statuses and the moves between them.

    identified -> documents_ready -> applied -> sanctioned -> received
    any status that is not final -> rejected | withdrawn
    received, rejected and withdrawn are final.
"""

from __future__ import annotations

import typing
from typing import Literal

from service.errors import IllegalMove
from service.rules.model import CLAIM_STEPS

ClaimStatus = Literal["identified", "documents_ready", "applied", "sanctioned", "received",
                      "rejected", "withdrawn"]
STATUSES: tuple[str, ...] = typing.get_args(ClaimStatus)
CHAIN: tuple[str, ...] = CLAIM_STEPS
CLOSING = ("rejected", "withdrawn")
FINAL = frozenset({"received", *CLOSING})
# The claim column that records when a claim entered each step.
ENTERED_AT = {"identified": "opened_at", "documents_ready": "documents_ready_at",
              "applied": "applied_at", "sanctioned": "sanctioned_at", "received": "received_at",
              "rejected": "closed_at", "withdrawn": "closed_at"}


def allowed_moves(status: str) -> tuple[str, ...]:
    """Where a claim in ``status`` may go next; nothing once it is final."""
    if status in FINAL:
        return ()
    return (CHAIN[CHAIN.index(status) + 1], *CLOSING)


def check_move(status: str, to: str) -> None:
    allowed = allowed_moves(status)
    if to not in allowed:
        raise IllegalMove(status, to, allowed)


def reached(status: str, step: str) -> bool:
    """Whether a claim in ``status`` has got as far as ``step`` on the chain (a closed claim
    counts as having stopped where it was; callers read the ``*_at`` columns for that)."""
    return status in CHAIN and CHAIN.index(status) >= CHAIN.index(step)
