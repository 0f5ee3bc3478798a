"""The pages in a real browser: Debian's Chromium, driven by Playwright, against a live
uvicorn on a free port with a throwaway SQLite database. Screenshots go to
test-output/screenshots/ for a person to look at.

Skipped only when no Chromium is installed (CI installs it: .ci/run)."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.settings import Settings
from service.text import words_for
from tests.web.conftest import ROOT, make_key

CHROMIUM = Path(os.environ.get("ADHIKAR_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "test-output" / "screenshots"
WAIT_MS = 60_000  # a busy machine is slow, not wrong

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} "
                       "(apt-get install chromium; CI installs it)"),
]

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, expect, sync_playwright


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live(web_rules: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FastAPI]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('live-db') / 'live.db'}"
    app = create_app(Settings(rules_dir=web_rules, database_url=url))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    # Every request the pages make stays on this machine.
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url)
           if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield tab
    context.close()
    assert not outside, outside
    assert not problems, problems  # a blocked script or style (CSP) shows up here


def shot(page: Page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def sign_in(page: Page, base: str, key: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cases$"))


def qnum(page: Page) -> str:
    return page.locator(".qnum").inner_text()


def answer_first_two(page: Page, next_label: str) -> None:
    """Age 16, then "yes" to whatever the engine asks next (the ranking decides which):
    through the page's own controls."""
    expect(page.locator("input[name=q]")).to_have_value("age")
    page.locator("input[name=v][type=number]").fill("16")
    page.get_by_role("button", name=next_label, exact=True).click()
    expect(page.locator("input[name=q]")).not_to_have_value("age")
    second = page.locator("input[name=q]").input_value()
    yes = page.locator("input[name=v][value=true]")
    (yes if yes.count() else page.locator("input[name=v][type=radio]").first).check()
    page.get_by_role("button", name=next_label, exact=True).click()
    expect(page.locator("input[name=q]")).not_to_have_value(second)


def test_a_screening_in_hindi_from_first_question_to_result(live: tuple[str, FastAPI],
                                                           page: Page) -> None:
    base, app = live
    page.goto(f"{base}/?lang=hi")
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    hi = words_for(app.state.rules.current, "hi").t  # the bundled Hindi, as the page shows it
    expect(page.locator("legend .qtext")).to_contain_text(
        hi("How old is she, in completed years?"))
    page.evaluate("window.stillHere = true")
    answer_first_two(page, hi("Next"))
    # htmx swapped the panel in place: the page itself was never reloaded
    assert page.evaluate("window.stillHere === true")
    # "don't know" until the engine has nothing more to ask, or ten times
    for _ in range(10):
        if page.locator("input[name=q]").count() == 0:
            break
        before = page.locator("input[name=q]").input_value()
        page.get_by_role("button", name=hi("Don't know"), exact=True).click()
        expect(page.locator("input[name=q]")).not_to_have_value(before) \
            if page.locator("input[name=q]").count() else None
    expect(page.locator("#results-h")).to_have_text(hi("What is already clear"))
    expect(page.locator("#c-health")).to_have_text(hi("Health"))
    assert page.locator(".badge.eligible").count() >= 1
    expect(page.locator(".badge.eligible").first).to_have_text(hi("eligible"))
    assert "16" in page.locator(".answers").inner_text()
    shot(page, "screener-hindi")
    # switching language mid-way keeps the answers
    page.locator(".langs-keep").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#results-h")).to_have_text("What is already clear")
    assert "16" in page.locator(".answers").inner_text()


def test_save_open_two_claims_and_receive_one(live: tuple[str, FastAPI], page: Page) -> None:
    base, app = live
    sign_in(page, base, make_key(app, org="browser-org"))
    page.goto(f"{base}/?lang=en")
    answer_first_two(page, "Next")
    shot(page, "screener")
    # printed: the results alone, without the navigation, the question or the forms
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("#screener")).to_be_hidden()
    expect(page.locator("#results")).to_be_visible()
    (SHOTS / "screener-print.pdf").write_bytes(page.pdf(format="A4"))
    page.emulate_media(media="screen")
    page.get_by_label(re.compile("Case reference")).fill("2026-9001")
    page.get_by_role("button", name="Save screening").click()
    page.wait_for_url(re.compile(r"/cases/[0-9a-f]{32}$"))
    expect(page.locator("h1")).to_contain_text("2026-9001")
    for _ in range(2):
        page.get_by_role("button", name=re.compile("^Open a claim")).first.click()
        page.wait_for_load_state()
    expect(page.locator(".stepper")).to_have_count(2)
    first = page.locator("article:has(.stepper)").first
    for step in ("documents ready", "applied", "sanctioned", "received"):
        first.get_by_role("button", name=f"Move to: {step}").click()
        page.wait_for_load_state()
        first = page.locator("article:has(.stepper)").first
    steppers = page.locator(".stepper")
    expect(steppers).to_have_count(2)
    texts = [steppers.nth(i).inner_text() for i in range(2)]
    assert sum("received" in t and "done" in (steppers.nth(i).inner_html())
               for i, t in enumerate(texts)) >= 1
    done = page.locator(".stepper li.done")
    assert done.count() == 5 + 1  # all five steps of one claim, the first of the other
    shot(page, "case-plan")
    page.goto(f"{base}/programme")
    expect(page.locator("svg.chart").first).to_be_visible()
    assert page.locator("svg.chart").count() >= 8
    shot(page, "programme")


def _label_of(page: Page) -> dict[str, str]:
    """The focused element: its tag and its accessible name as a screen reader would read it
    (a label, aria-label, or its own text)."""
    result: dict[str, str] = page.evaluate("""() => {
        const e = document.activeElement;
        const byLabel = e.labels && e.labels.length
            ? [...e.labels].map(l => l.innerText).join(' ') : '';
        const legend = e.closest('fieldset') ? e.closest('fieldset').querySelector('legend') : null;
        return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
                label: (e.getAttribute('aria-label') || byLabel || e.innerText || '').trim(),
                legend: legend ? legend.innerText.trim() : ''};
    }""")
    return result


def test_the_screener_by_keyboard_alone(live: tuple[str, FastAPI], page: Page) -> None:
    base, _ = live
    page.goto(f"{base}/?lang=en")
    seen: list[dict[str, str]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _label_of(page)
        seen.append(focused)
        if focused["tag"] in ("input", "button", "select", "a"):
            assert focused["label"], f"a control without a name: {focused}"
    names = {(f["tag"], f["name"]) for f in seen}
    assert ("input", "v") in names  # the question's answer
    assert ("button", "do") in names  # Next and Don't know
    assert any(f["label"] == "Don't know" for f in seen)
    assert any(f["label"] == "हिन्दी" for f in seen)  # the switcher is reachable too
    # answer by keys: Tab to the number field, type, Enter
    page.goto(f"{base}/?lang=en")
    for _ in range(30):
        page.keyboard.press("Tab")
        if _label_of(page)["name"] == "v":
            break
    page.keyboard.type("16")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=q]")).not_to_have_value("age")
    # after an answer the next question has the focus: arrow to choose, Tab to Next, Enter
    focused = _label_of(page)
    assert focused["tag"] == "input" and focused["type"] == "radio", focused
    page.keyboard.press("ArrowDown")  # the second choice
    page.keyboard.press("ArrowUp")  # back to the first
    chosen = page.evaluate("""() => {
        const e = document.querySelector('input[name=v]:checked');
        return e && e.labels && e.labels.length ? e.labels[0].innerText.trim() : '';
    }""")
    assert chosen
    page.keyboard.press("Tab")
    for _ in range(5):
        if _label_of(page)["label"] == "Next":
            break
        page.keyboard.press("Tab")
    assert _label_of(page)["label"] == "Next"
    page.keyboard.press("Enter")
    expect(page.locator(".answers")).to_contain_text(chosen)


def test_the_pages_fit_a_360_pixel_phone(live: tuple[str, FastAPI], browser: Browser) -> None:
    base, app = live
    context = browser.new_context(viewport={"width": 360, "height": 740},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    try:
        sign_in(tab, base, make_key(app, org="phone-org"))
        for path, name in (("/?lang=en", "phone-screener"), ("/rules", "phone-rules"),
                           ("/programme", "phone-programme"), ("/cases", "phone-cases")):
            tab.goto(base + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} is {width} px wide at 360"
            shot(tab, name)
        # the main controls are big enough to tap
        tab.goto(f"{base}/?lang=en")
        box = tab.get_by_role("button", name="Next", exact=True).bounding_box()
        assert box is not None and box["height"] >= 40
        # a case plan on the phone
        answer_first_two(tab, "Next")
        tab.get_by_label(re.compile("Case reference")).fill("2026-9002")
        tab.get_by_role("button", name="Save screening").click()
        tab.wait_for_url(re.compile(r"/cases/[0-9a-f]{32}$"))
        tab.get_by_role("button", name=re.compile("^Open a claim")).first.click()
        tab.wait_for_load_state()
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the case plan is {width} px wide at 360"
        shot(tab, "phone-case-plan")
    finally:
        context.close()


def test_the_screener_without_javascript(live: tuple[str, FastAPI], browser: Browser) -> None:
    base, _ = live
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    try:
        tab.goto(f"{base}/?lang=en")
        answer_first_two(tab, "Next")
        tab.get_by_role("button", name="Don't know", exact=True).click()
        expect(tab.locator(".answers")).to_contain_text("not known")
        assert tab.url.rstrip("/") == base  # the answers went in the body, not the address
    finally:
        context.close()
