"""Why a claim closed, as one value from a closed list: a reason chosen, never written out,
so that no story (and no name in it) is stored where a word serves.

Each value's words are the phrase ``claim.reason.<value>`` in ``service.text.messages``,
translated like every other phrase.
"""

from __future__ import annotations

import typing
from typing import Literal

RejectedReason = Literal["documents_incomplete", "not_eligible_under_scheme",
                         "time_limit_passed", "duplicate_claim", "no_response_from_survivor",
                         "other"]
WithdrawnReason = Literal["survivor_chose", "moved_away", "received_elsewhere",
                          "no_contact", "other"]
# A status that closes a claim, and the reasons it may give.
ALLOWED: dict[str, tuple[str, ...]] = {
    "rejected": typing.get_args(RejectedReason),
    "withdrawn": typing.get_args(WithdrawnReason),
}
ALL: tuple[str, ...] = tuple(dict.fromkeys(r for rs in ALLOWED.values() for r in rs))
ClosingReason = Literal[ALL]  # type: ignore[valid-type]


def problem(to_status: str | None, reason: str) -> str | None:
    """None when ``reason`` may close a claim as ``to_status``; otherwise what may."""
    allowed = ALLOWED.get(to_status or "")
    if allowed is None:
        return ("a reason goes only with a move to rejected or withdrawn")
    if reason not in allowed:
        return f"a claim {to_status} gives one of: {', '.join(allowed)}"
    return None
