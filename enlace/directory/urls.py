from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.ContactListView.as_view(), name="contact_list"),
    path("contacts/new/", views.ContactFormView.as_view(), name="contact_create"),
    path(
        "contacts/export.csv",
        views.ContactExportView.as_view(file_format="csv"),
        name="contact_export_csv",
    ),
    path(
        "contacts/export.xlsx",
        views.ContactExportView.as_view(file_format="xlsx"),
        name="contact_export_xlsx",
    ),
    path(
        "contacts/export.vcf",
        views.ContactExportView.as_view(file_format="vcf"),
        name="contact_export_vcf",
    ),
    path("contacts/<int:pk>/", views.ContactDetailView.as_view(), name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.ContactFormView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/confirm/", views.ContactConfirmView.as_view(), name="contact_confirm"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
    path("contacts/<int:pk>/vcard.vcf", views.ContactVCardView.as_view(), name="contact_vcard"),
    path("services/", views.ServiceListView.as_view(), name="service_list"),
    path("services/new/", views.ServiceFormView.as_view(), name="service_create"),
    path(
        "services/export.csv",
        views.ServiceExportView.as_view(file_format="csv"),
        name="service_export_csv",
    ),
    path(
        "services/export.xlsx",
        views.ServiceExportView.as_view(file_format="xlsx"),
        name="service_export_xlsx",
    ),
    path("services/<int:pk>/", views.ServiceDetailView.as_view(), name="service_detail"),
    path("services/<int:pk>/edit/", views.ServiceFormView.as_view(), name="service_update"),
    path("services/<int:pk>/confirm/", views.ServiceConfirmView.as_view(), name="service_confirm"),
    path("services/<int:pk>/delete/", views.ServiceDeleteView.as_view(), name="service_delete"),
    path("competencies/", views.CompetencyMatrixView.as_view(), name="competency_matrix"),
    path("competencies/new/", views.CompetencyFormView.as_view(), name="competency_create"),
    path(
        "competencies/<int:pk>/edit/", views.CompetencyFormView.as_view(), name="competency_update"
    ),
    path(
        "competencies/<int:pk>/confirm/",
        views.CompetencyConfirmView.as_view(),
        name="competency_confirm",
    ),
    path(
        "competencies/<int:pk>/delete/",
        views.CompetencyDeleteView.as_view(),
        name="competency_delete",
    ),
]
