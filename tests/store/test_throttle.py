"""The shared rate limits and key-check back-off, on SQLite and PostgreSQL: a limit of N per
minute lets through at most N in any minute, even with several writers at once."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from service.store import throttle
from service.store.tables import KeyFailure, RateHit
from service.store.throttle import WINDOW_MS, Backoff

T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z, in milliseconds
A, B = throttle.bucket("c", "10.0.0.1"), throttle.bucket("c", "10.0.0.2")


def test_a_bucket_holds_no_address() -> None:
    assert "10.0.0.1" not in A and A.startswith("c:") and A != B


def test_n_per_minute_then_429_until_the_oldest_leaves(session: Session) -> None:
    allowed = [throttle.admit(session, [(A, 3)], T0 + i * 1000).allowed for i in range(5)]
    assert allowed == [True, True, True, False, False]
    refused = throttle.admit(session, [(A, 3)], T0 + 10_000)
    assert refused.reason == "rate_limited" and refused.retry_after_ms == WINDOW_MS - 10_000
    # another client is not affected
    assert throttle.admit(session, [(B, 3)], T0 + 10_000).allowed
    # the first hit leaves the window a minute after it came: one more fits, not two
    assert throttle.admit(session, [(A, 3)], T0 + WINDOW_MS).allowed
    assert not throttle.admit(session, [(A, 3)], T0 + WINDOW_MS).allowed


def test_refused_requests_leave_no_trace(session: Session) -> None:
    for i in range(20):
        throttle.admit(session, [(A, 2)], T0 + i)
    count = session.execute(select(func.count()).select_from(RateHit)).scalar_one()
    assert count == 2


def test_a_request_counts_in_every_bucket_or_none(session: Session) -> None:
    key = throttle.bucket("k", "adk_x")
    assert throttle.admit(session, [(A, 1)], T0).allowed
    assert not throttle.admit(session, [(key, 5), (A, 1)], T0 + 1).allowed
    assert session.execute(select(func.count()).select_from(RateHit)
                           .where(RateHit.bucket == key)).scalar_one() == 0


def test_several_clients_lease_in_one_transaction_each_by_its_own_count(
        session: Session) -> None:
    assert throttle.admit(session, [(A, 1)], T0).allowed  # A is at its limit
    key = throttle.bucket("k", "adk_x")
    found = throttle.leases(session, [([(A, 1)], 4), ([(B, 100)], 8), ([(key, 10), (B, 100)], 8)],
                            T0 + 1, hold_ms=1000)
    assert [v.allowed for v, _ in found] == [False, True, True]
    assert found[0][0].bucket == A and found[0][1] == 0
    # B: 8 wanted of 100 left; then the key's quarter of its 10 (2), B having 92 left
    assert [granted for _, granted in found[1:]] == [8, 2]
    permits = dict(session.execute(select(RateHit.bucket, func.sum(RateHit.permits))
                                   .group_by(RateHit.bucket)).all())
    assert permits == {A: 1, B: 10, key: 2}


def test_back_off_grows_after_the_free_failures(session: Session) -> None:
    policy = Backoff(free=3, base_ms=1000, cap_ms=8000, forget_ms=60_000)
    blocked = [throttle.fail(session, A, T0 + i, policy) for i in range(7)]
    assert blocked == [0, 0, 1000, 2000, 4000, 8000, 8000]
    refusal = throttle.blocked(session, A, T0 + 10)
    assert refusal is not None and refusal.reason == "backing_off"
    assert refusal.retry_after_ms == 8000 + 6 - 10
    assert throttle.blocked(session, A, T0 + 8006) is None
    assert throttle.blocked(session, B, T0) is None
    # long after the last failure they are forgotten: the count starts again
    assert throttle.fail(session, A, T0 + 200_000, policy) == 0


def test_sweep_removes_what_no_window_needs(session: Session) -> None:
    policy = Backoff(free=1, base_ms=10, cap_ms=10, forget_ms=1000)
    throttle.admit(session, [(A, 5)], T0)
    throttle.fail(session, A, T0, policy)
    throttle.admit(session, [(B, 5)], T0 + WINDOW_MS)
    throttle.sweep(session, T0 + WINDOW_MS, policy)
    assert list(session.execute(select(RateHit.bucket)).scalars()) == [B]
    assert session.get(KeyFailure, A) is None


def test_writers_at_once_let_through_exactly_the_limit(engine: Engine) -> None:
    limit, tries, results = 15, 40, []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(tries // 4):
            with Session(engine) as own:
                verdict = throttle.admit(own, [(A, limit)], T0 + 5)
            with lock:
                results.append(verdict.allowed)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == tries and sum(results) == limit


def test_a_lease_takes_at_most_a_quarter_of_what_is_left_and_never_more_than_the_limit(
        session: Session) -> None:
    granted = []
    for i in range(40):
        verdict, got = throttle.lease(session, [(A, 100)], T0 + i, want=64, hold_ms=1000)
        if not verdict.allowed:
            assert got == 0 and verdict.reason == "rate_limited"
            break
        granted.append(got)
    assert granted[:3] == [25, 18, 14]  # a quarter of 100, of 75, of 57
    assert sum(granted) == 100 and granted[-1] == 1  # near the limit: one at a time
    permits = session.execute(select(func.sum(RateHit.permits))).scalar_one()
    assert permits == 100
    rows = session.execute(select(func.count()).select_from(RateHit)).scalar_one()
    assert rows <= 2 * len(granted)  # a lease is two rows (the permit used now, the rest)


def test_leased_permits_count_until_a_minute_after_the_latest_they_may_be_used(
        session: Session) -> None:
    verdict, got = throttle.lease(session, [(A, 8)], T0, want=4, hold_ms=1000)
    assert verdict.allowed and got == 2  # a quarter of 8
    # the one used at once leaves the window a minute later; the one held, a second after
    assert throttle.admit(session, [(A, 2)], T0 + WINDOW_MS).allowed
    assert not throttle.admit(session, [(A, 2)], T0 + WINDOW_MS).allowed


def test_leases_at_once_let_through_exactly_the_limit(engine: Engine) -> None:
    limit, results = 50, []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(30):
            with Session(engine) as own:
                _, got = throttle.lease(own, [(A, limit)], T0 + 5, want=16, hold_ms=500)
            with lock:
                results.append(got)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == limit


def test_gathered_leases_at_once_over_shared_buckets_let_through_exactly_the_limits(
        engine: Engine) -> None:
    # Trips naming the same buckets in different orders, at once: each bucket's count and
    # insert are one atomic step (PostgreSQL: every bucket locked, in one order), and no two
    # trips wait on each other for ever.
    key = throttle.bucket("k", "adk_x")
    limits = {A: 40, B: 60, key: 1000}
    orders = [[A, B, key], [key, B, A], [B, key, A], [A, key, B]]
    granted: dict[str, int] = dict.fromkeys(limits, 0)
    lock = threading.Lock()

    def worker(order: list[str]) -> None:
        for _ in range(25):
            asks = [([(name, limits[name])], 8) for name in order]
            with Session(engine) as own:
                found = throttle.leases(own, asks, T0 + 5, hold_ms=500)
            with lock:
                for name, (_, got) in zip(order, found, strict=True):
                    granted[name] += got

    threads = [threading.Thread(target=worker, args=(order,)) for order in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert granted[A] == 40 and granted[B] == 60 and granted[key] == 4 * 25 * 8
