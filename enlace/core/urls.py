from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("presidency/", views.PresidencyView.as_view(), name="presidency"),
]
