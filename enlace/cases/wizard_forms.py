"""The steps of the case form. Each step checks its own fields; the whole case is then
validated once more by the Standard Format validator (serializers.CaseSerializer), the same
one the API and the importers use, so the rules live in one place."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enlace.access.choices import HandlingCode
from enlace.core.models import Country, VocabularyTerm

from .choices import CaseType, PersonRole, RecordStatus, Sex

DATE = forms.DateInput(attrs={"type": "date"})


def vocabulary_field(vocabulary: str, label, multiple: bool = False, required: bool = False):
    def choices():
        terms = [
            (term.code, term.label_in_language)
            for term in VocabularyTerm.objects.filter(vocabulary=vocabulary)
        ]
        return terms if multiple else [("", "—"), *terms]

    if multiple:
        return forms.MultipleChoiceField(
            label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
        )
    return forms.ChoiceField(label=label, choices=choices, required=required)


def country_field(label, required: bool = False, member_states: bool = False):
    def choices():
        countries = Country.objects.all()
        if member_states:
            countries = countries.filter(member_state=True)
        return [
            ("", "—"),
            *((country.iso2, f"{country} ({country.iso2})") for country in countries),
        ]

    return forms.ChoiceField(label=label, choices=choices, required=required)


class CaseRecordForm(forms.Form):
    reference = forms.RegexField(
        label=_("Reference"),
        regex=r"^[A-Z]{2}-\d{4}-\d{5}$",
        required=False,
        help_text=_("Leave empty to number it automatically."),
    )
    reporting_agency = forms.CharField(label=_("Reporting agency"), max_length=200)
    date_identified = forms.DateField(label=_("Date identified"), widget=DATE)
    date_reported = forms.DateField(label=_("Date reported"), required=False, widget=DATE)
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=RecordStatus.choices, initial=RecordStatus.ACTIVE
    )
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No names or identifiers: this text is searchable."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("date_reported")
            and data.get("date_identified")
            and data["date_reported"] < data["date_identified"]
        ):
            self.add_error(
                "date_reported", _("The case cannot be reported before it was identified.")
            )
        return data


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=120)
    first_surname = forms.CharField(label=_("First surname"), required=False, max_length=80)
    second_surname = forms.CharField(label=_("Second surname"), required=False, max_length=80)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE)
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    nationality = country_field(_("Nationality"))
    phones = forms.CharField(
        label=_("Phones (+country code, separated by ;)"), required=False, max_length=200
    )
    document_type = vocabulary_field("document_type", _("Identity document"))
    document_issuing_country = country_field(_("Issued by"))
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=40)


class RouteLegForm(forms.Form):
    from_country = country_field(_("From country"), required=True)
    from_place = forms.CharField(label=_("From place"), required=False, max_length=120)
    to_country = country_field(_("To country"), required=True)
    to_place = forms.CharField(label=_("To place"), required=False, max_length=120)
    transport_mode = vocabulary_field("transport_mode", _("Transport mode"))
    crossing_type = vocabulary_field("crossing_type", _("Crossing"))
    crossing_point = forms.CharField(
        label=_("Border crossing point"), required=False, max_length=120
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    fee_amount = forms.DecimalField(
        label=_("Fee paid"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    fee_currency = forms.RegexField(
        label=_("Currency"), regex=r"^[A-Z]{3}$", required=False, help_text=_("ISO 4217, e.g. USD")
    )


class DocumentUsedForm(forms.Form):
    person_number = forms.IntegerField(
        label=_("Person number (order in step 2)"), required=False, min_value=1
    )
    document_type = vocabulary_field("document_type", _("Document type"), required=True)
    issuing_country = country_field(_("Issued by"))
    number = forms.CharField(label=_("Number"), required=False, max_length=40)
    nature = vocabulary_field("document_nature", _("Nature"), required=True)


class CaseContextForm(forms.Form):
    exploitation_types = vocabulary_field("exploitation_type", _("Exploitation"), True)
    methods_of_control = vocabulary_field("methods_of_control", _("Methods of control"), True)
    recruitment_methods = vocabulary_field("recruitment_method", _("Recruitment"), True)
    modus_operandi_tags = vocabulary_field("modus_operandi_tag", _("Modus operandi"), True)
    modus_operandi_narrative = forms.CharField(
        label=_("Modus operandi narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    migrants = forms.IntegerField(label=_("Migrants in the incident"), min_value=0, initial=0)
    deaths = forms.IntegerField(label=_("Deaths"), min_value=0, initial=0)
    injuries = forms.IntegerField(label=_("Injuries"), min_value=0, initial=0)
    rescues = forms.IntegerField(label=_("Rescues"), min_value=0, initial=0)


class JusticeForm(forms.Form):
    stage = vocabulary_field("justice_stage", _("Justice stage"), required=True)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class AssistanceForm(forms.Form):
    assistance_type = vocabulary_field("assistance_type", _("Assistance"), required=True)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


PersonFormSet = forms.formset_factory(PersonForm, extra=1)
RouteFormSet = forms.formset_factory(RouteLegForm, extra=1)
DocumentFormSet = forms.formset_factory(DocumentUsedForm, extra=1)
JusticeFormSet = forms.formset_factory(JusticeForm, extra=1)
AssistanceFormSet = forms.formset_factory(AssistanceForm, extra=1)

STEPS = [
    ("record", CaseRecordForm, _("Record")),
    ("persons", PersonFormSet, _("Persons")),
    ("route", RouteFormSet, _("Route")),
    ("documents", DocumentFormSet, _("Documents used")),
    ("context", CaseContextForm, _("Exploitation and modus operandi")),
    ("justice", JusticeFormSet, _("Justice track")),
    ("assistance", AssistanceFormSet, _("Assistance")),
]


def _filled(rows):
    return [
        row
        for row in rows
        if row
        and not row.get("DELETE")
        and any(value not in (None, "", [], 0) for key, value in row.items() if key != "DELETE")
    ]


def standard_format_from_steps(cleaned: dict[str, object]) -> dict:
    """Step data -> a Standard Format dict for the one validator."""
    record = dict(cleaned["record"])
    context = dict(cleaned["context"])

    def iso(value):
        return value.isoformat() if value else None

    data = {
        key: record[key]
        for key in ("reporting_agency", "case_type", "status", "handling_code", "summary")
    }
    if record.get("reference"):
        data["reference"] = record["reference"]
    data["date_identified"] = iso(record["date_identified"])
    data["date_reported"] = iso(record.get("date_reported"))
    for key in (
        "exploitation_types",
        "methods_of_control",
        "recruitment_methods",
        "modus_operandi_tags",
        "modus_operandi_narrative",
    ):
        data[key] = context.get(key) or ([] if key != "modus_operandi_narrative" else "")
    data["group_incident"] = {
        key: context.get(key) or 0 for key in ("migrants", "deaths", "injuries", "rescues")
    }
    persons = []
    for row in _filled(cleaned["persons"]):
        person = {
            key: row[key]
            for key in ("role", "given_names", "first_surname", "second_surname", "sex")
            if row.get(key)
        }
        person["birth_date"] = iso(row.get("birth_date"))
        person["age"] = row.get("age")
        person["nationalities"] = [row["nationality"]] if row.get("nationality") else []
        person["phones"] = [
            phone.strip() for phone in (row.get("phones") or "").split(";") if phone.strip()
        ]
        if row.get("document_type"):
            person["documents"] = [
                {
                    "document_type": row["document_type"],
                    "issuing_country": row.get("document_issuing_country", ""),
                    "number": row.get("document_number", ""),
                }
            ]
        persons.append(person)
    data["persons"] = persons
    data["route"] = [
        {
            **{
                key: row.get(key) or ""
                for key in (
                    "from_country",
                    "from_place",
                    "to_country",
                    "to_place",
                    "transport_mode",
                    "crossing_type",
                    "crossing_point",
                    "fee_currency",
                )
            },
            "date": iso(row.get("date")),
            "fee_amount": str(row["fee_amount"]) if row.get("fee_amount") is not None else None,
        }
        for row in _filled(cleaned["route"])
    ]
    data["documents_used"] = [
        {
            "person": row["person_number"] - 1 if row.get("person_number") else None,
            "document_type": row["document_type"],
            "issuing_country": row.get("issuing_country"),
            "number": row.get("number", ""),
            "nature": row["nature"],
        }
        for row in _filled(cleaned["documents"])
    ]
    data["justice"] = [
        {"stage": row["stage"], "date": iso(row.get("date")), "note": row.get("note", "")}
        for row in _filled(cleaned["justice"])
    ]
    data["assistance"] = [
        {
            "assistance_type": row["assistance_type"],
            "date": iso(row.get("date")),
            "note": row.get("note", ""),
        }
        for row in _filled(cleaned["assistance"])
    ]
    return data


def steps_from_standard_format(document: dict) -> dict[str, object]:
    """Initial data of each step from a case as the owner reads it (for editing)."""
    persons = []
    for person in document["persons"]:
        first_document = person["documents"][0] if person["documents"] else {}
        persons.append(
            {
                "role": person["role"],
                "given_names": person["given_names"] or "",
                "first_surname": person["first_surname"] or "",
                "second_surname": person["second_surname"] or "",
                "sex": person["sex"],
                "birth_date": person["birth_date"],
                "age": person["age"],
                "nationality": (person["nationalities"] or [""])[0],
                "phones": "; ".join(person["phones"]),
                "document_type": first_document.get("document_type", ""),
                "document_issuing_country": first_document.get("issuing_country", ""),
                "document_number": first_document.get("number") or "",
            }
        )
    return {
        "record": {
            key: document[key]
            for key in (
                "reference",
                "reporting_agency",
                "date_identified",
                "date_reported",
                "case_type",
                "status",
                "handling_code",
                "summary",
            )
        },
        "persons": persons,
        "route": [dict(leg) for leg in document["route"]],
        "documents": [
            {
                "person_number": (document_used["person"] + 1)
                if document_used["person"] is not None
                else None,
                "document_type": document_used["document_type"],
                "issuing_country": document_used["issuing_country"],
                "number": document_used["number"] or "",
                "nature": document_used["nature"],
            }
            for document_used in document["documents_used"]
        ],
        "context": {
            **{
                key: document[key]
                for key in (
                    "exploitation_types",
                    "methods_of_control",
                    "recruitment_methods",
                    "modus_operandi_tags",
                    "modus_operandi_narrative",
                )
            },
            **document["group_incident"],
        },
        "justice": document["justice"],
        "assistance": document["assistance"],
    }
