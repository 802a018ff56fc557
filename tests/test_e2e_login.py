"""End to end in a real browser (Debian's chromium driven by Playwright): a Costa Rican
liaison officer logs in with her password and a real TOTP code, sees the dashboard in
Spanish, switches to English and sees it again."""

from __future__ import annotations

import base64

import pyotp
import pytest

from enlace.accounts.tests.factories import PASSWORD, totp_device

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_with_totp_switch_language_and_see_the_dashboard(live_server, users, browser):
    user = users["cr_liaison"]
    device = totp_device(user)
    secret = base64.b32encode(device.bin_key).decode()  # what the QR code carries

    page = browser.new_page(locale="es-CR")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Nombre de usuario").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()

    page.wait_for_url("**/accounts/two-factor/")
    page.get_by_label("Código de seis dígitos de su aplicación de autenticación").fill(
        pyotp.TOTP(secret).now()
    )
    page.get_by_role("button", name="Verificar").click()

    page.wait_for_url(f"{live_server.url}/")
    title = page.get_by_test_id("dashboard-title")
    assert title.inner_text().startswith("Hola")
    assert "Costa Rica" in page.content()

    page.get_by_label("Idioma").select_option("en")
    page.wait_for_load_state("load")
    page.get_by_test_id("dashboard-title").wait_for()
    assert page.get_by_test_id("dashboard-title").inner_text().startswith("Welcome")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()


def test_a_liaison_officers_menu_fits_one_row_and_opens_by_section(live_server, users, browser):
    from tests.conftest import log_in

    page = log_in(browser, live_server, users["cr_liaison"])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    bar = page.get_by_role("navigation", name="Navegación principal")
    assert bar.bounding_box()["height"] < 70  # one row, nothing pushed off the screen
    log_out = page.get_by_role("button", name="Cerrar sesión")
    box = log_out.bounding_box()
    assert box["x"] + box["width"] <= 1280
    bar.get_by_role("button", name="Red").click()
    with page.expect_navigation():
        bar.get_by_role("link", name="Reuniones").click()
    assert page.url.endswith("/meetings/")
    assert "active" in bar.get_by_role("button", name="Red").get_attribute("class")
