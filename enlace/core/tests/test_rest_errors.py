"""The one API error shape: `{"error": {"code", "message", "fields"}}` with dotted paths to
lists of plain strings, whatever the error's nesting or origin (DRF, Django, stale version)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework import exceptions

from enlace.access.services import StaleVersionError
from enlace.cases.tests.factories import CaseDataFactory
from enlace.core.rest import exception_handler

messages = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=15
)
keys = st.from_regex(r"[a-z][a-z_]{0,7}", fullmatch=True) | st.integers(0, 4)
leaves = st.lists(messages, min_size=1, max_size=3)
trees = st.recursive(
    leaves,
    lambda children: (
        st.dictionaries(keys, children, min_size=1, max_size=3)
        | st.lists(children, min_size=1, max_size=3)
    ),
    max_leaves=12,
)


def leaf_messages(tree) -> list[str]:
    if isinstance(tree, dict):
        return [text for value in tree.values() for text in leaf_messages(value)]
    if isinstance(tree, list):
        return [text for value in tree for text in leaf_messages(value)]
    return [tree]


def walk(tree, path: str):
    """The part of `tree` a dotted path names, read back segment by segment."""
    for segment in path.split("."):
        if isinstance(tree, dict):
            tree = next(value for key, value in tree.items() if str(key) == segment)
        else:
            tree = tree[int(segment)]
    return tree


def body(exc) -> tuple[int, dict]:
    response = exception_handler(exc, {})
    assert set(response.data) == {"error"}
    error = response.data["error"]
    assert set(error) == {"code", "message", "fields"}
    assert type(error["code"]) is str and type(error["message"]) is str
    assert all(
        type(path) is str
        and isinstance(texts, list)
        and texts
        and all(type(text) is str for text in texts)
        for path, texts in error["fields"].items()
    )
    json.dumps(response.data)  # plain JSON, nothing repr()'d
    return response.status_code, error


@given(st.dictionaries(keys, trees, min_size=1, max_size=4))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_nested_drf_errors_map_to_dotted_paths_of_plain_strings(detail):
    status, error = body(exceptions.ValidationError(detail))
    assert status == 400 and error["code"] == "invalid"
    for path, texts in error["fields"].items():
        assert walk(detail, path) == texts
    found = [text for texts in error["fields"].values() for text in texts]
    assert sorted(found) == sorted(leaf_messages(detail))
    assert "ErrorDetail" not in json.dumps(error)


@given(st.dictionaries(keys, leaves, max_size=3), st.lists(messages, min_size=1, max_size=2))
def test_non_field_errors_make_the_message(detail, general):
    status, error = body(exceptions.ValidationError({**detail, "non_field_errors": general}))
    assert status == 400 and error["message"] == " ".join(general)
    assert "non_field_errors" not in error["fields"]
    assert error["fields"] == {str(key): texts for key, texts in detail.items()}


fields = st.from_regex(r"[a-z][a-z_]{0,6}(\.[0-9a-z_]{1,6}){0,3}", fullmatch=True)
plain = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáé ", min_size=1, max_size=20)


@given(
    st.dictionaries(fields, st.lists(plain, min_size=1, max_size=3), min_size=1, max_size=4),
    st.lists(plain, max_size=2),
)
def test_django_validation_errors_answer_in_the_same_shape(detail, general):
    errors = {**detail, **({"__all__": general} if general else {})}
    status, error = body(DjangoValidationError(errors))
    assert status == 400 and error["code"] == "invalid"
    assert error["fields"] == detail
    if general:
        assert error["message"] == " ".join(general)


@given(st.lists(plain, min_size=1, max_size=3))
def test_django_errors_without_fields_are_the_message(texts):
    status, error = body(DjangoValidationError(texts))
    assert status == 400 and error["fields"] == {} and error["message"] == " ".join(texts)


def test_a_stale_version_answers_409_with_its_message():
    status, error = body(StaleVersionError())
    assert status == 409 and error["code"] == "stale" and error["fields"] == {}
    assert error["message"] == StaleVersionError().messages[0]


@pytest.mark.django_db
def test_a_bad_nested_phone_is_named_by_its_dotted_path(users, login):
    case = CaseDataFactory()
    case["persons"][0]["phones"] = ["+50255551234", "12"]
    response = login(users["mx_liaison"]).post(
        "/api/v1/cases/", case, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["persons.0.phones.1"]
    assert all(
        type(text) is str and "ErrorDetail" not in text
        for text in error["fields"]["persons.0.phones.1"]
    )
