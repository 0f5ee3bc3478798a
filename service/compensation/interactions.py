"""How routes bear on each other: which can run at the same time, and what one route's payment
does to another's award. A rule file states each interaction once, on either route; the answer
shows it on both, in words that name each route by its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from service.compensation.result import OffsetResult, RouteLink, RouteStatus
from service.rules.ruleset import Offset, Route, Ruleset
from service.text.words import Words


@dataclass(frozen=True, slots=True)
class Web:
    """The routes of one answer, by qualified id, with their status."""

    routes: Mapping[str, Route]
    status: Mapping[str, RouteStatus]
    labels: Mapping[str, str]  # every route of the ruleset, in or out of the answer
    words: Words

    @classmethod
    def of(cls, ruleset: Ruleset, routes: Mapping[str, Route],
           status: Mapping[str, RouteStatus], words: Words) -> Web:
        labels = {f"{e.id}/{r.id}": words.t(r.label) for e in ruleset.entitlements.values()
                  for v in e.versions for r in v.routes}
        return cls(routes, status, labels, words)

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
        text = self.words.msg(f"route.offset.{offset.how}", src=self._named(src),
                              dst=self._named(dst))
        return OffsetResult(how=offset.how, from_route=src, into_route=dst, explanation=text,
                            cite=offset.cite, verified=offset.verified, note=offset.note)

    def _named(self, qid: str) -> str:
        return f"“{self.labels[qid]}”"
