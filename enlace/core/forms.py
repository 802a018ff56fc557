from django import forms

from .models import Country, ProTemporePresidency


class PresidencyForm(forms.ModelForm):
    class Meta:
        model = ProTemporePresidency
        fields = ["country", "start_date", "end_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(member_state=True)
