"""Every list the API answers is documented as it is answered: a page (`count`, `next`,
`previous`, `results`) is a Paginated* object with its `page` and `page_size` parameters,
never an array; an unpaginated list is an array."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
PAGE_KEYS = {"count", "next", "previous", "results"}


def _success_schema(operation: dict) -> dict:
    answer = operation["responses"].get("200", {})
    return answer.get("content", {}).get("application/json", {}).get("schema", {})


def _component(schema: dict) -> dict:
    ref = schema.get("$ref", "")
    return SCHEMA["components"]["schemas"][ref.split("/")[-1]] if ref else schema


GET_WITHOUT_PATH_PARAMETERS = sorted(
    path for path, operations in SCHEMA["paths"].items() if "get" in operations and "{" not in path
)


def _documents_a_page(schema: dict) -> bool:
    return set(_component(schema).get("properties", {})) >= PAGE_KEYS


@pytest.mark.parametrize("path", GET_WITHOUT_PATH_PARAMETERS)
def test_a_documented_page_declares_its_page_parameters(path):
    operation = SCHEMA["paths"][path]["get"]
    if _documents_a_page(_success_schema(operation)):
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        assert {"page", "page_size"} <= names


@pytest.mark.parametrize("path", GET_WITHOUT_PATH_PARAMETERS)
@pytest.mark.parametrize("user", ["cr_liaison", "st", "regional_auditor"])
def test_every_list_is_answered_in_the_shape_the_schema_documents(users, login, path, user):
    response = login(users[user]).get(path)
    if response.status_code != 200:
        assert response.status_code in {403, 404}  # a role the route refuses
        return
    body = response.json()
    documented = _success_schema(SCHEMA["paths"][path]["get"])
    if isinstance(body, dict) and set(body) >= PAGE_KEYS:
        assert _documents_a_page(documented), f"{path} answers a page"
    elif isinstance(body, list):
        assert documented.get("type") == "array", f"{path} answers an array"
    else:
        assert not _documents_a_page(documented), f"{path} answers one object"
