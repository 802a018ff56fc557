from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path(
        "download.<str:file_format>",
        views.DashboardDownloadView.as_view(),
        name="dashboard_download",
    ),
    path("definitions/", views.DefinitionsView.as_view(), name="definitions"),
    path("releases/", views.ReleaseListView.as_view(), name="release_list"),
    path("releases/new/", views.ReleaseCreateView.as_view(), name="release_create"),
    path("releases/<int:pk>/", views.ReleaseDetailView.as_view(), name="release_detail"),
    path("releases/<int:pk>/download.zip", views.ReleaseZipView.as_view(), name="release_zip"),
    path(
        "releases/<int:pk>/<str:code>.csv",
        views.ReleaseTableDownloadView.as_view(),
        name="release_table_csv",
    ),
    path("data-calls/", views.DataCallListView.as_view(), name="data_call_list"),
    path("data-calls/new/", views.DataCallCreateView.as_view(), name="data_call_create"),
    path("data-calls/<int:pk>/", views.DataCallDetailView.as_view(), name="data_call_detail"),
    path("data-calls/<int:pk>/close/", views.DataCallCloseView.as_view(), name="data_call_close"),
    path(
        "data-calls/<int:pk>/template.xlsx",
        views.DataCallTemplateView.as_view(),
        name="data_call_template",
    ),
    path("data-calls/<int:pk>/submit/", views.SubmissionFormView.as_view(), name="submission_form"),
    path(
        "data-calls/<int:pk>/upload/",
        views.SubmissionUploadView.as_view(),
        name="submission_upload",
    ),
    path(
        "data-calls/<int:pk>/countries/<str:iso2>/",
        views.SubmissionDetailView.as_view(),
        name="submission_detail",
    ),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/<int:pk>/", views.ReportStatusView.as_view(), name="report_status"),
    path("report/<int:pk>/download", views.ReportDownloadView.as_view(), name="report_download"),
]
