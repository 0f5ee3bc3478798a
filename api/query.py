"""Each query parameter at most once. `?status=open&status=closed` would otherwise be read as
the last value alone, silently; a parameter the route takes is named in the 422, one it does
not take is not (the client invented it)."""

from __future__ import annotations

from collections import Counter

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from service.errors import InvalidInput


async def single_query_values(request: Request) -> None:
    counts = Counter(name for name, _ in request.query_params.multi_items())
    repeated = [name for name, n in counts.items() if n > 1]
    if not repeated:
        return
    route = request.scope.get("route")
    known = (_query_names(route.dependant)
             if isinstance(route, APIRoute) else set())
    raise InvalidInput([
        (("query", name if name in known else "<parameter>"), "repeated_parameter",
         "give each query parameter once")
        for name in repeated])


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names
