"""The access policy proven on a test-only shareable model: every role x audience x
owner/non-owner combination, the 404 fetch, editing rights and redaction."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from enlace.access.choices import Audience
from enlace.access.models import LawProfile
from enlace.access.policy import (
    REDACTED,
    can_edit,
    get_visible_or_404,
    redact,
    visible_to,
)
from enlace.access.services import StaleVersionError, record_share, record_withdraw
from enlace.access.tests.shareable.models import Specimen
from enlace.audit.models import Event

pytestmark = pytest.mark.django_db

# Who sees a record owned by Costa Rica, by audience. "selected" lists Mexico.
EXPECTED_VISIBLE = {
    # user key:       national  selected  network  partners
    "cr_liaison": (True, True, True, True),  # owner
    "mx_liaison": (False, True, True, True),  # listed member state
    "cr_admin": (False, False, False, False),  # manages users, not records
    "mx_admin": (False, False, False, False),
    "st": (False, False, False, True),
    "observer": (False, False, False, True),
    "civil_society": (False, False, False, False),  # statistics only
    "cr_auditor": (False, False, False, False),  # the trail, not records
    "regional_auditor": (False, False, False, False),
    "sysadmin": (False, False, False, False),  # never reads content
}
AUDIENCES = [Audience.NATIONAL, Audience.SELECTED, Audience.NETWORK, Audience.PARTNERS]


def make_specimen(owner="CR", audience=Audience.NATIONAL, shared_with=("MX",)):
    specimen = Specimen.objects.create(
        owner_country_id=owner,
        audience=audience,
        title=f"{owner} {audience}",
        name="Juana Pérez",
        birth_date=date(1990, 5, 17),
        phone="+50688887777",
    )
    if audience == Audience.SELECTED:
        specimen.shared_with.set(shared_with)
    return specimen


@pytest.mark.parametrize("user_key", sorted(EXPECTED_VISIBLE))
@pytest.mark.parametrize("audience_index", range(4))
def test_visibility_matrix(users, user_key, audience_index):
    audience = AUDIENCES[audience_index]
    specimen = make_specimen(audience=audience)
    actor = users[user_key]
    expected = EXPECTED_VISIBLE[user_key][audience_index]

    assert visible_to(Specimen, actor).filter(pk=specimen.pk).exists() is expected
    if expected:
        assert get_visible_or_404(Specimen, actor, pk=specimen.pk) == specimen
        read = Event.objects.get(action="shareable_test.read", object_id=str(specimen.pk))
        assert (read.actor_username, read.owner_country) == (actor.username, "CR")
    else:
        with pytest.raises(Http404):
            get_visible_or_404(Specimen, actor, pk=specimen.pk)
    # only the owner's liaison officers edit, whatever the audience
    assert can_edit(actor, specimen) is (user_key == "cr_liaison")


@pytest.mark.parametrize("user_key", sorted(EXPECTED_VISIBLE))
def test_records_owned_by_the_other_country_mirror_the_matrix(users, user_key):
    """Mexico's national record: only Mexico's liaison officer sees and edits it."""
    specimen = make_specimen(owner="MX", audience=Audience.NATIONAL)
    actor = users[user_key]
    assert visible_to(Specimen, actor).filter(pk=specimen.pk).exists() is (user_key == "mx_liaison")
    assert can_edit(actor, specimen) is (user_key == "mx_liaison")


def test_selected_audience_excludes_member_states_not_listed(users):
    specimen = make_specimen(audience=Audience.SELECTED, shared_with=("GT",))
    assert not visible_to(Specimen, users["mx_liaison"]).filter(pk=specimen.pk).exists()


def test_many_shared_countries_never_duplicate_a_record(users):
    specimen = make_specimen(audience=Audience.SELECTED, shared_with=("MX", "GT", "US"))
    assert list(visible_to(Specimen, users["mx_liaison"])) == [specimen]


def test_anonymous_and_inactive_users_see_nothing(users):
    from django.contrib.auth.models import AnonymousUser

    make_specimen(audience=Audience.PARTNERS)
    assert not visible_to(Specimen, AnonymousUser()).exists()
    mx = users["mx_liaison"]
    mx.is_active = False
    assert not visible_to(Specimen, mx).exists()


def test_visible_to_narrows_a_given_queryset(users):
    make_specimen(audience=Audience.NETWORK)
    other = make_specimen(owner="MX", audience=Audience.NETWORK)
    subset = Specimen.objects.filter(owner_country_id="MX")
    assert list(visible_to(subset, users["cr_liaison"])) == [other]


class TestRedaction:
    def test_the_owner_sees_everything(self, users):
        specimen = make_specimen(audience=Audience.NETWORK)
        values = redact(users["cr_liaison"], specimen)
        assert values["name"] == "Juana Pérez"
        assert values["redacted"] == []

    def test_without_a_law_profile_every_sensitive_group_is_withheld(self, users):
        specimen = make_specimen(audience=Audience.NETWORK)
        values = redact(users["mx_liaison"], specimen)
        assert values["name"] is REDACTED and values["birth_date"] is REDACTED
        assert values["phone"] is REDACTED
        assert values["title"] == specimen.title  # not sensitive
        assert values["redacted"] == ["birth_dates", "names", "phones"]

    def test_the_owners_law_profile_decides_what_leaves(self, users):
        LawProfile.objects.create(country_id="CR", share_birth_dates=True, share_phones=True)
        specimen = make_specimen(audience=Audience.PARTNERS)
        for key in ("mx_liaison", "st", "observer"):
            values = redact(users[key], specimen)
            assert values["name"] is REDACTED
            assert values["birth_date"] == date(1990, 5, 17)
            assert values["phone"] == "+50688887777"
            assert values["redacted"] == ["names"]

    def test_redacting_a_subset_of_values(self, users):
        specimen = make_specimen(audience=Audience.NETWORK)
        values = redact(users["mx_liaison"], specimen, {"title": "x", "name": "y"})
        assert values == {
            "title": "x",
            "name": REDACTED,
            "redacted": ["birth_dates", "names", "phones"],
        }


class TestSharing:
    def test_owner_shares_then_withdraws_and_both_are_audited(self, users):
        specimen = make_specimen()
        cr = users["cr_liaison"]
        record_share(
            actor=cr,
            record=specimen,
            audience="selected",
            countries=["MX", "CR"],
            handling_code="H2",
            expected_version=1,
        )
        specimen.refresh_from_db()
        assert specimen.audience == "selected" and specimen.handling_code == "H2"
        assert list(specimen.shared_with.values_list("iso2", flat=True)) == ["MX"]
        assert specimen.version == 2
        assert visible_to(Specimen, users["mx_liaison"]).filter(pk=specimen.pk).exists()

        record_withdraw(actor=cr, record=specimen, expected_version=2)
        specimen.refresh_from_db()
        assert specimen.audience == "national" and not specimen.shared_with.exists()
        assert not visible_to(Specimen, users["mx_liaison"]).filter(pk=specimen.pk).exists()
        actions = list(
            Event.objects.filter(object_id=str(specimen.pk))
            .order_by("sequence")
            .values_list("action", "owner_country")
        )
        assert actions == [("shareable_test.share", "CR"), ("shareable_test.withdraw", "CR")]

    def test_recipients_cannot_share(self, users):
        specimen = make_specimen(audience=Audience.NETWORK)
        with pytest.raises(PermissionDenied):
            record_share(
                actor=users["mx_liaison"], record=specimen, audience="partners", expected_version=1
            )

    def test_a_stale_version_is_refused(self, users):
        specimen = make_specimen()
        record_share(
            actor=users["cr_liaison"], record=specimen, audience="network", expected_version=1
        )
        stale = Specimen.objects.get(pk=specimen.pk)
        stale.version = 1
        with pytest.raises(StaleVersionError):
            record_share(
                actor=users["cr_liaison"], record=stale, audience="national", expected_version=1
            )
        assert Specimen.objects.get(pk=specimen.pk).audience == "network"

    def test_selected_needs_member_states(self, users):
        specimen = make_specimen()
        with pytest.raises(ValidationError):
            record_share(
                actor=users["cr_liaison"],
                record=specimen,
                audience="selected",
                countries=["FR"],
                expected_version=1,
            )
        with pytest.raises(ValidationError):
            record_share(
                actor=users["cr_liaison"],
                record=specimen,
                audience="selected",
                countries=[],
                expected_version=1,
            )
