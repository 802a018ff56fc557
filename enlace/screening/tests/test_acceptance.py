"""The acceptance scenario of the issue: a Guatemalan border officer uploads a manifest of
5,000 travellers; the job runs; "JOSE GUADALUPE HERNANDEZ" born 1979-03-04 hits Costa Rica's
entry "José Guadalupe Hernández Ulloa" (shared with the network) with the reasons given names
equal, first surname equal, second surname missing, birth date equal; she marks it
confirmed."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from enlace.audit.models import Event
from enlace.core.models import Job
from enlace.screening import demo
from enlace.screening.models import Hit, Screening, WatchlistEntry

TRAVELLERS = 5000
JOSE_ROW = 3142  # the data row he is on (the header is row 1 of the file)


def manifest(rng: random.Random) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "id",
            "given_names",
            "surnames",
            "birth_date",
            "nationality",
            "sex",
            "document_number",
            "flight",
            "travel_date",
        ]
    )
    given = [*demo.GIVEN_M, *demo.GIVEN_F, "Aarav", "Chen", "Fatou", "Yulia", "Mohammed"]
    surnames = [*demo.SURNAMES, "Okafor", "Wang", "Diallo", "Ivanova", "Smith", "Singh"]
    for number in range(2, TRAVELLERS + 2):
        if number == JOSE_ROW:
            writer.writerow(
                [
                    "GT-TA560-3141",
                    "JOSE GUADALUPE",
                    "HERNANDEZ",
                    "1979-03-04",
                    "",
                    "",
                    "",
                    "TA560",
                    "2025-06-01",
                ]
            )
            continue
        birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 55))
        writer.writerow(
            [
                f"GT-TA560-{number - 1}",
                rng.choice(given).upper(),
                f"{rng.choice(surnames)} {rng.choice(surnames)}".upper(),
                birth.isoformat(),
                rng.choice(["GTM", "HND", "SLV", "MEX", "USA", "CRI", "IND"]),
                rng.choice("MF"),
                f"{rng.randint(10_000_000, 99_999_999)}",
                "TA560",
                "2025-06-01",
            ]
        )
    return buffer.getvalue().encode()


def test_guatemalan_officer_screens_a_manifest_and_confirms_the_hit(
    users, gt_liaison, login, law_profile
):
    law_profile("CR", share_birth_dates=True, share_identity_numbers=True)  # as in the demo
    rng = random.Random(2002)
    demo.populate(rng=rng, users=users, options={})
    entry = WatchlistEntry.objects.get(owner_country="CR", reference="CR-DEMO-0001")
    assert entry.audience == "network"
    assert WatchlistEntry.objects.count() >= 250

    client = login(gt_liaison)
    response = client.post(
        "/screening/screenings/new/",
        {
            "file": SimpleUploadedFile("TA560-manifest.csv", manifest(rng), "text/csv"),
            "threshold": "0.8",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    screening = Screening.objects.get(kind="batch")
    job = Job.objects.get(kind="screening.batch")
    assert (job.status, job.progress) == ("succeeded", 100), job.error
    assert screening.status == "completed" and screening.travellers == TRAVELLERS

    [hit] = Hit.objects.filter(screening=screening, row=JOSE_ROW)
    assert hit.entry == entry and hit.owner_country_id == "CR"
    assert [reason["code"] for reason in hit.reasons] == [
        "given_names_equal",
        "first_surname_equal",
        "second_surname_missing",
        "birth_date_equal",
    ]

    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = page[page.index(f'id="hit-{hit.pk}"') :]
    row = row[: row.index("</tr>")]
    for text in (
        "Given names are equal",
        "First surname is equal",
        "Second surname is missing on one side",
        "Birth date is equal",
        "JOSE GUADALUPE HERNANDEZ",
        "CR-DEMO-0001",
        "1979-03-04",
    ):
        assert text in row, text
    # Costa Rica keeps names in the country: not shown, not even in the reasons' details
    assert "Ulloa" not in row and "ULLOA" not in row and "entry-name-withheld" in row
    assert 'data-testid="owner-contact"' in row

    response = client.post(
        f"/screening/hits/{hit.pk}/decision/",
        {"decision": "confirmed", "note": "Retenido en ventanilla 3", "version": hit.version},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and "Confirmed" in response.content.decode()
    hit.refresh_from_db()
    assert (hit.decision, hit.decided_by, hit.decision_note) == (
        "confirmed",
        gt_liaison,
        "Retenido en ventanilla 3",
    )
    decision = Event.objects.get(action="screening.decision")
    assert (decision.actor_username, decision.country, decision.owner_country) == (
        "gt-liaison",
        "GT",
        "CR",
    )
    assert Event.objects.filter(action="screening.batch", object_id=str(screening.pk)).exists()
    assert Event.objects.filter(action="screening.hit", object_id=str(hit.pk)).exists()
