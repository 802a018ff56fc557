import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_schema(db):
    response = Client().get("/api/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/countries/" in document["paths"]
    assert "/api/v1/me/" in document["paths"]


def test_api_docs_use_local_assets(db):
    html = Client().get("/api/docs/").content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html


def test_error_shape_for_unauthenticated_requests(db):
    response = Client().get("/api/v1/countries/")
    assert response.status_code == 401
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]


def test_error_shape_for_not_found(users, login):
    response = login(users["cr_liaison"]).get("/api/v1/countries/ZZ/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_error_shape_for_forbidden(users, login):
    response = login(users["cr_liaison"]).get("/api/v1/audit/events/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_error_shape_for_invalid_input(users, login):
    from rest_framework import serializers
    from rest_framework.exceptions import ValidationError
    from rest_framework.test import APIRequestFactory

    from enlace.core.rest import exception_handler

    class Payload(serializers.Serializer):
        birth_date = serializers.DateField()

    payload = Payload(data={"birth_date": "2025-13-40"})
    with pytest.raises(ValidationError) as error:
        payload.is_valid(raise_exception=True)
    request = APIRequestFactory().post("/")
    response = exception_handler(error.value, {"request": request})
    body = response.data["error"]
    assert response.status_code == 400 and body["code"] == "invalid"
    assert list(body["fields"]) == ["birth_date"] and body["fields"]["birth_date"]


def test_pagination_and_filters(users, login):
    client = login(users["cr_liaison"])
    page = client.get("/api/v1/countries/", {"page_size": 5}).json()
    assert page["count"] == 249 and len(page["results"]) == 5 and page["next"]
    members = client.get("/api/v1/countries/", {"member_state": "true"}).json()
    assert members["count"] == 11
    vocabulary = client.get("/api/v1/vocabularies/", {"vocabulary": "case_type"}).json()
    assert {row["code"] for row in vocabulary["results"]} >= {"trafficking", "smuggling"}


def test_throttling_answers_429_with_the_error_shape(users, login, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "get_rate", lambda self: "3/minute")
    client = login(users["cr_liaison"])
    statuses = [client.get("/api/v1/me/").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[-1] == 429
    assert client.get("/api/v1/me/").json()["error"]["code"] == "throttled"


def test_the_schema_generates_without_warnings(tmp_path):
    """CI's deploy check fails on schema warnings; catch them in the suite first."""
    from django.core.management import call_command

    call_command(
        "spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")
