from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enlace.accounts.permissions import RoleRequiredMixin

from .forms import PresidencyForm
from .models import ProTemporePresidency
from .permissions import PRESIDENCY_EDITORS
from .services import presidency_assign


class PresidencyView(RoleRequiredMixin, View):
    """The Technical Secretariat records which member state holds the pro-tempore presidency."""

    allowed_roles = PRESIDENCY_EDITORS
    template_name = "core/presidency.html"

    def _render(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "presidencies": ProTemporePresidency.objects.select_related("country"),
            "current": ProTemporePresidency.current()}, status=status)

    def get(self, request):
        return self._render(request, PresidencyForm())

    def post(self, request):
        form = PresidencyForm(request.POST)
        if form.is_valid():
            try:
                presidency_assign(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The presidency was recorded."))
                return redirect("core:presidency")
        return self._render(request, form, status=400)
