from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path("", views.PlanView.as_view(), name="plan"),
    path("versions/", views.VersionListView.as_view(), name="version_list"),
    path("versions/<int:number>/", views.VersionDetailView.as_view(), name="version_detail"),
    path(
        "versions/<int:number>/export.docx",
        views.VersionExportView.as_view(file_format="docx"),
        name="version_export_docx",
    ),
    path(
        "versions/<int:number>/export.xlsx",
        views.VersionExportView.as_view(file_format="xlsx"),
        name="version_export_xlsx",
    ),
    path("draft/", views.DraftView.as_view(), name="draft"),
    path("draft/publish/", views.DraftPublishView.as_view(), name="draft_publish"),
    path("draft/discard/", views.DraftDiscardView.as_view(), name="draft_discard"),
    path(
        "draft/objectives/<int:pk>/activities/new/",
        views.ActivityFormView.as_view(creating=True),
        name="activity_create",
    ),
    path(
        "draft/activities/<int:pk>/edit/",
        views.ActivityFormView.as_view(),
        name="activity_update",
    ),
    path("draft/activities/<int:pk>/done/", views.ActivityDoneView.as_view(), name="activity_done"),
    path(
        "draft/activities/<int:pk>/delete/",
        views.ActivityDeleteView.as_view(),
        name="activity_delete",
    ),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
]
