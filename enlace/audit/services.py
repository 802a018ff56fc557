"""Writing and verifying the audit trail. Every capability records through `record_event`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from enlace.accounts.actors import Actor

from . import context
from .models import GENESIS_HASH, ChainHead, Event


def _describe_actor(actor: Actor) -> tuple[int | None, str, str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "", "", ""
    organization = actor.organization if getattr(actor, "organization_id", None) else None
    country = (organization.country_id if organization else getattr(actor, "country_id", ""))
    return (actor.pk, actor.get_username(), organization.code if organization else "",
            country or "")


def record_event(*, actor: Actor, action: str, obj: models.Model | None = None,
                 object_type: str = "", object_id: str | int = "", summary: str = "",
                 owner_country: str | None = None, username: str = "") -> Event:
    """Append one event to the chain, inside the caller's transaction when there is one.

    `obj` fills object type/id and, for shareable records, the owner country, so the owner's
    auditor sees reads of her country's records by others."""
    actor_id, actor_username, organization_code, country = _describe_actor(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        owner_country = owner_country or getattr(obj, "owner_country_id", None)
    request = context.current()
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = Event(
            sequence=head.last_sequence + 1,
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_username=actor_username or username[:150],
            organization_code=organization_code,
            country=country,
            owner_country=owner_country or "",
            action=action,
            object_type=object_type,
            object_id=str(object_id)[:64],
            summary=str(summary)[:500],
            ip=request.ip,
            request_id=request.request_id,
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        ChainHead.objects.filter(pk=head.pk).update(last_sequence=event.sequence,
                                                    last_hash=event.hash)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_sequence: int | None = None
    reason: str = ""


def chain_verify() -> VerifyResult:
    """Recompute every hash in order. The first event whose content, position or link to its
    predecessor does not match is reported; a missing tail is caught against the chain head."""
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in Event.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return VerifyResult(False, checked, expected_sequence,
                                f"event #{expected_sequence} is missing "
                                f"(next is #{event.sequence})")
        if event.prev_hash != previous_hash:
            return VerifyResult(False, checked, event.sequence,
                                f"event #{event.sequence} does not follow its predecessor")
        if event.compute_hash() != event.hash:
            return VerifyResult(False, checked, event.sequence,
                                f"event #{event.sequence} was altered")
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.last_sequence != checked or head.last_hash != previous_hash):
        return VerifyResult(False, checked, checked + 1,
                            f"events after #{checked} are missing "
                            f"(the chain head records #{head.last_sequence})")
    return VerifyResult(True, checked)
