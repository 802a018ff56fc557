"""Pages of regional statistics: the dashboard (officers, Secretariat, observers), definitions
and published releases (everybody, anonymous visitors included), data calls (Secretariat and
officers), the semiannual report (background job)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from enlace.accounts.choices import Role
from enlace.accounts.permissions import RoleRequiredMixin
from enlace.audit.services import record_event
from enlace.cases.choices import CaseType
from enlace.core.http import attachment
from enlace.core.jobs import job_start
from enlace.core.models import Job
from enlace.core.views import ServiceFormMixin

from . import selectors, services
from .choices import DataCallStatus, Scope, SubmissionChannel
from .disclosure import SUPPRESSED, TOTAL
from .exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_text,
    release_table_lines,
    release_zip,
    view_table_csv,
    view_xlsx,
)
from .facts import facts_sync, facts_synced_at
from .forms import (
    DashboardFilterForm,
    DataCallForm,
    ReleaseForm,
    ReportForm,
    SubmissionForm,
    SubmissionUploadForm,
)
from .indicators import DIMENSIONS, INDICATORS, Labels
from .models import DataCallSubmission
from .periods import Period, current_semester
from .permissions import DATA_CALL_ROLES, REGIONAL_READERS, STATISTICS_MANAGERS, SUBMITTERS
from .tasks import CONTENT_TYPES, report_path
from .xlsx import data_call_read, data_call_template

# ---------------------------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------------------------


def _dashboard(request):
    """The filter form and the view it selects (defaults when the form is empty or wrong)."""
    own = request.user.country_id if request.user.role == Role.LIAISON else None
    form = DashboardFilterForm(request.GET or None, own_country=own)
    values = form.values() if form.is_bound else {}
    view = selectors.dashboard_view(actor=request.user, **values)
    if view is None:
        raise PermissionDenied
    if not form.is_bound or form.is_valid():  # show what was chosen, defaults included
        form = DashboardFilterForm(
            own_country=own,
            initial={
                "period": view.period.code,
                "granularity": view.granularity,
                "case_type": view.case_type,
                "scope": Scope.OWN if view.own_only else Scope.REGION,
            },
        )
    return form, view


class DashboardView(RoleRequiredMixin, View):
    """Regional indicators: trends, bars, route flows, a map and tables, each traceable to
    its definition; what counts and how follows `scope.statistics_scope`."""

    allowed_roles = REGIONAL_READERS

    def get(self, request):
        form, view = _dashboard(request)
        labels = Labels()
        tables = []
        for code, table in view.tables.items():
            flows = []
            if table.indicator.chart == "sankey":
                flows = [
                    (labels.category("route_from", row), labels.category("route_to", col), value)
                    for (row, col), value in sorted(table.values.items())
                    if TOTAL not in (row, col) and value != 0
                ]
            tables.append(
                {
                    "table": table,
                    "grid": table.grid(labels),
                    "flows": flows,
                    "name": labels.indicator(table.indicator),
                    "code": code,
                }
            )
        # from whole-period tables, which include submitted aggregates (a trend by month
        # cannot place a semester's submission)
        figures = [
            (label, view.tables[code].total if code in view.tables else None)
            for code, label in (
                ("VIC_AGE_SEX", _("Victims")),
                ("MIG_ORIGIN_SEX", _("Smuggled migrants")),
                ("SUS_AGE_SEX", _("Suspects")),
                ("CAS_TYPE_OWNER", _("Cases")),
            )
        ]
        query = request.GET.urlencode()
        context = {
            "form": form,
            "view": view,
            "tables": tables,
            "figures": figures,
            "suppressed": SUPPRESSED,
            "query": query,
            "chart_data": {
                "tables": [table.chart(labels) for table in view.tables.values()],
                "map": static("vendor/world-atlas/americas.geo.json"),
                "text": {
                    "suppressed": _("suppressed (fewer than k persons, or derivable)"),
                    "total": _("Total"),
                    "noData": _("No data"),
                },
            },
            "case_type_label": dict(CaseType.choices).get(view.case_type, ""),
            "is_own": view.own_only,
            "facts_synced_at": facts_synced_at(),
            "scope_label": Scope(Scope.OWN if view.own_only else Scope.REGION).label,
        }
        return render(request, "statistics/dashboard.html", context)


class DashboardDownloadView(RoleRequiredMixin, View):
    """The dashboard's tables as they are shown: one table as CSV, or all as XLSX."""

    allowed_roles = REGIONAL_READERS

    def get(self, request, file_format: str):
        if file_format not in {"csv", "xlsx"}:
            raise Http404
        _form, view = _dashboard(request)
        labels = Labels()
        record_event(
            actor=request.user,
            action="statistics.export",
            summary=f"{view.period} {file_format} "
            f"{'own' if view.own_only else 'region'} "
            f"{request.GET.get('table', 'all')}",
        )
        name = f"enlace-{view.period}-{'own' if view.own_only else 'region'}"
        if file_format == "csv":
            code = request.GET.get("table", "")
            if code not in view.tables:
                raise Http404
            return attachment(
                view_table_csv(view.tables[code], labels), CSV_CONTENT_TYPE, f"{name}-{code}.csv"
            )
        return attachment(view_xlsx(view, labels), XLSX_CONTENT_TYPE, f"{name}.xlsx")


class DefinitionsView(View):
    """Every indicator's code, names, what is counted, from which records, by which date."""

    public = True

    def get(self, request):
        return render(
            request,
            "statistics/definitions.html",
            {
                "indicators": list(INDICATORS.values()),
                "dimensions": list(DIMENSIONS.values()),
                "suppressed": SUPPRESSED,
            },
        )


# ---------------------------------------------------------------------------------------------
# Releases
# ---------------------------------------------------------------------------------------------


class ReleaseListView(View):
    """Published releases: open to everybody, anonymous visitors included."""

    public = True

    def get(self, request):
        return render(
            request,
            "statistics/release_list.html",
            {
                "releases": selectors.release_list(),
                "can_publish": request.user.is_authenticated
                and request.user.role == Role.SECRETARIAT,
            },
        )


class ReleaseDetailView(View):
    public = True

    def get(self, request, pk: int):
        release = selectors.release_get(pk=pk)
        labels = Labels()
        tables = []
        for table in release.tables.all():
            values = {(row, col): value for row, col, value in table.cells}
            tables.append(
                {
                    "table": table,
                    "name": table.name_en if labels.language == "en" else table.name_es,
                    "row_name": labels.dimension(table.row_var),
                    "cols": [(col, labels.category(table.col_var, col)) for col in table.cols],
                    "rows": [
                        (
                            row,
                            labels.category(table.row_var, row),
                            [values.get((row, col)) for col in table.cols],
                            values.get((row, TOTAL)),
                        )
                        for row in table.rows
                    ],
                    "totals": [values.get((TOTAL, col)) for col in table.cols],
                    "total": values.get((TOTAL, TOTAL)),
                }
            )
        return render(
            request,
            "statistics/release_detail.html",
            {"release": release, "tables": tables, "suppressed": SUPPRESSED},
        )


class ReleaseTableDownloadView(View):
    public = True

    def get(self, request, pk: int, code: str):
        release = selectors.release_get(pk=pk)
        table = get_object_or_404(release.tables, indicator=code)
        return attachment(
            csv_text(release_table_lines(table)), CSV_CONTENT_TYPE, f"{release.slug}-{code}.csv"
        )


class ReleaseZipView(View):
    public = True

    def get(self, request, pk: int):
        release = selectors.release_get(pk=pk)
        return attachment(release_zip(release), "application/zip", f"{release.slug}.zip")


class ReleaseCreateView(RoleRequiredMixin, ServiceFormMixin, View):
    """The Secretariat previews the protected tables of a period, then publishes them."""

    allowed_roles = STATISTICS_MANAGERS
    template_name = "statistics/release_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ReleaseForm()})

    def post(self, request):
        form = ReleaseForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        values = form.cleaned_data
        facts_sync()
        if "publish" not in request.POST:
            view = services.release_compute(
                period=Period.parse(values["period"]), k=values["k"], rounding=values["rounding"]
            )
            labels = Labels()
            preview = [
                {
                    "code": code,
                    "name": labels.indicator(table.indicator),
                    "cells": len(table.values),
                    "suppressed": len(table.suppressed),
                    "total": table.total,
                }
                for code, table in view.tables.items()
                if not table.is_empty
            ]
            return render(
                request, self.template_name, {"form": form, "preview": preview, "view": view}
            )
        outcome = self.call_service(
            form,
            services.release_publish,
            actor=request.user,
            period=values["period"],
            k=values["k"],
            rounding=values["rounding"],
            note=values["note"],
        )
        if not outcome.ok:
            return render(request, self.template_name, {"form": form}, status=outcome.status)
        release = outcome.value
        messages.success(request, _("Release %(release)s published.") % {"release": release})
        return redirect("statistics:release_detail", pk=release.pk)


# ---------------------------------------------------------------------------------------------
# Data calls
# ---------------------------------------------------------------------------------------------


class DataCallListView(RoleRequiredMixin, View):
    allowed_roles = DATA_CALL_ROLES

    def get(self, request):
        calls = list(selectors.data_call_list(actor=request.user))
        mine = {}
        if request.user.country_id:
            mine = {
                item.call_id: item
                for item in DataCallSubmission.objects.filter(
                    call__in=calls, country_id=request.user.country_id
                )
            }
        rows = [
            (
                call,
                services.submission_status(call, mine.get(call.pk))
                if request.user.role == Role.LIAISON
                else None,
            )
            for call in calls
        ]
        return render(
            request,
            "statistics/data_call_list.html",
            {"rows": rows, "is_secretariat": request.user.role == Role.SECRETARIAT},
        )


class DataCallCreateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = STATISTICS_MANAGERS
    template_name = "statistics/data_call_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DataCallForm()})

    def post(self, request):
        form = DataCallForm(request.POST)
        if form.is_valid():
            outcome = self.call_service(
                form, services.data_call_open, actor=request.user, **form.cleaned_data
            )
            if outcome.ok:
                messages.success(request, _("Data call opened."))
                return redirect("statistics:data_call_detail", pk=outcome.value.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class DataCallDetailView(RoleRequiredMixin, View):
    """The Secretariat sees every country's status; an officer her country's."""

    allowed_roles = DATA_CALL_ROLES

    def get(self, request, pk: int):
        call = selectors.data_call_get(actor=request.user, pk=pk)
        labels = Labels()
        context = {
            "call": call,
            "is_secretariat": request.user.role == Role.SECRETARIAT,
            "requested": [(code, labels.indicator(INDICATORS[code])) for code in call.indicators],
        }
        if request.user.role == Role.SECRETARIAT:
            context["standings"] = services.data_call_standings(call)
        else:
            submission = selectors.own_submission(actor=request.user, call=call)
            context["submission"] = submission
            context["status"] = services.submission_status(call, submission)
        return render(request, "statistics/data_call_detail.html", context)


class DataCallCloseView(RoleRequiredMixin, View):
    allowed_roles = STATISTICS_MANAGERS

    def post(self, request, pk: int):
        call = selectors.data_call_get(actor=request.user, pk=pk)
        services.data_call_close(actor=request.user, call=call)
        messages.success(request, _("Data call closed."))
        return redirect("statistics:data_call_detail", pk=call.pk)


class DataCallTemplateView(RoleRequiredMixin, View):
    allowed_roles = DATA_CALL_ROLES

    def get(self, request, pk: int):
        call = selectors.data_call_get(actor=request.user, pk=pk)
        return attachment(
            data_call_template(call, request.user.country_id or ""),
            XLSX_CONTENT_TYPE,
            f"enlace-data-call-{call.pk}.xlsx",
        )


def _open_call_for_officer(request, pk: int):
    call = selectors.data_call_get(actor=request.user, pk=pk)
    if call.status != DataCallStatus.OPEN:
        messages.error(request, _("This data call is closed."))
        return call, redirect("statistics:data_call_detail", pk=call.pk)
    return call, None


class _SubmissionView(RoleRequiredMixin, View):
    """What the two ways of answering a data call share: the officer's country answers an
    open call; the tables are saved whole or not at all, and a refusal shows the page again
    with the cells that were wrong."""

    allowed_roles = SUBMITTERS
    template_name: str
    channel: str

    def _save(self, request, call, form, tables):
        try:
            services.submission_save(
                actor=request.user,
                call=call,
                tables=tables,
                channel=self.channel,
                note=form.cleaned_data["note"],
            )
        except services.SubmissionInvalid as exc:
            return self._refused(request, call, form, exc.cell_errors)
        messages.success(request, _("Your country's figures were submitted."))
        return redirect("statistics:data_call_detail", pk=call.pk)

    def _refused(self, request, call, form, errors):
        return render(
            request,
            self.template_name,
            {"call": call, "form": form, "cell_errors": errors},
            status=400,
        )


class SubmissionFormView(_SubmissionView):
    """An officer fills the requested tables in the browser."""

    template_name = "statistics/submission_form.html"
    channel = SubmissionChannel.FORM

    def get(self, request, pk: int):
        call, closed = _open_call_for_officer(request, pk)
        if closed:
            return closed
        previous = selectors.own_submission(actor=request.user, call=call)
        form = SubmissionForm(
            call=call,
            initial_tables=previous.tables if previous else None,
            initial={"note": previous.note if previous else ""},
        )
        return render(request, self.template_name, {"call": call, "form": form})

    def post(self, request, pk: int):
        call, closed = _open_call_for_officer(request, pk)
        if closed:
            return closed
        form = SubmissionForm(request.POST, call=call)
        if form.is_valid():
            return self._save(request, call, form, form.tables())
        return self._refused(request, call, form, [])


class SubmissionUploadView(_SubmissionView):
    """An officer uploads the filled XLSX template: checked whole, saved whole or not at all."""

    template_name = "statistics/submission_upload.html"
    channel = SubmissionChannel.XLSX

    def get(self, request, pk: int):
        call, closed = _open_call_for_officer(request, pk)
        if closed:
            return closed
        return render(request, self.template_name, {"call": call, "form": SubmissionUploadForm()})

    def post(self, request, pk: int):
        call, closed = _open_call_for_officer(request, pk)
        if closed:
            return closed
        form = SubmissionUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._refused(request, call, form, [])
        tables, errors = data_call_read(call, form.cleaned_data["file"].read())
        if errors:
            return self._refused(request, call, form, errors)
        return self._save(request, call, form, tables)


class SubmissionDetailView(RoleRequiredMixin, View):
    """One country's submitted tables: the Secretariat reads all, an officer her own."""

    allowed_roles = DATA_CALL_ROLES

    def get(self, request, pk: int, iso2: str):
        call = selectors.data_call_get(actor=request.user, pk=pk)
        submission = selectors.submission_get(actor=request.user, call=call, country=iso2.upper())
        labels = Labels()
        tables = []
        for code, triples in submission.tables.items():
            indicator = INDICATORS[code]
            values = {(row, col): value for row, col, value in triples}
            rows = list(dict.fromkeys(row for row, _col, _v in triples))
            cols = list(dict.fromkeys(col for _row, col, _v in triples))
            tables.append(
                {
                    "code": code,
                    "name": labels.indicator(indicator),
                    "row_name": labels.dimension(indicator.row),
                    "cols": [labels.category(indicator.col, col) for col in cols],
                    "rows": [
                        (
                            labels.category(indicator.row, row),
                            [values.get((row, col), 0) for col in cols],
                            sum(values.get((row, col), 0) for col in cols),
                        )
                        for row in rows
                    ],
                }
            )
        return render(
            request,
            "statistics/submission_detail.html",
            {
                "call": call,
                "submission": submission,
                "tables": tables,
                "status": services.submission_status(call, submission),
            },
        )


# ---------------------------------------------------------------------------------------------
# Semiannual report
# ---------------------------------------------------------------------------------------------


def _report_jobs(request):
    return Job.objects.filter(kind="statistics.report", created_by=request.user)


class ReportView(RoleRequiredMixin, View):
    """Start the semiannual report as a background job; earlier reports to download."""

    allowed_roles = REGIONAL_READERS
    template_name = "statistics/report.html"

    def get(self, request):
        semester = current_semester(timezone.localdate()).previous()
        return render(
            request,
            self.template_name,
            {
                "form": ReportForm(
                    initial={"period": semester.code, "language": request.LANGUAGE_CODE[:2]}
                ),
                "jobs": _report_jobs(request)[:20],
            },
        )

    def post(self, request):
        form = ReportForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                self.template_name,
                {"form": form, "jobs": _report_jobs(request)[:20]},
                status=400,
            )
        values = form.cleaned_data
        job = job_start(
            actor=request.user,
            kind="statistics.report",
            parameters={
                "period": values["period"],
                "language": values["language"],
                "format": values["file_format"],
            },
        )
        return redirect("statistics:report_status", pk=job.pk)


class ReportStatusView(RoleRequiredMixin, View):
    allowed_roles = REGIONAL_READERS

    def get(self, request, pk: int):
        job = get_object_or_404(_report_jobs(request), pk=pk)
        template = (
            "statistics/partials/_report_status.html"
            if request.htmx
            else "statistics/report_status.html"
        )
        return render(request, template, {"job": job})


class ReportDownloadView(RoleRequiredMixin, View):
    allowed_roles = REGIONAL_READERS

    def get(self, request, pk: int):
        job = get_object_or_404(_report_jobs(request), pk=pk)
        path = report_path(job)
        if not job.is_finished or not path.exists():
            raise Http404
        record_event(actor=request.user, action="statistics.report_download", obj=job)
        extension = job.parameters.get("format", "pdf")
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=job.result.get("name", path.name),
            content_type=CONTENT_TYPES.get(extension, "application/pdf"),
        )
