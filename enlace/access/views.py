from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enlace.accounts.permissions import RoleRequiredMixin
from enlace.core.views import ServiceFormMixin

from .forms import LawProfileForm
from .models import LawProfile
from .permissions import LAW_PROFILE_EDITORS, check_law_profile_edit
from .services import law_profile_update


class LawProfileView(RoleRequiredMixin, ServiceFormMixin, View):
    """The national administrator's page: which sensitive fields may leave her country."""

    allowed_roles = LAW_PROFILE_EDITORS

    template_name = "access/law_profile.html"

    def _profile(self, request) -> LawProfile:
        check_law_profile_edit(request.user, request.user.country_id)
        profile, _created = LawProfile.objects.get_or_create(country_id=request.user.country_id)
        return profile

    def get(self, request):
        profile = self._profile(request)
        form = LawProfileForm(instance=profile, initial={"version": profile.version})
        return render(request, self.template_name, {"form": form, "profile": profile})

    def post(self, request):
        profile = self._profile(request)
        form = LawProfileForm(request.POST, instance=LawProfile(country_id=profile.country_id))
        status = 400
        if form.is_valid():
            values = {key: form.cleaned_data[key] for key in LawProfileForm.Meta.fields}
            outcome = self.call_service(
                form,
                law_profile_update,
                actor=request.user,
                country_id=profile.country_id,
                values=values,
                expected_version=form.cleaned_data["version"],
            )
            if outcome.ok:
                messages.success(request, _("The law profile was saved."))
                return redirect("access:law_profile")
            status = outcome.status
        profile.refresh_from_db()
        return render(
            request, self.template_name, {"form": form, "profile": profile}, status=status
        )
