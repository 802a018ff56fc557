from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.access.choices import Audience, HandlingCode
from enlace.core.models import Country, VocabularyTerm

from .choices import CaseType, RecordStatus


def _vocabulary_choices(vocabulary: str):
    return [("", _("Any"))] + [(term.code, term.label_in_language)
                               for term in VocabularyTerm.objects.filter(vocabulary=vocabulary)]


class CaseFilterForm(forms.Form):
    search = forms.CharField(label=_("Search"), required=False,
                             help_text=_("Reference, agency, summary or modus operandi"))
    case_type = forms.ChoiceField(label=_("Type"), required=False,
                                  choices=[("", _("Any")), *CaseType.choices])
    owner_country = forms.ModelChoiceField(label=_("Owner country"), required=False,
                                           queryset=Country.objects.filter(member_state=True),
                                           to_field_name="iso2", empty_label=_("Any"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any")), *RecordStatus.choices])
    date_from = forms.DateField(label=_("Identified from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Identified until"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    exploitation_type = forms.ChoiceField(label=_("Exploitation"), required=False)
    nationality = forms.ModelChoiceField(label=_("Nationality"), required=False,
                                         queryset=Country.objects.all(), to_field_name="iso2",
                                         empty_label=_("Any"))
    route_country = forms.ModelChoiceField(label=_("Country on the route"), required=False,
                                           queryset=Country.objects.all(),
                                           to_field_name="iso2", empty_label=_("Any"))
    document_nature = forms.ChoiceField(label=_("Document nature"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploitation_type"].choices = _vocabulary_choices("exploitation_type")
        self.fields["document_nature"].choices = _vocabulary_choices("document_nature")

    def selector_arguments(self) -> dict:
        if not self.is_valid():
            return {}
        values = dict(self.cleaned_data)
        for key in ("owner_country", "nationality", "route_country"):
            values[key] = values[key].iso2 if values.get(key) else ""
        return {key: value for key, value in values.items() if value}


class ShareForm(forms.Form):
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices,
                                 widget=forms.RadioSelect)
    countries = forms.ModelMultipleChoiceField(
        label=_("Member states (for a selected audience)"), required=False,
        queryset=Country.objects.filter(member_state=True), to_field_name="iso2",
        widget=forms.CheckboxSelectMultiple)
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV, XLSX or JSON)"),
                           help_text=_("One row per person; rows with the same reference form "
                                       "one case. Download the template for the columns."))
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in {"csv", "xlsx", "json"}:
            raise forms.ValidationError(_("Upload a .csv, .xlsx or .json file."))
        return upload
