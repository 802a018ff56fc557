"""Pages of the watchlist and of screening. Every view declares its roles (liaison officers,
permissions.py); entries are read through the selectors (the access policy) and written
through the services; hits are shown through `checks.hit_rows`, redacted for the reader."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from enlace.access.choices import FieldGroup
from enlace.access.models import LawProfile
from enlace.access.permissions import check_record_edit
from enlace.access.policy import can_edit
from enlace.accounts.permissions import RoleRequiredMixin
from enlace.audit.selectors import object_history
from enlace.audit.services import record_event, record_page_read
from enlace.core.http import attachment
from enlace.core.jobs import job_start
from enlace.core.models import Job
from enlace.core.uploads import save_upload
from enlace.core.views import FilteredListMixin, ServiceFormMixin

from . import checks, exporting, selectors, services
from .choices import Decision, ScreeningKind, ScreeningStatus
from .contacts import owner_contacts
from .filters import EntryFilterSet, HitFilterSet, ScreeningFilterSet
from .forms import (
    CheckForm,
    DecisionForm,
    EntryForm,
    EntryShareForm,
    ManifestForm,
    VersionForm,
    WatchlistImportForm,
)
from .importing import MANIFEST_COLUMNS, WATCHLIST_COLUMNS
from .index import Traveller
from .models import Hit, WatchlistEntry
from .permissions import SCREENING_ROLES

GROUP_LABELS = dict(FieldGroup.choices)


# --- the watchlist ------------------------------------------------------------------------


class EntryListView(RoleRequiredMixin, FilteredListMixin, ListView):
    """Entries the officer may see: her country's and those shared with it, redacted."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_list.html"
    paginate_by = 25

    filterset_class = EntryFilterSet

    def scope(self):
        return selectors.entry_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_page_read(
            actor=self.request.user,
            action="screening.watchlist_read",
            model=WatchlistEntry,
            records=context["object_list"],
        )
        profiles: dict[str, LawProfile | None] = {}
        context.update(
            rows=[
                services.entry_as_dict(entry, actor=self.request.user, profiles=profiles)
                for entry in context["object_list"]
            ],
        )
        return context


class EntryCreateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": EntryForm(creating=True)})

    def post(self, request):
        form = EntryForm(request.POST, request.FILES, creating=True)
        if form.is_valid():
            outcome = self.call_service(
                form, services.entry_create, actor=request.user, data=form.service_data()
            )
            if outcome.ok:
                entry = outcome.value
                messages.success(
                    request,
                    _("Entry %(reference)s created. It is national until you share it.")
                    % {"reference": entry.reference},
                )
                return redirect("screening:entry_detail", pk=entry.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class EntryDetailView(RoleRequiredMixin, ServiceFormMixin, View):
    """One entry as the officer may read it, its sharing panel and, for the owner, its
    history and review."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_detail.html"

    def _render(self, request, entry, share_form=None, status=200):
        owner = can_edit(request.user, entry)
        context = {
            "entry": entry,
            "data": services.entry_as_dict(entry, actor=request.user),
            "can_edit": owner,
            "group_labels": GROUP_LABELS,
            "contacts": owner_contacts(entry.owner_country_id),
            "share_form": share_form
            or EntryShareForm(
                initial={
                    "audience": entry.audience,
                    "handling_code": entry.handling_code,
                    "countries": [country.iso2 for country in entry.shared_with.all()],
                    "version": entry.version,
                }
            ),
            "history": object_history(obj=entry)[:50] if owner else [],
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.entry_get(actor=request.user, pk=pk))

    def post(self, request, pk):
        entry = selectors.entry_get(actor=request.user, pk=pk, audit=False)
        check_record_edit(request.user, entry)
        form = EntryShareForm(request.POST)
        status = 400
        if form.is_valid():
            values = form.cleaned_data
            outcome = self.call_service(
                form,
                services.entry_share,
                actor=request.user,
                entry=entry,
                audience=values["audience"],
                countries=[country.iso2 for country in values["countries"]],
                handling_code=values["handling_code"],
                expected_version=values["version"],
            )
            if outcome.ok:
                messages.success(request, _("Sharing updated."))
                return redirect("screening:entry_detail", pk=entry.pk)
            status = outcome.status
        entry = selectors.entry_get(actor=request.user, pk=pk, audit=False)
        return self._render(request, entry, form, status=status)


def _owned_entry(request, pk):
    entry = selectors.entry_get(actor=request.user, pk=pk, audit=False)
    check_record_edit(request.user, entry)
    return entry


class EntryUpdateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_form.html"

    def get(self, request, pk):
        entry = _owned_entry(request, pk)
        form = EntryForm(
            creating=False,
            initial={
                "reference": entry.reference,
                "category": entry.category,
                "legal_basis": entry.legal_basis,
                "valid_until": entry.valid_until,
                "given_names": entry.given_names,
                "first_surname": entry.first_surname,
                "second_surname": entry.second_surname,
                "aliases": "\n".join(entry.alias_list),
                "birth_date": entry.birth_date,
                "nationalities": entry.nationalities,
                "sex": entry.sex,
                "notes": entry.notes,
                "version": entry.version,
                "documents": "\n".join(document.as_text for document in entry.documents.all()),
            },
        )
        record_event(
            actor=request.user, action="screening.read", obj=entry, summary="opened for editing"
        )
        return render(request, self.template_name, {"form": form, "entry": entry})

    def post(self, request, pk):
        entry = _owned_entry(request, pk)
        form = EntryForm(request.POST, request.FILES, creating=False)
        status = 400
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.entry_update,
                actor=request.user,
                entry=entry,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version") or 0,
            )
            if outcome.ok:
                messages.success(request, _("Entry updated."))
                return redirect("screening:entry_detail", pk=entry.pk)
            status = outcome.status
        return render(request, self.template_name, {"form": form, "entry": entry}, status=status)


class EntryDeleteView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_confirm_delete.html"

    def get(self, request, pk):
        entry = _owned_entry(request, pk)
        return render(
            request,
            self.template_name,
            {"entry": entry, "form": VersionForm(initial={"version": entry.version})},
        )

    def post(self, request, pk):
        entry = _owned_entry(request, pk)
        form = VersionForm(request.POST)
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.entry_delete,
                actor=request.user,
                entry=entry,
                expected_version=form.cleaned_data["version"],
            )
            if outcome.ok:
                messages.success(
                    request, _("Entry %(reference)s deleted.") % {"reference": entry.reference}
                )
                return redirect("screening:entry_list")
        return render(request, self.template_name, {"entry": entry, "form": form}, status=409)


class EntryReviewView(RoleRequiredMixin, View):
    """The owner confirms the entry is still right (resets the yearly review)."""

    allowed_roles = SCREENING_ROLES
    http_method_names = ["post"]

    def post(self, request, pk):
        entry = _owned_entry(request, pk)
        services.entry_mark_reviewed(actor=request.user, entry=entry)
        messages.success(request, _("Marked as reviewed today."))
        return redirect("screening:entry_detail", pk=entry.pk)


class EntryPhotoView(RoleRequiredMixin, View):
    """The photo, if the owner's law profile lets it leave the country (else 404)."""

    allowed_roles = SCREENING_ROLES

    def get(self, request, pk):
        entry = selectors.entry_get(actor=request.user, pk=pk, audit=False)
        data = services.entry_as_dict(entry, actor=request.user)
        if not data["photo"]:
            raise Http404
        photo = entry.photo
        record_event(
            actor=request.user,
            action="screening.photo_read",
            obj=entry,
            summary="" if can_edit(request.user, entry) else "read by another country",
        )
        response = HttpResponse(services.photo_bytes(photo), content_type=photo.content_type)
        response["Cache-Control"] = "private, no-store"
        response["Content-Disposition"] = "inline"
        return response


class EntryExportView(RoleRequiredMixin, View):
    """The entries of the list (with its filters) as CSV or XLSX, redacted as shown."""

    allowed_roles = SCREENING_ROLES

    def get(self, request, file_format):
        if file_format not in exporting.CONTENT_TYPES:
            raise Http404
        filterset = EntryFilterSet(
            request.GET or None, queryset=selectors.entry_list(actor=request.user)
        )
        entries = filterset.page_qs
        owner = filterset.cleaned().get("owner_country")
        content, _count = exporting.watchlist_export(
            actor=request.user,
            entries=entries.iterator(chunk_size=500),
            file_format=file_format,
            owner_country=owner.iso2 if owner else "",
        )
        day = timezone.localdate().isoformat()
        return attachment(
            content, exporting.CONTENT_TYPES[file_format], f"enlace-watchlist-{day}.{file_format}"
        )


class EntryImportView(RoleRequiredMixin, View):
    """Upload a watchlist file; a background job checks every row, then writes all or none."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/entry_import.html"

    def _render(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "columns": WATCHLIST_COLUMNS}, status=status
        )

    def get(self, request):
        return self._render(request, WatchlistImportForm())

    def post(self, request):
        form = WatchlistImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        path, suffix = save_upload(upload)
        job = job_start(
            actor=request.user,
            kind="screening.watchlist_import",
            parameters={
                "path": str(path),
                "format": suffix,
                "name": upload.name,
                "dry_run": form.cleaned_data["dry_run"],
                "language": get_language() or "",
            },
        )
        return redirect("screening:entry_import_status", pk=job.pk)


class EntryImportStatusView(RoleRequiredMixin, View):
    allowed_roles = SCREENING_ROLES

    def get(self, request, pk):
        job = get_object_or_404(
            Job, pk=pk, kind="screening.watchlist_import", created_by=request.user
        )
        template = (
            "screening/partials/_import_status.html"
            if request.htmx
            else "screening/entry_import_status.html"
        )
        return render(request, template, {"job": job})


# --- screening ----------------------------------------------------------------------------


class CheckView(RoleRequiredMixin, View):
    """Check one traveller now: hits with score, reasons and whom to contact."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/check.html"

    def get(self, request):
        return render(request, self.template_name, {"form": CheckForm()})

    def post(self, request):
        form = CheckForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        values = form.cleaned_data
        sex = values.get("sex") or ""
        traveller = Traveller(
            given_names=values["given_names"],
            surnames=" ".join(
                part for part in (values["first_surname"], values["second_surname"]) if part
            ),
            birth_date=values.get("birth_date"),
            nationalities=(values["nationality"].iso2,) if values.get("nationality") else (),
            sex="" if sex == "X" else sex,
            documents=tuple(
                f"{issuer}:{number}" if issuer else number
                for issuer, number in values["document_number"]
            ),
        )
        screening, hits = checks.traveller_check(actor=request.user, traveller=traveller)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "screening": screening,
                "checked": True,
                "rows": checks.hit_rows(hits, actor=request.user),
            },
        )


class ScreeningListView(RoleRequiredMixin, FilteredListMixin, ListView):
    """My country's screenings: manifests and single checks."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/screening_list.html"
    paginate_by = 25

    filterset_class = ScreeningFilterSet

    def scope(self):
        return selectors.screening_list(actor=self.request.user)

    def get_queryset(self):
        screenings = super().get_queryset()
        self.kind = self.filterset.cleaned().get("kind", "")
        return screenings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, kinds=ScreeningKind.choices)
        return context


class ManifestUploadView(RoleRequiredMixin, ServiceFormMixin, View):
    """Upload a passenger manifest; it is checked, then screened by a background job."""

    allowed_roles = SCREENING_ROLES
    template_name = "screening/manifest_upload.html"

    def _render(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "columns": MANIFEST_COLUMNS}, status=status
        )

    def get(self, request):
        return self._render(request, ManifestForm())

    def post(self, request):
        form = ManifestForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        path, suffix = save_upload(upload)
        outcome = self.call_service(
            form,
            checks.manifest_submit,
            actor=request.user,
            path=path,
            file_format=suffix,
            name=upload.name,
            threshold=form.cleaned_data["threshold"],
            language=get_language() or "",
        )
        if not outcome.ok:
            path.unlink(missing_ok=True)
            return self._render(request, form, status=outcome.status)
        return redirect("screening:screening_detail", pk=outcome.value.pk)


HITS_PER_PAGE = 100


def _hits_context(request, screening) -> dict:
    """One page of the screening's hits (a large manifest can raise thousands), optionally of
    one decision, as the officer may read them."""
    filterset = HitFilterSet(
        request.GET or None,
        queryset=selectors.hit_list(actor=request.user, screening=screening),
    )
    decision = filterset.cleaned().get("decision", "")
    hits = filterset.page_qs
    paginator = Paginator(hits, HITS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    hits_shown = list(page.object_list)
    record_page_read(
        actor=request.user,
        action="screening.hits_read",
        model=Hit,
        records=hits_shown,
        summary=f"screening {screening.pk}",
    )
    return {
        "rows": checks.hit_rows(hits_shown, actor=request.user),
        "decision": decision,
        "decisions": Decision.choices,
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": page.has_other_pages(),
    }


class ScreeningDetailView(RoleRequiredMixin, View):
    """A screening: its progress while the job runs (htmx polls the status partial), then
    its hits, or the manifest's errors by row and column."""

    allowed_roles = SCREENING_ROLES

    def get(self, request, pk):
        screening = selectors.screening_get(actor=request.user, pk=pk)
        running = screening.status in {ScreeningStatus.QUEUED, ScreeningStatus.RUNNING}
        context = {"screening": screening, "job": screening.job, "running": running}
        if request.htmx and request.GET.get("partial") == "status":
            if not running:  # finished: the whole page shows the hits
                response = HttpResponse("")
                response["HX-Refresh"] = "true"
                return response
            return render(request, "screening/partials/_screening_status.html", context)
        if not running and screening.status != ScreeningStatus.REJECTED:
            context.update(_hits_context(request, screening))
        return render(request, "screening/screening_detail.html", context)


class HitsDownloadView(RoleRequiredMixin, View):
    allowed_roles = SCREENING_ROLES

    def get(self, request, pk, file_format):
        if file_format not in exporting.CONTENT_TYPES:
            raise Http404
        screening = selectors.screening_get(actor=request.user, pk=pk)
        rows = checks.hit_rows(
            list(selectors.hit_list(actor=request.user, screening=screening)), actor=request.user
        )
        content = exporting.hits_export(
            actor=request.user, screening=screening, rows=rows, file_format=file_format
        )
        return attachment(
            content,
            exporting.CONTENT_TYPES[file_format],
            f"enlace-screening-{screening.pk}-hits.{file_format}",
        )


class HitDecisionView(RoleRequiredMixin, ServiceFormMixin, View):
    """Confirm a hit or clear it as a false positive; htmx swaps the hit's row."""

    allowed_roles = SCREENING_ROLES
    http_method_names = ["post"]

    def post(self, request, pk):
        hit = selectors.hit_get(actor=request.user, pk=pk)
        form = DecisionForm(request.POST)
        error = ""
        status = 200
        if form.is_valid():
            outcome = self.call_service(
                form,  # the refusal shows in the hit's row (htmx) or as a message
                checks.hit_decide,
                actor=request.user,
                hit=hit,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            if outcome.ok:
                hit = outcome.value
            else:
                error, status = outcome.error, outcome.status
                hit = selectors.hit_get(actor=request.user, pk=pk)
        else:
            error, status = _("Choose a decision."), 400
        if request.htmx:
            row = checks.hit_rows([hit], actor=request.user)[0]
            return render(
                request,
                "screening/partials/_hit.html",
                {"row": row, "error": error, "group_labels": GROUP_LABELS},
                status=status,
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("screening:screening_detail", pk=hit.screening_id)
