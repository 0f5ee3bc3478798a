"""The five components of the CBR matrix (the seed report's community-based rehabilitation
plan: health, education, livelihood, legal, social and empowerment), and which entitlements
fall under each: an entitlement's ``domain`` names its component, ``social`` standing for
"social and empowerment"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from service.rules.model import Domain

T = TypeVar("T")

# (domain, message id of the component's name), in the matrix's order.
COMPONENTS: tuple[tuple[Domain, str], ...] = (
    ("health", "web.component.health"),
    ("education", "web.component.education"),
    ("livelihood", "web.component.livelihood"),
    ("legal", "web.component.legal"),
    ("social", "web.component.social"),
)


def grouped(items: Iterable[T], domain_of: Callable[[T], str]) -> list[tuple[str, str, list[T]]]:
    """``(domain, name id, items)`` for each component, in the matrix's order, empty ones
    included (a row of the matrix with nothing in it is a gap worth seeing)."""
    by_domain: dict[str, list[T]] = {d: [] for d, _ in COMPONENTS}
    for item in items:
        by_domain.setdefault(domain_of(item), []).append(item)
    return [(d, name, by_domain[d]) for d, name in COMPONENTS]
