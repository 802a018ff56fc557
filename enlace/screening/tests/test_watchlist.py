"""The watchlist: who sees which entry (per role and audience), who writes, encryption at
rest, the blind index, redaction by the owner's law profile, photos and reviews."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from enlace.access.services import StaleVersionError
from enlace.audit.models import Event
from enlace.screening import selectors, services
from enlace.screening.models import WatchlistDocument, WatchlistEntry, WatchlistPhoto

from .conftest import entry_data

# Which test users read an entry of CR (owner) for each audience. GT is "a country it is
# shared with" for the selected audience; MX is "another country" there.
READERS = {
    "national": {"cr_liaison"},
    "selected": {"cr_liaison", "gt_liaison"},
    "network": {"cr_liaison", "gt_liaison", "mx_liaison"},
}
EVERYONE = [
    "cr_liaison",
    "gt_liaison",
    "mx_liaison",
    "st",
    "observer",
    "civil_society",
    "cr_admin",
    "cr_auditor",
    "regional_auditor",
    "sysadmin",
]


@pytest.mark.parametrize("audience", ["national", "selected", "network"])
def test_visibility_per_role_and_audience(audience, users, gt_liaison, login, make_entry):
    entry = make_entry(
        users["cr_liaison"], audience=audience, countries=["GT"] if audience == "selected" else ()
    )
    people = {**users, "gt_liaison": gt_liaison}
    for key in EVERYONE:
        actor = people[key]
        listed = list(selectors.entry_list(actor=actor))
        expected = key in READERS[audience]
        assert (entry in listed) is expected, (audience, key)
        response = login(actor).get(f"/screening/watchlist/{entry.pk}/")
        if expected:
            assert response.status_code == 200, (audience, key)
        else:
            # liaison officers of other countries: 404 (no confirmation the entry exists);
            # every other role may not open the watchlist at all
            assert response.status_code == (404 if key.endswith("liaison") else 403), (
                audience,
                key,
            )
        api = login(actor).get(f"/api/v1/watchlist/{entry.pk}/")
        assert api.status_code == (200 if expected else 404 if key.endswith("liaison") else 403), (
            audience,
            key,
        )


def test_an_entry_is_never_shared_with_partners(users, make_entry):
    entry = make_entry(users["cr_liaison"])
    with pytest.raises(ValidationError):
        services.entry_share(
            actor=users["cr_liaison"],
            entry=entry,
            audience="partners",
            expected_version=entry.version,
        )
    with pytest.raises(ValidationError):
        services.entry_create(actor=users["cr_liaison"], data=entry_data(audience="partners"))
    # and the database refuses it whatever code path tries
    with pytest.raises(IntegrityError), transaction.atomic():
        WatchlistEntry.objects.filter(pk=entry.pk).update(audience="partners")
    entry.refresh_from_db()
    assert entry.audience == "national"
    for key in ("st", "observer"):
        assert list(selectors.entry_list(actor=users[key])) == []


def test_only_the_owners_liaison_officers_write(users, gt_liaison, make_entry):
    entry = make_entry(users["cr_liaison"], audience="network")
    for actor in (users["mx_liaison"], gt_liaison, users["cr_admin"], users["st"]):
        with pytest.raises(PermissionDenied):
            services.entry_update(
                actor=actor, entry=entry, data={"notes": "x"}, expected_version=entry.version
            )
        with pytest.raises(PermissionDenied):
            services.entry_delete(actor=actor, entry=entry, expected_version=entry.version)
        with pytest.raises(PermissionDenied):
            services.entry_mark_reviewed(actor=actor, entry=entry)
    for actor in (users["st"], users["observer"], users["cr_admin"], users["sysadmin"]):
        with pytest.raises(PermissionDenied):
            services.entry_create(actor=actor, data=entry_data())


def test_update_is_version_checked_and_replaces_documents(users, make_entry):
    owner = users["cr_liaison"]
    entry = make_entry(owner)
    version = entry.version
    services.entry_update(
        actor=owner,
        entry=entry,
        data={"documents": [("CR", "999888777"), (None, "A1234567")], "second_surname": "Ulate"},
        expected_version=version,
    )
    entry.refresh_from_db()
    assert entry.version == version + 1
    assert entry.second_surname == "Ulate"
    assert sorted(document.as_text for document in entry.documents.all()) == [
        "A1234567",
        "CR:999888777",
    ]
    with pytest.raises(StaleVersionError):
        services.entry_update(
            actor=owner, entry=entry, data={"notes": "late"}, expected_version=version
        )
    entry.refresh_from_db()
    assert entry.notes != "late"


def test_identity_is_encrypted_at_rest_and_documents_found_by_blind_index(users, make_entry):
    entry = make_entry(users["cr_liaison"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, first_surname, second_surname, birth_date, aliases, "
            "notes FROM screening_watchlistentry WHERE id = %s",
            [entry.pk],
        )
        raw = cursor.fetchone()
        cursor.execute(
            "SELECT number, number_index FROM screening_watchlistdocument WHERE entry_id = %s",
            [entry.pk],
        )
        number, index = cursor.fetchone()
    for value in raw:
        assert value.startswith("e1:"), value
    joined = " ".join(raw) + number
    for secret in ("José", "Hernández", "Ulloa", "1979", "Lupe", "Peñas", "112340567"):
        assert secret not in joined
    assert len(index) == 64
    # exact search on the number, however it is written
    assert list(selectors.entry_list(actor=users["cr_liaison"], document="112-340-567")) == [entry]
    assert list(selectors.entry_list(actor=users["cr_liaison"], document="112340568")) == []


def test_redaction_by_the_owners_law_profile(users, gt_liaison, make_entry, law_profile):
    law_profile("CR", share_birth_dates=True)
    entry = make_entry(users["cr_liaison"], audience="network")
    owner_view = services.entry_as_dict(entry, actor=users["cr_liaison"])
    assert owner_view["given_names"] == "José Guadalupe"
    assert owner_view["documents"][0]["number"] == "112340567"
    assert owner_view["redacted"] == []
    other = services.entry_as_dict(entry, actor=gt_liaison)
    assert other["given_names"] is None and other["first_surname"] is None
    assert other["aliases"] is None
    assert other["birth_date"] == "1979-03-04"  # CR lets birth dates leave
    assert other["documents"] == [{"issuing_country": "CR", "number": None, "text": None}]
    assert other["redacted"] == ["identity_numbers", "names", "photos"]
    law_profile("CR", share_names=True, share_birth_dates=False)
    other = services.entry_as_dict(entry, actor=gt_liaison)
    assert other["given_names"] == "José Guadalupe" and other["birth_date"] is None


def test_reading_an_entry_is_audited_with_its_owner(users, gt_liaison, login, make_entry):
    entry = make_entry(users["cr_liaison"], audience="network")
    login(gt_liaison).get(f"/screening/watchlist/{entry.pk}/")
    event = Event.objects.filter(action="screening.read").latest("sequence")
    assert (event.actor_username, event.owner_country, event.object_id) == (
        "gt-liaison",
        "CR",
        str(entry.pk),
    )
    assert event.summary == "read by another country"


def _png(width=4, height=3, metadata: bool = False) -> bytes:
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", (width, height), (200, 10, 10))
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if metadata:
        info.add_text("Location", "9.93,-84.08")
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_photos_are_sniffed_cleaned_encrypted_and_redacted(
    users, gt_liaison, login, make_entry, law_profile
):
    owner = users["cr_liaison"]
    entry = make_entry(owner, audience="network", photo=_png(metadata=True))
    photo = WatchlistPhoto.objects.get(entry=entry)
    assert photo.content_type == "image/png"
    stored = services.photo_bytes(photo)
    assert stored.startswith(b"\x89PNG") and b"Location" not in stored
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM screening_watchlistphoto WHERE id = %s", [photo.pk])
        assert cursor.fetchone()[0].startswith("e1:")
    response = login(owner).get(f"/screening/watchlist/{entry.pk}/photo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == stored
    # CR's law profile keeps photos in: another country gets no photo at all
    assert login(gt_liaison).get(f"/screening/watchlist/{entry.pk}/photo/").status_code == 404
    law_profile("CR", share_photos=True)
    assert login(gt_liaison).get(f"/screening/watchlist/{entry.pk}/photo/").status_code == 200
    # only JPEG and PNG, judged by content, not by name
    for fake in (
        b"GIF89a" + b"\x00" * 20,
        b"\x89PNG\r\n\x1a\n" + b"not really a png",
        b"%PDF-1.4 ...",
    ):
        with pytest.raises(ValidationError):
            services.photo_prepare(fake)
    assert WatchlistPhoto.objects.count() == 1


def test_review_due_and_mark_reviewed_keeps_the_version(users, make_entry):
    owner = users["cr_liaison"]
    today = timezone.localdate()
    soon = make_entry(owner, valid_until=today + timedelta(days=20))
    old = make_entry(owner, first_surname="Mora")
    WatchlistEntry.objects.filter(pk=old.pk).update(last_reviewed=today - timedelta(days=400))
    fine = make_entry(owner, first_surname="Soto")
    due = set(selectors.entries_due_for_review("CR"))
    assert due == {soon, old}
    old.refresh_from_db()
    version = old.version
    services.entry_mark_reviewed(actor=owner, entry=old)
    old.refresh_from_db()
    assert old.last_reviewed == today and old.version == version
    assert set(selectors.entries_due_for_review("CR")) == {soon}
    assert fine not in due


def test_entry_rules(users):
    owner = users["cr_liaison"]
    today = timezone.localdate()
    cases = [
        ({"given_names": "", "first_surname": "", "second_surname": ""}, "first_surname"),
        ({"legal_basis": " "}, "legal_basis"),
        ({"valid_until": today - timedelta(days=1)}, "valid_until"),
        ({"category": "murder"}, "category"),
        ({"birth_date": today + timedelta(days=3)}, "birth_date"),
        ({"audience": "selected", "shared_with": []}, "shared_with"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationError) as failure:
            services.entry_create(actor=owner, data=entry_data(**overrides))
        assert field in failure.value.message_dict, overrides
    assert WatchlistEntry.objects.count() == 0
    first = services.entry_create(actor=owner, data=entry_data(reference="CR-A-1"))
    with pytest.raises(ValidationError):
        services.entry_create(actor=owner, data=entry_data(reference="CR-A-1"))
    generated = services.entry_create(actor=owner, data=entry_data())
    assert first.reference == "CR-A-1" and generated.reference == "CR-WL-000001"
    assert WatchlistDocument.objects.count() == 2


def test_deleting_is_audited_and_cascades(users, make_entry):
    owner = users["cr_liaison"]
    entry = make_entry(owner)
    services.entry_delete(actor=owner, entry=entry, expected_version=entry.version)
    assert not WatchlistEntry.objects.exists() and not WatchlistDocument.objects.exists()
    assert Event.objects.filter(action="screening.entry_delete", summary=entry.reference).exists()


def test_without_pillow_photos_are_checked_by_content_sniffing_only():
    import sys
    from unittest import mock

    jpeg_like = b"\xff\xd8\xff\xe0" + b"\x00" * 32
    with mock.patch.dict(sys.modules, {"PIL": None}):
        assert services.photo_prepare(jpeg_like) == ("image/jpeg", jpeg_like)
        with pytest.raises(ValidationError):
            services.photo_prepare(b"GIF89a" + b"\x00" * 20)


def test_another_countrys_expired_entry_no_longer_travels(users, gt_liaison, login, make_entry):
    entry = make_entry(users["cr_liaison"], audience="network")
    WatchlistEntry.objects.filter(pk=entry.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert list(selectors.entry_list(actor=users["cr_liaison"])) == [entry]
    assert login(users["cr_liaison"]).get(f"/screening/watchlist/{entry.pk}/").status_code == 200
    assert list(selectors.entry_list(actor=gt_liaison)) == []
    assert login(gt_liaison).get(f"/screening/watchlist/{entry.pk}/").status_code == 404
    assert login(gt_liaison).get(f"/api/v1/watchlist/{entry.pk}/").status_code == 404
