from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.cases.choices import CaseType
from enlace.core.validators import event_date

from .choices import Scope
from .indicators import INDICATORS, REQUESTABLE, Labels, fixed_categories
from .periods import GRANULARITIES, Period

GRANULARITY_LABELS = {
    "year": _("Year"),
    "semester": _("Semester"),
    "quarter": _("Quarter"),
    "month": _("Month"),
}


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", _("2025, 2025-S2, 2025-Q3 or 2025-07"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class DashboardFilterForm(forms.Form):
    period = PeriodField(label=_("Period"), required=False)
    granularity = forms.ChoiceField(
        label=_("Trend by"),
        required=False,
        choices=[(value, GRANULARITY_LABELS[value]) for value in GRANULARITIES],
    )
    case_type = forms.ChoiceField(
        label=_("Case type"), required=False, choices=[("", _("Any")), *CaseType.choices]
    )
    scope = forms.ChoiceField(label=_("Counting"), required=False, choices=Scope.choices)

    def __init__(self, *args, own_country: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not own_country:
            del self.fields["scope"]

    def values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        granularity = data.get("granularity") or "month"
        period = data.get("period")
        if period is not None and GRANULARITIES.index(granularity) < GRANULARITIES.index(
            period.granularity
        ):
            granularity = period.granularity  # a trend never has longer steps than the period
        return {
            "period": period,
            "granularity": granularity,
            "case_type": data.get("case_type") or "",
            "scope": data.get("scope") or Scope.REGION,
        }


class DataCallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    period = forms.CharField(
        label=_("Period"), max_length=7, help_text=_("2025, 2025-S2, 2025-Q3 or 2025-07")
    )
    indicators = forms.MultipleChoiceField(
        label=_("Requested tables"), widget=forms.CheckboxSelectMultiple
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[event_date(_("Deadline"))],
    )
    remind_days_before = forms.IntegerField(
        label=_("Remind this many days before"), min_value=0, max_value=60, initial=7
    )
    remind_every_days = forms.IntegerField(
        label=_("After the deadline, remind every (days)"), min_value=1, max_value=60, initial=7
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = Labels()
        self.fields["indicators"].choices = [
            (code, f"{code} · {labels.indicator(INDICATORS[code])}") for code in REQUESTABLE
        ]


class SubmissionUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled XLSX template"))
    note = forms.CharField(
        label=_("Note for the Secretariat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the .xlsx template."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class SubmissionForm(forms.Form):
    """One number field per cell of every requested table, named `CODE|row|col`."""

    note = forms.CharField(
        label=_("Note for the Secretariat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, call, initial_tables: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.layout = []
        labels = Labels()
        known = {}
        for code, triples in (initial_tables or {}).items():
            for row, col, value in triples:
                known[(code, row, col)] = value
        for code in call.indicators:
            indicator = INDICATORS[code]
            rows, cols = fixed_categories(indicator.row), fixed_categories(indicator.col)
            grid = []
            for row in rows:
                names = []
                for col in cols:
                    name = f"{code}|{row}|{col}"
                    self.fields[name] = forms.IntegerField(
                        min_value=0,
                        required=False,
                        initial=known.get((code, row, col)),
                        label=f"{labels.category(indicator.row, row)} · "
                        f"{labels.category(indicator.col, col)}",
                        widget=forms.NumberInput(
                            attrs={
                                "class": "form-control form-control-sm",
                                "min": 0,
                                "inputmode": "numeric",
                            }
                        ),
                    )
                    names.append(name)
                grid.append((row, labels.category(indicator.row, row), names))
            self.layout.append(
                {
                    "code": code,
                    "name": labels.indicator(indicator),
                    "row_name": labels.dimension(indicator.row),
                    "cols": [(col, labels.category(indicator.col, col)) for col in cols],
                    "grid": grid,
                }
            )

    def tables(self) -> dict[str, list]:
        result: dict[str, list] = {}
        for name, value in self.cleaned_data.items():
            if "|" not in name:
                continue
            code, row, col = name.split("|", 2)
            result.setdefault(code, []).append([row, col, value or 0])
        return result

    def rows_for_template(self):
        """The layout with bound fields, for the template."""
        for table in self.layout:
            yield {
                **table,
                "grid": [
                    (row, label, [self[name] for name in names])
                    for row, label, names in table["grid"]
                ],
            }


class ReleaseForm(forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=7, help_text=_("2025, 2025-S2, 2025-Q3 or 2025-07")
    )
    k = forms.IntegerField(
        label=_("Threshold k"),
        min_value=2,
        max_value=100,
        initial=11,
        help_text=_("Cells of 1 to k-1 persons are suppressed."),
    )
    rounding = forms.IntegerField(
        label=_("Round published figures to a base of"),
        required=False,
        min_value=2,
        max_value=100,
        help_text=_("Optional, e.g. 5."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"]).code
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ReportForm(forms.Form):
    period = forms.CharField(label=_("Semester"), max_length=7, help_text=_("For example 2025-S2"))
    language = forms.ChoiceField(
        label=_("Language"), choices=[("es", _("Spanish")), ("en", _("English"))]
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=[("pdf", "PDF"), ("docx", "DOCX")])

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"]).code
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
