"""The accepted rules and the workers' heartbeats, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from service.store import rollout

T = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def test_a_request_then_an_acceptance(session: Session) -> None:
    assert rollout.accepted(session) is None
    rollout.request(session, digest="sha256:old", version="1", rules_dir="/r", now=T)
    row = rollout.accepted(session)
    assert row is not None and row.digest == "sha256:old" and row.requested_at == T
    later = T + dt.timedelta(seconds=3)
    rollout.accept(session, digest="sha256:new", version="2", rules_dir="/r", now=later)
    row = rollout.accepted(session)
    assert row is not None
    assert (row.digest, row.version, row.accepted_at, row.requested_at) == (
        "sha256:new", "2", later, T)


def test_heartbeats_list_the_workers_heard_from_lately(session: Session) -> None:
    rollout.beat(session, "a", digest="sha256:x", version="1", now=T)
    rollout.beat(session, "b", digest="sha256:x", version="1", now=T - dt.timedelta(minutes=5))
    rollout.beat(session, "a", digest="sha256:y", version="2", now=T + dt.timedelta(seconds=1))
    recent = rollout.serving(session, since=T - dt.timedelta(seconds=10))
    assert [(w.id, w.digest) for w in recent] == [("a", "sha256:y")]
    rollout.forget(session, before=T - dt.timedelta(minutes=1))
    assert [w.id for w in rollout.serving(session, since=T - dt.timedelta(days=1))] == ["a"]
