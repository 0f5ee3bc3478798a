"""The list of districts: the shipped one comes whole from the LGD file it names, and a broken
list is a lint error at its line and column; lookups forgive case, punctuation, word order and
the source's other spellings."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from service.cli import places as places_cli
from service.errors import RuleError, RulesetInvalid
from service.rules.load import load_ruleset
from service.rules.places import District, ListSource, Places
from service.rules.ruleset import Ruleset
from service.store import privacy
from tests.conftest import RULES

TINY = Path(__file__).parent / "tiny"
SOURCES = RULES / "places" / "sources"
LGD = SOURCES / "lgd-all-districts-2022-12-14.csv"
EARLIER = SOURCES / "lgd-all-districts-earlier.csv"
HEAD = """\
source:
  title: A test list
  short: TEST
  retrieved: 2022-12-14
states:
"""


# ---- the shipped list -------------------------------------------------------------------


def test_every_listed_district_without_a_source_of_its_own_is_in_the_lgd_file(
        ruleset: Ruleset) -> None:
    states = ruleset.facts["state"].values
    rows = {row.code: row for row in places_cli.read(LGD.read_text(encoding="utf-8"))}
    former = places_cli._former_names(list(rows.values()),
                                      [places_cli.read(EARLIER.read_text(encoding="utf-8"))])
    listed = [d for d in ruleset.places.districts() if d.source is None]
    assert len(listed) == len(rows) == 763
    for d in listed:
        assert d.lgd_code is not None
        row = rows[d.lgd_code]
        assert (d.name, d.state) == (places_cli.display(row.name),
                                     places_cli.state_id(row.state, states))
        assert d.also == former.get(d.lgd_code, ())


def test_every_state_and_union_territory_has_its_districts(ruleset: Ruleset) -> None:
    assert set(ruleset.places.by_state) == set(ruleset.facts["state"].values)
    source = ruleset.places.source
    assert source is not None and not source.verified and source.check
    assert str(source.retrieved) == "2022-12-14"


def test_every_listed_spelling_is_one_a_request_may_send(ruleset: Ruleset) -> None:
    for d in ruleset.places.districts():
        for spelled in (d.name, *d.also):
            assert privacy.district_problem(spelled) is None, spelled


def test_the_shipped_file_is_what_the_command_makes_of_the_lgd_file(ruleset: Ruleset) -> None:
    shipped = (RULES / "places" / "districts.yaml").read_text(encoding="utf-8")
    source = ruleset.places.source
    assert source is not None and source.check is not None
    header = places_cli.Header(
        title=source.title, short=source.short, retrieved=source.retrieved,
        url=source.url or "", copy=shipped.split("kept_at: ")[1].split("\n")[0],
        licence=source.licence or "", check=source.check, comment=places_cli.COMMENT)
    made = places_cli.districts_yaml(
        header, places_cli.read(LGD.read_text(encoding="utf-8")),
        [places_cli.read(EARLIER.read_text(encoding="utf-8"))], ruleset.facts["state"].values)
    # Entries added by hand (with a source of their own) are the only lines it may lack.
    added = [line for line in shipped.splitlines() if "source:" in line and "{" in line]
    assert [line for line in shipped.splitlines() if line not in added] == made.splitlines()


def test_title_case_keeps_initials_and_the_lgd_own_mixed_case() -> None:
    assert places_cli.display("24 PARAGANAS NORTH") == "24 Paraganas North"
    assert places_cli.display("KAIMUR (BHABUA)") == "Kaimur (Bhabua)"
    assert places_cli.display("JANJGIR-CHAMPA") == "Janjgir-Champa"
    assert places_cli.display("LAHUL AND SPITI") == "Lahul and Spiti"
    assert places_cli.display("Y.S.R.") == "Y.S.R."
    assert places_cli.display("NTR") == "NTR"
    assert places_cli.display("S.A.S Nagar") == "S.A.S Nagar"


# ---- lookups ------------------------------------------------------------------------------

ALPHA = District("Alpha Nagar", "goa", 1, ("Old Alpha",))
BETA = District("Beta Kalan", "goa", 2)
GAMMA = District("Gamma", "kerala", 3)
LIST = Places.of(ListSource("A test list", "TEST", __import__("datetime").date(2022, 12, 14)),
                 {"goa": (ALPHA, BETA), "kerala": (GAMMA,)})


@pytest.mark.parametrize("typed", ["Alpha Nagar", "alpha nagar", "ALPHA-NAGAR", "Nagar Alpha",
                                   " alpha   nagar ", "old alpha"])
def test_a_district_is_found_whatever_its_case_punctuation_order_or_former_name(
        typed: str) -> None:
    assert LIST.find(typed, "goa") is ALPHA
    assert LIST.find(typed) is ALPHA


def test_a_district_of_another_state_is_not_found_in_this_one() -> None:
    assert LIST.find("Gamma", "goa") is None
    assert LIST.find("Gamma") is GAMMA


def test_the_suggestion_is_the_closest_listed_name_or_none() -> None:
    assert LIST.suggest("Alpa Nagar", "goa") is ALPHA
    assert LIST.suggest("Kalan Beta", "goa") is BETA
    assert LIST.suggest("Zzzzzz", "goa") is None


def test_without_a_list_the_rules_say_so(tmp_path: Path) -> None:
    assert not load_ruleset(TINY).places.listed


# ---- a broken list is a lint error at its place --------------------------------------------


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """The tiny ruleset with a `state` fact, to which a list is added."""
    root = tmp_path / "rules"
    shutil.copytree(TINY, root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text().replace(
        "facts:\n", "facts:\n  state: {type: enum, values: [goa, kerala], question: Where?}\n",
        1))
    (root / "places").mkdir()
    return root


def errors_of(root: Path, body: str) -> list[RuleError]:
    (root / "places" / "districts.yaml").write_text(
        HEAD + textwrap.indent(textwrap.dedent(body), "  "))
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(root)
    return info.value.errors


def test_a_valid_list_loads(rules: Path) -> None:
    (rules / "places" / "districts.yaml").write_text(
        HEAD + "  goa:\n  - {name: Alpha Nagar, lgd: 1, also: [Old Alpha]}\n")
    found = load_ruleset(rules).places.find("old alpha", "goa")
    assert found is not None and (found.name, found.lgd_code) == ("Alpha Nagar", 1)


def test_a_state_key_that_is_not_a_state_is_e435_at_the_key(rules: Path) -> None:
    [error] = errors_of(rules, """\
      goa:
      - {name: Alpha Nagar, lgd: 1}
      keralaa:
      - {name: Gamma, lgd: 3}
    """)
    assert (error.file, error.code, error.line, error.col, error.hint) == (
        "places/districts.yaml", "E435", 8, 3, "kerala")
    assert str(error).startswith("places/districts.yaml:8:3: E435 'keralaa' is not a State")


def test_a_name_no_request_could_send_is_e436(rules: Path) -> None:
    [error] = errors_of(rules, """\
      goa:
      - {name: Alpha Nagar, lgd: 1, also: [Alpha 12345]}
    """)
    assert (error.code, error.line, error.col) == ("E436", 7, 40)


def test_two_entries_that_read_alike_are_e437(rules: Path) -> None:
    [error] = errors_of(rules, """\
      goa:
      - {name: Alpha Nagar, lgd: 1}
      - {name: Nagar-Alpha, lgd: 2}
    """)
    assert (error.code, error.line) == ("E437", 8)
    assert "line 7" in error.message


def test_an_lgd_code_used_twice_is_e438(rules: Path) -> None:
    [error] = errors_of(rules, """\
      goa:
      - {name: Alpha Nagar, lgd: 1}
      kerala:
      - {name: Gamma, lgd: 1}
    """)
    assert (error.code, error.line) == ("E438", 9)


def test_a_district_added_by_hand_and_not_verified_names_its_source(rules: Path) -> None:
    [error] = errors_of(rules, """\
      goa:
      - {name: Alpha Nagar, lgd: 1}
      - {name: Beta Kalan, verified: false}
    """)
    assert (error.code, error.line) == ("E401", 8)


def test_another_file_in_places_is_e108(rules: Path) -> None:
    (rules / "places" / "districts.yaml").write_text(HEAD + "  goa:\n  - {name: Alpha}\n")
    (rules / "places" / "more.yaml").write_text(HEAD)
    with pytest.raises(RulesetInvalid) as info:
        load_ruleset(rules)
    assert {(e.file, e.code) for e in info.value.errors} == {("places/more.yaml", "E108")}


def test_the_command_writes_the_list_from_an_lgd_csv(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from service.cli import main
    now, before = tmp_path / "now.csv", tmp_path / "before.csv"
    now.write_text('"State Code","State Name","District Code","District Name"\n'
                   '30,GOA,901,"ALPHA NAGAR"\n30,GOA,902,Beta\n', encoding="utf-8")
    before.write_text("District Code,District Name(In English),State Code,"
                      "State Name (In English)\n901,OLD ALPHA,30,GOA\n", encoding="utf-8")
    code = main(["places", str(now), "--earlier", str(before), "--retrieved", "2026-01-31",
                 "--copy", "https://example.org/now.csv", "--check", "all of it",
                 "--rules", str(RULES)])
    out = capsys.readouterr().out
    assert code == 0
    assert "  goa:\n  - {name: Alpha Nagar, lgd: 901, also: [Old Alpha]}\n" \
           "  - {name: Beta, lgd: 902}\n" in out
    assert "retrieved: 2026-01-31" in out and "kept_at: https://example.org/now.csv" in out
