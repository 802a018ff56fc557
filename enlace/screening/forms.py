"""Forms of the watchlist and of screening. They read and check values; the rules that span
fields live in validation.py and the services, so the import and the API apply them too."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.access.choices import HandlingCode
from enlace.core.models import Country
from enlace.core.validators import event_date, past_date
from enlace.matching import DEFAULT_THRESHOLD

from .checks import MAX_THRESHOLD, MIN_THRESHOLD
from .choices import ENTRY_AUDIENCE_CHOICES, Category, Decision, Sex
from .validation import InvalidValue, entry_errors, parse_documents, split_list

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _countries():
    return Country.objects.order_by("-member_state", "name_es")


class EntryForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=40,
        help_text=_("Your identifier; left empty, one is given (e.g. CR-WL-000123)."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The law, judgment or order the listing rests on."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        validators=[event_date(_("Valid until"))],
        widget=DATE_WIDGET,
        help_text=_("After this day the entry no longer matches."),
    )
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    first_surname = forms.CharField(label=_("First surname"), required=False, max_length=200)
    second_surname = forms.CharField(label=_("Second surname"), required=False, max_length=200)
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other full names, one per line."),
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DATE_WIDGET,
        validators=[past_date(_("Birth date"))],
    )
    nationalities = forms.ModelMultipleChoiceField(
        label=_("Nationalities"),
        required=False,
        queryset=_countries(),
        to_field_name="iso2",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    documents = forms.CharField(
        label=_("Documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One number per line, with the issuing country first if known: CR:112340567."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"), required=False)
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        if creating:
            del self.fields["remove_photo"]

    def clean_documents(self):
        try:
            return parse_documents(self.cleaned_data.get("documents", ""))
        except InvalidValue as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return upload.read()

    def clean(self):
        cleaned = super().clean()
        cleaned["aliases"] = split_list(cleaned.get("aliases", ""))
        cleaned["nationalities"] = sorted(
            country.iso2 for country in cleaned.get("nationalities") or []
        )
        for field, messages in entry_errors(cleaned, creating=self.creating).items():
            if field in self.fields and field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    def service_data(self) -> dict:
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in {"version", "photo", "remove_photo"}
        }
        if self.cleaned_data.get("photo"):
            data["photo"] = self.cleaned_data["photo"]
        if self.cleaned_data.get("remove_photo"):
            data["remove_photo"] = True
        return data


class EntryShareForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Audience"), choices=ENTRY_AUDIENCE_CHOICES, widget=forms.RadioSelect
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Member states (for a selected audience)"),
        required=False,
        queryset=Country.objects.filter(member_state=True),
        to_field_name="iso2",
        widget=forms.CheckboxSelectMultiple,
    )
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in {"csv", "xlsx"}:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class WatchlistImportForm(UploadForm):
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)


class ManifestForm(UploadForm):
    threshold = forms.FloatField(
        label=_("Minimum score"),
        initial=DEFAULT_THRESHOLD,
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_("Matches scoring less are not raised. The default suits most manifests."),
    )


class CheckForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    first_surname = forms.CharField(label=_("First surname"), required=False, max_length=200)
    second_surname = forms.CharField(label=_("Second surname"), required=False, max_length=200)
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DATE_WIDGET,
        validators=[past_date(_("Birth date"))],
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        required=False,
        queryset=_countries(),
        to_field_name="iso2",
        empty_label=_("Unknown"),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN, required=False
    )
    document_number = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=43,
        help_text=_("With the issuing country first if known: MX:G12345678."),
    )

    def clean_document_number(self):
        value = self.cleaned_data.get("document_number", "")
        try:
            return parse_documents([value]) if value.strip() else []
        except InvalidValue as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("given_names")
            or cleaned.get("first_surname")
            or cleaned.get("second_surname")
        ):
            raise forms.ValidationError(_("Give at least a surname or the given names."))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)
