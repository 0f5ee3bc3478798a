"""Three-valued (Kleene) logic: FALSE < UNKNOWN < TRUE.

Unknown is a value, never ``None``. A ``Tri`` refuses to act as a bool so that no caller can
silently treat unknown as false.

>>> and_(TRUE, UNKNOWN), or_(FALSE, UNKNOWN), not_(UNKNOWN)
(<Tri.UNKNOWN: 1>, <Tri.UNKNOWN: 1>, <Tri.UNKNOWN: 1>)
>>> and_(UNKNOWN, FALSE), or_(UNKNOWN, TRUE)
(<Tri.FALSE: 0>, <Tri.TRUE: 2>)
"""

from __future__ import annotations

import enum


class Tri(enum.Enum):
    FALSE = 0
    UNKNOWN = 1
    TRUE = 2

    def __bool__(self) -> bool:
        raise TypeError("Tri has no truth value; compare with Tri.TRUE")

    @classmethod
    def of(cls, value: bool) -> Tri:
        return TRUE if value else FALSE

    def to_json(self) -> bool | None:
        return None if self is UNKNOWN else self is TRUE


FALSE = Tri.FALSE
UNKNOWN = Tri.UNKNOWN
TRUE = Tri.TRUE


def and_(*xs: Tri) -> Tri:
    """FALSE wins, then UNKNOWN."""
    result = TRUE
    for x in xs:
        if x is FALSE:
            return FALSE
        if x is UNKNOWN:
            result = UNKNOWN
    return result


def or_(*xs: Tri) -> Tri:
    """TRUE wins, then UNKNOWN."""
    result = FALSE
    for x in xs:
        if x is TRUE:
            return TRUE
        if x is UNKNOWN:
            result = UNKNOWN
    return result


def not_(x: Tri) -> Tri:
    return FALSE if x is TRUE else TRUE if x is FALSE else UNKNOWN
