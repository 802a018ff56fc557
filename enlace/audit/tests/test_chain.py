"""The audit trail is append-only and its SHA-256 chain detects any edit, deletion,
reordering or truncation, through `enlace audit verify` too."""

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from enlace.audit.admin import EventAdmin
from enlace.audit.models import AppendOnlyError, ChainHead, Event
from enlace.audit.services import chain_verify, record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(users):
    for n in range(5):
        record_event(
            actor=users["cr_liaison"],
            action="test.read",
            object_type="case",
            object_id=n,
            summary=f"read {n}",
            owner_country="CR",
        )
    return list(Event.objects.order_by("sequence"))


def raw(sql, params):
    table = Event._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)


def test_events_are_chained(chain):
    assert [event.sequence for event in chain] == [1, 2, 3, 4, 5]
    assert chain[0].prev_hash == "0" * 64
    for previous, event in itertools.pairwise(chain):
        assert event.prev_hash == previous.hash
    assert chain[0].actor_username == "cr-liaison" and chain[0].country == "CR"
    assert chain[0].organization_code == "CR-NLO"
    result = chain_verify()
    assert result.ok and result.checked == 5


def test_orm_cannot_change_or_delete_events(chain):
    event = chain[2]
    event.summary = "nothing happened"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(summary="x")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert chain_verify().ok


def test_admin_offers_no_way_to_add_change_or_delete(chain, rf, users):
    from django.contrib.admin.sites import site

    admin = EventAdmin(Event, site)
    request = rf.get("/")
    request.user = users["sysadmin"]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, chain[0])
    assert not admin.has_delete_permission(request, chain[0])


def test_an_edited_event_breaks_the_chain(chain):
    raw("UPDATE {table} SET summary = %s WHERE sequence = %s", ["nothing to see", 3])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 3
    assert "altered" in result.reason


def test_a_deleted_event_breaks_the_chain(chain):
    raw("DELETE FROM {table} WHERE sequence = %s", [2])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 2


def test_reordered_events_break_the_chain(chain):
    """Swap the contents of events 2 and 4 (hashes included)."""
    second, fourth = chain[1], chain[3]
    raw("UPDATE {table} SET sequence = %s WHERE id = %s", [1000, second.pk])
    raw("UPDATE {table} SET sequence = %s WHERE id = %s", [2, fourth.pk])
    raw("UPDATE {table} SET sequence = %s WHERE id = %s", [4, second.pk])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 2


def test_a_truncated_tail_is_detected(chain):
    raw("DELETE FROM {table} WHERE sequence = %s", [5])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 5
    assert ChainHead.objects.get().last_sequence == 5


def test_a_recomputed_forgery_fails_its_signature(chain):
    """Editing one event and fixing its own hash: without the audit key its signature cannot
    be fixed, so the forgery is found at the forged event itself."""
    forged = Event.objects.get(sequence=3)
    forged.summary = "forged"
    new_hash = forged.compute_hash()
    raw("UPDATE {table} SET summary = %s, hash = %s WHERE sequence = %s", ["forged", new_hash, 3])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 3
    assert "signature" in result.reason


def _rewrite_from(sequence: int, summary: str) -> None:
    """What someone with write access to the database but not the key can do: change an
    event and recompute every hash after it, and the chain head."""
    previous = Event.objects.get(sequence=sequence - 1).hash if sequence > 1 else "0" * 64
    for event in Event.objects.filter(sequence__gte=sequence).order_by("sequence"):
        if event.sequence == sequence:
            event.summary = summary
        event.prev_hash = previous
        event.hash = event.compute_hash()
        raw(
            "UPDATE {table} SET summary = %s, prev_hash = %s, hash = %s WHERE sequence = %s",
            [event.summary, event.prev_hash, event.hash, event.sequence],
        )
        previous = event.hash
    ChainHead.objects.filter(pk=1).update(last_hash=previous)


def test_a_whole_rewritten_chain_without_the_key_is_caught(chain):
    _rewrite_from(2, "nothing to see")
    # the hashes alone now agree from end to end ...
    events = list(Event.objects.order_by("sequence"))
    assert all(event.compute_hash() == event.hash for event in events)
    assert all(a.hash == b.prev_hash for a, b in itertools.pairwise(events))
    # ... but the signatures do not
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 2 and "signature" in result.reason


def test_a_truncated_tail_with_a_recomputed_head_is_caught(chain):
    raw("DELETE FROM {table} WHERE sequence >= %s", [4])
    ChainHead.objects.filter(pk=1).update(last_sequence=3, last_hash=chain[2].hash)
    result = chain_verify()
    assert not result.ok and "chain head" in result.reason


def test_a_checkpoint_catches_a_rewrite_even_by_someone_holding_the_key(chain, tmp_path, settings):
    from enlace.audit.services import checkpoint_write
    from enlace.core.crypto import audit_mac

    settings.ENLACE_AUDIT_CHECKPOINT_DIR = tmp_path
    point, path = checkpoint_write()
    assert point["sequence"] == 5 and path.exists()
    assert chain_verify().ok
    _rewrite_from(2, "rewritten with the key")
    for event in Event.objects.filter(sequence__gte=2):  # and re-signed, with the key
        raw(
            "UPDATE {table} SET mac = %s WHERE sequence = %s",
            [audit_mac(Event.mac_message(event.hash)), event.sequence],
        )
    head = ChainHead.objects.get(pk=1)
    ChainHead.objects.filter(pk=1).update(
        mac=audit_mac(ChainHead.mac_message(head.last_sequence, head.last_hash))
    )
    assert chain_verify(checkpoints=[]).ok  # nothing but the checkpoint can tell
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 5 and "checkpoint" in result.reason


def test_an_altered_checkpoint_or_a_vanished_tail_is_caught(chain, tmp_path, settings):
    import json

    from enlace.audit.services import checkpoint_write

    settings.ENLACE_AUDIT_CHECKPOINT_DIR = tmp_path
    point, path = checkpoint_write()
    path.write_text(json.dumps({**point, "hash": chain[0].hash}))
    assert "checkpoint" in chain_verify().reason
    path.write_text(json.dumps(point))
    raw("DELETE FROM {table} WHERE sequence >= %s", [5])
    ChainHead.objects.all().delete()
    result = chain_verify()
    assert not result.ok and "checkpoint records #5" in result.reason


def test_audit_keys_rotate(chain, settings):
    from enlace.core import crypto

    old = settings.ENLACE_AUDIT_KEYS
    settings.ENLACE_AUDIT_KEYS = crypto.new_key_line("audit-t2") + "," + old
    crypto.keyring.cache_clear()
    try:
        record_event(actor=None, action="test.after_rotation")
        assert Event.objects.get(action="test.after_rotation").mac.startswith("audit-t2:")
        assert chain_verify().ok  # old events verify under the old key, still listed
        settings.ENLACE_AUDIT_KEYS = settings.ENLACE_AUDIT_KEYS.split(",")[0]
        crypto.keyring.cache_clear()
        result = chain_verify()
        assert not result.ok and "not configured" in result.reason
    finally:
        settings.ENLACE_AUDIT_KEYS = old
        crypto.keyring.cache_clear()


def test_checkpoint_command_writes_and_verify_reads_it(chain, tmp_path, capsys):
    import json

    call_command("audit", "checkpoint", "--dir", str(tmp_path), "--json")
    written = json.loads(capsys.readouterr().out)
    assert written["sequence"] == 5 and (tmp_path / written["file"].split("/")[-1]).exists()
    call_command("audit", "verify", "--dir", str(tmp_path), "--json")
    assert json.loads(capsys.readouterr().out)["checkpoints"] == 1
    raw("UPDATE {table} SET mac = %s WHERE sequence = %s", ["audit-t1:00", 2])
    with pytest.raises(CommandError, match="#2"):
        call_command("audit", "verify", "--dir", str(tmp_path))


def test_verify_command_exit_status(chain, capsys):
    call_command("audit", "verify")
    assert "5 eventos verificados" in capsys.readouterr().out
    raw("UPDATE {table} SET action = %s WHERE sequence = %s", ["x", 4])
    with pytest.raises(CommandError, match="#4"):
        call_command("audit", "verify")


def test_verify_cli_exits_non_zero_naming_the_event(chain):
    """Through the real `enlace` entry point: exit status and one-line error."""
    from django.core.management import execute_from_command_line

    raw("UPDATE {table} SET object_id = %s WHERE sequence = %s", ["99", 1])
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["enlace", "audit", "verify"])
    assert exit_info.value.code != 0


def test_request_context_is_recorded(users, login, client):
    client.post(
        "/accounts/login/",
        {"username": "cr-liaison", "password": "wrong"},
        headers={"X-Request-ID": "req-123"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = Event.objects.get(action="auth.login_failed")
    assert event.request_id == "req-123" and event.ip == "10.1.2.3"
    assert event.actor_username == "cr-liaison"


def test_a_deployment_with_data_keys_but_no_audit_key_fails_its_check(settings):
    from enlace.accounts.checks import audit_key_with_the_data_keys
    from enlace.core import crypto

    assert audit_key_with_the_data_keys(None) == []
    old = settings.ENLACE_AUDIT_KEYS
    settings.ENLACE_AUDIT_KEYS = ""
    crypto.keyring.cache_clear()
    try:
        assert [error.id for error in audit_key_with_the_data_keys(None)] == ["enlace.E005"]
    finally:
        settings.ENLACE_AUDIT_KEYS = old
        crypto.keyring.cache_clear()
