from django import forms
from django.utils.translation import gettext_lazy as _


class EventFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False)
    username = forms.CharField(label=_("User"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
