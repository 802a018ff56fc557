"""/api/v1/contacts/ and /api/v1/services/: the directory read-only over HTTP, with the same
roles as the pages (civil society reads services only) and the same filters."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from . import selectors
from .choices import CapacityUnit
from .filters import ContactApiFilterSet, ServiceApiFilterSet
from .models import Contact, Service
from .permissions import CONTACT_READERS, SERVICE_READERS, address_withheld
from .services import SERVICE_FIELDS


class ContactSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True)
    organization = serializers.CharField(source="organization.code", read_only=True)
    full_name = serializers.CharField(read_only=True)
    network_roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    phones = serializers.ListField(child=serializers.CharField(), read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    to_confirm = serializers.BooleanField(read_only=True)
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "country",
            "given_names",
            "surnames",
            "full_name",
            "organization",
            "institution",
            "position",
            "network_roles",
            "email",
            "phones",
            "languages",
            "notes",
            "last_confirmed",
            "to_confirm",
            "has_account",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_account(self, contact: Contact) -> bool:
        return contact.user_id is not None


class ServiceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True)
    populations = serializers.ListField(child=serializers.CharField(), read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    to_confirm = serializers.BooleanField(read_only=True)
    # Both may be empty: the document says so (read-only model fields drop allow_blank).
    capacity_unit = serializers.ChoiceField(
        choices=CapacityUnit.choices, allow_blank=True, read_only=True
    )
    website = serializers.CharField(read_only=True, help_text="An http(s) address, or empty.")
    address = serializers.SerializerMethodField(
        help_text="Null when the address is kept inside the network and the reader is not."
    )

    class Meta:
        model = Service
        fields = ["id", *SERVICE_FIELDS, "last_confirmed", "to_confirm", "version", "updated_at"]
        read_only_fields = fields

    def get_address(self, service: Service) -> str | None:
        if address_withheld(self.context["request"].user, service):
            return None
        return service.address


def _text(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, description=description)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _text("country", "ISO 3166-1 alpha-2 code of a member state"),
            _text(
                "network_role",
                "liaison_officer, alternate, repatriation_liaison, "
                "campaign_focal_point or coalition_contact",
            ),
            _text("language", "ISO 639-1 code"),
            OpenApiParameter(
                "to_confirm",
                OpenApiTypes.BOOL,
                description="only contacts not confirmed for ENLACE_CONTACT_CONFIRM_DAYS",
            ),
            _text("search", "words of the name, institution or organization"),
        ]
    )
)
class ContactViewSet(viewsets.ReadOnlyModelViewSet):
    """The network's contacts: liaison officers, alternates and focal points."""

    allowed_roles = CONTACT_READERS
    serializer_class = ContactSerializer
    queryset = Contact.objects.none()  # for the schema only; reads go through selectors
    lookup_value_regex = r"\d+"

    filterset_class = ContactApiFilterSet

    def get_queryset(self):
        return selectors.contact_list(actor=self.request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            _text("country", "ISO 3166-1 alpha-2 code"),
            _text(
                "kind",
                "shelter, repatriation, reintegration, legal_aid, health, psychosocial or other",
            ),
            _text("population", "children, women, men, families or lgbti"),
            _text("language", "ISO 639-1 code"),
            OpenApiParameter(
                "to_confirm",
                OpenApiTypes.BOOL,
                description="only services not confirmed for ENLACE_CONTACT_CONFIRM_DAYS",
            ),
            _text("search", "words of the service's or provider's name, city or description"),
        ]
    )
)
class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The referral directory of services for victims (Open Referral HSDS in spirit)."""

    allowed_roles = SERVICE_READERS
    serializer_class = ServiceSerializer
    queryset = Service.objects.none()  # for the schema only; reads go through selectors
    lookup_value_regex = r"\d+"

    filterset_class = ServiceApiFilterSet

    def get_queryset(self):
        return selectors.service_list(actor=self.request.user)
