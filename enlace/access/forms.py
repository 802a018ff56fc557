from django import forms

from .models import LawProfile


class LawProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = LawProfile
        fields = [
            "share_names",
            "share_birth_dates",
            "share_identity_numbers",
            "share_phones",
            "share_addresses",
            "share_photos",
            "contributes_to_regional_statistics",
            "legal_basis",
        ]
