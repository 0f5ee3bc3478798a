"""The web app over the bundled rules, with a Hindi catalogue (the bundled one when the rules
carry it; until then a small one written here, so that the pages' language switch is tested
on real Devanagari), a throwaway SQLite database, and keys made on demand."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from service.store import keys

ROOT = Path(__file__).resolve().parents[2]

# A few texts a caseworker sees first, in Hindi: enough for a screening to start and end in it.
HINDI = {
    "How old is she, in completed years?": "उसकी उम्र कितनी है, पूरे वर्षों में?",
    "Is the survivor female, male or transgender?": "पीड़िता महिला, पुरुष या ट्रांसजेंडर है?",
    "In which State or Union Territory does she live now?":
        "वह अभी किस राज्य या केंद्र शासित प्रदेश में रहती है?",
    "Screening": "जाँच",
    "Next": "आगे",
    "Don't know": "पता नहीं",
    "Yes": "हाँ",
    "No": "नहीं",
    "What is already clear": "क्या पहले से साफ़ है",
    "Health": "स्वास्थ्य",
    "Education": "शिक्षा",
    "Livelihood": "आजीविका",
    "Legal": "कानूनी",
    "Social and empowerment": "सामाजिक और सशक्तिकरण",
    "eligible": "पात्र",
    "needs information": "जानकारी चाहिए",
    "not eligible": "पात्र नहीं",
    "Save screening": "जाँच सहेजें",
}


def hindi_rules(target: Path) -> Path:
    """A copy of the bundled rules whose Hindi catalogue has at least the texts above (the
    bundled translation wins where there is one)."""
    rules = target / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "text" / "hi.yaml"
    catalogue = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else
                 {"language": "hi", "locale": "hi_IN", "name": "हिन्दी", "texts": []})
    texts = catalogue.setdefault("texts", [])
    written = {entry["en"]: entry for entry in texts}
    for en, hi in HINDI.items():
        entry = written.get(en)
        if entry is None:
            texts.append({"en": en, "text": hi})
        elif not entry.get("text"):
            entry["text"] = hi
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return rules


@pytest.fixture(scope="session")
def web_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hindi_rules(tmp_path_factory.mktemp("web-rules"))


@pytest.fixture(scope="module")
def web_app(web_rules: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    url = f"sqlite:///{tmp_path_factory.mktemp('web-db') / 'web.db'}"
    return create_app(Settings(rules_dir=web_rules, database_url=url))


@pytest.fixture
def web(web_app: FastAPI) -> Iterator[TestClient]:
    """A fresh browser: no cookies."""
    with TestClient(web_app, base_url="http://testserver") as client:
        yield client


def make_key(app: FastAPI, org: str = "sanjog", role: str = "caseworker") -> str:
    with app.state.db.session() as session:
        return keys.create(session, org=org, role=role, label="web test",
                           now=dt.datetime.now(dt.UTC)).key


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, key: str) -> None:
    page = client.get("/sign-in")
    answer = client.post("/sign-in", data={"csrf": csrf_of(page.text), "key": key},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
