"""adhikar batch on files: every input format reads to the same rows, chunks and processes
change nothing but speed, and workers refuse rules other than the batch's."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from service.batch.rules import ruleset_at
from service.batch.run import screen_file
from service.cli import main
from service.errors import RulesetMismatch
from service.memory import FULL_EVERY
from service.rules.load import load_ruleset
from tests.batch.conftest import write_jsonl
from tests.conftest import RULES

AS_OF = dt.date(2026, 11, 28)
Profiles = list[tuple[str, dict[str, Any]]]


def rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        return pacsv.read_csv(path).to_pylist()
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def as_table(profiles: Profiles) -> pa.Table:
    """The profiles as a table with a column per fact, as a registry would export them."""
    names = sorted({k for _, p in profiles for k in p})
    return pa.table({"id": [pid for pid, _ in profiles],
                     **{n: [p.get(n) for _, p in profiles] for n in names}})


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory, profiles: Profiles) -> list[Any]:
    out = tmp_path_factory.mktemp("batch") / "rows.parquet"
    source = write_jsonl(out.with_name("in.jsonl"),
                         [{"id": pid, "profile": p} for pid, p in profiles])
    screen_file(source, out, RULES, AS_OF, workers=1)
    return rows(out)


def test_the_corpus_gives_a_row_per_profile_and_entitlement(expected: list[Any],
                                                            profiles: Profiles) -> None:
    assert {r["id"] for r in expected} == {pid for pid, _ in profiles}
    assert {r["status"] for r in expected} == {"eligible", "not_eligible", "needs_info"}
    assert all(r["error"] is None for r in expected)


def test_parquet_with_gaps_reads_as_the_json_lines_do(tmp_path: Path, profiles: Profiles,
                                                      expected: list[Any]) -> None:
    # Whole numbers with gaps come back from pandas as floats; sets as lists.
    table = as_table(profiles)
    for i, name in enumerate(table.column_names):
        if pa.types.is_integer(table.schema.field(name).type):
            table = table.set_column(i, name, table.column(name).cast(pa.float64()))
    pq.write_table(table, tmp_path / "in.parquet")
    screen_file(tmp_path / "in.parquet", tmp_path / "out.parquet", RULES, AS_OF, workers=1,
                chunk=37)
    assert rows(tmp_path / "out.parquet") == expected


def test_csv_cells_read_as_facts(tmp_path: Path, profiles: Profiles,
                                 expected: list[Any]) -> None:
    def cell(value: Any) -> str | None:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(value) or ";"  # an empty cell is unknown; ";" the empty set
        return None if value is None else str(value)

    table = as_table(profiles)
    text = pa.table({n: [cell(v) for v in table.column(n).to_pylist()]
                     for n in table.column_names})
    pacsv.write_csv(text, tmp_path / "in.csv")
    screen_file(tmp_path / "in.csv", tmp_path / "out.jsonl", RULES, AS_OF, workers=1)
    assert rows(tmp_path / "out.jsonl") == expected


def test_bare_profiles_are_named_by_their_line(tmp_path: Path, profiles: Profiles) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [p for _, p in profiles[:3]])
    with source.open("ab") as f:
        f.write(b"{not json\n")
    summary = screen_file(source, tmp_path / "out.csv", RULES, AS_OF, workers=1)
    out = rows(tmp_path / "out.csv")
    assert {r["id"] for r in out} == {1, 2, 3, 4}
    assert [r["error"] for r in out if r["id"] == 4] == ["line 4 is not valid JSON"]
    assert (summary.profiles, summary.invalid) == (4, 1)


def test_two_processes_write_the_same_rows_in_order(tmp_path: Path, profiles: Profiles,
                                                    expected: list[Any]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl",
                         [{"id": pid, "profile": p} for pid, p in profiles])
    summary = screen_file(source, tmp_path / "out.parquet", RULES, AS_OF, workers=2, chunk=25)
    assert rows(tmp_path / "out.parquet") == expected
    assert summary.profiles == len(profiles)


def test_a_worker_refuses_rules_whose_digest_differs() -> None:
    with pytest.raises(RulesetMismatch, match="not sha256:0000"):
        ruleset_at(str(RULES), "sha256:" + "0" * 64)


def test_a_worker_keeps_its_rules_out_of_the_collectors_walk() -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults, as a fresh worker has them
    gc.unfreeze()
    ruleset_at.cache_clear()
    try:
        ruleset_at(str(RULES), load_ruleset(RULES).digest)
        assert gc.get_freeze_count() > 10_000  # the rules, out of the walk
        assert gc.get_threshold()[2] == FULL_EVERY  # and full collections a tenth as often
    finally:
        gc.set_threshold(*before)  # the tests after this one run as they did


def test_the_command_writes_a_wide_table(tmp_path: Path, profiles: Profiles,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl",
                         [{"id": pid, "profile": p} for pid, p in profiles[:10]])
    code = main(["batch", str(source), str(tmp_path / "out.csv"), "--wide", "--as-of",
                 AS_OF.isoformat(), "--workers", "1"])
    assert code == 0
    out = rows(tmp_path / "out.csv")
    assert len(out) == 10 and "bonded-labour-rehabilitation.status" in out[0]
    assert "screened 10 profile(s)" in capsys.readouterr().err


def test_the_command_refuses_an_unknown_format(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"age": 30}])
    assert main(["batch", str(source), str(tmp_path / "out.xlsx")]) == 2
    assert "use one of: .csv, .jsonl" in capsys.readouterr().err
