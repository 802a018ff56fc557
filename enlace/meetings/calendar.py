"""A user's iCalendar feed: the meetings she may read and the deadlines of the tasks assigned
to her country or organization. Calendar programs fetch it without logging in, so its address
carries a secret token (`CalendarFeed`) the user can renew."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from .selectors import meeting_list, tasks_of


def calendar_for(user, *, domain: str = "enlace") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CRM//Enlace//ES")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Enlace")
    stamp = timezone.now()
    for meeting in meeting_list(actor=user)[:500]:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + timedelta(days=1))  # all-day: end is exclusive
        if meeting.city or meeting.country:
            event.add(
                "location",
                ", ".join(
                    part
                    for part in (meeting.city, meeting.country.name_es if meeting.country else "")
                    if part
                ),
            )
        calendar.add_component(event)
    for task in tasks_of(user)[:500]:
        event = Event()
        event.add("uid", f"task-{task.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", task.title)
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + timedelta(days=1))
        if task.agreement_id:
            event.add(
                "description",
                f"{task.agreement.meeting.title} — {task.agreement.number}."
                f" {task.agreement.text[:300]}",
            )
        calendar.add_component(event)
    return calendar.to_ical()
