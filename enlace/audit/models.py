"""The append-only, hash-chained audit trail."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event through the ORM."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("audit events are written one by one through audit.services")


class Event(models.Model):
    """One thing that happened: who (actor, organization, country), did what (action) to which
    object, from where (IP, request id) and when. `hash` is SHA-256 over the canonical content
    and the previous event's hash, so any edit, deletion or reordering breaks the chain."""

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    # No foreign-key constraint: the trail outlives users and must never be cascaded.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("user"), max_length=150, blank=True)
    organization_code = models.CharField(_("organization"), max_length=32, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    owner_country = models.CharField(_("owner country"), max_length=2, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC of the hash under the audit key ("<key id>:<hex>"): without the key, an edited
    # event cannot be given a valid signature even if its chain is recomputed.
    mac = models.CharField(_("signature"), max_length=100, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def canonical_content(self) -> bytes:
        """The exact bytes the hash covers (sorted keys, UTC microsecond timestamps)."""
        from datetime import UTC

        content = {
            "sequence": self.sequence,
            "created_at": self.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "organization_code": self.organization_code,
            "country": self.country,
            "owner_country": self.owner_country,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "ip": self.ip,
            "request_id": self.request_id,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(
            content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical_content()).hexdigest()

    @staticmethod
    def mac_message(hash_: str) -> str:
        return f"event\x00{hash_}"


class ChainHead(models.Model):
    """The single row holding the last sequence and hash; locked while appending so events are
    chained in order, and compared by `verify` so a truncated tail is detected too."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    mac = models.CharField(max_length=100, blank=True)  # over sequence and hash

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"

    @staticmethod
    def mac_message(sequence: int, hash_: str) -> str:
        return f"head\x00{sequence}\x00{hash_}"
