"""adhikar routes PROFILE.json: the plan, the memo and the JSON, from the bundled rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import main
from service.rules.load import load_ruleset
from service.text.words import words_for
from tests.compensation.test_cases import UNTRACED
from tests.conftest import RULES


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, {"profile": UNTRACED, "documents_held": ["fir-copy"],
                            "district": "Purulia"})
    assert main(["routes", str(case), "--as-of", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "4 open, 0 not yet open, 0 needs info, 7 closed" in out.splitlines()[0]
    assert "OPEN          victim-compensation/direct-application" in out
    # The DLSA named for her district; the date passed; where to go.
    assert "District Legal Services Authority, Purulia by 3 May 2025, passed" in out
    assert "go to the State Legal Services Authority, or call 15100" in out
    assert "closed        pocso-compensation/final" in out


def test_the_memo_and_the_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, UNTRACED)
    assert main(["routes", str(case), "--as-of", "2025-06-01", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Compensation routes: memo") and "## Provisions relied on" in out
    assert main(["routes", str(case), "--as-of", "2025-06-01", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["as_of"] == "2025-06-01"
    direct = next(r for r in answer["routes"]
                  if r["id"] == "victim-compensation/direct-application")
    assert (direct["status"], direct["time_limits"][0]["due"]) == ("open", "2025-05-03")


def test_a_bad_profile_names_the_fact_not_the_value(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, {"offence_date": "Priya 2024", "name": "Priya"})
    assert main(["routes", str(case)]) == 1
    err = capsys.readouterr().err
    assert "offence_date must be a date written YYYY-MM-DD" in err and "name is not a fact" in err
    assert "Priya" not in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "adhikar"), "routes",
                           str(tmp_path / "missing.json"), "--format", "pdf"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "invalid choice: 'pdf'" in done.stderr
    assert main(["routes", str(tmp_path / "missing.json")]) == 2


def test_lang_for_the_commands_that_print_answers(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    hindi = words_for(load_ruleset(RULES), "hi")
    case = write(tmp_path, UNTRACED)
    assert main(["routes", str(case), "--as-of", "2025-06-01", "--format", "markdown",
                 "--lang", "hi"]) == 0
    assert "1 जून 2025" in capsys.readouterr().out
    assert main(["check", str(case), "--as-of", "2025-06-01", "--lang", "hi"]) == 0
    assert hindi.t("District Legal Services Authority") in capsys.readouterr().out
    assert main(["explain", "victim-compensation", str(case), "--as-of", "2025-06-01",
                 "--lang", "bn"]) == 0
    bengali = words_for(load_ruleset(RULES), "bn")
    title = bengali.t("Victim compensation scheme under BNSS 2023 s.396")
    assert title != "Victim compensation scheme under BNSS 2023 s.396"
    assert title in capsys.readouterr().out
    # A language with no catalogue falls back to English, never fails.
    assert main(["routes", str(case), "--as-of", "2025-06-01", "--format", "markdown",
                 "--lang", "xx"]) == 0
    assert "1 June 2025" in capsys.readouterr().out
