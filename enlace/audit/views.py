from __future__ import annotations

from django.utils import timezone
from django.views.generic import ListView

from enlace.accounts.permissions import RoleRequiredMixin
from enlace.core.exporting import csv_writer
from enlace.core.http import streaming_attachment

from .filters import EventFilterSet
from .permissions import AUDIT_READERS
from .selectors import event_list
from .services import record_event

EXPORT_COLUMNS = [
    "sequence",
    "created_at",
    "actor_username",
    "organization_code",
    "country",
    "owner_country",
    "action",
    "object_type",
    "object_id",
    "summary",
    "ip",
    "request_id",
    "hash",
]


class _Echo:
    def write(self, value):
        return value


def _filtered(request):
    filterset = EventFilterSet(request.GET or None, queryset=event_list(actor=request.user))
    return filterset.form, filterset.page_qs


class EventListView(RoleRequiredMixin, ListView):
    """The trail of the auditor's scope, filterable; CSV export of the same selection."""

    allowed_roles = AUDIT_READERS

    template_name = "audit/event_list.html"
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.export(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filter_form, events = _filtered(self.request)
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        context["export_query"] = query.urlencode()
        return context

    def export(self, request):
        _form, events = _filtered(request)
        record_event(
            actor=request.user,
            action="audit.export",
            summary=f"{events.count()} events as CSV; filters: {request.GET.urlencode()}"[:500],
        )
        writer = csv_writer(_Echo())

        def rows():
            yield writer.writerow(EXPORT_COLUMNS)
            for event in events.iterator(chunk_size=2000):
                yield writer.writerow([getattr(event, column) for column in EXPORT_COLUMNS])

        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return streaming_attachment(rows(), "text/csv; charset=utf-8", f"audit-{stamp}.csv")
