import pytest
from django.db.utils import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert set(body) == {"status", "database", "queue", "worker"}


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from enlace.web import views

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] != "ok"


def test_spanish_is_the_default_and_english_is_a_switch_away(users, login):
    client = login(users["cr_liaison"])
    page = client.get("/").content.decode()
    assert '<html lang="es">' in page and "Hola, " in page and "Cerrar sesión" in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Welcome, " in page and "Log out" in page


def test_navigation_shows_only_what_the_role_may_open(users, login):
    auditor_page = login(users["cr_auditor"]).get("/").content.decode()
    assert 'href="/audit/"' in auditor_page and 'href="/accounts/users/"' not in auditor_page
    admin_page = login(users["cr_admin"]).get("/").content.decode()
    assert 'href="/accounts/users/"' in admin_page and 'href="/audit/"' not in admin_page
    assert 'href="/access/law-profile/"' in admin_page


@pytest.mark.parametrize(
    "user_key",
    ["cr_liaison", "cr_admin", "st", "observer", "civil_society", "cr_auditor", "sysadmin"],
)
def test_every_role_has_a_home_dashboard(users, login, user_key):
    response = login(users[user_key]).get("/")
    assert response.status_code == 200
    assert b'data-testid="dashboard-title"' in response.content


def test_pages_reference_no_external_host(users, login):
    import re

    for path in ["/", "/accounts/tokens/", "/api/docs/"]:
        html = login(users["cr_liaison"]).get(path).content.decode()
        sources = re.findall(r'(?:src|href)=["\']([^"\']+)', html)
        external = [url for url in sources if url.startswith(("http:", "https:", "//"))]
        assert external == [], (path, external)


def test_login_page_is_public_and_accessible(db):
    html = Client().get("/accounts/login/").content.decode()
    assert '<label class="form-label" for="id_username">' in html
    assert '<label class="form-label" for="id_password">' in html
    assert 'href="#main"' in html  # skip link


@pytest.mark.django_db
def test_the_menu_groups_entries_by_section_and_keeps_every_one(users):
    from enlace.web.navigation import items_for, menu_for

    for user in users.values():
        menu = menu_for(user)
        listed = [item.url_name for entry in menu for item in entry.items]
        assert sorted(listed) == sorted(item.url_name for item in items_for(user))
    liaison = [str(entry.label) for entry in menu_for(users["cr_liaison"])]
    assert liaison[:3] == ["Inicio", "Casos", "Cotejo de viajeros"] and "Red" in liaison
    cases = next(entry for entry in menu_for(users["cr_liaison"]) if str(entry.label) == "Casos")
    assert [item.url_name for item in cases.items] == [
        "cases:case_list",
        "cases:case_inbox",
        "cases:case_import",
    ]
