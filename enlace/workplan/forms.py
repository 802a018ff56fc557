"""Forms of the work plan: they collect and shape input; the rules live in services.py."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enlace.core.documents import DOCX_SUFFIXES
from enlace.core.validators import event_date, past_date

from .choices import ScheduleState
from .parties import PartyNames

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = {".txt", *DOCX_SUFFIXES}


class VersionForm(forms.Form):
    """What a button that changes a record sends: the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Work plan document"),
        help_text=_("The plan as a Word document (.docx) or plain text (.txt), up to 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(_("Upload a .docx or .txt file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)


class ActivityForm(forms.Form):
    """An activity of the draft. References one per line, as the plan cites them."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    code = forms.CharField(label=_("Number"), max_length=32)
    text = forms.CharField(label=_("Activity"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.MultipleChoiceField(
        label=_("Responsible parties"), required=False, widget=forms.CheckboxSelectMultiple
    )
    responsible_other = forms.CharField(
        label=_("Other responsible parties"),
        required=False,
        max_length=300,
        help_text=_("Parties the plan names that are not in the list above."),
    )
    schedule_state = forms.ChoiceField(label=_("Schedule"), required=False)
    schedule_date = forms.DateField(
        label=_("Due date"),
        required=False,
        validators=[event_date(_("Due date"))],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    references = forms.CharField(
        label=_("References"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The decisions it comes from, one per line: “p. 4, GRCM, Inf. Red Trata, "
            "noviembre, 2008”."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args, activity=None, language: str = "es", initial_code: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = PartyNames.load().choices(language)
        self.fields["schedule_state"].choices = [("", _("Not given"))] + [
            (value, label) for value, label in ScheduleState.choices if value != ScheduleState.DONE
        ]
        if activity is not None and not self.is_bound:
            self.initial.update(
                version=activity.version,
                code=activity.code,
                text=activity.text,
                responsible=[item.party for item in activity.responsibilities.all()],
                responsible_other=activity.responsible_other,
                schedule_state=activity.schedule_state,
                schedule_date=activity.schedule_date,
                references="\n".join(reference.text for reference in activity.references.all()),
                notes=activity.notes,
            )
        elif initial_code and not self.is_bound:
            self.initial["code"] = initial_code

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "text": data["text"],
            "responsible": list(data["responsible"]),
            "responsible_other": data["responsible_other"],
            "schedule_state": data["schedule_state"],
            "schedule_date": data["schedule_date"],
            "references": [line for line in data["references"].splitlines() if line.strip()],
            "notes": data["notes"],
        }


class MarkDoneForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(
        label=_("Done on"),
        validators=[past_date(_("Done on"))],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: “Taller realizado en Panamá, 4-6 de marzo de 2009”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("done_on", timezone.localdate())


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    updated_on = forms.DateField(
        label=_("Updated by the ST on"),
        validators=[event_date(_("Updated by the ST on"))],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the plan states in its heading."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("updated_on", timezone.localdate())
