"""Model fields whose values are encrypted at rest (see enlace.core.crypto)."""

from __future__ import annotations

import json
from datetime import date

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext bound to its column. Not searchable or orderable in
    SQL: use a blind-index column for exact lookups."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.crypto_context = f"{cls._meta.label_lower}.{name}"

    def to_plain(self, value):
        return value

    def from_plain(self, text: str):
        return text

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return self.from_plain(crypto.decrypt(value, context=self.crypto_context))

    def get_prep_value(self, value):
        if value is None or value == "":
            return value
        return crypto.encrypt(str(self.to_plain(value)), context=self.crypto_context)


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (ISO 8601 inside the ciphertext)."""

    def to_plain(self, value):
        return value.isoformat() if isinstance(value, date) else value

    def from_plain(self, text: str):
        return date.fromisoformat(text)

    def to_python(self, value):
        if isinstance(value, str) and value:
            return date.fromisoformat(value)
        return value

    def formfield(self, **kwargs):
        from django import forms

        return forms.DateField(**{"required": not self.blank, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """A JSON value stored encrypted (compact JSON inside the ciphertext)."""

    def to_plain(self, value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def from_plain(self, text: str):
        return json.loads(text)


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
