"""How routes bear on each other: which can run at the same time, and what one route's payment
does to another's award. A rule file states each interaction once, on either route; the answer
shows it on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from service.compensation.result import OffsetResult, RouteLink, RouteStatus
from service.rules import model
from service.rules.ruleset import Offset, Route, Ruleset

_SENTENCE: dict[model.OffsetHow, str] = {
    "counted": "What she receives under {src} for the same loss is taken into account in the "
               "award under {dst}.",
    "deducted": "What she receives under {src} is deducted from the award under {dst}.",
    "adjusted_in_final": "The interim award under {src} is adjusted against the final award "
                         "under {dst}.",
    "declared": "To claim under {dst} she declares that she has received nothing for the same "
                "loss under {src}, or under any other scheme.",
}


@dataclass(frozen=True, slots=True)
class Web:
    """The routes of one answer, by qualified id, with their status."""

    routes: Mapping[str, Route]
    status: Mapping[str, RouteStatus]
    labels: Mapping[str, str]  # every route of the ruleset, in or out of the answer

    @classmethod
    def of(cls, ruleset: Ruleset, routes: Mapping[str, Route],
           status: Mapping[str, RouteStatus]) -> Web:
        labels = {f"{e.id}/{r.id}": r.label for e in ruleset.entitlements.values()
                  for v in e.versions for r in v.routes}
        return cls(routes, status, labels)

    def concurrent(self, qid: str) -> list[RouteLink]:
        own = self.routes[qid].concurrent_with
        named_by = [other for other, r in self.routes.items() if qid in r.concurrent_with]
        return [self._link(q) for q in dict.fromkeys([*own, *named_by])]

    def offsets(self, qid: str) -> list[OffsetResult]:
        out = [self._offset(o, o.route, qid) for o in self.routes[qid].offsets]
        out += [self._offset(o, qid, other) for other, r in self.routes.items()
                for o in r.offsets if o.route == qid]
        return out

    def _link(self, qid: str) -> RouteLink:
        return RouteLink(route=qid, label=self.labels[qid], status=self.status.get(qid))

    def _offset(self, offset: Offset, src: str, dst: str) -> OffsetResult:
        text = _SENTENCE[offset.how].format(src=self._named(src), dst=self._named(dst))
        return OffsetResult(how=offset.how, from_route=src, into_route=dst, explanation=text,
                            cite=offset.cite, verified=offset.verified, note=offset.note)

    def _named(self, qid: str) -> str:
        return f"{self.labels[qid]} ({qid})"
