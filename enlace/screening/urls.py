from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("watchlist/", views.EntryListView.as_view(), name="entry_list"),
    path("watchlist/new/", views.EntryCreateView.as_view(), name="entry_create"),
    path("watchlist/import/", views.EntryImportView.as_view(), name="entry_import"),
    path(
        "watchlist/import/<int:pk>/",
        views.EntryImportStatusView.as_view(),
        name="entry_import_status",
    ),
    path(
        "watchlist/export.<str:file_format>", views.EntryExportView.as_view(), name="entry_export"
    ),
    path("watchlist/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path("watchlist/<int:pk>/edit/", views.EntryUpdateView.as_view(), name="entry_update"),
    path("watchlist/<int:pk>/delete/", views.EntryDeleteView.as_view(), name="entry_delete"),
    path("watchlist/<int:pk>/review/", views.EntryReviewView.as_view(), name="entry_review"),
    path("watchlist/<int:pk>/photo/", views.EntryPhotoView.as_view(), name="entry_photo"),
    path("check/", views.CheckView.as_view(), name="check"),
    path("screenings/", views.ScreeningListView.as_view(), name="batch_list"),
    path("screenings/new/", views.ManifestUploadView.as_view(), name="batch_create"),
    path("screenings/<int:pk>/", views.ScreeningDetailView.as_view(), name="screening_detail"),
    path(
        "screenings/<int:pk>/hits.<str:file_format>",
        views.HitsDownloadView.as_view(),
        name="hits_download",
    ),
    path("hits/<int:pk>/decision/", views.HitDecisionView.as_view(), name="hit_decide"),
]
