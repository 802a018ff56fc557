"""The shared builders make Standard Format data the one validator accepts, in every variant."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.cases.tests.factories import CaseDataFactory, PersonDataFactory, validated

pytestmark = pytest.mark.django_db


@settings(max_examples=25, deadline=None)
@given(
    minimal=st.booleans(),
    identified=st.booleans(),
    suspect=st.booleans(),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
)
def test_every_variant_is_valid_standard_format(minimal, identified, suspect, age):
    person = PersonDataFactory(identified=identified, suspect=suspect, age=age)
    assert None not in person.values()
    data = validated(CaseDataFactory(minimal=minimal, persons=[person]))
    assert len(data["persons"]) == 1


def test_builds_do_not_share_mutable_values():
    first, second = CaseDataFactory(), CaseDataFactory()
    first["persons"][0]["nationalities"].append("HN")
    first["route"].clear()
    assert second["persons"][0]["nationalities"] == ["GT"] and len(second["route"]) == 2
