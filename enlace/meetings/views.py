"""Pages of meetings, agreements and their follow-up; trainings and campaigns; the calendar.
Every view declares its roles; writes go through services.py."""

from __future__ import annotations

import logging
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from enlace.accounts.permissions import RoleRequiredMixin, allows
from enlace.audit.services import record_event
from enlace.core.documents import DocumentError
from enlace.core.http import attachment
from enlace.core.views import FilteredListMixin, ServiceFormMixin

from . import selectors, services
from .calendar import calendar_for
from .filters import MeetingFilterSet, TaskFilterSet
from .forms import (
    AgreementsForm,
    CampaignForm,
    MeetingForm,
    MeetingImportForm,
    TaskForm,
    TaskStatusForm,
    TrainingEventForm,
)
from .models import (
    Agreement,
    CalendarFeed,
    Campaign,
    TrainingEvent,
    TrainingNeed,
)
from .permissions import (
    COORDINATION_EDITORS,
    MEETING_MANAGERS,
    MEETING_READERS,
    check_coordination_record_create,
    check_meeting_manage,
    check_task_update,
)
from .reports import meeting_report_docx, meeting_report_pdf

logger = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ITEM_LINE = re.compile(r"^\s*(\d{1,3})\s*[.)-]\s*(.*)$")
SUBITEM_LINE = re.compile(r"^\s*\(?([a-z])\)\s*(.*)$|^\s*([a-z])\.\s+(.*)$")


def agreements_as_text(meeting) -> str:
    blocks = []
    for agreement in meeting.agreements.prefetch_related("subitems"):
        lines = [f"{agreement.number}. {agreement.text}"]
        lines += [f"{sub.label}) {sub.text}" for sub in agreement.subitems.all()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def agreements_from_text(text: str) -> list[dict]:
    """ "1. text" starts an agreement, "a) text" a sub-item; other lines continue the last."""
    items: list[dict] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        item = ITEM_LINE.match(line)
        sub = SUBITEM_LINE.match(line)
        if item:
            if any(existing["number"] == item.group(1) for existing in items):
                raise ValidationError(
                    _("Line %(line)s: agreement %(number)s is repeated.")
                    % {"line": number, "number": item.group(1)}
                )
            items.append({"number": item.group(1), "text": item.group(2), "subitems": []})
        elif sub and items:
            label, body = (
                (sub.group(1), sub.group(2)) if sub.group(1) else (sub.group(3), sub.group(4))
            )
            items[-1]["subitems"].append({"label": label, "text": body})
        elif items:
            target = items[-1]["subitems"][-1] if items[-1]["subitems"] else items[-1]
            target["text"] = f"{target['text']} {line}".strip()
        else:
            raise ValidationError(
                _('Line %(line)s: start with an agreement number ("1.").') % {"line": number}
            )
    return items


class MeetingListView(RoleRequiredMixin, FilteredListMixin, ListView):
    allowed_roles = MEETING_READERS
    template_name = "meetings/meeting_list.html"
    paginate_by = 25

    filterset_class = MeetingFilterSet

    def scope(self):
        return selectors.meeting_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=allows(check_meeting_manage, self.request.user),
            **kwargs,
        )


class MeetingDetailView(RoleRequiredMixin, View):
    allowed_roles = MEETING_READERS

    def get(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        agreements = meeting.agreements.prefetch_related(
            "subitems", "tasks__owner_countries", "tasks__owner_organizations"
        )
        return render(
            request,
            "meetings/meeting_detail.html",
            {
                "meeting": meeting,
                "agreements": agreements,
                "participants": meeting.participants.order_by("name_es"),
                "organizations": meeting.organizations.order_by("code"),
                "can_manage": allows(check_meeting_manage, request.user),
            },
        )


class MeetingImportView(RoleRequiredMixin, View):
    allowed_roles = MEETING_MANAGERS

    def get(self, request):
        return render(request, "meetings/meeting_import.html", {"form": MeetingImportForm()})

    def post(self, request):
        form = MeetingImportForm(request.POST, request.FILES)
        context = {"form": form}
        if form.is_valid():
            uploads = form.cleaned_data["file"]
            results = [self.import_one(request, upload) for upload in uploads]
            if len(results) > 1:
                # Several files: the review page lists every draft with what to check.
                return render(
                    request,
                    "meetings/meeting_import_results.html",
                    {"results": results},
                    status=200 if any(result["meeting"] for result in results) else 400,
                )
            result = results[0]
            if result["meeting"] is not None:
                messages.success(
                    request, _("The report was read: review the meeting and its agreements.")
                )
                for message in result["problems"]:
                    messages.warning(request, message)
                target = reverse("meetings:meeting_detail", args=[result["meeting"].pk])
                if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                    # The upload with a progress bar goes there itself: a redirect followed
                    # inside the request would use up the messages above.
                    return JsonResponse({"location": target})
                return redirect(target)
            for message in result["errors"]:
                form.add_error("file", message)
            context["wrong_kind"] = result["wrong_kind"]
        return render(request, "meetings/meeting_import.html", context, status=400)

    @staticmethod
    def import_one(request, upload) -> dict:
        """Import one uploaded file: its draft meeting, or the errors that stopped it; never
        raises (a file that trips the importer is an error of that file)."""
        result = {"name": upload.name, "meeting": None, "errors": [], "problems": []}
        result["wrong_kind"] = None
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ("report" + Path(upload.name).suffix.lower())
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                report, meeting = services.meeting_import(
                    actor=request.user, path=path, source_name=upload.name
                )
            except DocumentError as exc:
                result["errors"] = [str(exc)]
            except services.WrongKindError as exc:
                result["errors"], result["wrong_kind"] = exc.messages, exc.kind
            except services.MeetingImportError as exc:
                result["errors"] = exc.messages
            except Exception:
                logger.exception("meeting import of %s failed", upload.name)
                result["errors"] = [
                    _(
                        "This file could not be read as a meeting report (an unexpected "
                        "error, recorded for the administrators). Check that it is a "
                        "meeting report, or enter the meeting by hand."
                    )
                ]
            else:
                result["meeting"] = meeting
                result["problems"] = [
                    found.localized() for found in [*report.problems, *report.warnings]
                ]
        return result


class MeetingDiscardView(RoleRequiredMixin, ServiceFormMixin, View):
    """Throw away a draft meeting (a duplicate or wrong import)."""

    allowed_roles = MEETING_MANAGERS

    def post(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        version = request.POST.get("version", "")
        outcome = self.call_service(
            None,
            services.meeting_discard,
            actor=request.user,
            meeting=meeting,
            expected_version=int(version) if version.isdigit() else 0,
        )
        if outcome.ok:
            messages.success(request, _("The draft meeting was discarded."))
            return redirect("meetings:meeting_list")
        return redirect("meetings:meeting_detail", pk=meeting.pk)


class MeetingUpdateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = MEETING_MANAGERS

    def get(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        return self.show(
            request,
            meeting,
            MeetingForm(instance=meeting, initial={"version": meeting.version}),
            AgreementsForm(
                initial={"text": agreements_as_text(meeting), "version": meeting.version}
            ),
        )

    def show(self, request, meeting, form, agreements_form, status=200):
        return render(
            request,
            "meetings/meeting_form.html",
            {"meeting": meeting, "form": form, "agreements_form": agreements_form},
            status=status,
        )

    def post(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        if "agreements" in request.POST:
            form = MeetingForm(instance=meeting, initial={"version": meeting.version})
            agreements_form = AgreementsForm(request.POST)
            status = 400
            if agreements_form.is_valid():
                try:
                    items = agreements_from_text(agreements_form.cleaned_data["text"])
                except ValidationError as exc:
                    agreements_form.add_error("text", exc)
                else:
                    outcome = self.call_service(
                        agreements_form,
                        services.meeting_agreements_update,
                        actor=request.user,
                        meeting=meeting,
                        items=items,
                        expected_version=agreements_form.cleaned_data["version"],
                        error_field="text",
                    )
                    if outcome.ok:
                        messages.success(request, _("Agreements saved."))
                        return redirect("meetings:meeting_detail", pk=meeting.pk)
                    status = outcome.status
            return self.show(request, meeting, form, agreements_form, status=status)
        form = MeetingForm(request.POST, instance=meeting)
        agreements_form = AgreementsForm(
            initial={"text": agreements_as_text(meeting), "version": meeting.version}
        )
        status = 400
        if form.is_valid():
            data = {field: form.cleaned_data[field] for field in form.Meta.fields}
            expected = form.cleaned_data["version"]
            meeting.refresh_from_db()  # the form wrote into the instance; the service decides
            outcome = self.call_service(
                form,
                services.meeting_update,
                actor=request.user,
                meeting=meeting,
                data=data,
                expected_version=expected,
            )
            if outcome.ok:
                messages.success(request, _("Meeting saved."))
                return redirect("meetings:meeting_detail", pk=meeting.pk)
            status = outcome.status
        return self.show(request, meeting, form, agreements_form, status=status)


class MeetingReviewView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = MEETING_MANAGERS

    def post(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        version = request.POST.get("version", "")
        outcome = self.call_service(
            None,
            services.meeting_review,
            actor=request.user,
            meeting=meeting,
            expected_version=int(version) if version.isdigit() else 0,
        )
        if outcome.ok:
            messages.success(request, _("Meeting marked as reviewed."))
        return redirect("meetings:meeting_detail", pk=meeting.pk)


class MeetingReportView(RoleRequiredMixin, View):
    """The report as DOCX or PDF, in Spanish or English (?lang=es|en&format=docx|pdf)."""

    allowed_roles = MEETING_READERS

    def get(self, request, pk):
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        language = request.GET.get("lang", "es")
        file_format = request.GET.get("format", "docx")
        if language not in ("es", "en") or file_format not in ("docx", "pdf"):
            raise Http404
        if file_format == "docx":
            content, content_type = meeting_report_docx(meeting, language), DOCX_TYPE
        else:
            content, content_type = meeting_report_pdf(meeting, language), "application/pdf"
        record_event(
            actor=request.user,
            action="meetings.report",
            obj=meeting,
            summary=f"{file_format} {language}",
        )
        name = f"meeting-{meeting.start_date:%Y-%m-%d}-{language}.{file_format}"
        return attachment(content, content_type, name)


class TaskCreateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = MEETING_MANAGERS

    def get_agreement(self, request, pk) -> Agreement:
        meeting = selectors.meeting_get(actor=request.user, pk=pk)
        return get_object_or_404(
            meeting.agreements, number=request.GET.get("agreement") or request.POST.get("agreement")
        )

    def get(self, request, pk):
        agreement = self.get_agreement(request, pk)
        initial = {
            "title": agreement.text[:300],
            "due_date": (
                agreement.meeting.end_date
                if agreement.meeting.end_date > date.today()
                else date.today()
            )
            + timedelta(days=61),
        }
        label = request.GET.get("subitem")
        sub = agreement.subitems.filter(label=label).first() if label else None
        if sub:
            initial.update(
                subitem=str(sub.pk), title=f"{agreement.number}{sub.label}) {sub.text}"[:300]
            )
        return render(
            request,
            "meetings/task_form.html",
            {"agreement": agreement, "form": TaskForm(agreement=agreement, initial=initial)},
        )

    def post(self, request, pk):
        agreement = self.get_agreement(request, pk)
        form = TaskForm(request.POST, agreement=agreement)
        if form.is_valid():
            data = form.cleaned_data
            subitem = (
                agreement.subitems.filter(pk=data["subitem"]).first() if data["subitem"] else None
            )
            outcome = self.call_service(
                form,
                services.task_create,
                actor=request.user,
                agreement=agreement,
                subitem=subitem,
                title=data["title"],
                description=data["description"],
                due_date=data["due_date"],
                countries=list(data["countries"]),
                organizations=list(data["organizations"]),
            )
            if outcome.ok:
                messages.success(request, _("Task created."))
                return redirect("meetings:meeting_detail", pk=agreement.meeting_id)
        return render(
            request, "meetings/task_form.html", {"agreement": agreement, "form": form}, status=400
        )


class TaskListView(RoleRequiredMixin, FilteredListMixin, ListView):
    allowed_roles = MEETING_READERS
    template_name = "meetings/task_list.html"
    paginate_by = 50

    filterset_class = TaskFilterSet

    def scope(self):
        return selectors.task_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overdue_by_country=selectors.overdue_by_country(),
            today=date.today(),
            **kwargs,
        )


class TaskDetailView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = MEETING_READERS

    def get(self, request, pk, form=None, status=200):
        task = selectors.task_get(actor=request.user, pk=pk)
        can_update = allows(check_task_update, request.user, task)
        form = form or TaskStatusForm(
            initial={"status": task.status, "notes": task.notes, "version": task.version}
        )
        return render(
            request,
            "meetings/task_detail.html",
            {"task": task, "form": form if can_update else None, "today": date.today()},
            status=status,
        )

    def post(self, request, pk):
        task = selectors.task_get(actor=request.user, pk=pk)
        check_task_update(request.user, task)
        form = TaskStatusForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.task_set_status,
                actor=request.user,
                task=task,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
                expected_version=form.cleaned_data["version"],
            )
            if outcome.ok:
                messages.success(request, _("Task updated."))
                return redirect("meetings:task_detail", pk=task.pk)
            status = outcome.status
        return self.get(request, pk, form=form, status=status)


class TrainingListView(RoleRequiredMixin, View):
    allowed_roles = MEETING_READERS

    def get(self, request):
        return render(
            request,
            "meetings/training_list.html",
            {
                "trainings": TrainingEvent.objects.select_related("country").prefetch_related(
                    "sponsors", "participant_countries"
                )[:200],
                "needs": TrainingNeed.objects.select_related("country")[:200],
                "campaigns": Campaign.objects.select_related("country")[:200],
                "today": date.today(),
                "can_add": allows(check_coordination_record_create, request.user),
            },
        )


class _SimpleCreateView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = COORDINATION_EDITORS
    form_class = TrainingEventForm
    title = ""

    def get(self, request):
        return render(
            request, "meetings/simple_form.html", {"form": self.form_class(), "title": self.title}
        )

    def post(self, request):
        form = self.form_class(request.POST)
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.coordination_record_create,
                actor=request.user,
                record=form.save(commit=False),
                save_related=form.save_m2m,
            )
            if outcome.ok:
                messages.success(request, _("Saved."))
                return redirect("meetings:training_list")
        return render(
            request, "meetings/simple_form.html", {"form": form, "title": self.title}, status=400
        )


class TrainingCreateView(_SimpleCreateView):
    form_class = TrainingEventForm

    @property
    def title(self):
        return _("New training")


class CampaignCreateView(_SimpleCreateView):
    form_class = CampaignForm

    @property
    def title(self):
        return _("New campaign")


class CalendarView(RoleRequiredMixin, View):
    """The address of the user's calendar feed, and a button to renew it."""

    allowed_roles = MEETING_READERS

    def get(self, request):
        feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
        url = request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
        return render(
            request,
            "meetings/calendar.html",
            {
                "feed_url": url,
                "tasks": selectors.tasks_of(request.user, within_days=120),
                "meetings": selectors.meeting_list(actor=request.user).filter(
                    start_date__gte=date.today()
                )[:20],
                "today": date.today(),
            },
        )

    def post(self, request):
        CalendarFeed.objects.filter(user=request.user).delete()
        CalendarFeed.objects.create(user=request.user)
        record_event(
            actor=request.user, action="meetings.calendar.renew", summary=request.user.username
        )
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return redirect("meetings:calendar")


class CalendarFeedView(View):
    """The iCalendar feed; the secret token in its address stands for the login."""

    public = True

    def get(self, request, token):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        response = HttpResponse(
            calendar_for(feed.user, domain=request.get_host()),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'inline; filename="enlace.ics"'
        return response
