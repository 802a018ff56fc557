from django.db import models

from enlace.access.models import Shareable
from enlace.core.fields import EncryptedDateField, EncryptedTextField


class Specimen(Shareable):
    """A test-only shareable record with one field in three sensitive groups."""

    SENSITIVE_FIELDS = {"names": ["name"], "birth_dates": ["birth_date"], "phones": ["phone"]}

    title = models.CharField(max_length=100)
    name = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    # encrypted at rest, as persons' identities are in real capabilities
    secret_name = EncryptedTextField(blank=True)
    secret_birth_date = EncryptedDateField(blank=True, null=True)
    document_index = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.title
