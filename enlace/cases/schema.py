"""The OpenAPI document of the Standard Format: in answers, a field of a group the owner's law
profile withholds is null (`case_as_standard_format`), so those fields are nullable there.
Requests keep the plain schema. Registered by importing this module (cases.api does)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension

from .services import PERSON_GROUP_FIELDS

PERSON_WITHHELD = tuple(field for fields in PERSON_GROUP_FIELDS.values() for field in fields)


class _WithheldFieldsExtension(OpenApiSerializerExtension):
    withheld: tuple[str, ...] = ()

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "response":
            for name in self.withheld:
                if name in schema.get("properties", {}):
                    schema["properties"][name]["nullable"] = True
        return schema


class PersonWithheldExtension(_WithheldFieldsExtension):
    target_class = "enlace.cases.serializers.PersonSerializer"
    withheld = PERSON_WITHHELD


class IdentityDocumentWithheldExtension(_WithheldFieldsExtension):
    target_class = "enlace.cases.serializers.IdentityDocumentSerializer"
    withheld = ("number",)


class DocumentUsedWithheldExtension(_WithheldFieldsExtension):
    target_class = "enlace.cases.serializers.DocumentUsedSerializer"
    withheld = ("number",)
