"""Forms of the directory: they read and check input; services.py decides and writes."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.core.models import Country, Organization

from .choices import (
    COMMON_LANGUAGES,
    CapacityUnit,
    CompetencyArea,
    NetworkRole,
    Population,
    ServiceKind,
)
from .models import Competency, Contact, Service
from .permissions import editable_countries
from .validators import language_name


def language_choices(extra: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The common languages, plus any code an entry already has, named in the active
    language."""
    codes = list(COMMON_LANGUAGES) + [code for code in extra if code not in COMMON_LANGUAGES]
    return [(code, f"{language_name(code)} ({code})") for code in codes]


class VersionForm(forms.Form):
    """What a confirm or delete button sends: the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class _EntryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self, *args, actor, member_states_only: bool = True, editing: bool = False, **kwargs
    ):
        self.actor = actor
        super().__init__(*args, **kwargs)
        # an edit must say which version it was made on (optimistic locking)
        self.fields["version"].required = editing
        countries = editable_countries(actor, member_states_only=member_states_only)
        self.fields["country"].queryset = countries
        if countries.count() == 1:
            self.fields["country"].initial = countries.first().iso2
            self.fields["country"].empty_label = None

    def service_data(self) -> dict:
        """cleaned_data as services.py takes it (the version travels apart)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ContactForm(_EntryForm):
    given_names = forms.CharField(label=_("Given names"), max_length=120)
    surnames = forms.CharField(label=_("Surnames"), max_length=120)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), to_field_name="iso2"
    )
    organization = forms.ModelChoiceField(
        label=_("Organization in the network"),
        queryset=Organization.objects.all(),
        to_field_name="code",
        help_text=_("Her country's national office, or an observer organization."),
    )
    institution = forms.CharField(
        label=_("Institution"),
        max_length=200,
        required=False,
        help_text=_("The ministry or agency the person works for."),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    network_roles = forms.MultipleChoiceField(
        label=_("Network roles"),
        required=False,
        choices=NetworkRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phones = forms.CharField(
        label=_("Phones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, the main number first. A number without +country code is "
            "read as one of the contact's country."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    user = forms.ModelChoiceField(
        label=_("User account"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("None"),
        help_text=_("When the person uses Enlace: she can then confirm her own entry."),
    )

    field_order = [
        "given_names",
        "surnames",
        "country",
        "organization",
        "institution",
        "position",
        "network_roles",
        "email",
        "phones",
        "languages",
        "user",
        "notes",
    ]

    def __init__(self, *args, actor, contact: Contact | None = None, **kwargs):
        if contact is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = initial_for_contact(contact)
        super().__init__(*args, actor=actor, editing=contact is not None, **kwargs)
        self.fields["languages"].choices = language_choices(contact.languages if contact else ())
        users = User.objects.filter(is_active=True).select_related("organization")
        if actor.role != Role.SECRETARIAT:
            users = users.filter(organization__country_id=actor.country_id)
        if contact is not None and contact.user_id:
            users = users | User.objects.filter(pk=contact.user_id)
        self.fields["user"].queryset = users.order_by("last_name", "first_name", "username")
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.username})"
        )
        if actor.role != Role.SECRETARIAT:
            # her country's office, or an organization of no country (observers, the ST ...)
            self.fields["organization"].queryset = Organization.objects.filter(
                Q(country__isnull=True) | Q(country_id=actor.country_id)
            )
            if actor.organization_id and not self.initial.get("organization"):
                self.fields["organization"].initial = actor.organization.code

    def clean_phones(self) -> list[str]:
        # normalized to E.164 by services.py, in the contact's country
        return [line.strip() for line in self.cleaned_data["phones"].splitlines() if line.strip()]


def initial_for_contact(contact: Contact) -> dict:
    return {
        "given_names": contact.given_names,
        "surnames": contact.surnames,
        "country": contact.country_id,
        "organization": contact.organization.code,
        "institution": contact.institution,
        "position": contact.position,
        "network_roles": contact.network_roles,
        "email": contact.email,
        "phones": "\n".join(contact.phones),
        "languages": contact.languages,
        "notes": contact.notes,
        "user": contact.user_id,
        "version": contact.version,
    }


class ServiceForm(_EntryForm):
    name = forms.CharField(label=_("Service name"), max_length=200)
    organization_name = forms.CharField(label=_("Provider organization"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), to_field_name="iso2"
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    address_confidential = forms.BooleanField(
        label=_("Keep the address inside the network (not shown to civil society)"), required=False
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Without +country code it is read as a number of the service's country."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    populations = forms.MultipleChoiceField(
        label=_("Who is served"),
        required=False,
        choices=Population.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=0)
    capacity_unit = forms.ChoiceField(
        label=_("Capacity in"), required=False, choices=[("", "—"), *CapacityUnit.choices]
    )
    hours = forms.CharField(
        label=_("Hours"), max_length=300, required=False, help_text=_("e.g. 24 hours, every day")
    )

    def __init__(self, *args, actor, service: Service | None = None, **kwargs):
        if service is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = initial_for_service(service)
        # the ST may list services outside the member states (e.g. reintegration at origin)
        super().__init__(
            *args,
            actor=actor,
            member_states_only=actor.role != Role.SECRETARIAT,
            editing=service is not None,
            **kwargs,
        )
        self.fields["languages"].choices = language_choices(service.languages if service else ())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("capacity") is not None and not cleaned.get("capacity_unit"):
            self.add_error("capacity_unit", _("Say whether it counts beds or persons."))
        return cleaned


def initial_for_service(service: Service) -> dict:
    from .services import SERVICE_FIELDS

    return {name: getattr(service, name) for name in SERVICE_FIELDS} | {
        "country": service.country_id,
        "version": service.version,
    }


class CompetencyForm(_EntryForm):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), to_field_name="iso2"
    )
    competency = forms.ChoiceField(label=_("Competency"), choices=CompetencyArea.choices)
    institution = forms.CharField(label=_("Institution"), max_length=200)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Legal basis or scope, e.g. the article of the law."),
    )

    def __init__(self, *args, actor, competency: Competency | None = None, **kwargs):
        if competency is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "country": competency.country_id,
                "competency": competency.competency,
                "institution": competency.institution,
                "note": competency.note,
                "version": competency.version,
            }
        super().__init__(*args, actor=actor, editing=competency is not None, **kwargs)
