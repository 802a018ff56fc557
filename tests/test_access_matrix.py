"""Walks EVERY URL pattern and API route for EVERY role.

Each view declares who may open it (`allowed_roles`, or `public = True`); this test checks the
declaration exists and is enforced, so capabilities added later are covered without new test
code:
- anonymous visitors are sent to the login page (pages) or get 401 (API), except on public
  routes;
- a role not in `allowed_roles` gets 403, or 404 for a specific object;
- an allowed role gets the page (200, or 405 where the route only accepts POST, or a redirect
  that is not to the login page), and a 404 for an object that does not exist;
- nothing answers 500.
Which records an allowed role sees inside a page is the access policy's business
(enlace/access/tests/test_policy.py and each capability's tests).
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from enlace.accounts.choices import Role

# Public routes by URL name: the only ones an anonymous visitor may open.
PUBLIC_URL_NAMES = {
    "healthz",
    "accounts:login",
    "accounts:logout",
    "set_language",
    "javascript-catalog",
    "schema",
    "api_docs",
}
EXCLUDED_NAMESPACES = {"admin"}  # Django's admin: staff only, checked below
# Values for URL parameters: objects that do not exist.
PLACEHOLDERS = {
    "pk": "999999",
    "iso2": "ZZ",
    "code": "NO-SUCH-CODE",
    "id": "999999",
    "reference": "ZZ-2000-99999",
    "uuid": "00000000-0000-0000-0000-000000000000",
}

ROLE_USERS = {
    Role.LIAISON: "cr_liaison",
    Role.NATIONAL_ADMIN: "cr_admin",
    Role.SECRETARIAT: "st",
    Role.OBSERVER: "observer",
    Role.CIVIL_SOCIETY: "civil_society",
    Role.AUDITOR: "cr_auditor",
    Role.SYSADMIN: "sysadmin",
}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else ""
            yield prefix + str(entry.pattern), name, entry


def route_path(pattern: str, entry: URLPattern) -> str:
    """A concrete path for the pattern, with placeholder values for its parameters."""
    import re

    path = pattern
    path = re.sub(
        r"\(\?P<(\w+)>[^)]*\)", lambda m: PLACEHOLDERS.get(m.group(1), "999999"), path
    )  # regular-expression routes (DRF routers)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: PLACEHOLDERS.get(m.group(1), "999999"), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + path


def view_of(entry: URLPattern):
    callback = entry.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


ROUTES = [
    (pattern, name, entry)
    for pattern, name, entry in walk(get_resolver().url_patterns)
    if name.split(":")[0] not in EXCLUDED_NAMESPACES and not pattern.startswith("admin/")
]


def test_the_walk_finds_pages_and_api_routes():
    names = {name for _pattern, name, _entry in ROUTES}
    assert {"web:home", "audit:event_list", "api:country-list", "api:me", "healthz"} <= names


@pytest.mark.parametrize(
    ("pattern", "name", "entry"), ROUTES, ids=[name or pattern for pattern, name, _ in ROUTES]
)
def test_every_route_declares_who_may_open_it(pattern, name, entry):
    view = view_of(entry)
    public = name in PUBLIC_URL_NAMES or getattr(view, "public", False)
    declared = getattr(view, "allowed_roles", None)
    assert public or declared is not None, (
        f"{name or pattern}: declare allowed_roles on {getattr(view, '__name__', view)}"
    )
    assert declared is None or set(declared) <= {role.value for role in Role}


@pytest.mark.parametrize(
    ("pattern", "name", "entry"), ROUTES, ids=[name or pattern for pattern, name, _ in ROUTES]
)
def test_every_route_for_every_role(pattern, name, entry, users, login, client):
    path = route_path(pattern, entry)
    is_api = path.startswith("/api/v1/")
    has_parameters = "<" in pattern or "(?P<" in pattern
    view = view_of(entry)
    public = name in PUBLIC_URL_NAMES or getattr(view, "public", False)
    allowed = set(getattr(view, "allowed_roles", None) or [])

    anonymous = client.get(path)
    assert anonymous.status_code != 500, path
    if not public:
        if is_api:
            assert anonymous.status_code in {401, 403}, (path, anonymous.status_code)
        else:
            assert anonymous.status_code == 302, (path, anonymous.status_code)
            assert anonymous["Location"].startswith("/accounts/login/"), path

    for role, user_key in ROLE_USERS.items():
        response = login(users[user_key]).get(path)
        status = response.status_code
        assert status != 500, (path, role)
        if public:
            continue
        if role in allowed:
            if has_parameters:
                assert status in {404, 405}, (path, role, status)
            elif status == 302:
                assert not response["Location"].startswith("/accounts/login/"), (path, role)
            else:
                assert status in {200, 405}, (path, role, status)
        else:
            assert status in {403, 404}, (path, role, status)


def test_django_admin_is_closed_to_every_role(users, login):
    for user_key in ROLE_USERS.values():
        response = login(users[user_key]).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
