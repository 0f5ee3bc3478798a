"""Batch screening on a real Dask cluster (a LocalCluster in this process): the same rows as
on this machine, with the ruleset checked on the workers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from service.batch.cluster import screen_frame, screen_on_cluster
from service.batch.run import screen_file
from tests.batch.conftest import write_jsonl
from tests.conftest import RULES

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def test_a_cluster_writes_what_one_machine_writes(
        client: Client, tmp_path: Path, profiles: list[tuple[str, dict[str, Any]]]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl",
                         [{"id": pid, "profile": p} for pid, p in profiles])
    screen_file(source, tmp_path / "local.parquet", RULES, AS_OF, workers=1)
    summary = screen_on_cluster(client, source, tmp_path / "cluster.parquet", RULES, AS_OF)
    # a directory of parts (one per partition), in the order of the input
    assert (tmp_path / "cluster.parquet").is_dir()
    local = pq.read_table(tmp_path / "local.parquet").to_pylist()
    assert pq.read_table(tmp_path / "cluster.parquet").to_pylist() == local
    assert summary.profiles == len(profiles)
    assert sum(summary.statuses.values()) == len(local)


def test_a_notebook_screens_a_dask_frame(client: Client, tmp_path: Path) -> None:
    frame = dd.from_dict({"id": ["a", "b", "c"], "age": [30.0, None, 12.0],
                          "trafficked": [True, None, True],
                          "gender": ["female", "female", "bogus"]}, npartitions=2)
    out = screen_frame(frame, RULES, AS_OF).compute()
    assert set(out["id"]) == {"a", "b", "c"}
    assert list(out.loc[out["id"] == "c", "status"]) == ["invalid"]
    assert out.loc[out["id"] == "c", "error"].iloc[0].startswith("gender: must be one of")
    assert {"eligible", "needs_info"} <= set(out.loc[out["id"] == "b", "status"])
