from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.access.choices import Audience, HandlingCode
from enlace.core.models import Country


class ShareForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Audience.choices, widget=forms.RadioSelect
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


class CaseImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV, XLSX or JSON)"),
        help_text=_(
            "One row per person; rows with the same reference form "
            "one case. Download the template for the columns."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in {"csv", "xlsx", "json"}:
            raise forms.ValidationError(_("Upload a .csv, .xlsx or .json file."))
        return upload
