"""The menu offers exactly the pages a role may open: every entry's roles are those of the view
its URL name resolves to, and each role's menu lists the entries whose pages admit her (by
asking the pages themselves), less those reached from a page she already has."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from enlace.accounts.choices import Role
from enlace.web.navigation import _ITEMS, items_for, menu_for, view_roles

ROLE_USERS = {
    Role.LIAISON: "cr_liaison",
    Role.NATIONAL_ADMIN: "cr_admin",
    Role.SECRETARIAT: "st",
    Role.OBSERVER: "observer",
    Role.CIVIL_SOCIETY: "civil_society",
    Role.AUDITOR: "cr_auditor",
    Role.SYSADMIN: "sysadmin",
}
EVERY_ROLE = frozenset(role.value for role in Role)


def declared(url_name: str) -> frozenset[str]:
    """What the view declares, read from the URL pattern without the navigation module."""
    view = resolve(reverse(url_name)).func.view_class
    return EVERY_ROLE if getattr(view, "public", False) else frozenset(view.allowed_roles)


def test_the_registry_holds_the_entries_of_every_capability():
    names = {item.url_name for item in _ITEMS}
    assert {
        "web:home",
        "cases:case_list",
        "screening:entry_list",
        "statistics:dashboard",
        "directory:contact_list",
        "meetings:meeting_list",
        "workplan:plan",
        "audit:event_list",
        "accounts:user_list",
    } <= names


@pytest.mark.parametrize("item", _ITEMS, ids=[item.url_name for item in _ITEMS])
def test_every_entry_shows_the_roles_of_the_view_it_points_to(item):
    expected = declared(item.url_name)
    if item.reached_from:
        expected -= declared(item.reached_from)
    assert item.roles == expected
    assert item.roles, f"{item.url_name}: no role would see this entry"


def _admits(client, url_name: str) -> bool:
    response = client.get(reverse(url_name))
    assert response.status_code != 500, url_name
    if response.status_code == 403:
        return False
    return not (response.status_code == 302 and response["Location"].startswith("/accounts/login/"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_USERS), ids=[str(role) for role in ROLE_USERS])
def test_each_role_sees_exactly_the_entries_whose_pages_admit_her(role, users, login):
    user = users[ROLE_USERS[role]]
    client = login(user)
    names = {item.url_name for item in _ITEMS} | {item.reached_from for item in _ITEMS}
    admitted = {name for name in names - {""} if _admits(client, name)}
    expected = {
        item.url_name
        for item in _ITEMS
        if item.url_name in admitted and not (item.reached_from and item.reached_from in admitted)
    }
    assert {item.url_name for item in items_for(user)} == expected
    listed = {item.url_name for entry in menu_for(user) for item in entry.items}
    assert listed == expected


@pytest.mark.django_db
def test_a_page_reached_from_another_is_offered_to_the_roles_without_that_page(users, login):
    releases = next(item for item in _ITEMS if item.url_name == "statistics:release_list")
    assert releases.reached_from == "statistics:dashboard"
    for role, key in ROLE_USERS.items():
        shown = releases in items_for(users[key])
        assert shown == (role not in view_roles("statistics:dashboard")), role


def test_an_entry_follows_its_view_when_the_view_changes(monkeypatch):
    """Nothing is typed twice: narrowing a view's roles narrows its entry."""
    view = resolve(reverse("workplan:plan")).func.view_class
    item = next(item for item in _ITEMS if item.url_name == "workplan:plan")
    monkeypatch.setattr(view, "allowed_roles", frozenset({Role.SECRETARIAT}))
    view_roles.cache_clear()
    try:
        assert item.roles == {Role.SECRETARIAT}
    finally:
        monkeypatch.undo()
        view_roles.cache_clear()
    assert item.roles == declared("workplan:plan")
