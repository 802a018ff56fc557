from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from enlace.access.choices import FieldGroup
from enlace.access.policy import can_edit
from enlace.access.services import record_share
from enlace.accounts.permissions import RoleRequiredMixin
from enlace.audit.selectors import object_history
from enlace.audit.services import record_event, record_page_read
from enlace.core.exporting import attachment, csv_bytes
from enlace.core.jobs import job_start
from enlace.core.models import Country, Job, VocabularyTerm
from enlace.core.uploads import save_upload
from enlace.core.views import FilteredListMixin, ServiceFormMixin

from . import selectors
from .choices import PersonRole
from .filters import CaseFilterSet
from .forms import CaseImportForm, ShareForm
from .models import Case
from .permissions import CASE_INBOX_READERS, CASE_READERS, CASE_WRITERS
from .services import case_as_standard_format


def _labels(vocabulary: str) -> dict[str, str]:
    return {
        term.code: term.label_in_language
        for term in VocabularyTerm.objects.filter(vocabulary=vocabulary)
    }


class CaseListView(RoleRequiredMixin, FilteredListMixin, ListView):
    """Cases the user may see, with filters; search covers non-sensitive text only."""

    allowed_roles = CASE_READERS
    template_name = "cases/case_list.html"
    paginate_by = 25
    inbox = False

    filterset_class = CaseFilterSet

    def scope(self):
        return selectors.case_list(actor=self.request.user)

    def get_queryset(self):
        cases = super().get_queryset()  # the filter form is shown on the inbox too
        return selectors.case_inbox(actor=self.request.user) if self.inbox else cases

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_page_read(
            actor=self.request.user,
            action="cases.inbox_read" if self.inbox else "cases.list_read",
            model=Case,
            records=context["object_list"],
        )
        context.update(
            inbox=self.inbox,
            exploitation_labels=_labels("exploitation_type"),
            export_formats=[
                ("csv", "CSV"),
                ("xlsx", "XLSX"),
                ("json", "JSON"),
                ("htcds-csv", _("HTCDS (CSV)")),
            ],
        )
        return context


class CaseInboxView(CaseListView):
    """Cases other member states shared with my country."""

    allowed_roles = CASE_INBOX_READERS
    inbox = True


class CaseDetailView(RoleRequiredMixin, ServiceFormMixin, View):
    """One case as the user may read it: persons (redacted for recipients), documents, the
    route drawn as a diagram, the sharing panel and the change history for the owner."""

    allowed_roles = CASE_READERS
    template_name = "cases/case_detail.html"

    def _render(self, request, case, share_form=None, status=200):
        document = case_as_standard_format(case, actor=request.user)
        owner = can_edit(request.user, case)
        countries = {
            country.iso2: country
            for country in Country.objects.filter(
                iso2__in={leg["from_country"] for leg in document["route"]}
                | {leg["to_country"] for leg in document["route"]}
            )
        }
        stops = []
        if document["route"]:
            first = document["route"][0]
            stops.append(
                {"country": countries[first["from_country"]], "place": first["from_place"]}
            )
            for leg in document["route"]:
                stops.append(
                    {"country": countries[leg["to_country"]], "place": leg["to_place"], "leg": leg}
                )
        context = {
            "case": case,
            "document": document,
            "can_edit": owner,
            "stops": stops,
            "labels": {
                name: _labels(name)
                for name in (
                    "exploitation_type",
                    "methods_of_control",
                    "recruitment_method",
                    "modus_operandi_tag",
                    "document_type",
                    "document_nature",
                    "transport_mode",
                    "justice_stage",
                    "assistance_type",
                    "crossing_type",
                )
            },
            "share_form": share_form
            or ShareForm(
                initial={
                    "audience": case.audience,
                    "handling_code": case.handling_code,
                    "countries": [country.iso2 for country in case.shared_with.all()],
                    "version": case.version,
                }
            ),
            "history": object_history(obj=case)[:50] if owner else [],
            "role_labels": dict(PersonRole.choices),
            "group_labels": dict(FieldGroup.choices),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.case_get(actor=request.user, pk=pk))

    def post(self, request, pk):
        case = selectors.case_get(actor=request.user, pk=pk)
        form = ShareForm(request.POST)
        status = 400
        if form.is_valid():
            values = form.cleaned_data
            outcome = self.call_service(
                form,
                record_share,
                actor=request.user,
                record=case,
                audience=values["audience"],
                countries=[country.iso2 for country in values["countries"]],
                handling_code=values["handling_code"],
                expected_version=values["version"],
            )
            if outcome.ok:
                messages.success(request, _("Sharing updated."))
                return redirect("cases:case_detail", pk=case.pk)
            status = outcome.status
        case = selectors.case_get(actor=request.user, pk=pk)
        return self._render(request, case, form, status=status)


EXPORT_TYPES = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "htcds-csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


class CaseExportView(RoleRequiredMixin, View):
    """Every case the user may see, redacted as she sees it (?format=json|csv|xlsx|htcds-csv):
    the same export as `enlace cases export`, audited there."""

    allowed_roles = CASE_READERS

    def get(self, request):
        import tempfile

        from django.http import FileResponse, Http404

        from .exporting import cases_export

        file_format = request.GET.get("format", "csv")
        if file_format not in EXPORT_TYPES:
            raise Http404
        content_type, extension = EXPORT_TYPES[file_format]
        # deleted when the response closes it
        handle = tempfile.NamedTemporaryFile(suffix=f".{extension}")  # noqa: SIM115
        cases_export(actor=request.user, path=Path(handle.name), file_format=file_format)
        handle.seek(0)
        name = f"enlace-cases-{file_format}.{extension}"
        response = FileResponse(
            handle, as_attachment=True, filename=name, content_type=content_type
        )
        response["Cache-Control"] = "no-store"
        return response


class CaseTemplateView(RoleRequiredMixin, View):
    """The XLSX import template with dropdowns for every coded column."""

    allowed_roles = CASE_WRITERS

    def get(self, request):
        from .templates_xlsx import case_import_template

        return attachment(
            case_import_template(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "enlace-cases-template.xlsx",
        )


class CaseImportView(RoleRequiredMixin, View):
    """Upload a file; it is validated and imported by a background job with a progress bar."""

    allowed_roles = CASE_WRITERS
    template_name = "cases/case_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": CaseImportForm()})

    def post(self, request):
        form = CaseImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        path, suffix = save_upload(upload)  # sealed until the job reads it
        job = job_start(
            actor=request.user,
            kind="cases.import",
            parameters={
                "path": str(path),
                "format": suffix,
                "name": upload.name,
                "dry_run": form.cleaned_data["dry_run"],
            },
        )
        return redirect("cases:case_import_status", pk=job.pk)


def _import_job(request, pk) -> Job:
    return get_object_or_404(Job, pk=pk, kind="cases.import", created_by=request.user)


class CaseImportStatusView(RoleRequiredMixin, View):
    """Progress of an import, then its outcome; htmx polls the partial until it finishes."""

    allowed_roles = CASE_WRITERS

    def get(self, request, pk):
        job = _import_job(request, pk)
        template = (
            "cases/partials/_import_status.html"
            if request.htmx
            else "cases/case_import_status.html"
        )
        return render(request, template, {"job": job})


class CaseImportErrorsView(RoleRequiredMixin, View):
    """The error report of an import as CSV (row, column, message)."""

    allowed_roles = CASE_WRITERS

    def get(self, request, pk):
        job = _import_job(request, pk)
        content = csv_bytes(
            ["row", "column", "message"],
            (
                [error["row"], error["column"], error["message"]]
                for error in job.result.get("errors", [])
            ),
            bom=False,
        )
        record_event(actor=request.user, action="cases.import_errors_download", obj=job)
        return attachment(content, "text/csv; charset=utf-8", f"import-{job.pk}-errors.csv")
