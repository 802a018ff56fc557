"""The API answers what /api/schema/ says: schemathesis generates requests from the OpenAPI
document and runs them in process (WSGI) as a demo liaison officer with an API token, then
checks every answer against the documented status codes and response schemas."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from enlace.core.demo import demo_load

APP = get_wsgi_application()


@pytest.fixture
def demo(db):
    """A demo liaison officer's API token. Requests run inside the test's transaction, so
    the end of a request must not close the connection (Django's test client does the same)."""
    users = demo_load(seed=3, options={"cases": 25, "watchlist": 25})
    _token, key = AuthToken.objects.create(users["cr-liaison"])
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield key
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The document /api/schema/ serves, generated the same way (no request, no database needed).
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True)
).include(method="GET")
# Requests the document allows (positive mode): each answer must then be a documented one.
schema.config.generation.update(modes=["positive"], max_examples=8)


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_get_operations_answer_what_the_schema_documents(case, demo):
    case.call_and_validate(
        app=APP,
        headers={"Authorization": f"Token {demo}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
