from django.urls import path

from . import views, wizard

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("inbox/", views.CaseInboxView.as_view(), name="case_inbox"),
    path("new/", wizard.CaseCreateView.as_view(), name="case_create"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/edit/", wizard.CaseUpdateView.as_view(), name="case_update"),
    path("export/", views.CaseExportView.as_view(), name="case_export"),
    path("template.xlsx", views.CaseTemplateView.as_view(), name="case_template"),
    path("import/", views.CaseImportView.as_view(), name="case_import"),
    path("import/<int:pk>/", views.CaseImportStatusView.as_view(), name="case_import_status"),
    path(
        "import/<int:pk>/errors.csv",
        views.CaseImportErrorsView.as_view(),
        name="case_import_errors",
    ),
]
