from django import forms

from .models import Country, ProTemporePresidency
from .validators import limit_date_fields


class PresidencyForm(forms.ModelForm):
    class Meta:
        model = ProTemporePresidency
        fields = ["country", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_date_fields(self)
        self.fields["country"].queryset = Country.objects.filter(member_state=True)


def add_validation_errors(form, exc, default_field: str | None = None) -> None:
    """A service's ValidationError on the form: on the fields the form has, on
    `default_field` (above the form when None) otherwise. The error keeps its code (e.g.
    "stale", which pages answer with 409)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else default_field, errors)
    else:
        form.add_error(default_field, exc)
