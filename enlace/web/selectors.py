"""What each role's home dashboard shows. Content figures go through the capabilities' own
selectors (and so through the access policy); this module only assembles them."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from enlace.access.models import LawProfile
from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import USER_MANAGER_ROLES
from enlace.accounts.selectors import user_list
from enlace.audit.permissions import AUDIT_READERS
from enlace.audit.selectors import event_list
from enlace.audit.services import chain_verify
from enlace.core.jobs import job_redact
from enlace.core.models import Country, Job, Organization, ProTemporePresidency
from enlace.directory.permissions import COUNTRY_EDITORS
from enlace.directory.selectors import contacts_to_confirm
from enlace.meetings.permissions import MEETING_READERS
from enlace.meetings.selectors import tasks_of

from .permissions import ORGANIZATION_PANEL_ROLES


def dashboard_for(user) -> dict:
    context: dict = {
        "presidency": ProTemporePresidency.current(),
        "member_states": Country.objects.filter(member_state=True).order_by("iso2"),
        "recent_jobs": [job_redact(user, job) for job in job_list(actor=user)[:5]],
        "today": date.today(),
    }
    if user.country_id:
        context["law_profile"] = LawProfile.objects.filter(country_id=user.country_id).first()
    if user.role in USER_MANAGER_ROLES:
        users = user_list(actor=user)
        enrolled = TOTPDevice.objects.filter(confirmed=True).values("user_id")
        context["user_counts"] = users.aggregate(
            total=Count("pk"),
            active=Count("pk", filter=Q(is_active=True)),
            without_two_factor=Count("pk", filter=~Q(pk__in=enrolled)),
        )
        context["users_by_role"] = [
            (Role(row["role"]).label, row["n"])
            for row in users.values("role").annotate(n=Count("pk")).order_by("role")
        ]
    if user.role in AUDIT_READERS:
        events = event_list(actor=user)
        context["audit_recent"] = events[:10]
        context["audit_failed_logins"] = events.filter(action="auth.login_failed").count()
        context["audit_chain"] = chain_verify()
    if user.role in COUNTRY_EDITORS and user.country_id:
        context["contacts_to_confirm"] = contacts_to_confirm(user.country_id).count()
    if user.role in MEETING_READERS:
        context["tasks_due"] = list(tasks_of(user, within_days=90)[:8])
    if user.role in ORGANIZATION_PANEL_ROLES:
        context["organizations"] = Organization.objects.exclude(kind="national_office")
    return context


def job_list(*, actor: Actor):
    """Jobs a user may follow: her own (the platform administrator: all, without content)."""
    if not getattr(actor, "is_authenticated", False):
        return Job.objects.none()
    jobs = Job.objects.select_related("created_by")  # job_redact reads the creator
    if actor.role == Role.SYSADMIN:
        return jobs.all()
    return jobs.filter(created_by=actor)
