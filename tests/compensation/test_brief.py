"""The paralegal's brief: one printed A4 page in English, Hindi and Bengali for each of the six
hand-worked cases, in plain words (no fact id, route id or `= yes`, nor in the memo), the
child's "start here" in the order a paralegal goes, and the brief served by the API and the
CLI in the three forms it is offered in.

The page count is WeasyPrint's own layout of the HTML, the same that writes the PDF.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.cli import main
from service.compensation import render
from service.compensation.answer import routes
from service.compensation.brief import GROUPED, Brief, brief
from service.compensation.memo import memo
from service.compensation.result import RoutesAnswer
from service.compensation.wording import figure
from service.engine.profile import coerce_profile
from service.rules.ruleset import Ruleset
from service.text.words import words_for
from tests.compensation.test_cases import BONDED, CHILD, CHILD_LABOURER, STRADDLE, UNTRACED

# The six cases of test_cases.py: (profile, as_of, documents held).
CASES: dict[str, tuple[dict[str, Any], str, list[str] | None]] = {
    "1-child-trial-pending": (CHILD, "2025-06-01", None),
    "2-child-after-conviction": ({**CHILD, "case_outcome": "convicted",
                                  "outcome_date": "2025-09-15"}, "2025-10-01", None),
    "3-accused-never-traced": (UNTRACED, "2025-06-01", ["fir-copy"]),
    "4-released-bonded-labourer": (BONDED, "2025-06-01", None),
    "5-rescued-child-labourer": (CHILD_LABOURER, "2025-06-01", None),
    "6-offence-before-claim-after-2024-07-01": (STRADDLE, "2024-09-15", ["fir-copy"]),
}
LANGUAGES = ("en", "hi", "bn")


def answer_of(ruleset: Ruleset, case: str, language: str) -> RoutesAnswer:
    profile, as_of, held = CASES[case]
    return routes(ruleset, coerce_profile(ruleset, profile), dt.date.fromisoformat(as_of),
                  documents_held=held, words=words_for(ruleset, language))


def brief_of(ruleset: Ruleset, case: str, language: str) -> Brief:
    return brief(answer_of(ruleset, case, language), words_for(ruleset, language))


def ids_in(ruleset: Ruleset, text: str) -> list[str]:
    """The ids of the rules that ``text`` shows: fact ids (``sexually_exploited``, or a short
    one like ``age`` written as code or as ``age =``), route ids (``file/route``) and
    entitlement ids, and ``= yes``."""
    found = ["= yes"] if re.search(r"=\s*(yes|no|true|false)\b", text) else []
    for name in [*ruleset.facts, *ruleset.derived]:
        if ("_" in name and name in text) or f"`{name}`" in text or f"{name} =" in text:
            found.append(name)
    for ent in ruleset.entitlements.values():
        if "-" in ent.id and ent.id in text:
            found.append(ent.id)
        for version in ent.versions:
            found += [f"{ent.id}/{r.id}" for r in version.routes if f"{ent.id}/{r.id}" in text]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_brief_prints_on_one_a4_page(ruleset: Ruleset, case: str, language: str) -> None:
    page = render.html(brief_of(ruleset, case, language))
    assert len(render.document(page).pages) == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [c for c in CASES if "harms_suffered" in CASES[c][0]])
def test_the_brief_prints_on_one_page_before_her_harms_are_known(
        ruleset: Ruleset, case: str, language: str) -> None:
    # A caseworker often has not asked yet: every row of the NALSA schedule may apply.
    made = brief(harms_unknown(ruleset, case, language), words_for(ruleset, language))
    assert len(render.document(render.html(made)).pages) == 1


def harms_unknown(ruleset: Ruleset, case: str, language: str = "en") -> RoutesAnswer:
    profile, as_of, held = CASES[case]
    without = {k: v for k, v in profile.items() if k != "harms_suffered"}
    return routes(ruleset, coerce_profile(ruleset, without), dt.date.fromisoformat(as_of),
                  documents_held=held, words=words_for(ruleset, language))


def test_a_schedule_waiting_on_her_harms_is_one_row_naming_each_harm(
        ruleset: Ruleset) -> None:
    words = words_for(ruleset)
    answer = harms_unknown(ruleset, "1-child-trial-pending")
    schedule = next(r for r in answer.routes
                    if r.id == "women-victims-compensation/final-compensation")
    waiting = [b for b in schedule.final if b.applies is None]
    assert len(waiting) >= GROUPED and all(b.missing == ["harms_suffered"] for b in waiting)
    under = schedule.version.title or schedule.title
    rows = [e for e in brief(answer, words).expected
            if e.under == under and e.kind == words.msg("brief.final")]
    assert len(rows) == 1
    row = rows[0].amount
    label = words.label("harms_suffered")
    if all(not b.verified for b in waiting):  # said once, not after each figure
        assert row.startswith(f"By {label}, each if it applies (figures unverified): ")
        assert "(unverified)" not in row
    else:
        assert row.startswith(f"By {label}, each if it applies: ")
    for b in waiting:
        assert f"{b.label}: {figure(b, words, marked=False)}" in row
    # Her harm known, her own row stands alone and no list is made.
    known = brief_of(ruleset, "1-child-trial-pending", "en")
    assert not any(e.amount.startswith("By ") for e in known.expected)


@pytest.mark.parametrize(("language", "font"), [("hi", b"Noto-Sans-Devanagari"),
                                                ("bn", b"Noto-Sans-Bengali")])
def test_the_pdf_sets_each_script_in_its_noto_font(ruleset: Ruleset, language: str,
                                                   font: bytes) -> None:
    # The stylesheet names the families; fontconfig must find them, or the page would fall
    # back to a font without the script's shaping rules. (The shaping itself was checked by
    # eye on pages rendered to PNG: docs/img/.)
    printed = render.document(render.html(brief_of(ruleset, "1-child-trial-pending", language)))
    printed.write_pdf()
    assert any(font in f.name for f in printed.fonts.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES)
def test_no_id_in_the_brief_or_the_memo(ruleset: Ruleset, case: str, language: str) -> None:
    words = words_for(ruleset, language)
    answer = answer_of(ruleset, case, language)
    made = brief(answer, words)
    # The digest in the footer is hex: leave it out of the search for ids.
    texts = {"markdown": render.markdown(made), "html": render.html(made),
             "memo": memo(answer, words)}
    for form, text in texts.items():
        assert ids_in(ruleset, text.replace(answer.ruleset.digest, "")) == [], form


def test_the_checker_finds_ids(ruleset: Ruleset) -> None:
    assert ids_in(ruleset, "sexually_exploited = yes; see pocso-compensation/interim") == [
        "= yes", "sexually_exploited", "pocso-compensation", "pocso-compensation/interim"]
    assert ids_in(ruleset, "`age` is 15") == ["age"]
    assert ids_in(ruleset, "Proof of age (birth certificate)") == []


def test_the_child_starts_at_the_cwc_then_the_special_court_then_the_dlsa(
        ruleset: Ruleset) -> None:
    made = brief_of(ruleset, "1-child-trial-pending", "en")
    offices = [a.office for a in made.start_here]
    # The CWC's week (special relief, paid within 7 days of its recommendation), then the
    # Special Court's interim compensation (paid within 30 days of its order), then the DLSA
    # (NALSA 2018: an award within 60 days of her claim).
    assert offices[:3] == ["Child Welfare Committee", "Special Court (POCSO)",
                           "District Legal Services Authority"]
    cwc, court, dlsa = made.start_here[:3]
    assert "ask the CWC to recommend immediate payment" in cwc.do[0]
    assert cwc.due == "DLSA or DCPU pays the special relief: within 7 days."
    assert "apply to the Special Court for interim compensation" in court.do[0]
    assert court.carry is not None and "Proof of age" in court.carry
    assert "file the application for compensation with the DLSA" in dlsa.do[0]
    assert 3 <= len(made.start_here) <= 4
    assert sum(len(a.do) for a in made.start_here) <= 4
    # What is not yet open, and the event that opens it; closed routes only as a count.
    assert any(line.startswith("Final compensation from the Special Court when the case ends")
               and "opens on the end of the case" in line for line in made.not_yet_open)
    assert made.counted == ["4 other routes do not apply to her case."]
    assert made.draft is None


def test_an_overdue_date_is_named_and_marked(ruleset: Ruleset) -> None:
    made = brief_of(ruleset, "3-accused-never-traced", "en")
    first = made.start_here[0]
    assert first.office == "District Legal Services Authority" and first.overdue
    assert first.due is not None and "2 May 2025; that day has passed" in first.due
    # where to go now comes first
    assert first.do[0] == ("The office has not acted in time: go to the State Legal Services "
                           "Authority.")


def test_the_questions_that_change_the_amount_most(ruleset: Ruleset) -> None:
    # Her age at the offence picks the NALSA 2018 minor's or adult's rate: ₹4,00,000 to
    # ₹10,50,000 until it is known.
    made = brief_of(ruleset, "6-offence-before-claim-after-2024-07-01", "en")
    assert made.questions[0] == ruleset.facts["age_at_offence"].question
    assert len(made.questions) <= 2
    # Without the harms she suffered, the schedule row is unknown: that is the question.
    without = {k: v for k, v in STRADDLE.items() if k != "harms_suffered"}
    answer = routes(ruleset, coerce_profile(ruleset, without), dt.date(2024, 9, 15))
    asked = brief(answer, words_for(ruleset)).questions
    assert ruleset.facts["harms_suffered"].question in asked


def test_a_brief_in_hindi_is_marked_a_draft(ruleset: Ruleset) -> None:
    made = brief_of(ruleset, "1-child-trial-pending", "hi")
    hindi = words_for(ruleset, "hi")
    assert made.language == "hi" and made.draft == hindi.msg("answer.draft")
    assert made.start_here[0].office == hindi.t("Child Welfare Committee")
    assert "1 जून 2025" in made.as_of
    assert '<html lang="hi">' in render.html(made)
    assert "हिन्दी" in made.footer and ruleset.digest in made.footer


# ---- served --------------------------------------------------------------------------------

BODY = {"profile": CHILD, "as_of": "2025-06-01"}


@pytest.mark.parametrize(("accept", "media"), [
    ("text/markdown", "text/markdown"), ("text/html", "text/html"),
    ("application/pdf", "application/pdf"), (None, "text/markdown"),
    ("application/json;q=0.9, text/html;q=0.5", "text/html")])
def test_the_api_serves_the_brief_as_asked(client: TestClient, accept: str | None,
                                           media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.post("/v1/compensation-routes/brief", json=BODY, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    if media == "application/pdf":
        assert r.content.startswith(b"%PDF")
    else:
        assert "Child Welfare Committee" in r.text


def test_the_api_brief_in_the_callers_language(client: TestClient, ruleset: Ruleset) -> None:
    r = client.post("/v1/compensation-routes/brief", json=BODY,
                    headers={"Accept": "text/markdown", "Accept-Language": "bn-IN,bn;q=0.9"})
    assert r.status_code == 200 and r.headers["content-language"] == "bn"
    assert words_for(ruleset, "bn").t("Child Welfare Committee") in r.text
    r = client.post("/v1/compensation-routes/brief?lang=hi", json=BODY)
    assert r.headers["content-language"] == "hi" and "1 जून 2025" in r.text


def test_the_api_refuses_a_form_it_does_not_offer(client: TestClient) -> None:
    r = client.post("/v1/compensation-routes/brief", json=BODY,
                    headers={"Accept": "application/json"})
    assert r.status_code == 406
    body = r.json()
    assert body["code"] == "not_acceptable"
    assert "text/markdown, text/html, application/pdf" in body["detail"]
    # A bad profile is still a 422 naming the field.
    r = client.post("/v1/compensation-routes/brief", json={"profile": {"age": "old"}})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "age"


def test_the_cli_prints_the_brief_and_writes_the_pdf(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CHILD), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    assert main(["routes", str(case), "--as-of", "2025-06-01", "--format", "brief",
                 "--lang", "hi", "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "1 जून 2025" in out and "sha256:" in out
    assert pdf.read_bytes().startswith(b"%PDF")
    # --pdf goes with the brief only.
    assert main(["routes", str(case), "--pdf", str(pdf)]) == 2
