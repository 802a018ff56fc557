"""The Standard Format v1 as JSON (docs/standard-format.md): validation of what comes in
(API, bulk, import) and the shape of what goes out, redacted for the reader."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enlace.access.choices import Audience, HandlingCode
from enlace.access.policy import redacted_groups
from enlace.core.validators import event_date, normalize_phone, past_date
from enlace.core.vocabularies import country_codes, vocabulary_codes

from .choices import CaseType, PersonRole, RecordStatus, Sex
from .models import REFERENCE_PATTERN, Case

REDACTED_TEXT = None


class StandardFormatSerializer(serializers.Serializer):
    """DRF recomputes the writable fields (a generator over its field mapping) for every item
    it validates; they cannot change once the fields are bound, so each serializer keeps them.
    On a 100,000-case import this is a tenth of the validation time."""

    @cached_property
    def _writable_fields(self):
        return [field for field in self.fields.values() if not field.read_only]


class CodeField(serializers.CharField):
    """A code of a controlled vocabulary (core.VocabularyTerm)."""

    def __init__(self, vocabulary: str, **kwargs):
        self.vocabulary = vocabulary
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data).strip()
        if value and value not in vocabulary_codes(self.vocabulary):
            raise serializers.ValidationError(
                _("Unknown code %(code)s for %(vocabulary)s.")
                % {"code": value, "vocabulary": self.vocabulary}
            )
        return value


class CodeListField(serializers.ListField):
    def __init__(self, vocabulary: str, **kwargs):
        super().__init__(child=CodeField(vocabulary), required=False, **kwargs)

    def to_internal_value(self, data):
        return sorted(set(super().to_internal_value(data)))


class CountryField(serializers.CharField):
    """An ISO 3166-1 alpha-2 code."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data).strip().upper()
        if value and value not in country_codes():
            raise serializers.ValidationError(_("Unknown country code %(code)s.") % {"code": value})
        return value


class PhoneField(serializers.CharField):
    """A phone number, stored in E.164 (core.validators: the messages every app shares)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            return normalize_phone(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code=exc.code) from exc


class IdentityDocumentSerializer(StandardFormatSerializer):
    document_type = CodeField("document_type")
    issuing_country = CountryField(required=False, allow_blank=True)
    number = serializers.CharField(required=False, allow_blank=True, max_length=40)


class PersonSerializer(StandardFormatSerializer):
    pseudonym = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=PersonRole.choices)
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=120)
    first_surname = serializers.CharField(required=False, allow_blank=True, max_length=80)
    second_surname = serializers.CharField(required=False, allow_blank=True, max_length=80)
    aliases = serializers.ListField(child=serializers.CharField(max_length=120), required=False)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, default=Sex.UNKNOWN)
    gender = CodeField("gender", required=False, allow_blank=True)
    birth_date = serializers.DateField(
        required=False, allow_null=True, validators=[past_date(_("Birth date"))]
    )
    age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    age_band = serializers.CharField(read_only=True)
    is_minor = serializers.BooleanField(read_only=True)
    nationalities = serializers.ListField(child=CountryField(), required=False)
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)
    phones = serializers.ListField(child=PhoneField(), required=False)
    trafficking_status = CodeField("trafficking_status", required=False, allow_blank=True)
    documents = IdentityDocumentSerializer(many=True, required=False)


class RouteLegSerializer(StandardFormatSerializer):
    from_country = CountryField()
    from_place = serializers.CharField(required=False, allow_blank=True, max_length=120)
    to_country = CountryField()
    to_place = serializers.CharField(required=False, allow_blank=True, max_length=120)
    transport_mode = CodeField("transport_mode", required=False, allow_blank=True)
    crossing_point = serializers.CharField(required=False, allow_blank=True, max_length=120)
    crossing_type = CodeField("crossing_type", required=False, allow_blank=True)
    date = serializers.DateField(
        required=False, allow_null=True, validators=[event_date(_("Date"))]
    )
    fee_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    fee_currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs.get("fee_amount") is not None and not attrs.get("fee_currency"):
            raise serializers.ValidationError(
                {"fee_currency": _("Give the currency of the fee (ISO 4217, e.g. USD).")}
            )
        return attrs


class DocumentUsedSerializer(StandardFormatSerializer):
    person = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="index of the person in `persons`"
    )
    document_type = CodeField("document_type")
    issuing_country = CountryField(required=False, allow_blank=True)
    number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    nature = CodeField("document_nature")


class EventSerializer(StandardFormatSerializer):
    date = serializers.DateField(
        required=False, allow_null=True, validators=[event_date(_("Date"))]
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class JusticeEventSerializer(EventSerializer):
    stage = CodeField("justice_stage")


class AssistanceEventSerializer(EventSerializer):
    assistance_type = CodeField("assistance_type")


class GroupIncidentSerializer(StandardFormatSerializer):
    migrants = serializers.IntegerField(min_value=0, default=0)
    deaths = serializers.IntegerField(min_value=0, default=0)
    injuries = serializers.IntegerField(min_value=0, default=0)
    rescues = serializers.IntegerField(min_value=0, default=0)


class CaseSerializer(StandardFormatSerializer):
    """A case in the Standard Format v1."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.RegexField(REFERENCE_PATTERN, required=False, allow_blank=True)
    owner_country = serializers.CharField(source="owner_country_id", read_only=True)
    reporting_agency = serializers.CharField(max_length=200)
    date_identified = serializers.DateField(validators=[past_date(_("Date identified"))])
    date_reported = serializers.DateField(
        required=False, allow_null=True, validators=[past_date(_("Date reported"))]
    )
    status = serializers.ChoiceField(choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    case_type = serializers.ChoiceField(choices=CaseType.choices)
    audience = serializers.ChoiceField(choices=Audience.choices, read_only=True)
    shared_with = serializers.SerializerMethodField()
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices, default=HandlingCode.H0)
    version = serializers.IntegerField(required=False, min_value=1)
    summary = serializers.CharField(required=False, allow_blank=True)
    exploitation_types = CodeListField("exploitation_type")
    sexual_exploitation_types = CodeListField("sexual_exploitation_type")
    forced_labour_industries = CodeListField("forced_labour_industry")
    methods_of_control = CodeListField("methods_of_control")
    recruitment_methods = CodeListField("recruitment_method")
    modus_operandi_tags = CodeListField("modus_operandi_tag")
    modus_operandi_narrative = serializers.CharField(required=False, allow_blank=True)
    group_incident = GroupIncidentSerializer(required=False)
    persons = PersonSerializer(many=True, required=False)
    route = RouteLegSerializer(many=True, required=False)
    documents_used = DocumentUsedSerializer(many=True, required=False)
    justice = JusticeEventSerializer(many=True, required=False)
    assistance = AssistanceEventSerializer(many=True, required=False)
    redacted = serializers.SerializerMethodField()

    def get_shared_with(self, case) -> list[str]:
        return sorted(country.iso2 for country in case.shared_with.all())

    def get_redacted(self, case) -> list[str]:
        # one law-profile lookup per owner country for the whole list
        profiles = self.context.setdefault("law_profiles", {})
        return sorted(redacted_groups(self.context["actor"], case, profiles))

    def validate(self, attrs):
        if attrs.get("date_reported") and attrs["date_reported"] < attrs["date_identified"]:
            raise serializers.ValidationError(
                {"date_reported": _("The case cannot be reported before it was identified.")}
            )
        if attrs["date_identified"] > date.today():
            raise serializers.ValidationError(
                {"date_identified": _("The date identified is in the future.")}
            )
        persons = attrs.get("persons", [])
        for position, document in enumerate(attrs.get("documents_used", [])):
            index = document.get("person")
            if index is not None and index >= len(persons):
                raise serializers.ValidationError(
                    {
                        "documents_used": {
                            position: {
                                "person": _("There is no person number %(index)s in this case.")
                                % {"index": index}
                            }
                        }
                    }
                )
        return attrs

    def to_representation(self, case: Case):
        from .services import case_as_standard_format

        return case_as_standard_format(
            case,
            actor=self.context["actor"],
            shared_with=self.get_shared_with(case),
            redacted=self.get_redacted(case),
        )


def reference_is_valid(reference: str) -> bool:
    return bool(re.match(REFERENCE_PATTERN, reference))
