from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from django_otp import login as otp_login

from enlace.audit.services import record_event

from . import services
from .forms import CodeForm, LoginForm, TokenForm, UserForm
from .permissions import ALL_ROLES, USER_MANAGER_ROLES, RoleRequiredMixin
from .selectors import token_list, user_list
from .twofactor import confirmed_device, two_factor_required


class LoginView(auth_views.LoginView):
    public = True
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax"
            )
        if two_factor_required(user):
            return redirect(settings.ENLACE_TWO_FACTOR_URL)
        return response


class LogoutView(auth_views.LogoutView):
    public = True


class TwoFactorView(RoleRequiredMixin, View):
    """Second login step: verify the TOTP code, or enrol an authenticator the first time."""

    allowed_roles = ALL_ROLES

    template_name = "accounts/two_factor.html"

    def _context(self, request, form):
        device = confirmed_device(request.user)
        context = {"form": form, "enrolling": device is None}
        if device is None:
            pending = services.totp_device_pending(user=request.user)
            qr = segno.make(pending.config_url, micro=False)
            context.update(
                qr_svg=qr.svg_inline(scale=5, dark="#111"), secret=_base32(pending.bin_key)
            )
        return context

    def get(self, request):
        if request.user.is_verified():
            return redirect("web:home")
        if not two_factor_required(request.user) and not request.GET.get("enrol"):
            return redirect("web:home")
        return render(request, self.template_name, self._context(request, CodeForm()))

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            device = confirmed_device(request.user)
            if device is None:
                pending = services.totp_device_pending(user=request.user)
                if services.totp_device_confirm(user=request.user, device=pending, code=code):
                    otp_login(request, pending)
                    messages.success(request, _("Your authenticator is set up."))
                    return redirect(_next_url(request))
            else:
                verified, _wait = device.verify_is_allowed()
                if verified and device.verify_token(code):
                    otp_login(request, device)
                    record_event(
                        actor=request.user, action="auth.two_factor_verified", obj=request.user
                    )
                    return redirect(_next_url(request))
                record_event(
                    actor=request.user,
                    action="auth.two_factor_failed",
                    obj=request.user,
                    summary="wrong or throttled code",
                )
            form.add_error("code", _("That code is not valid. Wait for a new one and try again."))
        return render(request, self.template_name, self._context(request, form), status=400)


def _next_url(request) -> str:
    """Where to go after the second step: a local path only (no open redirect)."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "web:home"


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode().rstrip("=")


class UserListView(RoleRequiredMixin, ListView):
    allowed_roles = USER_MANAGER_ROLES
    template_name = "accounts/user_list.html"
    paginate_by = 50

    def get_queryset(self):
        return user_list(actor=self.request.user)


class UserFormView(RoleRequiredMixin, View):
    allowed_roles = USER_MANAGER_ROLES
    template_name = "accounts/user_form.html"

    def _user(self, request, pk):
        if pk is None:
            return None
        return get_object_or_404(user_list(actor=request.user), pk=pk)

    def get(self, request, pk=None):
        user = self._user(request, pk)
        form = UserForm(instance=user, actor=request.user)
        return render(request, self.template_name, {"form": form, "subject": user})

    def post(self, request, pk=None):
        user = self._user(request, pk)
        form = UserForm(request.POST, instance=user, actor=request.user)
        if form.is_valid():
            values = {key: form.cleaned_data[key] for key in form.Meta.fields}
            password = form.cleaned_data.get("password") or None
            try:
                if user is None:
                    user = services.user_create(actor=request.user, password=password, **values)
                else:
                    user.refresh_from_db()
                    user = services.user_update(actor=request.user, user=user, **values)
                    if password:
                        user.set_password(password)
                        user.save(update_fields=["password"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("User %(username)s saved.") % {"username": user.username}
                )
                return redirect("accounts:user_list")
        return render(request, self.template_name, {"form": form, "subject": user}, status=400)


class UserResetTwoFactorView(RoleRequiredMixin, View):
    allowed_roles = USER_MANAGER_ROLES

    def post(self, request, pk):
        user = get_object_or_404(user_list(actor=request.user), pk=pk)
        services.user_reset_two_factor(actor=request.user, user=user)
        messages.success(
            request,
            _("%(username)s will set up a new authenticator at the next login.")
            % {"username": user.username},
        )
        return redirect("accounts:user_list")


class TokenView(RoleRequiredMixin, View):
    """The user's own API tokens: create (the key is shown once) and revoke."""

    allowed_roles = ALL_ROLES

    template_name = "accounts/tokens.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"tokens": token_list(actor=request.user), "form": TokenForm()},
        )

    def post(self, request):
        if "revoke" in request.POST:
            services.token_revoke(actor=request.user, token_key=request.POST["revoke"])
            messages.success(request, _("The token was revoked."))
            return redirect("accounts:tokens")
        form = TokenForm(request.POST)
        key = None
        if form.is_valid():
            _token, key = services.token_create(
                actor=request.user, user=request.user, days=form.cleaned_data["days"]
            )
        return render(
            request,
            self.template_name,
            {"tokens": token_list(actor=request.user), "form": form, "new_key": key},
            status=200 if key else 400,
        )
