from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("inbox/", views.CaseInboxView.as_view(), name="case_inbox"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
]
