from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from enlace.access.choices import FieldGroup
from enlace.access.policy import can_edit
from enlace.access.services import record_share
from enlace.accounts.permissions import CONTENT_ROLES, RoleRequiredMixin
from enlace.audit.selectors import object_history
from enlace.core.models import Country, VocabularyTerm

from . import selectors
from .choices import PersonRole
from .forms import CaseFilterForm, ShareForm
from .services import case_as_standard_format


def _labels(vocabulary: str) -> dict[str, str]:
    return {term.code: term.label_in_language
            for term in VocabularyTerm.objects.filter(vocabulary=vocabulary)}


class CaseListView(RoleRequiredMixin, ListView):
    """Cases the user may see, with filters; search covers non-sensitive text only."""

    allowed_roles = CONTENT_ROLES
    template_name = "cases/case_list.html"
    paginate_by = 25
    inbox = False

    def get_queryset(self):
        self.filter_form = CaseFilterForm(self.request.GET or None)
        if self.inbox:
            return selectors.case_inbox(actor=self.request.user)
        return selectors.case_list(actor=self.request.user,
                                   **self.filter_form.selector_arguments())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, inbox=self.inbox,
                       exploitation_labels=_labels("exploitation_type"))
        return context


class CaseInboxView(CaseListView):
    """Cases other member states shared with my country."""

    inbox = True


class CaseDetailView(RoleRequiredMixin, View):
    """One case as the user may read it: persons (redacted for recipients), documents, the
    route drawn as a diagram, the sharing panel and the change history for the owner."""

    allowed_roles = CONTENT_ROLES
    template_name = "cases/case_detail.html"

    def _render(self, request, case, share_form=None, status=200):
        document = case_as_standard_format(case, actor=request.user)
        owner = can_edit(request.user, case)
        countries = {country.iso2: country for country in Country.objects.filter(
            iso2__in={leg["from_country"] for leg in document["route"]}
            | {leg["to_country"] for leg in document["route"]})}
        stops = []
        if document["route"]:
            first = document["route"][0]
            stops.append({"country": countries[first["from_country"]],
                          "place": first["from_place"]})
            for leg in document["route"]:
                stops.append({"country": countries[leg["to_country"]], "place": leg["to_place"],
                              "leg": leg})
        context = {
            "case": case, "document": document, "can_edit": owner, "stops": stops,
            "labels": {name: _labels(name) for name in (
                "exploitation_type", "methods_of_control", "recruitment_method",
                "modus_operandi_tag", "document_type", "document_nature", "transport_mode",
                "justice_stage", "assistance_type", "crossing_type")},
            "share_form": share_form or ShareForm(initial={
                "audience": case.audience, "handling_code": case.handling_code,
                "countries": [country.iso2 for country in case.shared_with.all()],
                "version": case.version}),
            "history": object_history(obj=case)[:50] if owner else [],
            "role_labels": dict(PersonRole.choices), "group_labels": dict(FieldGroup.choices),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.case_get(actor=request.user, pk=pk))

    def post(self, request, pk):
        case = selectors.case_get(actor=request.user, pk=pk)
        form = ShareForm(request.POST)
        if form.is_valid():
            values = form.cleaned_data
            try:
                record_share(actor=request.user, record=case, audience=values["audience"],
                             countries=[country.iso2 for country in values["countries"]],
                             handling_code=values["handling_code"],
                             expected_version=values["version"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Sharing updated."))
                return redirect("cases:case_detail", pk=case.pk)
        case = selectors.case_get(actor=request.user, pk=pk)
        return self._render(request, case, form, status=409 if form.non_field_errors() else 400)
