"""Read-only API of the reference data (countries, organizations, vocabularies)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from enlace.accounts.permissions import ALL_ROLES

from .models import Country, Organization, VocabularyTerm


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = [
            "iso2",
            "iso3",
            "numeric",
            "name_es",
            "name_en",
            "member_state",
            "region",
            "subregion",
        ]


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["code", "name_es", "name_en", "acronym_es", "acronym_en", "kind", "country"]


class VocabularyTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = VocabularyTerm
        fields = [
            "vocabulary",
            "code",
            "label_es",
            "label_en",
            "source",
            "sort_order",
            "parent_code",
        ]


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """ISO 3166 countries with the CRM member-state flag, region and sub-region."""

    allowed_roles = ALL_ROLES
    queryset = Country.objects.select_related("subregion").order_by("iso2")
    serializer_class = CountrySerializer
    filterset_fields = ["member_state", "region", "subregion"]
    lookup_field = "iso2"


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    allowed_roles = ALL_ROLES
    queryset = Organization.objects.order_by("code")
    serializer_class = OrganizationSerializer
    filterset_fields = ["kind", "country"]
    lookup_field = "code"


class VocabularyTermViewSet(viewsets.ReadOnlyModelViewSet):
    """Controlled vocabularies with stable codes and Spanish/English labels."""

    allowed_roles = ALL_ROLES
    queryset = VocabularyTerm.objects.filter(active=True)
    serializer_class = VocabularyTermSerializer
    filterset_fields = ["vocabulary", "source"]
