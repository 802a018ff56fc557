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
        record_event(actor=users["cr_liaison"], action="test.read", object_type="case",
                     object_id=n, summary=f"read {n}", owner_country="CR")
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


def test_a_recomputed_forgery_still_breaks_at_the_next_event(chain):
    """Editing one event and fixing its own hash leaves the next event pointing at the old
    hash, so the forgery is found one step later."""
    forged = Event.objects.get(sequence=3)
    forged.summary = "forged"
    new_hash = forged.compute_hash()
    raw("UPDATE {table} SET summary = %s, hash = %s WHERE sequence = %s",
        ["forged", new_hash, 3])
    result = chain_verify()
    assert not result.ok and result.broken_sequence == 4


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
    client.post("/accounts/login/", {"username": "cr-liaison", "password": "wrong"},
                headers={"X-Request-ID": "req-123"}, REMOTE_ADDR="10.1.2.3")
    event = Event.objects.get(action="auth.login_failed")
    assert event.request_id == "req-123" and event.ip == "10.1.2.3"
    assert event.actor_username == "cr-liaison"
