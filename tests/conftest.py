"""Browser fixtures: Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pyotp
import pytest

from enlace.accounts.tests.factories import PASSWORD, totp_device

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test (fixtures, assertions) are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        violations = _watch_policy(browser)
        try:
            yield browser
        finally:
            browser.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        # Every page a browser test opened ran under the Content-Security-Policy: anything it
        # refused (an inline script or style, a foreign source) fails the test.
        assert violations == [], violations


def _watch_policy(browser) -> list[str]:
    """Collect the Content-Security-Policy violations Chromium reports on every new page."""
    violations: list[str] = []
    new_page = browser.new_page

    def watched_new_page(*args, **kwargs):
        page = new_page(*args, **kwargs)
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    browser.new_page = watched_new_page
    return violations


def log_in(browser, live_server, user):
    """A new browser page logged in as `user` with her password and a real TOTP code."""
    device = totp_device(user)
    secret = base64.b32encode(device.bin_key).decode()
    page = browser.new_page(locale="es-CR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    page.wait_for_url("**/accounts/two-factor/")
    page.get_by_label("Código de seis dígitos de su aplicación de autenticación").fill(
        pyotp.TOTP(secret).now()
    )
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url(f"{live_server.url}/")
    return page
