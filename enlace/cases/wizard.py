"""The case form in steps (create and edit), on django-formtools' session wizard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from formtools.wizard.views import SessionWizardView

from enlace.access.permissions import check_record_edit
from enlace.accounts.permissions import RoleRequiredMixin
from enlace.core.importing import flatten_errors
from enlace.core.views import ServiceFormMixin

from . import selectors, services
from .permissions import CASE_WRITERS
from .serializers import CaseSerializer
from .wizard_forms import STEPS, standard_format_from_steps, steps_from_standard_format

STEP_OF_FIELD = {
    "persons": "persons",
    "route": "route",
    "documents_used": "documents",
    "justice": "justice",
    "assistance": "assistance",
    "exploitation_types": "context",
    "methods_of_control": "context",
    "recruitment_methods": "context",
    "modus_operandi_tags": "context",
    "group_incident": "context",
}


class CaseWizardBase(RoleRequiredMixin, SessionWizardView):
    allowed_roles = CASE_WRITERS
    form_list = [(name, form) for name, form, _label in STEPS]
    template_name = "cases/case_wizard.html"
    case = None

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(step_labels=[(name, label) for name, _form, label in STEPS], case=self.case)
        return context

    def post(self, *args, **kwargs):
        """ "Add an entry" re-renders the current step's list with one more empty entry."""
        if "add_entry" in self.request.POST:
            data = self.request.POST.copy()
            step = data.get(f"{self.prefix}-current_step", self.steps.current)
            self.storage.current_step = step
            key = f"{self.get_form_prefix(step, self.form_list[step])}-TOTAL_FORMS"
            data[key] = str(int(data.get(key) or 1) + 1)
            return self.render(self.get_form(step=step, data=data))
        return super().post(*args, **kwargs)

    def _validate(self, form_list) -> tuple[dict | None, list[tuple[str, str, str]]]:
        cleaned = dict(
            zip(self.get_form_list().keys(), [form.cleaned_data for form in form_list], strict=True)
        )
        data = standard_format_from_steps(cleaned)
        extra_documents = self.storage.extra_data.get("extra_documents", {})
        for position, person in enumerate(data["persons"]):
            person.setdefault("documents", []).extend(extra_documents.get(str(position), []))
        serializer = CaseSerializer(data=data, context={"actor": self.request.user})
        if serializer.is_valid():
            return serializer.validated_data, []
        problems = []
        for path, message in flatten_errors(serializer.errors):
            field = path.split(".")[0]
            problems.append((STEP_OF_FIELD.get(field, "record"), path, message))
        return None, problems

    def _problems_page(self, problems):
        return render(
            self.request,
            "cases/case_wizard_problems.html",
            {
                "problems": problems,
                "case": self.case,
                "step_labels": {name: label for name, _form, label in STEPS},
            },
            status=400,
        )


class CaseCreateView(CaseWizardBase):
    """A new case in seven steps, checked at each step and as a whole at the end."""

    def done(self, form_list, **kwargs):
        data, problems = self._validate(form_list)
        if problems:
            return self._problems_page(problems)
        try:
            case = services.case_create(actor=self.request.user, data=data)
        except DjangoValidationError as exc:
            return self._problems_page(
                [("record", "reference", message) for message in exc.messages]
            )
        messages.success(
            self.request, _("Case %(reference)s created.") % {"reference": case.reference}
        )
        return redirect("cases:case_detail", pk=case.pk)


class CaseUpdateView(ServiceFormMixin, CaseWizardBase):
    """Edit a case in the same steps. The version read when the edit began travels with it: if
    someone saved in between, the edit is refused with a message, never merged silently."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.case = selectors.case_get(actor=request.user, pk=kwargs["pk"])
            check_record_edit(request.user, self.case)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)  # resets the wizard's storage
        document = services.case_as_standard_format(self.case, actor=request.user)
        self.storage.extra_data = {
            "version": self.case.version,
            "extra_documents": {
                str(position): person["documents"][1:]
                for position, person in enumerate(document["persons"])
                if len(person["documents"]) > 1
            },
        }
        return response

    def get_form_initial(self, step):
        document = services.case_as_standard_format(self.case, actor=self.request.user)
        return steps_from_standard_format(document)[step]

    def done(self, form_list, **kwargs):
        data, problems = self._validate(form_list)
        if problems:
            return self._problems_page(problems)
        data["reference"] = self.case.reference
        outcome = self.call_service(
            None,
            services.case_update,
            actor=self.request.user,
            case=self.case,
            data=data,
            expected_version=self.storage.extra_data["version"],
        )
        if not outcome.ok:
            return redirect("cases:case_detail", pk=self.case.pk)
        case = outcome.value
        messages.success(
            self.request, _("Case %(reference)s saved.") % {"reference": case.reference}
        )
        return redirect("cases:case_detail", pk=case.pk)
