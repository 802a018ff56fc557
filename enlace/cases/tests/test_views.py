import pytest

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.cases.models import Case
from enlace.cases.tests.factories import create_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def mexican_case(users):
    return create_case(actor=users["mx_liaison"])


def test_owner_sees_list_detail_route_and_history(users, login, mexican_case):
    client = login(users["mx_liaison"])
    listing = client.get("/cases/")
    assert listing.status_code == 200 and "MX-2025-00001" in listing.content.decode()
    assert "1 caso" in listing.content.decode().split('data-testid="case-count">')[1][:20]
    detail = client.get(f"/cases/{mexican_case.pk}/").content.decode()
    assert "María José" in detail and "Tecún Umán" in detail
    assert '<svg class="route-diagram"' in detail and "cases.create" in detail


def test_sharing_from_the_page_then_recipient_inbox_redacted(users, login, mexican_case):
    LawProfile.objects.create(country_id="MX", share_birth_dates=True)
    guatemala = user_for(Role.LIAISON, "GT-NLO", "gt-liaison")
    response = login(users["mx_liaison"]).post(
        f"/cases/{mexican_case.pk}/",
        {
            "audience": "selected",
            "countries": ["GT"],
            "handling_code": "H1",
            "version": mexican_case.version,
        },
    )
    assert response.status_code == 302
    gt = login(guatemala)
    inbox = gt.get("/cases/inbox/").content.decode()
    assert "MX-2025-00001" in inbox
    detail = gt.get(f"/cases/{mexican_case.pk}/").content.decode()
    assert "María José" not in detail and "2008-03-02" in detail
    assert "Pérez" not in detail and "A1234567" not in detail
    assert 'name="audience"' not in detail  # recipients have no sharing form


def test_a_stale_share_is_refused_with_a_message(users, login, mexican_case):
    client = login(users["mx_liaison"])
    client.post(
        f"/cases/{mexican_case.pk}/", {"audience": "network", "handling_code": "H0", "version": 1}
    )
    stale = client.post(
        f"/cases/{mexican_case.pk}/", {"audience": "national", "handling_code": "H0", "version": 1}
    )
    assert stale.status_code == 409
    assert "Recargue" in stale.content.decode()
    assert Case.objects.get().audience == "network"


def test_a_third_country_reaches_nothing_by_list_search_or_url(users, login, mexican_case):
    honduras = login(user_for(Role.LIAISON, "HN-NLO", "hn-liaison"))
    assert "MX-2025-00001" not in honduras.get("/cases/").content.decode()
    assert "MX-2025-00001" not in honduras.get("/cases/", {"search": "MX-2025"}).content.decode()
    assert honduras.get(f"/cases/{mexican_case.pk}/").status_code == 404


def test_filters_on_the_list(users, login, mexican_case):
    client = login(users["mx_liaison"])
    assert "MX-2025-00001" in client.get("/cases/", {"case_type": "trafficking"}).content.decode()
    assert "MX-2025-00001" not in client.get("/cases/", {"case_type": "smuggling"}).content.decode()
    assert (
        "MX-2025-00001"
        in client.get("/cases/", {"route_country": "GT", "nationality": "GT"}).content.decode()
    )


def test_demo_cases_are_reproducible_and_valid(users):
    import random

    from enlace.cases import demo

    demo.populate(rng=random.Random(7), users=users, options={"cases": 40})
    first = list(
        Case.objects.order_by("pk").values_list("owner_country_id", "case_type", "date_identified")
    )
    Case.objects.all().delete()
    demo.populate(rng=random.Random(7), users=users, options={"cases": 40})
    again = list(
        Case.objects.order_by("pk").values_list("owner_country_id", "case_type", "date_identified")
    )
    assert first == again and len(first) == 40
    assert Case.objects.filter(case_type="smuggling").exists()
    assert Case.objects.filter(persons__is_minor=True).exists()


@pytest.mark.parametrize("user_key", ["st", "observer"])
def test_the_inbox_page_is_the_liaison_officers_who_receive_shares(users, login, user_key):
    """The ST and observers read cases but have no country to share with: the inbox page,
    always empty for them, refuses them as their menu never offered it."""
    assert login(users[user_key]).get("/cases/").status_code == 200
    assert login(users[user_key]).get("/cases/inbox/").status_code == 403
    assert login(users["cr_liaison"]).get("/cases/inbox/").status_code == 200
