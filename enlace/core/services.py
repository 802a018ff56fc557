"""Writes of reference data kept by the Technical Secretariat."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from enlace.accounts.actors import Actor
from enlace.audit.services import record_event

from .models import Country, ProTemporePresidency
from .permissions import check_presidency_assign


@transaction.atomic
def presidency_assign(
    *, actor: Actor, country: Country, start_date: date, end_date: date | None
) -> ProTemporePresidency:
    """Assign the pro-tempore presidency to a member state for a period that overlaps no other."""
    check_presidency_assign(actor)
    if not country.member_state:
        raise ValidationError({"country": _("Only a member state holds the presidency.")})
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    overlapping = ProTemporePresidency.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if overlapping.exists():
        raise ValidationError(
            _("This period overlaps the presidency of %(country)s.")
            % {"country": overlapping.first().country}
        )
    presidency = ProTemporePresidency.objects.create(
        country=country, start_date=start_date, end_date=end_date
    )
    record_event(
        actor=actor,
        action="core.presidency_assign",
        obj=presidency,
        summary=f"{country.iso2} {start_date}..{end_date or ''}",
    )
    return presidency
