"""Role sets and refusals in one place per app.

- Each app's role-based `check_*` refuses exactly the roles outside its role set, so a view's
  `allowed_roles`, a service's check and a page's `allows(...)` never disagree.
- No module outside the apps' `permissions.py` (and the access policy's audience readers)
  spells a set of roles, so a rule is not typed twice.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from enlace.access.permissions import LAW_PROFILE_EDITORS, check_law_profile_edit
from enlace.accounts.choices import Role
from enlace.accounts.permissions import allows
from enlace.cases.permissions import CASE_WRITERS, check_case_create
from enlace.core.permissions import PRESIDENCY_EDITORS, check_presidency_assign
from enlace.directory.permissions import (
    CONTACT_READERS,
    SERVICE_READERS,
    check_contact_read,
    check_service_read,
)
from enlace.meetings.permissions import (
    COORDINATION_EDITORS,
    MEETING_MANAGERS,
    MEETING_READERS,
    check_coordination_record_create,
    check_meeting_manage,
    check_meeting_read,
)
from enlace.screening.permissions import SCREENING_ROLES, check_screening_officer
from enlace.statistics.permissions import (
    STATISTICS_MANAGERS,
    SUBMITTERS,
    check_statistics_manage,
    check_submission_save,
)
from enlace.workplan.permissions import (
    WORKPLAN_EDITORS,
    WORKPLAN_READERS,
    check_workplan_edit,
    check_workplan_read,
)

ENLACE = Path(__file__).resolve().parent.parent / "enlace"
ROLE_USERS = ["cr_liaison", "cr_admin", "st", "observer", "civil_society", "cr_auditor", "sysadmin"]

CHECKS = {
    "workplan_read": (check_workplan_read, WORKPLAN_READERS),
    "workplan_edit": (check_workplan_edit, WORKPLAN_EDITORS),
    "contact_read": (check_contact_read, CONTACT_READERS),
    "service_read": (check_service_read, SERVICE_READERS),
    "meeting_read": (check_meeting_read, MEETING_READERS),
    "meeting_manage": (check_meeting_manage, MEETING_MANAGERS),
    "coordination_record_create": (check_coordination_record_create, COORDINATION_EDITORS),
    "statistics_manage": (check_statistics_manage, STATISTICS_MANAGERS),
    "submission_save": (check_submission_save, SUBMITTERS),
    "presidency_assign": (check_presidency_assign, PRESIDENCY_EDITORS),
    "case_create": (check_case_create, CASE_WRITERS),
    "screening_officer": (check_screening_officer, SCREENING_ROLES),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CHECKS))
def test_each_check_admits_exactly_its_role_set(name, users):
    check, roles = CHECKS[name]
    assert roles and roles <= {role.value for role in Role}
    for key in ROLE_USERS:
        user = users[key]
        assert allows(check, user) == (user.role in roles), (name, key)


@pytest.mark.django_db
def test_the_law_profile_is_its_own_national_administrators(users):
    for key in ROLE_USERS:
        user = users[key]
        allowed = user.role in LAW_PROFILE_EDITORS
        assert allows(check_law_profile_edit, user, user.country_id) == allowed, key
    assert not allows(check_law_profile_edit, users["cr_admin"], "MX")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["workplan_read", "contact_read", "statistics_manage", "submission_save", "screening_officer"],
)
def test_a_deactivated_user_is_refused(name, users):
    check, _roles = CHECKS[name]
    for key in ROLE_USERS:
        user = users[key]
        user.is_active = False
        assert not allows(check, user), (name, key)


def _is_role(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
    )


def _role_sets(tree: ast.AST):
    """Set, frozenset and tuple/list literals of two or more `Role.X`, and `frozenset({Role.X})`."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            if len(node.elts) >= 2 and all(_is_role(element) for element in node.elts):
                yield node
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "frozenset"
            and node.args
            and isinstance(node.args[0], (ast.Set, ast.Tuple, ast.List))
            and node.args[0].elts
            and all(_is_role(e) for e in node.args[0].elts)
        ):
            yield node


def test_role_sets_live_in_the_apps_permissions_modules():
    allowed = {"permissions.py"}
    found = []
    for path in sorted(ENLACE.rglob("*.py")):
        relative = path.relative_to(ENLACE)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        if path.name in allowed or relative.as_posix() == "access/policy.py":
            continue
        for node in _role_sets(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{relative}:{node.lineno}")
    assert found == [], "role sets outside permissions.py: " + ", ".join(found)
