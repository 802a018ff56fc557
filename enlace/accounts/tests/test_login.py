"""Password + TOTP login, enrolment, lockout, idle timeout, and what each step audits."""

import pyotp
import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from enlace.accounts.tests.factories import PASSWORD, totp_device
from enlace.audit.models import Event

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_password_then_code(users):
    user = users["cr_liaison"]
    device = totp_device(user)
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    # not yet verified: pages and the API are closed
    assert client.get("/").status_code == 302
    assert client.get("/api/v1/me/").status_code == 403
    response = client.post("/accounts/two-factor/", {"code": current_code(device)})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert client.get("/api/v1/me/").json()["role"] == "liaison"
    actions = set(Event.objects.values_list("action", flat=True))
    assert {"auth.login", "auth.two_factor_verified"} <= actions


def test_a_wrong_code_is_refused_and_audited(users):
    user = users["cr_liaison"]
    totp_device(user)
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    response = client.post("/accounts/two-factor/", {"code": "000000"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302
    assert Event.objects.filter(action="auth.two_factor_failed").exists()


def test_first_login_enrols_an_authenticator_with_a_real_totp_app(users):
    user = users["mx_liaison"]
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200 and page.context["enrolling"]
    assert b"<svg" in page.content
    secret = page.context["secret"]
    # what an authenticator app computes from the key shown
    code = pyotp.TOTP(secret).now()
    response = client.post("/accounts/two-factor/", {"code": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get("/").status_code == 200
    assert Event.objects.filter(action="auth.two_factor_enrolled").exists()


def test_wrong_password_is_audited_and_repeated_failures_lock_the_account(users):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "cr-liaison", "password": "nope"})
    assert Event.objects.filter(action="auth.login_failed").count() == settings.AXES_FAILURE_LIMIT
    # now even the right password is refused
    response = client.post("/accounts/login/", {"username": "cr-liaison", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert Event.objects.filter(action="auth.locked_out").exists()


def test_idle_timeout_is_renewed_on_each_request(users, login):
    client = login(users["cr_liaison"])
    client.get("/")
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 60 * 60


def test_an_expired_session_must_log_in_again(users, login):
    client = login(users["cr_liaison"])
    session = client.session
    session.set_expiry(-1)
    session.save()
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_argon2_outside_tests():
    from enlace.config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_production_forces_two_factor(monkeypatch):
    import importlib

    monkeypatch.setenv("ENLACE_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ENLACE_REQUIRE_2FA", "0")
    monkeypatch.setenv("ENLACE_DEMO", "1")
    from enlace.config.settings import production

    production = importlib.reload(production)
    assert production.ENLACE_REQUIRE_2FA is True and production.ENLACE_DEMO is False


def test_demo_mode_may_switch_two_factor_off(users, settings):
    settings.ENLACE_DEMO = True
    settings.ENLACE_REQUIRE_2FA = False
    client = Client()
    response = client.post("/accounts/login/", {"username": "st", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_logout_is_audited(users, login):
    client = login(users["st"])
    client.post("/accounts/logout/")
    assert Event.objects.filter(action="auth.logout", actor_username="st").exists()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "path", ["/accounts/tokens/", "/accounts/users/", "/cases/", "/audit/", "/api/v1/me/"]
)
def test_nothing_opens_between_the_password_and_the_code(users, path):
    user = users["cr_admin"]
    totp_device(user)
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    response = client.get(path)
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] == "/accounts/two-factor/"
    posted = client.post("/accounts/tokens/", {"days": 30})
    assert posted.status_code == 302 and not user.auth_token_set.exists()


def test_the_second_step_never_redirects_to_another_site(users):
    user = users["cr_liaison"]
    device = totp_device(user)
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    response = client.post(
        "/accounts/two-factor/?next=https://evil.example/", {"code": current_code(device)}
    )
    assert response.status_code == 302 and response["Location"] == "/"
