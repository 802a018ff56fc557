"""Edges the schema fuzzing run found: a URL no API route matches answers 404 in the API's
JSON error shape (not the site's HTML page), a `page_size` that is not a whole number of at
least 1 is a 400 (not silently the default), and public operations say in the document that
they need no credentials."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(["jobs", "cases", "watchlist", "contacts", "nothing-here"]),
    st.one_of(
        st.text(min_size=1, max_size=8).filter(lambda text: not text.isdigit()), st.just("0.5")
    ),
)
def test_an_unmatched_api_url_is_a_json_404(users, login, collection, segment):
    from urllib.parse import quote

    response = login(users["cr_liaison"]).get(f"/api/v1/{collection}/{quote(segment, safe='')}/x/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


def test_an_unmatched_page_is_still_the_sites_page(users, login):
    response = login(users["cr_liaison"]).get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("size", ["null", "0", "-3", "1.5", "abc"])
def test_a_page_size_that_is_no_whole_number_is_refused(users, login, size):
    response = login(users["cr_liaison"]).get(f"/api/v1/countries/?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["fields"]


def test_a_repeated_page_size_is_refused(users, login):
    response = login(users["cr_liaison"]).get("/api/v1/cases/?page_size=2&page_size=3")
    assert response.status_code == 400


@given(st.integers(min_value=1, max_value=2000))
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_whole_page_size_is_answered_up_to_the_maximum(users, login, size):
    response = login(users["cr_liaison"]).get(f"/api/v1/countries/?page_size={size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(size, 500, response.json()["count"])


def test_public_operations_are_documented_as_needing_no_credentials():
    public = SCHEMA["paths"]["/api/v1/statistics/indicators/"]["get"]
    assert {} in public["security"]
    private = SCHEMA["paths"]["/api/v1/cases/"]["get"]
    assert {} not in private["security"]
