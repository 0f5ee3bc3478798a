"""Screenings: an evaluation kept with the profile it answered, and re-run under new rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func
from sqlmodel import Session, col, select

from service.engine.case import Case
from service.engine.evaluate import evaluate_case
from service.engine.parts import PartsCache
from service.engine.result import Evaluation
from service.errors import Conflict, InvalidProfile, NotFound
from service.rules.ruleset import Ruleset
from service.store.changes import EntitlementChange, compare
from service.store.tables import Screening


@functools.cache
def _answer() -> TypeAdapter[Evaluation]:
    return TypeAdapter(Evaluation)


def answer_json(evaluation: Evaluation) -> str:
    return _answer().dump_json(evaluation).decode()


@dataclass(frozen=True, slots=True)
class Asked:
    """What a screening was asked: the profile (facts only, as JSON) and the options."""

    profile: dict[str, Any]
    as_of: dt.date
    documents_held: list[str] | None = None
    domains: list[str] | None = None
    district: str | None = None


def run(ruleset: Ruleset, asked: Asked, *, listed_only: bool = True,
        cache: PartsCache | None = None) -> tuple[Evaluation, Asked]:
    """Evaluate a profile (``InvalidProfile`` when it does not fit facts.yaml,
    ``UnknownDistrict`` when its district is not in the rules' list of its State). ``asked``
    comes back with the district as the list writes it: what is kept."""
    case = Case.read(ruleset, asked.profile, district=asked.district,
                     documents_held=asked.documents_held, listed_only=listed_only)
    settled = dataclasses.replace(asked, district=case.place.district)
    return evaluate_case(ruleset, case, asked.as_of, domains=asked.domains,
                         cache=cache), settled


def save(session: Session, evaluation: Evaluation, asked: Asked, *, case_ref: str, org: str,
         key_id: str | None, now: dt.datetime, rerun_of: str | None = None) -> Screening:
    row = Screening(
        id=uuid.uuid4().hex, case_ref=case_ref, org=org, ruleset_name=evaluation.ruleset.name,
        ruleset_version=evaluation.ruleset.version, ruleset_digest=evaluation.ruleset.digest,
        as_of=asked.as_of, profile=asked.profile, documents_held=asked.documents_held,
        domains=asked.domains, district=asked.district,
        counts={str(k): v for k, v in evaluation.counts.items()},
        results=answer_json(evaluation), rerun_of=rerun_of, key_id=key_id, created_at=now)
    session.add(row)
    session.commit()
    return row


def get(session: Session, screening_id: str, *, scope: str | None) -> Screening:
    """One screening; ``NotFound`` when there is none or it is another organisation's."""
    row = session.get(Screening, screening_id)
    if row is None or (scope is not None and row.org != scope):
        raise NotFound("screening")
    return row


def find(session: Session, *, scope: str | None, case_ref: str | None, limit: int,
         offset: int, created_since: dt.datetime | None = None,
         ) -> tuple[list[Screening], int]:
    """A page of screenings, newest first, and how many there are in all."""
    query = select(Screening)
    if scope is not None:
        query = query.where(Screening.org == scope)
    if case_ref is not None:
        query = query.where(Screening.case_ref == case_ref)
    if created_since is not None:  # screenings never change: new ones are all there is
        query = query.where(col(Screening.created_at) > created_since)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = session.exec(query.order_by(col(Screening.created_at).desc(), col(Screening.id))
                        .limit(limit).offset(offset)).all()
    return list(page), int(total)


def asked(row: Screening) -> Asked:
    return Asked(profile=dict(row.profile), as_of=row.as_of, documents_held=row.documents_held,
                 domains=row.domains, district=row.district)


def rerun(session: Session, ruleset: Ruleset, screening_id: str, *, scope: str | None,
          key_id: str | None, now: dt.datetime, cache: PartsCache | None = None,
          ) -> tuple[Screening, Screening, list[EntitlementChange]]:
    """Evaluate a stored screening's profile again, with ``ruleset`` and the same ``as_of``;
    keep the answer as a new screening linked to the old; say what changed."""
    old = get(session, screening_id, scope=scope)
    try:
        # A district kept before the list had it (or since dropped from it) stays as kept.
        evaluation, again = run(ruleset, asked(old), listed_only=False, cache=cache)
    except InvalidProfile as exc:
        raise Conflict("profile_no_longer_fits",
                       "the stored profile no longer fits the facts of the rules now serving: "
                       + "; ".join(f"{fact}: {why}" for fact, why in exc.problems),
                       problems=exc.problems) from exc
    new = save(session, evaluation, again, case_ref=old.case_ref, org=old.org,
               key_id=key_id, now=now, rerun_of=old.id)
    return new, old, compare(json.loads(old.results), json.loads(new.results))
