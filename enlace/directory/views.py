"""Pages of the directory: contacts, services for victims, the competencies matrix, and their
exports. Every view declares its roles; which entries a user may change is asked of
permissions.py, and every write goes through services.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from enlace.accounts.permissions import RoleRequiredMixin, allows
from enlace.audit.selectors import object_history
from enlace.core.http import attachment
from enlace.core.views import FilteredListMixin, ServiceFormMixin

from . import exporting, selectors, services, vcard
from .filters import ContactFilterSet, ServiceFilterSet
from .forms import (
    CompetencyForm,
    ContactForm,
    ServiceForm,
    VersionForm,
)
from .models import confirm_days
from .permissions import (
    CONTACT_READERS,
    DIRECTORY_EDITORS,
    SERVICE_READERS,
    address_withheld,
    check_contact_confirm,
    check_country_edit,
    check_directory_write,
    editable_countries,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _country_code(filterset) -> str:
    country = filterset.cleaned().get("country")
    return country.iso2 if country else ""


# --- contacts ------------------------------------------------------------------------------


class ContactListView(RoleRequiredMixin, FilteredListMixin, ListView):
    """The network's contacts, by country; filters by role and "to confirm"; search by name,
    institution or organization."""

    allowed_roles = CONTACT_READERS
    template_name = "directory/contact_list.html"
    paginate_by = 50

    filterset_class = ContactFilterSet

    def scope(self):
        return selectors.contact_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            can_write=allows(check_directory_write, user),
            editable=set(editable_countries(user).values_list("iso2", flat=True)),
            confirm_days=confirm_days(),
        )
        return context


class ContactDetailView(RoleRequiredMixin, View):
    allowed_roles = CONTACT_READERS

    def get(self, request, pk):
        contact = selectors.contact_get(actor=request.user, pk=pk)
        can_edit = allows(check_country_edit, request.user, contact.country_id)
        return render(
            request,
            "directory/contact_detail.html",
            {
                "contact": contact,
                "can_edit": can_edit,
                "can_confirm": allows(check_contact_confirm, request.user, contact),
                "history": object_history(obj=contact)[:20] if can_edit else [],
                "confirm_days": confirm_days(),
            },
        )


class EntryFormView(RoleRequiredMixin, ServiceFormMixin, View):
    """Create (no pk) or edit (pk) one directory entry. An edit carries the version it was
    made on: if someone saved in between, it is refused with a message (409), the user's input
    kept on the page so nothing typed is lost."""

    allowed_roles = DIRECTORY_EDITORS
    template_name = "directory/entry_form.html"
    form_class: ClassVar[type]
    entry_name: ClassVar[str]  # the keyword of the form, selector and services
    title_new: ClassVar[str]
    list_url_name: ClassVar[str]
    get_entry: ClassVar[Callable[..., models.Model]]
    create: ClassVar[Callable[..., models.Model]]
    update: ClassVar[Callable[..., models.Model]]

    def load(self, request, pk):
        if pk is None:
            return None
        entry = type(self).get_entry(actor=request.user, pk=pk)
        check_country_edit(request.user, entry.country_id)
        return entry

    show_confirm = False  # entries without a page of their own confirm from their form

    def render_form(self, request, form, entry, status=200):
        context = {
            "form": form,
            "entry": entry,
            "title": entry or self.title_new,
            "cancel_url": reverse(self.list_url_name),
        }
        if entry is not None:
            context.update(
                cancel_url=entry.get_absolute_url(),
                delete_url=reverse(f"directory:{self.entry_name}_delete", args=[entry.pk]),
                confirm_url=reverse(f"directory:{self.entry_name}_confirm", args=[entry.pk])
                if self.show_confirm
                else "",
            )
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        entry = self.load(request, pk)
        form = self.form_class(actor=request.user, **{self.entry_name: entry})
        return self.render_form(request, form, entry)

    def post(self, request, pk=None):
        entry = self.load(request, pk)
        form = self.form_class(request.POST, actor=request.user, **{self.entry_name: entry})
        status = 400
        if form.is_valid():
            if entry is None:
                outcome = self.call_service(
                    form, type(self).create, actor=request.user, data=form.service_data()
                )
            else:
                outcome = self.call_service(
                    form,
                    type(self).update,
                    actor=request.user,
                    data=form.service_data(),
                    expected_version=form.cleaned_data["version"],
                    **{self.entry_name: entry},
                )
            status = outcome.status
            if outcome.ok:
                saved = outcome.value
                messages.success(request, _("Saved: %(entry)s.") % {"entry": saved})
                return redirect(self.success_url(saved))
        if entry is not None:  # show the stored values around the refused edit, not half of it
            entry = type(self).get_entry(actor=request.user, pk=pk)
        return self.render_form(request, form, entry, status=status)

    def success_url(self, entry) -> str:
        return entry.get_absolute_url()


class ContactFormView(EntryFormView):
    form_class = ContactForm
    entry_name = "contact"
    title_new = gettext_lazy("New contact")
    list_url_name = "directory:contact_list"
    get_entry = staticmethod(selectors.contact_get)
    create = staticmethod(services.contact_create)
    update = staticmethod(services.contact_update)


class EntryConfirmView(RoleRequiredMixin, ServiceFormMixin, View):
    """The "Confirm still current" button (POST). With htmx only the status badge is
    swapped; without JavaScript the page reloads."""

    allowed_roles = DIRECTORY_EDITORS
    entry_name: ClassVar[str]
    get_entry: ClassVar[Callable[..., models.Model]]
    confirm: ClassVar[Callable[..., models.Model]]

    def post(self, request, pk):
        entry = type(self).get_entry(actor=request.user, pk=pk)
        form = VersionForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Send the version you saw."), status=400)
        outcome = self.call_service(
            form if request.htmx else None,  # htmx: the refusal shows in the swapped badge
            type(self).confirm,
            request.user,
            entry,
            expected_version=form.cleaned_data["version"],
        )
        if not outcome.ok:
            if request.htmx:
                return render(
                    request,
                    "directory/partials/_confirm_status.html",
                    {"entry": entry, "error": outcome.error},
                    status=outcome.status,
                )
            return redirect(entry.get_absolute_url())
        if request.htmx:
            return render(request, "directory/partials/_confirm_status.html", {"entry": entry})
        messages.success(request, _("Confirmed as still current: %(entry)s.") % {"entry": entry})
        return redirect(_next_or(request, entry.get_absolute_url()))


class ContactConfirmView(EntryConfirmView):
    # The person herself may confirm her own entry, whatever her role (services decide).
    allowed_roles = CONTACT_READERS
    get_entry = staticmethod(selectors.contact_get)
    confirm = staticmethod(services.contact_confirm)


class EntryDeleteView(RoleRequiredMixin, ServiceFormMixin, View):
    """Asks first (GET), deletes on POST with the version seen."""

    allowed_roles = DIRECTORY_EDITORS
    entry_name: ClassVar[str]
    list_url_name: ClassVar[str]
    get_entry: ClassVar[Callable[..., models.Model]]
    delete_entry: ClassVar[Callable[..., None]]

    def load(self, request, pk):
        entry = type(self).get_entry(actor=request.user, pk=pk)
        check_country_edit(request.user, entry.country_id)
        return entry

    def get(self, request, pk):
        entry = self.load(request, pk)
        return render(
            request,
            "directory/entry_confirm_delete.html",
            {"entry": entry, "cancel_url": entry.get_absolute_url()},
        )

    def post(self, request, pk):
        entry = self.load(request, pk)
        form = VersionForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Send the version you saw."), status=400)
        outcome = self.call_service(
            None,
            type(self).delete_entry,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            **{self.entry_name: entry},
        )
        if not outcome.ok:
            return redirect(entry.get_absolute_url())
        messages.success(request, _("Deleted: %(entry)s.") % {"entry": entry})
        return redirect(self.list_url_name)


class ContactDeleteView(EntryDeleteView):
    entry_name = "contact"
    list_url_name = "directory:contact_list"
    get_entry = staticmethod(selectors.contact_get)
    delete_entry = staticmethod(services.contact_delete)


class ContactExportView(RoleRequiredMixin, View):
    """The contacts of the list (same filters) as CSV, XLSX or vCard 4.0. Audited."""

    allowed_roles = CONTACT_READERS
    file_format = "csv"

    def get(self, request):
        filterset = ContactFilterSet(
            request.GET or None, queryset=selectors.contact_list(actor=request.user)
        )
        contacts = list(filterset.page_qs)
        services.directory_export(
            actor=request.user,
            what="contacts",
            file_format=self.file_format,
            count=len(contacts),
            country=_country_code(filterset),
        )
        if self.file_format == "xlsx":
            return attachment(exporting.contacts_xlsx(contacts), XLSX_TYPE, "enlace-contacts.xlsx")
        if self.file_format == "vcf":
            return attachment(
                vcard.contacts_vcards(contacts), "text/vcard; charset=utf-8", "enlace-contacts.vcf"
            )
        return attachment(
            exporting.contacts_csv(contacts), "text/csv; charset=utf-8", "enlace-contacts.csv"
        )


class ContactVCardView(RoleRequiredMixin, View):
    """One contact's vCard, to add her to an address book or a phone. Audited."""

    allowed_roles = CONTACT_READERS

    def get(self, request, pk):
        contact = selectors.contact_get(actor=request.user, pk=pk)
        services.directory_export(
            actor=request.user,
            what="contacts",
            file_format="vcf",
            count=1,
            country=contact.country_id,
        )
        return attachment(
            vcard.contact_vcard(contact), "text/vcard; charset=utf-8", f"contact-{contact.pk}.vcf"
        )


# --- services ------------------------------------------------------------------------------


class ServiceListView(RoleRequiredMixin, FilteredListMixin, ListView):
    """The referral directory: services for victims by country, kind, who is served and
    language."""

    allowed_roles = SERVICE_READERS
    template_name = "directory/service_list.html"
    paginate_by = 50

    filterset_class = ServiceFilterSet

    def scope(self):
        return selectors.service_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(can_write=allows(check_directory_write, user))
        return context


class ServiceDetailView(RoleRequiredMixin, View):
    allowed_roles = SERVICE_READERS

    def get(self, request, pk):
        service = selectors.service_get(actor=request.user, pk=pk)
        can_edit = allows(check_country_edit, request.user, service.country_id)
        return render(
            request,
            "directory/service_detail.html",
            {
                "service": service,
                "can_edit": can_edit,
                "address_withheld": address_withheld(request.user, service),
                "history": object_history(obj=service)[:20] if can_edit else [],
                "confirm_days": confirm_days(),
            },
        )


class ServiceFormView(EntryFormView):
    form_class = ServiceForm
    entry_name = "service"
    title_new = gettext_lazy("New service")
    list_url_name = "directory:service_list"
    get_entry = staticmethod(selectors.service_get)
    create = staticmethod(services.service_create)
    update = staticmethod(services.service_update)


class ServiceConfirmView(EntryConfirmView):
    get_entry = staticmethod(selectors.service_get)
    confirm = staticmethod(services.service_confirm)


class ServiceDeleteView(EntryDeleteView):
    entry_name = "service"
    list_url_name = "directory:service_list"
    get_entry = staticmethod(selectors.service_get)
    delete_entry = staticmethod(services.service_delete)


class ServiceExportView(RoleRequiredMixin, View):
    """The services of the list (same filters) as CSV or XLSX. Audited. Confidential
    addresses stay out of civil society's files."""

    allowed_roles = SERVICE_READERS
    file_format = "csv"

    def get(self, request):
        filterset = ServiceFilterSet(
            request.GET or None, queryset=selectors.service_list(actor=request.user)
        )
        entries = list(filterset.page_qs)
        services.directory_export(
            actor=request.user,
            what="services",
            file_format=self.file_format,
            count=len(entries),
            country=_country_code(filterset),
        )
        if self.file_format == "xlsx":
            return attachment(
                exporting.services_xlsx(entries, actor=request.user),
                XLSX_TYPE,
                "enlace-services.xlsx",
            )
        return attachment(
            exporting.services_csv(entries, actor=request.user),
            "text/csv; charset=utf-8",
            "enlace-services.csv",
        )


# --- competencies --------------------------------------------------------------------------


class CompetencyMatrixView(RoleRequiredMixin, View):
    """Which institution does what, per member state (work plan B.1.4): competencies as rows,
    countries as columns, institutions in the cells."""

    allowed_roles = CONTACT_READERS

    def get(self, request):
        user = request.user
        return render(
            request,
            "directory/competency_matrix.html",
            {
                "matrix": selectors.competency_matrix(actor=user),
                "can_write": allows(check_directory_write, user),
                "editable": set(editable_countries(user).values_list("iso2", flat=True)),
            },
        )


class CompetencyFormView(EntryFormView):
    form_class = CompetencyForm
    entry_name = "competency"
    title_new = gettext_lazy("New competency")
    list_url_name = "directory:competency_matrix"
    get_entry = staticmethod(selectors.competency_get)
    create = staticmethod(services.competency_create)
    update = staticmethod(services.competency_update)

    show_confirm = True

    def success_url(self, entry) -> str:
        return reverse("directory:competency_matrix") + f"#competency-{entry.competency}"


class CompetencyConfirmView(EntryConfirmView):
    get_entry = staticmethod(selectors.competency_get)
    confirm = staticmethod(services.competency_confirm)


class CompetencyDeleteView(EntryDeleteView):
    entry_name = "competency"
    list_url_name = "directory:competency_matrix"
    get_entry = staticmethod(selectors.competency_get)
    delete_entry = staticmethod(services.competency_delete)
