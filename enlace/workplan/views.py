"""Pages of the work plan: the version in force, older versions, exports; for the ST the draft
with its edits, publication, and the import of a document (upload -> preview -> confirm).
Every view declares its roles; reads go through selectors.py, writes through services.py."""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from enlace.accounts.permissions import RoleRequiredMixin, allows
from enlace.core.http import attachment
from enlace.core.views import ServiceFormMixin

from . import selectors, services
from .choices import ScheduleState
from .forms import (
    ActivityForm,
    ImportConfirmForm,
    MarkDoneForm,
    PlanUploadForm,
    PublishForm,
    VersionForm,
)
from .importing import WorkPlanFileError, problem_from_dict, read_plan_file
from .parties import PartyNames, party_matches
from .permissions import WORKPLAN_EDITORS, WORKPLAN_READERS, check_workplan_edit

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORT_SESSION_KEY = "workplan_import"


def _language(request) -> str:
    wanted = request.GET.get("lang") or get_language() or "es"
    return "en" if wanted.startswith("en") else "es"


def decorate(tree: selectors.PlanTree, language: str) -> None:
    """What the templates show of each activity, in the reader's language: its parties by
    name, its schedule in words, whether it is overdue."""
    names = PartyNames.load()
    states = dict(ScheduleState.choices)
    for activity in tree.activities():
        activity.party_list = [
            (item.party, names.label(item.party, language))
            for item in activity.responsibilities.all()
        ]
        activity.schedule_label = (
            states.get(activity.schedule_state, "")
            if activity.schedule_state != ScheduleState.DUE
            else ""
        )
        activity.is_overdue = selectors.activity_overdue(activity, today=tree.today)


def _filter_party(tree: selectors.PlanTree, party: str) -> None:
    """Keep the entries `party` is responsible for (directly, as a member state, ...)."""
    for area in tree.areas:
        for node in area.objectives:
            kept = []
            for group in node.groups:
                leaves = [
                    leaf
                    for leaf in group.leaves
                    if any(party_matches(item.party, party) for item in leaf.responsibilities.all())
                ]
                if leaves:
                    group.children = [c for c in group.children if c in leaves]
                    kept.append(group)
            node.groups = kept
        area.objectives = [node for node in area.objectives if node.groups]
    tree.areas = [area for area in tree.areas if area.objectives]


def _plan_context(request, version, *, editing: bool = False) -> dict:
    language = _language(request)
    tree = selectors.plan_tree(version)
    decorate(tree, language)
    counts = tree.counts()
    party = (request.GET.get("party") or "").strip().upper()
    names = PartyNames.load()
    if party and names.is_known(party):
        _filter_party(tree, party)
    else:
        party = ""
    current = selectors.current_version(actor=request.user)
    return {
        "version": version,
        "tree": tree,
        "counts": counts,
        "current": current,
        "is_current": current is not None and current.pk == version.pk,
        "editing": editing,
        "can_edit": allows(check_workplan_edit, request.user),
        "draft": selectors.draft_get(actor=request.user),
        "party": party,
        "party_choices": names.choices(get_language()),
        "warnings": [
            problem_from_dict(item).localized() for item in (version.import_warnings or [])
        ]
        if allows(check_workplan_edit, request.user)
        else [],
    }


class PlanView(RoleRequiredMixin, View):
    """The plan in force: areas, objectives, activities with who and when, flags, history."""

    allowed_roles = WORKPLAN_READERS

    def get(self, request):
        version = selectors.current_version(actor=request.user)
        if version is None:
            return render(
                request,
                "workplan/plan_empty.html",
                {
                    "can_edit": allows(check_workplan_edit, request.user),
                    "draft": selectors.draft_get(actor=request.user),
                },
            )
        return render(request, "workplan/plan.html", _plan_context(request, version))


class VersionListView(RoleRequiredMixin, View):
    """Every published version: when the ST updated the plan, how, from which file."""

    allowed_roles = WORKPLAN_READERS

    def get(self, request):
        return render(
            request,
            "workplan/version_list.html",
            {
                "versions": selectors.version_list(actor=request.user),
                "current": selectors.current_version(actor=request.user),
                "can_edit": allows(check_workplan_edit, request.user),
            },
        )


class VersionDetailView(RoleRequiredMixin, View):
    allowed_roles = WORKPLAN_READERS

    def get(self, request, number):
        version = selectors.version_get(actor=request.user, number=number)
        return render(request, "workplan/plan.html", _plan_context(request, version))


class VersionExportView(RoleRequiredMixin, View):
    """A version as DOCX or XLSX (`?lang=es|en`, default the reader's language). Audited."""

    allowed_roles = WORKPLAN_READERS
    file_format = "docx"

    def get(self, request, number):
        version = selectors.version_get(actor=request.user, number=number)
        language = _language(request)
        content = services.plan_export(
            actor=request.user, version=version, file_format=self.file_format, language=language
        )
        filename = f"plan-de-trabajo-v{version.number}-{language}.{self.file_format}"
        if language == "en":
            filename = f"work-plan-v{version.number}-en.{self.file_format}"
        return attachment(content, CONTENT_TYPES[self.file_format], filename)


# --- the draft ----------------------------------------------------------------------------------


class DraftView(RoleRequiredMixin, ServiceFormMixin, View):
    """The ST's draft of the next version (GET), or a new one copied from the version in
    force (POST)."""

    allowed_roles = WORKPLAN_EDITORS

    def get(self, request):
        draft = selectors.draft_get(actor=request.user)
        if draft is None:
            return render(
                request,
                "workplan/draft_start.html",
                {"current": selectors.current_version(actor=request.user)},
            )
        context = _plan_context(request, draft, editing=True)
        context["stale"] = services.draft_is_stale(draft)
        return render(request, "workplan/plan.html", context)

    def post(self, request):
        outcome = self.call_service(None, services.draft_start, actor=request.user)
        if not outcome.ok:
            return redirect("workplan:import")
        draft = outcome.value
        messages.info(request, _("You are editing the draft of the next version."))
        return redirect(draft.get_absolute_url())


def _draft_or_redirect(request):
    draft = selectors.draft_get(actor=request.user)
    if draft is None:
        messages.info(request, _("There is no draft: start one from the version in force."))
    return draft


class DraftPublishView(RoleRequiredMixin, ServiceFormMixin, View):
    """The draft becomes the next version, with the date the plan will state."""

    allowed_roles = WORKPLAN_EDITORS

    def render_form(self, request, draft, form, status=200):
        return render(
            request,
            "workplan/draft_publish.html",
            {"draft": draft, "form": form, "stale": services.draft_is_stale(draft)},
            status=status,
        )

    def get(self, request):
        draft = _draft_or_redirect(request)
        if draft is None:
            return redirect("workplan:draft")
        return self.render_form(request, draft, PublishForm(initial={"version": draft.version}))

    def post(self, request):
        draft = _draft_or_redirect(request)
        if draft is None:
            return redirect("workplan:draft")
        form = PublishForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.draft_publish,
                actor=request.user,
                draft=draft,
                expected_version=form.cleaned_data["version"],
                updated_on=form.cleaned_data["updated_on"],
            )
            status = outcome.status
            if outcome.ok:
                version = outcome.value
                messages.success(
                    request, _("Version %(number)s published.") % {"number": version.number}
                )
                return redirect(version.get_absolute_url())
        return self.render_form(request, draft, form, status=status)


class DraftDiscardView(RoleRequiredMixin, ServiceFormMixin, View):
    allowed_roles = WORKPLAN_EDITORS
    http_method_names = ["post"]

    def post(self, request):
        draft = _draft_or_redirect(request)
        if draft is None:
            return redirect("workplan:draft")
        form = VersionForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Send the version you saw."), status=400)
        outcome = self.call_service(
            None,
            services.draft_discard,
            actor=request.user,
            draft=draft,
            expected_version=form.cleaned_data["version"],
        )
        if not outcome.ok:
            return redirect("workplan:draft")
        messages.success(request, _("The draft was discarded."))
        return redirect("workplan:plan")


class ActivityFormView(RoleRequiredMixin, ServiceFormMixin, View):
    """New activity (objective pk; `?parent=` for a sub-activity) or edit (activity pk) in the
    draft. An edit made on a stale copy is refused (409) with the user's input kept."""

    allowed_roles = WORKPLAN_EDITORS
    creating = False

    def load(self, request, pk):
        if self.creating:
            objective = selectors.objective_get(actor=request.user, pk=pk)
            parent = None
            parent_id = request.GET.get("parent") or request.POST.get("parent")
            if parent_id:
                if not str(parent_id).isdigit():
                    raise Http404
                parent = selectors.activity_get(actor=request.user, pk=int(parent_id))
                if parent.objective_id != objective.pk:
                    raise Http404
            return objective, parent, None
        activity = selectors.activity_get(actor=request.user, pk=pk)
        return activity.objective, activity.parent, activity

    def render_form(self, request, form, objective, parent, activity, status=200):
        return render(
            request,
            "workplan/activity_form.html",
            {
                "form": form,
                "objective": objective,
                "parent": parent,
                "activity": activity,
                "cancel_url": reverse("workplan:draft")
                + (f"#activity-{activity.pk}" if activity else ""),
            },
            status=status,
        )

    def get(self, request, pk):
        objective, parent, activity = self.load(request, pk)
        form = ActivityForm(
            activity=activity,
            language=get_language(),
            initial_code=services.suggest_code(objective, parent) if activity is None else "",
        )
        return self.render_form(request, form, objective, parent, activity)

    def post(self, request, pk):
        objective, parent, activity = self.load(request, pk)
        form = ActivityForm(request.POST, activity=activity, language=get_language())
        status = 400
        if form.is_valid() and activity is not None and not form.cleaned_data.get("version"):
            form.add_error(None, _("Send the version you saw."))
        elif form.is_valid():
            if activity is None:
                outcome = self.call_service(
                    form,
                    services.activity_create,
                    actor=request.user,
                    objective=objective,
                    parent=parent,
                    data=form.service_data(),
                )
            else:
                outcome = self.call_service(
                    form,
                    services.activity_update,
                    actor=request.user,
                    activity=activity,
                    data=form.service_data(),
                    expected_version=form.cleaned_data["version"],
                )
            if outcome.ok:
                saved = outcome.value
                messages.success(request, _("Saved: %(code)s.") % {"code": saved.code})
                return redirect(reverse("workplan:draft") + f"#activity-{saved.pk}")
            status = outcome.status
            if status == 409:  # show the stored activity around the refused edit
                activity = selectors.activity_get(actor=request.user, pk=activity.pk)
        return self.render_form(request, form, objective, parent, activity, status=status)


class ActivityDoneView(RoleRequiredMixin, ServiceFormMixin, View):
    """ "Pasar al histórico": the activity leaves the draft for its history, with its date."""

    allowed_roles = WORKPLAN_EDITORS

    def render_form(self, request, activity, form, status=200):
        return render(
            request,
            "workplan/activity_done.html",
            {"activity": activity, "form": form},
            status=status,
        )

    def get(self, request, pk):
        activity = selectors.activity_get(actor=request.user, pk=pk)
        return self.render_form(
            request, activity, MarkDoneForm(initial={"version": activity.version})
        )

    def post(self, request, pk):
        activity = selectors.activity_get(actor=request.user, pk=pk)
        form = MarkDoneForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = self.call_service(
                form,
                services.activity_mark_done,
                actor=request.user,
                activity=activity,
                expected_version=form.cleaned_data["version"],
                done_on=form.cleaned_data["done_on"],
                text=form.cleaned_data["text"],
            )
            status = outcome.status
            if outcome.ok:
                messages.success(
                    request,
                    _("Activity %(code)s moved to the history.") % {"code": activity.code},
                )
                return redirect(reverse("workplan:draft") + "#history")
        return self.render_form(request, activity, form, status=status)


class ActivityDeleteView(RoleRequiredMixin, ServiceFormMixin, View):
    """Asks first (GET), removes on POST with the version seen."""

    allowed_roles = WORKPLAN_EDITORS

    def get(self, request, pk):
        activity = selectors.activity_get(actor=request.user, pk=pk)
        return render(
            request,
            "workplan/activity_confirm_delete.html",
            {"activity": activity, "children": list(activity.children.all())},
        )

    def post(self, request, pk):
        activity = selectors.activity_get(actor=request.user, pk=pk)
        form = VersionForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Send the version you saw."), status=400)
        outcome = self.call_service(
            None,
            services.activity_delete,
            actor=request.user,
            activity=activity,
            expected_version=form.cleaned_data["version"],
        )
        if not outcome.ok:
            return redirect(reverse("workplan:draft") + f"#activity-{activity.pk}")
        messages.success(request, _("Removed: %(code)s.") % {"code": activity.code})
        return redirect("workplan:draft")


# --- import ---------------------------------------------------------------------------------------


UPLOAD_MAX_AGE_SECONDS = 24 * 3600


def _upload_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "uploads" / "workplan"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget_old_uploads() -> None:
    """Uploads previewed and never confirmed are not kept beyond a day."""
    limit = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in _upload_folder().iterdir():
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()


def _upload_path(token: str, suffix: str) -> Path:
    return _upload_folder() / f"{token}{suffix}"


def _preview_rows(plan: dict, language: str) -> list[dict]:
    """The plan read from a document, row by row as the preview table shows it."""
    names = PartyNames.load()
    states = dict(ScheduleState.choices)
    rows: list[dict] = []
    for area in plan["areas"]:
        rows.append({"kind": "area", "code": area["code"], "text": area["title"]})
        for objective in area["objectives"]:
            rows.append({"kind": "objective", "code": objective["code"], "text": objective["text"]})
            for activity in objective["activities"]:
                schedule = activity["schedule"]
                rows.append(
                    {
                        "kind": "activity",
                        "code": activity["code"],
                        "text": activity["text"],
                        "notes": activity["notes"],
                        "references": activity["references"],
                        "responsible": ", ".join(
                            [names.label(code, language) for code in activity["responsible"]]
                            + (
                                [activity["responsible_other"]]
                                if activity["responsible_other"]
                                else []
                            )
                        ),
                        "schedule": schedule["date"]
                        if schedule["state"] == ScheduleState.DUE
                        else str(states.get(schedule["state"], "")),
                    }
                )
    return rows


class ImportView(RoleRequiredMixin, View):
    """Upload a .docx or .txt; it is read and shown for review (nothing written yet)."""

    allowed_roles = WORKPLAN_EDITORS

    def get(self, request):
        return render(request, "workplan/import.html", {"form": PlanUploadForm()})

    def post(self, request):
        form = PlanUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "workplan/import.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        _forget_old_uploads()
        suffix = Path(upload.name).suffix.lower()
        token = secrets.token_hex(16)
        path = _upload_path(token, suffix)
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            imported = read_plan_file(path, source_name=Path(upload.name).name)
        except WorkPlanFileError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
            return render(request, "workplan/import.html", {"form": form}, status=400)
        previous = request.session.get(IMPORT_SESSION_KEY)
        if previous:
            _upload_path(previous["token"], previous["suffix"]).unlink(missing_ok=True)
        request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "suffix": suffix,
            "name": imported.source_name,
        }
        return render(
            request,
            "workplan/import_preview.html",
            {
                "imported": imported,
                "preview": _preview_rows(imported.plan, get_language()),
                "counts": imported.counts(),
                "problems": [found.localized() for found in imported.problems],
                "warnings": [found.localized() for found in imported.warnings],
                "confirm_form": ImportConfirmForm(initial={"token": token}),
                "draft": selectors.draft_get(actor=request.user),
                "current": selectors.current_version(actor=request.user),
            },
            status=200 if imported.ok else 400,
        )


class ImportConfirmView(RoleRequiredMixin, View):
    """Write the previewed document as the next version (the file is read again: what is
    written is what was checked)."""

    allowed_roles = WORKPLAN_EDITORS
    http_method_names = ["post"]

    def post(self, request):
        form = ImportConfirmForm(request.POST)
        pending = request.session.get(IMPORT_SESSION_KEY) or {}
        if not form.is_valid() or pending.get("token") != form.cleaned_data["token"]:
            messages.error(request, _("That upload is no longer available; upload the file again."))
            return redirect("workplan:import")
        path = _upload_path(pending["token"], pending["suffix"])
        try:
            imported = read_plan_file(path, source_name=pending.get("name", ""))
            version = services.plan_import(actor=request.user, imported=imported)
        except (WorkPlanFileError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("workplan:import")
        finally:
            path.unlink(missing_ok=True)
            request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(
            request,
            _("Version %(number)s imported from %(name)s.")
            % {"number": version.number, "name": version.source_name},
        )
        return redirect(version.get_absolute_url())
