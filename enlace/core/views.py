"""Pages of the reference data, and `ServiceFormMixin`: the one way a page shows a refused
write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enlace.access.services import StaleVersionError
from enlace.accounts.permissions import RoleRequiredMixin

from .forms import PresidencyForm, add_validation_errors
from .models import ProTemporePresidency
from .permissions import PRESIDENCY_EDITORS
from .services import presidency_assign


class FilteredListMixin:
    """A list page over a selector's scoped queryset, narrowed by a django-filter FilterSet
    (`core.filters`): the view names `filterset_class` and `scope()` (what the reader may see);
    the template gets `filter_form` and `query` (the filters, for paging and export links)."""

    filterset_class: type

    def scope(self):
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.scope())
        self.filter_form = self.filterset.form
        return self.filterset.page_qs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("filter_form", self.filter_form)
        kwargs.setdefault("query", self.request.GET.urlencode())
        return super().get_context_data(**kwargs)


@dataclass(frozen=True)
class ServiceOutcome:
    """What a service call from a page gave: its value, or the refusal (`status` 409 for a
    stale version, 400 for anything else the service found invalid; `error` its text)."""

    value: Any = None
    status: int = 200
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status < 400


class ServiceFormMixin:
    """Pages call services through `call_service`, so every refused write looks the same:
    a `ValidationError` lands on the form's fields it names (above the form otherwise) and
    answers 400; a `StaleVersionError` shows its one message above the form and answers 409.
    Without a form (buttons that redirect) the refusal becomes a flash message."""

    def call_service(
        self, form, service: Callable[..., Any], /, *args, error_field: str | None = None, **kwargs
    ) -> ServiceOutcome:
        """`service(*args, **kwargs)`; `error_field` takes the errors that name no field of
        the form (a form of one text area, say)."""
        try:
            return ServiceOutcome(value=service(*args, **kwargs))
        except StaleVersionError as exc:
            status, target = 409, None
            error = exc
        except ValidationError as exc:
            status, target = 400, error_field
            error = exc
        text = " ".join(error.messages)
        if form is None:
            messages.error(self.request, text)
        else:
            add_validation_errors(form, error, default_field=target)
        return ServiceOutcome(status=status, error=text)


class PresidencyView(RoleRequiredMixin, ServiceFormMixin, View):
    """The Technical Secretariat records which member state holds the pro-tempore presidency."""

    allowed_roles = PRESIDENCY_EDITORS
    template_name = "core/presidency.html"

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "presidencies": ProTemporePresidency.objects.select_related("country"),
                "current": ProTemporePresidency.current(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, PresidencyForm())

    def post(self, request):
        form = PresidencyForm(request.POST)
        if form.is_valid():
            outcome = self.call_service(
                form, presidency_assign, actor=request.user, **form.cleaned_data
            )
            if outcome.ok:
                messages.success(request, _("The presidency was recorded."))
                return redirect("core:presidency")
        return self._render(request, form, status=400)
