import pytest

from enlace.core.models import MEMBER_STATES, Country, Organization, SubRegion, VocabularyTerm

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_loaded_with_both_names():
    import pycountry

    assert Country.objects.count() == len(pycountry.countries)
    assert not Country.objects.filter(name_es="").exists()
    assert not Country.objects.filter(name_en="").exists()
    us = Country.objects.get(iso2="US")
    assert (us.name_es, us.name_en, us.iso3) == ("Estados Unidos", "United States", "USA")


def test_the_eleven_member_states_are_intra_regional_and_only_they():
    members = set(Country.objects.filter(member_state=True).values_list("iso2", flat=True))
    assert members == set(MEMBER_STATES)
    assert set(Country.objects.filter(region="intra").values_list("iso2", flat=True)) == members
    assert Country.objects.filter(region="extra").count() == Country.objects.count() - 11


@pytest.mark.parametrize(
    ("iso2", "subregion"),
    [
        ("CR", "central_america"),
        ("GT", "central_america"),
        ("BZ", "central_america"),
        ("MX", "north_america"),
        ("US", "north_america"),
        ("CA", "north_america"),
        ("DO", "caribbean"),
        ("CU", "caribbean"),
        ("HT", "caribbean"),
        ("CO", "south_america"),
        ("VE", "south_america"),
        ("ES", "europe"),
        ("CN", "asia"),
        ("IN", "asia"),
        ("NG", "africa"),
        ("ER", "africa"),
        ("AU", "oceania"),
    ],
)
def test_sub_regions(iso2, subregion):
    assert Country.objects.get(iso2=iso2).subregion_id == subregion


def test_every_country_has_one_of_the_eight_sub_regions():
    assert set(SubRegion.objects.values_list("code", flat=True)) == {
        "central_america",
        "north_america",
        "caribbean",
        "south_america",
        "africa",
        "asia",
        "europe",
        "oceania",
    }
    assert not Country.objects.filter(subregion__isnull=True).exists()


def test_organizations_of_the_network():
    national = Organization.objects.filter(kind="national_office")
    assert set(national.values_list("country_id", flat=True)) == set(MEMBER_STATES)
    codes = set(Organization.objects.values_list("code", flat=True))
    assert {"ST", "IOM", "UNHCR", "UNICEF", "UNODC", "ILO", "RROCM"} <= codes
    assert Organization.objects.get(code="RROCM").kind == "civil_society"
    assert Organization.objects.get(code="IOM").acronym_es == "OIM"


def test_htcds_vocabularies_with_known_defects_fixed():
    methods = VocabularyTerm.objects.filter(vocabulary="methods_of_control")
    codes = set(methods.values_list("code", flat=True))
    assert "DebtBondage" in codes and "DebtBondage " not in codes
    assert "RestrictsMovement" in codes  # defined by HTCDS but missing from its picklist
    assert (
        VocabularyTerm.objects.filter(vocabulary="exploitation_type", source="htcds").count() == 11
    )
    forced = VocabularyTerm.objects.get(vocabulary="exploitation_type", code="ForcedLabour")
    assert forced.label_es and forced.label_en and forced.label_es != forced.label_en


@pytest.mark.parametrize(
    "vocabulary",
    ["case_type", "person_role", "document_nature", "transport_mode", "handling_code", "audience"],
)
def test_enlace_extensions_are_loaded(vocabulary):
    terms = VocabularyTerm.objects.filter(vocabulary=vocabulary, source="enlace")
    assert terms.count() >= 2
    assert not terms.filter(label_es="").exists()


def test_parent_codes_point_to_existing_terms():
    for term in VocabularyTerm.objects.exclude(parent_code=""):
        assert VocabularyTerm.objects.filter(code=term.parent_code).exists(), term


def test_label_follows_the_active_language():
    from django.utils import translation

    country = Country.objects.get(iso2="DO")
    with translation.override("es"):
        assert str(country) == "República Dominicana"
    with translation.override("en"):
        assert str(country) == "Dominican Republic"
