from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("tokens/", views.TokenView.as_view(), name="tokens"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserFormView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserFormView.as_view(), name="user_update"),
    path(
        "users/<int:pk>/reset-two-factor/",
        views.UserResetTwoFactorView.as_view(),
        name="user_reset_two_factor",
    ),
]
