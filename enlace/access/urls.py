from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("law-profile/", views.LawProfileView.as_view(), name="law_profile"),
]
