from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from enlace.web.views import healthz

from .api import MeView, router

api_v1 = [
    path("me/", MeView.as_view(), name="me"),
    path("", include(router.urls)),
]

# a busy database is a 503 "try again", never a 500 (enlace.core.busy)
handler400 = "enlace.core.busy.bad_request"
handler500 = "enlace.core.busy.server_error"

urlpatterns = [
    path("", include("enlace.web.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("enlace.accounts.urls")),
    path("access/", include("enlace.access.urls")),
    path("", include("enlace.core.urls")),
    path("audit/", include("enlace.audit.urls")),
    path("cases/", include("enlace.cases.urls")),
    path("screening/", include("enlace.screening.urls")),
    path("directory/", include("enlace.directory.urls")),
    path("meetings/", include("enlace.meetings.urls")),
    path("workplan/", include("enlace.workplan.urls")),
    path("statistics/", include("enlace.statistics.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
    path("admin/", admin.site.urls),
]

handler404 = "enlace.core.rest.page_not_found"
