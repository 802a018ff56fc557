from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Country, Organization
from enlace.core.validators import event_date, limit_date_fields

from .models import Campaign, Meeting, TaskStatus, TrainingEvent


def member_states():
    return Country.objects.filter(member_state=True).order_by("name_es")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files (Django's documented pattern): `cleaned_data` is a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class MeetingImportForm(forms.Form):
    file = MultipleFileField(label=_("Meeting reports (.docx or .txt, one or several)"))

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        for upload in uploads:
            if not upload.name.lower().endswith((".docx", ".txt")):
                raise forms.ValidationError(_("Upload the report as .docx or .txt."))
        return uploads


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "start_date",
            "end_date",
            "city",
            "country",
            "host",
            "participants",
            "organizations",
            "language",
            "agenda",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_date_fields(self)
        self.fields["participants"].queryset = member_states()
        self.fields["organizations"].queryset = Organization.objects.exclude(
            kind="national_office"
        ).order_by("code")

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The meeting cannot end before it starts."))
        return data


class AgreementsForm(forms.Form):
    """The agreements as text, one per line block: "1. text", "a) text" (as in the report)."""

    text = forms.CharField(
        label=_("Agreements"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            'One agreement per paragraph starting "1.", "2." ...; sub-items start "a)", "b)" ...'
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    subitem = forms.ChoiceField(label=_("Sub-item"), required=False)
    countries = forms.ModelMultipleChoiceField(
        label=_("Responsible countries"),
        queryset=member_states(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Responsible organizations"),
        required=False,
        queryset=Organization.objects.exclude(kind="national_office").order_by("code"),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[event_date(_("Due date"))],
    )

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("The whole agreement"))]
        if agreement is not None:
            choices += [
                (str(sub.pk), f"{agreement.number}{sub.label}) {sub.text[:80]}")
                for sub in agreement.subitems.all()
            ]
        self.fields["subitem"].choices = choices

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < date.today():
            raise forms.ValidationError(_("The due date has passed."))
        return due

    def clean(self):
        data = super().clean()
        if not data.get("countries") and not data.get("organizations"):
            raise forms.ValidationError(
                _("Say who is responsible: at least one country or organization.")
            )
        return data


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TrainingEventForm(forms.ModelForm):
    class Meta:
        model = TrainingEvent
        fields = [
            "title",
            "sponsors",
            "sponsor_countries",
            "start_date",
            "end_date",
            "city",
            "country",
            "topics",
            "participant_countries",
            "participants_count",
            "evaluation_due",
            "evaluation_done",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "evaluation_due": forms.DateInput(attrs={"type": "date"}),
            "participant_countries": forms.CheckboxSelectMultiple,
            "sponsor_countries": forms.CheckboxSelectMultiple,
        }
        help_texts = {"evaluation_due": _("Left empty: six months after the end (seed 001 #5).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_date_fields(self)
        self.fields["participant_countries"].queryset = member_states()
        self.fields["sponsor_countries"].queryset = member_states()


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["country", "title", "products", "focal_point", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "products": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_date_fields(self)
