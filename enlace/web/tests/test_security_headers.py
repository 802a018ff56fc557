"""Every answer carries a strict Content-Security-Policy, and every dynamic answer
`Cache-Control: no-store`; the markup has nothing that policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "path",
    ["/", "/cases/", "/screening/watchlist/", "/api/v1/cases/", "/statistics/", "/accounts/login/"],
)
def test_pages_and_api_answers_are_not_stored_and_run_no_inline_code(users, login, path):
    response = login(users["cr_liaison"]).get(path, follow=False)
    assert response.status_code in {200, 302}
    assert "no-store" in response["Cache-Control"]
    directives = _directives(response)
    for directive in ("script-src", "style-src", "default-src"):
        assert directives[directive] == ["'self'"], directive
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_an_export_keeps_its_own_no_store_and_static_files_stay_cacheable(users, login, settings):
    from django.test import Client

    response = login(users["st"]).get("/directory/contacts/export.csv")
    assert response["Cache-Control"] == "no-store"
    settings.WHITENOISE_USE_FINDERS = True  # tests have no collected static folder
    static = Client().get("/static/js/enlace.js")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=\s*[\"']", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


def test_no_template_holds_what_the_policy_refuses():
    """Inline scripts, event-handler attributes, javascript: links, style attributes and
    <style> elements would be refused by the browser: none is written."""
    found = []
    for template in sorted(ROOT.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("handler", HANDLER),
            ("style attribute", STYLE_ATTRIBUTE),
            ("style element", STYLE_ELEMENT),
        ):
            found += [f"{template.relative_to(ROOT)}: {name}" for _match in pattern.finditer(text)]
        if "javascript:" in text:
            found.append(f"{template.relative_to(ROOT)}: javascript: link")
    assert found == []


def test_the_scan_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="d">{}</script>')
    assert HANDLER.search('<select onchange="go()">') and STYLE_ATTRIBUTE.search('<p style="x">')
