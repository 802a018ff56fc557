"""/api/v1/screening/ and /api/v1/watchlist/: the same permissions and redaction as the pages.

- POST screening/check/ screens one traveller now and answers the hits with score, reasons
  (code, field, detail, text in the caller's language) and whom to contact.
- GET screening/hits/ lists my country's hits; POST screening/hits/{id}/decision/ confirms
  one or clears it as a false positive (with the version read; a stale one answers 409).
- GET watchlist/ and watchlist/{id}/ read the entries visible to my country, redacted by
  their owners' law profiles; ?document= finds an exact document number.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from enlace.access.models import LawProfile
from enlace.audit.services import record_page_read
from enlace.core.filters import api_filter
from enlace.core.rest import Pagination, paginated

from . import checks, selectors, services
from .choices import Category, Decision
from .filters import EntryFilterSet, HitFilterSet
from .index import Traveller
from .models import Hit, WatchlistEntry
from .permissions import SCREENING_ROLES
from .validation import InvalidValue, country_codes, parse_birth, parse_documents, parse_sex


class StringOrListField(serializers.ListField):
    """A list of strings, or one string with items separated by ";"."""

    child = serializers.CharField(max_length=200)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [item for item in data.split(";") if item.strip()]
        return super().to_internal_value(data)


class CheckSerializer(serializers.Serializer):
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
    first_surname = serializers.CharField(required=False, allow_blank=True, max_length=200)
    second_surname = serializers.CharField(required=False, allow_blank=True, max_length=200)
    surnames = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=400,
        help_text=gettext_lazy("Instead of first and second surname."),
    )
    full_name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=400,
        help_text=gettext_lazy(
            'When the name is not split: "SURNAMES, GIVEN NAMES" or given names first.'
        ),
    )
    birth_date = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text=gettext_lazy("YYYY-MM-DD, or the year alone."),
    )
    nationality = StringOrListField(
        required=False, help_text=gettext_lazy("ISO 3166 alpha-2 or alpha-3.")
    )
    sex = serializers.CharField(
        required=False, allow_blank=True, max_length=1, help_text="M, F or X"
    )
    document_number = StringOrListField(
        required=False,
        help_text=gettext_lazy('"G12345678" or, with the issuing country, "MX:G12345678".'),
    )
    threshold = serializers.FloatField(
        required=False,
        min_value=checks.MIN_THRESHOLD,
        max_value=checks.MAX_THRESHOLD,
        help_text=gettext_lazy(
            "Minimum score, between 0.5 and 0.99; the matching engine's default when left out."
        ),
    )

    def validate(self, attrs):
        errors: dict[str, list[str]] = {}

        def read(field, parse, default):
            value = attrs.get(field)
            if not value:
                return default
            try:
                return parse(value)
            except InvalidValue as exc:
                errors.setdefault(field, []).append(str(exc))
                return default

        surnames = attrs.get("surnames") or " ".join(
            part for part in (attrs.get("first_surname"), attrs.get("second_surname")) if part
        )
        if not (attrs.get("given_names") or surnames or attrs.get("full_name")):
            errors.setdefault("non_field_errors", []).append(
                _("Give at least a surname or the given names.")
            )
        birth_date, birth_year = read("birth_date", parse_birth, (None, None))
        documents = read("document_number", parse_documents, [])
        sex = read("sex", parse_sex, "X")
        nationalities = read("nationality", country_codes, [])
        if errors:
            raise ValidationError(errors)
        attrs["traveller"] = Traveller(
            given_names=attrs.get("given_names", ""),
            surnames=surnames,
            full_name=attrs.get("full_name", ""),
            birth_date=birth_date,
            birth_year=birth_year,
            nationalities=tuple(nationalities),
            sex="" if sex == "X" else sex,
            documents=tuple(
                f"{issuer}:{number}" if issuer else number for issuer, number in documents
            ),
        )
        return attrs


# --- response shapes: the views answer through them, so the OpenAPI document is what they send


class MatchReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    field = serializers.CharField()
    detail = serializers.CharField(
        help_text=gettext_lazy(
            "Empty where it would quote a field the owner's law profile withholds."
        )
    )
    text = serializers.CharField()


class OwnerContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    institution = serializers.CharField()
    email = serializers.CharField()
    phones = serializers.ListField(child=serializers.CharField())
    country = serializers.CharField()
    source = serializers.ChoiceField(choices=["directory", "account"])


class EntryDocumentSerializer(serializers.Serializer):
    issuing_country = serializers.CharField()
    number = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_null=True)


class WatchlistEntrySerializer(serializers.Serializer):
    """A watchlist entry as the caller may read it: withheld groups are null."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    owner_country = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    category_label = serializers.CharField()
    legal_basis = serializers.CharField()
    valid_until = serializers.DateField()
    expired = serializers.BooleanField()
    given_names = serializers.CharField(allow_null=True)
    first_surname = serializers.CharField(allow_null=True)
    second_surname = serializers.CharField(allow_null=True)
    aliases = serializers.ListField(child=serializers.CharField(), allow_null=True)
    birth_date = serializers.DateField(allow_null=True)
    nationalities = serializers.ListField(child=serializers.CharField())
    sex = serializers.CharField()
    documents = EntryDocumentSerializer(many=True)
    photo = serializers.BooleanField(allow_null=True)
    notes = serializers.CharField()
    audience = serializers.CharField()
    audience_label = serializers.CharField()
    shared_with = serializers.ListField(child=serializers.CharField())
    handling_code = serializers.CharField()
    version = serializers.IntegerField()
    last_reviewed = serializers.DateField()
    review_due = serializers.BooleanField()
    redacted = serializers.ListField(child=serializers.CharField())


class TravellerOutSerializer(serializers.Serializer):
    id = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    given_names = serializers.CharField()
    surnames = serializers.CharField()
    full_name = serializers.CharField()
    birth_date = serializers.CharField()
    nationalities = serializers.ListField(child=serializers.CharField())
    sex = serializers.CharField()
    documents = serializers.ListField(child=serializers.CharField())
    flight = serializers.CharField()
    travel_date = serializers.DateField(allow_null=True)


class ScreeningHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    screening = serializers.IntegerField()
    score = serializers.FloatField()
    decision = serializers.ChoiceField(choices=Decision.choices)
    version = serializers.IntegerField()
    decided_at = serializers.DateTimeField(allow_null=True)
    traveller = TravellerOutSerializer()
    entry_reference = serializers.CharField()
    owner_country = serializers.CharField()
    entry = WatchlistEntrySerializer(
        allow_null=True,
        help_text=gettext_lazy(
            "Null when the entry is no longer shared with the caller's country."
        ),
    )
    reasons = MatchReasonSerializer(many=True)
    contacts = OwnerContactSerializer(many=True)


class CheckResultSerializer(serializers.Serializer):
    screening = serializers.IntegerField()
    threshold = serializers.FloatField()
    watchlist_size = serializers.IntegerField()
    suppressed = serializers.IntegerField(
        help_text=gettext_lazy(
            "Matches not raised because an officer cleared them before as false positives."
        )
    )
    hits = ScreeningHitSerializer(many=True)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    version = serializers.IntegerField(min_value=1)


def _hit_data(hit: Hit, *, actor) -> dict:
    return ScreeningHitSerializer(checks.hit_as_data(checks.hit_rows([hit], actor=actor)[0])).data


class ScreeningViewSet(viewsets.ViewSet):
    """Screening of travellers against the watchlist visible to the caller's country."""

    allowed_roles = SCREENING_ROLES
    serializer_class = CheckSerializer

    @extend_schema(request=CheckSerializer, responses=CheckResultSerializer)
    @action(detail=False, methods=["post"])
    def check(self, request):
        """Screen one traveller now; every check is recorded in the audit trail."""
        serializer = CheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        screening, hits = checks.traveller_check(
            actor=request.user, traveller=values["traveller"], threshold=values.get("threshold")
        )
        rows = checks.hit_rows(hits, actor=request.user)
        result = {
            "screening": screening.pk,
            "threshold": screening.threshold,
            "watchlist_size": screening.watchlist_size,
            "suppressed": screening.suppressed,
            "hits": [checks.hit_as_data(row) for row in rows],
        }
        return Response(CheckResultSerializer(result).data)


class HitViewSet(viewsets.ViewSet):
    """Hits of my country's screenings, and the decisions on them."""

    allowed_roles = SCREENING_ROLES
    serializer_class = ScreeningHitSerializer
    queryset = Hit.objects.none()  # for the schema's path parameter types only
    filterset_class = HitFilterSet
    lookup_value_regex = r"\d+"

    @extend_schema(
        parameters=[
            OpenApiParameter("screening", int, description="Only this screening's hits"),
            OpenApiParameter("decision", str, enum=Decision.values),
        ],
        responses=paginated(ScreeningHitSerializer),
    )
    def list(self, request):
        screening = None
        if request.query_params.get("screening"):
            screening = selectors.screening_get(
                actor=request.user, pk=request.query_params["screening"]
            )
        hits = api_filter(self, selectors.hit_list(actor=request.user, screening=screening))
        paginator = Pagination()
        page = paginator.paginate_queryset(hits, request, view=self)
        record_page_read(
            actor=request.user,
            action="screening.hits_read",
            model=Hit,
            records=page,
            summary=f"screening {screening.pk}" if screening else "",
        )
        rows = checks.hit_rows(page, actor=request.user)
        return paginator.get_paginated_response(
            ScreeningHitSerializer([checks.hit_as_data(row) for row in rows], many=True).data
        )

    def retrieve(self, request, pk=None):
        hit = selectors.hit_get(actor=request.user, pk=pk)
        return Response(_hit_data(hit, actor=request.user))

    @extend_schema(request=DecisionSerializer, responses=ScreeningHitSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """Confirm the hit, clear it as a false positive, or set it back to be decided."""
        hit = selectors.hit_get(actor=request.user, pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        hit = checks.hit_decide(
            actor=request.user,
            hit=hit,
            decision=values["decision"],
            note=values.get("note", ""),
            expected_version=values["version"],
        )
        return Response(_hit_data(hit, actor=request.user))


class WatchlistEntryViewSet(viewsets.ViewSet):
    """Watchlist entries visible to my country, redacted by their owners' law profiles."""

    allowed_roles = SCREENING_ROLES
    serializer_class = WatchlistEntrySerializer
    queryset = WatchlistEntry.objects.none()  # for the schema's path parameter types only
    filterset_class = EntryFilterSet
    lookup_value_regex = r"\d+"

    @extend_schema(
        parameters=[
            OpenApiParameter("owner_country", str),
            OpenApiParameter("category", str, enum=Category.values),
            OpenApiParameter("status", str, enum=["active", "expired", "review"]),
            OpenApiParameter("document", str, description="An exact document number"),
            OpenApiParameter("reference", str),
        ],
        responses=paginated(WatchlistEntrySerializer),
    )
    def list(self, request):
        entries = api_filter(self, selectors.entry_list(actor=request.user))
        paginator = Pagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        record_page_read(
            actor=request.user,
            action="screening.watchlist_read",
            model=WatchlistEntry,
            records=page,
        )
        profiles: dict[str, LawProfile | None] = {}
        data = [
            services.entry_as_dict(entry, actor=request.user, profiles=profiles) for entry in page
        ]
        return paginator.get_paginated_response(WatchlistEntrySerializer(data, many=True).data)

    def retrieve(self, request, pk=None):
        entry = selectors.entry_get(actor=request.user, pk=pk)
        return Response(
            WatchlistEntrySerializer(services.entry_as_dict(entry, actor=request.user)).data
        )
