"""Writing and verifying the audit trail. Every capability records through `record_event`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from enlace.accounts.actors import Actor
from enlace.core.crypto import audit_mac, audit_mac_check

from . import context
from .models import GENESIS_HASH, ChainHead, Event


def _describe_actor(actor: Actor) -> tuple[int | None, str, str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "", "", ""
    organization = actor.organization if getattr(actor, "organization_id", None) else None
    country = organization.country_id if organization else getattr(actor, "country_id", "")
    return (
        actor.pk,
        actor.get_username(),
        organization.code if organization else "",
        country or "",
    )


def record_event(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    owner_country: str | None = None,
    username: str = "",
) -> Event:
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
        event.mac = audit_mac(Event.mac_message(event.hash))
        event.save()
        ChainHead.objects.filter(pk=head.pk).update(
            last_sequence=event.sequence,
            last_hash=event.hash,
            mac=audit_mac(ChainHead.mac_message(event.sequence, event.hash)),
        )
    return event


SUMMARY_LENGTH = Event._meta.get_field("summary").max_length


def ids_summary(ids: list, *, limit: int = SUMMARY_LENGTH, prefix: str = "") -> str:
    """`prefix` then "N ids: 1, 2, 3" within `limit` characters; ids that do not fit are
    counted ("... +K more") so the summary always says how many records were read."""
    head = f"{prefix}{len(ids)} ids: "
    shown: list[str] = []
    for position, value in enumerate(ids):
        rest = len(ids) - position - 1
        tail = f" ... +{rest} more" if rest else ""
        candidate = ", ".join([*shown, str(value)])
        if len(head) + len(candidate) + len(tail) > limit:
            return f"{head}{', '.join(shown)} ... +{len(ids) - len(shown)} more"[:limit]
        shown.append(str(value))
    return f"{head}{', '.join(shown)}"[:limit]


def record_list_read(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    records: Iterable[tuple[str | int, str | None]],
    summary: str = "",
) -> list[Event]:
    """Audit one read of many records (a list page, a list API answer, an export):
    `records` are (id, owner country) pairs. One event per owner country, holding that
    country's ids (object_id "list"), so each owner's auditor sees who read her records; a
    read that returned nothing is one event without an owner."""
    by_owner: dict[str, list] = {}
    for record_id, owner in records:
        by_owner.setdefault(owner or "", []).append(record_id)
    prefix = f"{summary}; " if summary else ""
    if not by_owner:
        return [
            record_event(
                actor=actor,
                action=action,
                object_type=object_type,
                object_id="list",
                summary=f"{prefix}0 ids",
            )
        ]
    return [
        record_event(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id="list",
            owner_country=owner or None,
            summary=ids_summary(ids, prefix=prefix),
        )
        for owner, ids in sorted(by_owner.items())
    ]


def record_page_read(
    *,
    actor: Actor,
    action: str,
    model: type[models.Model],
    records: Iterable[models.Model],
    summary: str = "",
) -> list[Event]:
    """`record_list_read` for shareable records of `model` (a page of a list)."""
    return record_list_read(
        actor=actor,
        action=action,
        object_type=model._meta.label_lower,
        records=[(record.pk, record.owner_country_id) for record in records],
        summary=summary,
    )


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_sequence: int | None = None
    reason: str = ""


def chain_verify(checkpoints: list[dict] | None = None) -> VerifyResult:
    """Recompute every hash in order and check every signature. The first event whose
    content, position, link to its predecessor or signature does not match is reported; a
    missing tail is caught against the (signed) chain head and against every checkpoint, a
    rewritten past against the checkpoints (`checkpoint_write`; by default every file in
    ENLACE_AUDIT_CHECKPOINT_DIR)."""
    if checkpoints is None:
        checkpoints = checkpoints_stored()
    for checkpoint in checkpoints:
        problem = _checkpoint_problem(checkpoint)
        if problem:
            return VerifyResult(False, 0, checkpoint.get("sequence"), problem)
    expected = {int(point["sequence"]): point["hash"] for point in checkpoints}
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in Event.objects.order_by("sequence").iterator(chunk_size=2000):
        if event.sequence != expected_sequence:
            return VerifyResult(
                False,
                checked,
                expected_sequence,
                f"event #{expected_sequence} is missing (next is #{event.sequence})",
            )
        if event.prev_hash != previous_hash:
            return VerifyResult(
                False,
                checked,
                event.sequence,
                f"event #{event.sequence} does not follow its predecessor",
            )
        if event.compute_hash() != event.hash:
            return VerifyResult(
                False, checked, event.sequence, f"event #{event.sequence} was altered"
            )
        problem = audit_mac_check(Event.mac_message(event.hash), event.mac)
        if problem:
            return VerifyResult(
                False, checked, event.sequence, f"event #{event.sequence}: {problem}"
            )
        if expected.get(event.sequence, event.hash) != event.hash:
            return VerifyResult(
                False,
                checked,
                event.sequence,
                f"event #{event.sequence} differs from the checkpoint taken "
                f"of it: the trail was rewritten",
            )
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.last_sequence != checked or head.last_hash != previous_hash):
        return VerifyResult(
            False,
            checked,
            checked + 1,
            f"events after #{checked} are missing (the chain head records #{head.last_sequence})",
        )
    if head and head.last_sequence:
        problem = audit_mac_check(
            ChainHead.mac_message(head.last_sequence, head.last_hash), head.mac
        )
        if problem:
            return VerifyResult(False, checked, head.last_sequence, f"chain head: {problem}")
    beyond = [sequence for sequence in expected if sequence > checked]
    if beyond:
        return VerifyResult(
            False,
            checked,
            checked + 1,
            f"events after #{checked} are missing (a checkpoint records #{max(beyond)})",
        )
    return VerifyResult(True, checked)


# --- checkpoints: the chain head, signed, kept outside the database ------------------------


def _checkpoint_message(sequence: int, hash_: str, taken_at: str) -> str:
    return f"checkpoint\x00{sequence}\x00{hash_}\x00{taken_at}"


def checkpoint_take() -> dict:
    """The chain head as a signed record for a file or an external notary: whoever keeps it
    can later prove that history up to that event was not rewritten, even by someone who
    holds the audit key."""
    head = ChainHead.objects.filter(pk=1).first()
    sequence, hash_ = (head.last_sequence, head.last_hash) if head else (0, GENESIS_HASH)
    taken_at = timezone.now().isoformat(timespec="seconds")
    return {
        "sequence": sequence,
        "hash": hash_,
        "taken_at": taken_at,
        "mac": audit_mac(_checkpoint_message(sequence, hash_, taken_at)),
    }


def checkpoint_write(directory: Path | None = None) -> tuple[dict, Path]:
    directory = Path(directory or settings.ENLACE_AUDIT_CHECKPOINT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    point = checkpoint_take()
    stamp = point["taken_at"][:19].replace(":", "")
    path = directory / f"audit-{point['sequence']:012d}-{stamp}.json"
    path.write_text(json.dumps(point, sort_keys=True) + "\n")
    return point, path


def checkpoints_stored(directory: Path | None = None) -> list[dict]:
    directory = Path(directory or settings.ENLACE_AUDIT_CHECKPOINT_DIR)
    if not directory.is_dir():
        return []
    points = []
    for path in sorted(directory.glob("audit-*.json")):
        try:
            points.append(json.loads(path.read_text()))
        except (OSError, ValueError):
            points.append({"sequence": None, "problem": f"{path.name} cannot be read"})
    return points


def _checkpoint_problem(point: dict) -> str:
    if point.get("problem"):
        return point["problem"]
    try:
        message = _checkpoint_message(
            int(point["sequence"]), str(point["hash"]), str(point["taken_at"])
        )
    except (KeyError, TypeError, ValueError):
        return "a checkpoint is incomplete"
    problem = audit_mac_check(message, str(point.get("mac", "")))
    return f"checkpoint #{point['sequence']}: {problem}" if problem else ""
