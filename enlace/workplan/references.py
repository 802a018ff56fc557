"""Which meeting agreement a work-plan reference cites, when the meetings app holds it.

The plan cites decisions as "p. 4, CRM, Inf. Red Trata, abril, 2007": the point ("p.", "pf.",
"pto."), the body and kind of document (the network's report "Inf. Red Trata", the GRCM's,
the CRM's conclusions or declaration) and the month. A reference is linked only when exactly
one meeting of that kind took place that month and it has an agreement with that number: a
wrong link would send a reader to the wrong decision, no link only leaves the text.

The meetings app is reached by its label, as the Reference model's foreign key reaches it: the
work plan imports nothing of that app."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from enlace.core.documents.dates import find_month_years
from enlace.core.documents.text import fold

_POINT = re.compile(r"^\s*(?:p|pf|pto|punto|parr|par|para|paragraph)\s*\.?\s*(\d{1,3})\b")
_NETWORK = re.compile(r"\bred\b|\binf\.?\s+de\s+trata\b|\bnetwork\b")
_GRCM = re.compile(r"\bgrcm\b|\brcgm\b")
_CRM = re.compile(r"\bcrm\b|\brcm\b")
# Values of meetings.models.MeetingKind: the body whose document a reference cites.
KIND_NETWORK, KIND_GRCM, KIND_VICEMINISTERIAL = "network", "grcm", "viceministerial"


def cited(text: str) -> tuple[str, int, int, str] | None:
    """(meeting kind, year, month, point number) a reference cites, or None."""
    folded = fold(text)
    point = _POINT.match(folded)
    months = find_month_years(text)
    if not point or not months:
        return None
    if _NETWORK.search(folded):
        kind = KIND_NETWORK
    elif _GRCM.search(folded):
        kind = KIND_GRCM
    elif _CRM.search(folded):
        kind = KIND_VICEMINISTERIAL
    else:
        return None
    month = months[0][0]
    return kind, month.year, month.month, point.group(1)


@dataclass
class AgreementFinder:
    """Looks agreements up once per (kind, month, number) while a plan is written."""

    _cache: dict[tuple[str, int, int, str], Any] = field(default_factory=dict)

    def __call__(self, text: str) -> Any:
        """The cited `meetings.Agreement`, or None."""
        key = cited(text)
        if key is None:
            return None
        if key not in self._cache:
            kind, year, month, number = key
            meeting_model = apps.get_model("meetings", "Meeting")
            agreement_model = apps.get_model("meetings", "Agreement")
            meetings = list(
                meeting_model.objects.filter(
                    kind=kind, start_date__year=year, start_date__month=month
                ).values_list("pk", flat=True)[:2]
            )
            self._cache[key] = (
                agreement_model.objects.filter(meeting_id=meetings[0], number=number).first()
                if len(meetings) == 1
                else None
            )
        return self._cache[key]
