from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from enlace.audit.models import Event

pytestmark = pytest.mark.django_db


def create_token(username, *args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_token_command_prints_a_key_that_authenticates(users):
    key = create_token("cr-liaison")
    assert len(key) >= 40
    response = Client().get("/api/v1/me/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert response.json()["username"] == "cr-liaison"
    assert response.json()["country"] == "CR"
    assert Event.objects.filter(action="accounts.token_create").exists()


def test_the_key_is_stored_hashed(users):
    key = create_token("cr-liaison")
    token = AuthToken.objects.get(user__username="cr-liaison")
    assert key not in (token.digest, token.token_key) and key.startswith(token.token_key)


def test_revoked_token_is_refused(users):
    key = create_token("cr-liaison")
    create_token("cr-liaison", "--revoke", key[:15])
    response = Client().get("/api/v1/me/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"authentication_failed", "not_authenticated"}


def test_expired_token_is_refused(users):
    key = create_token("cr-liaison", "--days", "1")
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    response = Client().get("/api/v1/me/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401


def test_default_expiry(users):
    create_token("cr-liaison")
    token = AuthToken.objects.get()
    assert timedelta(days=89) < token.expiry - timezone.now() <= timedelta(days=90)


def test_unknown_user_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no hay ningún usuario llamado ghost"):
        call_command("token", "ghost")


def test_users_manage_their_own_tokens_in_the_ui(users, login):
    client = login(users["mx_liaison"])
    response = client.post("/accounts/tokens/", {"days": 30})
    key = response.context["new_key"]
    assert (
        key
        and Client().get("/api/v1/me/", headers={"Authorization": f"Token {key}"}).status_code
        == 200
    )
    client.post("/accounts/tokens/", {"revoke": key[:15]})
    assert Client().get("/api/v1/me/", headers={"Authorization": f"Token {key}"}).status_code == 401
