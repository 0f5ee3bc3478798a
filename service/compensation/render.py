"""The brief laid out: Markdown, HTML for one printed A4 page, and PDF from that HTML.

Jinja2 fills the templates (``templates``); WeasyPrint prints the HTML with the fonts the
stylesheet names, shaping Devanagari and Bengali through HarfBuzz.
"""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from service.compensation import templates
from service.compensation.brief import Brief

MEDIA = {"markdown": "text/markdown", "html": "text/html", "pdf": "application/pdf"}

_ENV = Environment(
    loader=DictLoader({"brief.md": templates.MARKDOWN, "brief.html": templates.HTML}),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined, keep_trailing_newline=True)


def markdown(b: Brief) -> str:
    return _ENV.get_template("brief.md").render(b=b)


def html(b: Brief) -> str:
    return _ENV.get_template("brief.html").render(b=b, css=templates.CSS)


def document(page: str) -> Any:
    """The HTML laid out in pages (a ``weasyprint.Document``, untyped):
    ``len(document(page).pages)`` is how many sheets it prints on."""
    # WeasyPrint loads Pango and its fonts when imported: only those who print pay for it.
    from weasyprint import HTML  # type: ignore[import-untyped]

    return HTML(string=page).render()


def pdf(page: str) -> bytes:
    out: bytes = document(page).write_pdf()  # with no target it returns the bytes
    return out
