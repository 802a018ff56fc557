"""The /api/v1/ router: each capability registers its viewsets here."""

from rest_framework import mixins, routers, serializers, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from enlace.accounts.permissions import ALL_ROLES
from enlace.audit.api import EventViewSet
from enlace.cases.api import CaseViewSet
from enlace.core.api import CountryViewSet, OrganizationViewSet, VocabularyTermViewSet
from enlace.core.jobs import job_redact
from enlace.core.models import Job
from enlace.directory.api import ContactViewSet, ServiceViewSet
from enlace.screening.api import HitViewSet, ScreeningViewSet, WatchlistEntryViewSet
from enlace.statistics.api import (
    DataCallViewSet,
    IndicatorViewSet,
    RegionalTableViewSet,
    ReleaseViewSet,
)
from enlace.web.selectors import job_list
from enlace.workplan.api import WorkPlanViewSet


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    role = serializers.CharField()
    organization = serializers.CharField(source="organization.code")
    country = serializers.CharField(source="country_id", allow_null=True)
    language = serializers.CharField(source="preferred_language")


class MeView(APIView):
    """Who the token or session belongs to."""

    allowed_roles = ALL_ROLES
    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "message",
            "error",
            "result",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def to_representation(self, instance):
        request = self.context.get("request")
        if request is not None:
            instance = job_redact(request.user, instance)
        return super().to_representation(instance)


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Background jobs the caller started: status, progress 0-100 and error."""

    allowed_roles = ALL_ROLES
    serializer_class = JobSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        return job_list(actor=self.request.user)


class APIRootView(routers.APIRootView):
    """The list of API v1 routes."""

    allowed_roles = ALL_ROLES


class Router(DefaultRouter):
    include_format_suffixes = False  # one representation: JSON
    APIRootView = APIRootView


router = Router()
router.register("countries", CountryViewSet, basename="country")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("vocabularies", VocabularyTermViewSet, basename="vocabulary")
router.register("jobs", JobViewSet, basename="job")
router.register("cases", CaseViewSet, basename="case")
router.register("audit/events", EventViewSet, basename="audit-event")
router.register("contacts", ContactViewSet, basename="contact")
router.register("services", ServiceViewSet, basename="service")
router.register("watchlist", WatchlistEntryViewSet, basename="watchlist-entry")
router.register("screening/hits", HitViewSet, basename="screening-hit")
router.register("screening", ScreeningViewSet, basename="screening")
router.register("statistics/indicators", IndicatorViewSet, basename="statistics-indicator")
router.register("statistics/tables", RegionalTableViewSet, basename="statistics-table")
router.register("statistics/data-calls", DataCallViewSet, basename="statistics-data-call")
router.register("statistics/releases", ReleaseViewSet, basename="statistics-release")
router.register("workplan", WorkPlanViewSet, basename="workplan")
