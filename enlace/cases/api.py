"""/api/v1/cases/: the Standard Format over HTTP, with the same permissions as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from enlace.access.choices import Audience, HandlingCode
from enlace.access.services import record_share
from enlace.audit.services import record_page_read
from enlace.core.filters import api_filter
from enlace.core.rest import paginated

from . import schema as _schema  # noqa: F401 - registers the OpenAPI extensions
from . import selectors, services
from .filters import CaseFilterSet
from .models import Case
from .permissions import CASE_READERS
from .serializers import CaseSerializer


class ShareSerializer(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Audience.choices)
    countries = serializers.ListField(child=serializers.CharField(max_length=2), required=False)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices, required=False)
    version = serializers.IntegerField(min_value=1)


class BulkCreatedSerializer(serializers.Serializer):
    created = serializers.ListField(
        child=serializers.CharField(), help_text="references of the cases created, in order"
    )


class CaseViewSet(viewsets.ViewSet):
    """Cases in the Standard Format v1. Lists and reads go through the access policy; only the
    owner country's liaison officers create, edit, share and delete. Updates and deletes carry
    the `version` read; a stale one answers 409."""

    allowed_roles = CASE_READERS
    serializer_class = CaseSerializer
    # Only for the OpenAPI schema (path parameter types); every read goes through selectors.
    queryset = Case.objects.none()
    lookup_value_regex = r"\d+"
    filterset_class = CaseFilterSet

    def _context(self):
        return {"actor": self.request.user, "request": self.request}

    def _validated(self, data, many=False):
        serializer = CaseSerializer(data=data, many=many, context=self._context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(responses=paginated(CaseSerializer))
    def list(self, request):
        cases = api_filter(self, selectors.case_list(actor=request.user))
        from enlace.core.rest import Pagination

        paginator = Pagination()
        page = paginator.paginate_queryset(cases, request, view=self)
        record_page_read(actor=request.user, action="cases.list_read", model=Case, records=page)
        return paginator.get_paginated_response(
            CaseSerializer(page, many=True, context=self._context()).data
        )

    @extend_schema(responses=CaseSerializer)
    def retrieve(self, request, pk=None):
        case = selectors.case_get(actor=request.user, pk=pk)
        return Response(CaseSerializer(case, context=self._context()).data)

    def create(self, request):
        data = self._validated(request.data)
        case = services.case_create(actor=request.user, data=data)
        return Response(
            CaseSerializer(case, context=self._context()).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, pk=None):
        case = selectors.case_get(actor=request.user, pk=pk)
        data = self._validated(request.data)
        if "version" not in data:
            raise ValidationError({"version": [_("Send the version you read.")]})
        case = services.case_update(
            actor=request.user, case=case, data=data, expected_version=data["version"]
        )
        case = selectors.case_get(actor=request.user, pk=case.pk)
        return Response(CaseSerializer(case, context=self._context()).data)

    def destroy(self, request, pk=None):
        case = selectors.case_get(actor=request.user, pk=pk)
        try:
            version = int(request.query_params.get("version", ""))
        except ValueError as exc:
            raise ValidationError(
                {"version": [_("Send ?version=N, the version you read.")]}
            ) from exc
        services.case_delete(actor=request.user, case=case, expected_version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=CaseSerializer(many=True), responses={201: BulkCreatedSerializer})
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Create many cases at once: all or nothing; errors are listed by position."""
        if not isinstance(request.data, list):
            raise ValidationError({"non_field_errors": [_("Send a JSON list of cases.")]})
        items = self._validated(request.data, many=True)
        with transaction.atomic():
            created = []
            for position, data in enumerate(items):
                try:
                    created.append(services.case_create(actor=request.user, data=data))
                except DjangoValidationError as exc:
                    raise ValidationError(
                        {
                            str(position): exc.message_dict
                            if hasattr(exc, "error_dict")
                            else exc.messages
                        }
                    ) from exc
        return Response(
            BulkCreatedSerializer({"created": [case.reference for case in created]}).data,
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        case = selectors.case_get(actor=request.user, pk=pk)
        share = ShareSerializer(data=request.data)
        share.is_valid(raise_exception=True)
        values = share.validated_data
        record_share(
            actor=request.user,
            record=case,
            audience=values["audience"],
            countries=values.get("countries", []),
            handling_code=values.get("handling_code"),
            expected_version=values["version"],
        )
        case = selectors.case_get(actor=request.user, pk=case.pk)
        return Response(CaseSerializer(case, context=self._context()).data)

    @extend_schema(responses=paginated(CaseSerializer))
    @action(detail=False, methods=["get"])
    def inbox(self, request):
        """Cases other member states shared with my country."""
        from enlace.core.rest import Pagination

        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.case_inbox(actor=request.user), request, view=self
        )
        record_page_read(actor=request.user, action="cases.inbox_read", model=Case, records=page)
        return paginator.get_paginated_response(
            CaseSerializer(page, many=True, context=self._context()).data
        )
