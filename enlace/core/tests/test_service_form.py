"""ServiceFormMixin: the one way a page shows a refused write."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from enlace.access.services import StaleVersionError
from enlace.core.views import ServiceFormMixin


class NoteForm(forms.Form):
    title = forms.CharField(required=False)
    text = forms.CharField(required=False)


def page():
    view = ServiceFormMixin()
    view.request = RequestFactory().post("/")
    view.request.session = SessionStore()
    view.request._messages = FallbackStorage(view.request)
    return view


def bound_form():
    form = NoteForm({"title": "a", "text": "b"})
    assert form.is_valid()
    return form


def refuse(exc):
    def service(**kwargs):
        raise exc

    return service


messages_ = st.lists(
    st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool),
    min_size=1,
    max_size=3,
)
fields = st.sampled_from(["title", "text", "elsewhere", "__all__"])


@given(st.dictionaries(fields, messages_, min_size=1))
def test_field_errors_land_on_the_fields_the_form_has_and_above_it_otherwise(errors):
    form = bound_form()
    outcome = page().call_service(form, refuse(ValidationError(errors)))
    assert not outcome.ok and outcome.status == 400
    for field in ("title", "text"):
        assert form.errors.get(field, []) == errors.get(field, [])
    above = [message for field in ("elsewhere", "__all__") for message in errors.get(field, [])]
    assert sorted(form.non_field_errors()) == sorted(above)


def test_a_stale_version_is_the_one_message_above_the_form_and_409():
    form = bound_form()
    outcome = page().call_service(form, refuse(StaleVersionError()))
    assert outcome.status == 409
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    assert outcome.error == StaleVersionError().messages[0]


def test_messages_without_field_can_go_to_one_field():
    form = bound_form()
    outcome = page().call_service(form, refuse(ValidationError("wrong")), error_field="text")
    assert outcome.status == 400 and form.errors["text"] == ["wrong"]
    stale = bound_form()
    page().call_service(stale, refuse(StaleVersionError()), error_field="text")
    assert "text" not in stale.errors and stale.non_field_errors()


@pytest.mark.parametrize(
    ("exc", "status"), [(StaleVersionError(), 409), (ValidationError("no"), 400)]
)
def test_without_a_form_the_refusal_is_a_message(exc, status):
    view = page()
    outcome = view.call_service(None, refuse(exc))
    assert outcome.status == status
    assert [str(message) for message in get_messages(view.request)] == list(exc.messages)


def test_a_service_that_succeeds_gives_its_value():
    form = bound_form()
    outcome = page().call_service(form, lambda value, *, extra: (value, extra), 1, extra=2)
    assert outcome.ok and outcome.value == (1, 2) and form.is_valid()
