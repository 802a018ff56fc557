"""/api/v1/statistics/...: indicator definitions and published releases (public), the
viewer's regional tables, and data calls (officers answer with JSON tables)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from enlace.accounts.choices import Role
from enlace.accounts.permissions import allows
from enlace.core.validators import event_date

from . import selectors, services
from .choices import DataCallStatus, Scope, SubmissionChannel
from .facts import facts_synced_at
from .indicators import INDICATORS, REQUESTABLE
from .models import DataCall, DataCallSubmission, Release
from .periods import GRANULARITIES, Period
from .permissions import DATA_CALL_ROLES, REGIONAL_READERS, check_statistics_manage

CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="indicator code, e.g. VIC_AGE_SEX"
)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_es = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    rows = serializers.CharField(source="row")
    columns = serializers.CharField(source="col")
    population = serializers.CharField()
    counted_es = serializers.CharField()
    counted_en = serializers.CharField()
    records_es = serializers.CharField()
    records_en = serializers.CharField()
    date_es = serializers.CharField()
    date_en = serializers.CharField()
    requestable = serializers.BooleanField()


class IndicatorViewSet(viewsets.ViewSet):
    """The catalogue of indicators: what each table counts, from which records and by which
    date. Public."""

    public = True
    serializer_class = IndicatorSerializer
    lookup_field = "code"

    def list(self, request):
        return Response(IndicatorSerializer(list(INDICATORS.values()), many=True).data)

    @extend_schema(parameters=[CODE], responses=IndicatorSerializer)
    def retrieve(self, request, code=None):
        if code not in INDICATORS:
            raise NotFound
        return Response(IndicatorSerializer(INDICATORS[code]).data)


class TableSerializer(serializers.Serializer):
    """A table as the caller may see it: `cells` lists [row, column, value]; value null is
    suppressed; margins use the key `__total__`."""

    code = serializers.CharField()
    rows = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(child=serializers.ListField())
    submitted_by = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(many=False)  # one object, though `list` answers it
class RegionalTablesSerializer(serializers.Serializer):
    """The caller's regional tables for one period, with the threshold k they passed."""

    period = serializers.CharField()
    k = serializers.IntegerField()
    scope = serializers.ChoiceField(choices=Scope.choices)
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the figures were last recounted (null: never yet)."
    )
    tables = TableSerializer(many=True)


def _table_data(table) -> dict:
    return TableSerializer(
        {
            "code": table.code,
            "rows": table.rows,
            "columns": table.cols,
            "cells": [[row, col, value] for (row, col), value in table.values.items()],
            "submitted_by": table.submitted_by,
        }
    ).data


VIEW_PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, description="2025, 2025-S2, 2025-Q3, 2025-07"),
    OpenApiParameter(
        "scope",
        OpenApiTypes.STR,
        enum=Scope.values,
        description="own: the officer's own country only",
    ),
    OpenApiParameter("case_type", OpenApiTypes.STR),
    OpenApiParameter("granularity", OpenApiTypes.STR, enum=list(GRANULARITIES)),
]


class RegionalTableViewSet(viewsets.ViewSet):
    """The caller's regional tables, as her dashboard shows them: her own country's figures
    count fully, other countries' only through disclosure control."""

    allowed_roles = REGIONAL_READERS
    serializer_class = TableSerializer
    lookup_field = "code"

    def _view(self, request, codes=None):
        params = request.query_params
        try:
            period = Period.parse(params["period"]) if params.get("period") else None
        except ValueError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        granularity = params.get("granularity", "")
        if granularity and granularity not in GRANULARITIES:
            raise ValidationError({"granularity": [_("Unknown granularity.")]})
        view = selectors.dashboard_view(
            actor=request.user,
            period=period,
            scope=params.get("scope", Scope.REGION),
            case_type=params.get("case_type", ""),
            granularity=granularity,
            indicators=codes,
        )
        if view is None:
            raise PermissionDenied
        return view

    @extend_schema(parameters=VIEW_PARAMETERS, responses=RegionalTablesSerializer)
    def list(self, request):
        view = self._view(request)
        return Response(
            RegionalTablesSerializer(
                {
                    "period": view.period.code,
                    "k": view.k,
                    "scope": Scope.OWN if view.own_only else Scope.REGION,
                    "refreshed_at": facts_synced_at(),
                    "tables": [_table_data(table) for table in view.tables.values()],
                }
            ).data
        )

    @extend_schema(parameters=[CODE, *VIEW_PARAMETERS], responses=TableSerializer)
    def retrieve(self, request, code=None):
        if code not in INDICATORS:
            raise NotFound
        view = self._view(request, [code])
        return Response(_table_data(view.tables[code]))


class DataCallSerializer(serializers.ModelSerializer):
    indicators = serializers.ListField(child=serializers.ChoiceField(choices=REQUESTABLE))
    my_status = serializers.SerializerMethodField()

    class Meta:
        model = DataCall
        fields = [
            "id",
            "title",
            "description",
            "period",
            "indicators",
            "deadline",
            "status",
            "remind_days_before",
            "remind_every_days",
            "opened_at",
            "closed_at",
            "my_status",
        ]
        read_only_fields = ["status", "opened_at", "closed_at"]
        extra_kwargs = {"deadline": {"validators": [event_date(gettext_lazy("Deadline"))]}}

    def get_my_status(self, call) -> str | None:
        request = self.context.get("request")
        if not request or request.user.role != Role.LIAISON:
            return None
        return services.submission_status(
            call, selectors.own_submission(actor=request.user, call=call)
        )


class SubmissionSerializer(serializers.ModelSerializer):
    tables = serializers.JSONField(help_text="{indicator: [[row, column, count], ...]}")
    status = serializers.SerializerMethodField()

    class Meta:
        model = DataCallSubmission
        fields = ["country", "tables", "note", "channel", "submitted_at", "version", "status"]
        read_only_fields = ["country", "channel", "submitted_at", "version"]

    def get_status(self, submission) -> str:
        return services.submission_status(submission.call, submission)


class StandingSerializer(serializers.Serializer):
    country = serializers.CharField(source="country.iso2")
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField(
        source="submission.submitted_at", allow_null=True, default=None
    )


class DataCallViewSet(viewsets.ModelViewSet):
    """Data calls. The Secretariat opens and closes them and reads every country's standing;
    liaison officers read them and submit their country's tables (POST `submission`)."""

    allowed_roles = DATA_CALL_ROLES
    serializer_class = DataCallSerializer
    http_method_names = ["get", "post", "head", "options"]
    queryset = DataCall.objects.none()  # schema only; reads go through selectors

    def get_queryset(self):
        return selectors.data_call_list(actor=self.request.user)

    def create(self, request):
        if not allows(check_statistics_manage, request.user):
            raise PermissionDenied
        serializer = DataCallSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        call = services.data_call_open(actor=request.user, **values)
        return Response(
            DataCallSerializer(call, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=DataCallSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        call = self.get_object()
        if not allows(check_statistics_manage, request.user):
            raise PermissionDenied
        services.data_call_close(actor=request.user, call=call)
        return Response(DataCallSerializer(call, context={"request": request}).data)

    @extend_schema(responses=StandingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def standings(self, request, pk=None):
        """Every member state's status: on_time, late, pending or missing (Secretariat)."""
        call = self.get_object()
        if not allows(check_statistics_manage, request.user):
            raise PermissionDenied
        return Response(StandingSerializer(services.data_call_standings(call), many=True).data)

    @extend_schema(methods=["GET"], responses=SubmissionSerializer)
    @extend_schema(methods=["POST"], request=SubmissionSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["get", "post"])
    def submission(self, request, pk=None):
        """The caller's country's submission: read it, or submit (replacing it)."""
        call = self.get_object()
        if request.method == "GET":
            submission = selectors.own_submission(actor=request.user, call=call)
            if submission is None:
                raise NotFound
            return Response(SubmissionSerializer(submission).data)
        if call.status != DataCallStatus.OPEN:
            raise ValidationError({"non_field_errors": [_("This data call is closed.")]})
        try:
            submission = services.submission_save(
                actor=request.user,
                call=call,
                tables=request.data.get("tables"),
                channel=SubmissionChannel.API,
                note=str(request.data.get("note", "")),
            )
        except services.SubmissionInvalid as exc:
            fields: dict[str, list[str]] = {}
            for error in exc.cell_errors:
                place = " · ".join(part for part in (error.row, error.col) if part)
                fields.setdefault(error.table or "tables", []).append(
                    f"{place}: {error.message}" if place else error.message
                )
            raise ValidationError(fields) from exc
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from exc
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class ReleaseTableSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator")
    name_es = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    rows = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.CharField(), source="cols")
    cells = serializers.ListField(child=serializers.ListField())
    counts = serializers.DictField(child=serializers.IntegerField())


class ReleaseSerializer(serializers.ModelSerializer):
    tables = ReleaseTableSerializer(many=True, read_only=True)

    class Meta:
        model = Release
        fields = [
            "id",
            "period",
            "version",
            "k",
            "rounding",
            "created_at",
            "approved_by_name",
            "definitions",
            "sources",
            "suppressed_cells",
            "note",
            "tables",
        ]


class ReleaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Published releases: protected regional tables, immutable. Public."""

    public = True
    serializer_class = ReleaseSerializer
    queryset = Release.objects.prefetch_related("tables").order_by("-created_at", "-id")
