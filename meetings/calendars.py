"""Meetings as iCalendar: one weekly recurring event per meeting, on its own zone's clock (TZID
and VTIMEZONE), so that calendar apps keep it at the same local time across daylight saving."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from . import schedule
from .models import Meeting

PRODID = "-//Village//Meeting finder//EN"
ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # Village counts from Sunday too
# VTIMEZONE definitions cover the years a calendar app may show without fetching it again.
ZONE_YEARS_AHEAD = 10


def first_start(meeting: Meeting, since: date) -> datetime:
    """The meeting's first start on or after `since`, on its own clock."""
    day = since + timedelta(days=(meeting.weekday - schedule.Weekday.of(since)) % 7)
    return schedule.localize(day, meeting.start_time, meeting.tzinfo)


def meeting_event(meeting: Meeting, *, now: datetime, page_url: str = "") -> Event:
    tz = meeting.tzinfo
    # From the week the meeting was listed, so that the series does not move every download.
    listed = (meeting.created or now).astimezone(tz).date()
    start = first_start(meeting, listed)
    # The end on the same wall clock (the next day when it passes midnight).
    end_day = start.date() + timedelta(days=1 if meeting.end_time <= meeting.start_time else 0)
    event = Event.new(
        uid=f"meeting-{meeting.pk}@village",
        summary=meeting.name,
        start=start,
        end=schedule.localize(end_day, meeting.end_time, tz),
        stamp=now.astimezone(UTC),
        last_modified=meeting.updated.astimezone(UTC) if meeting.updated else None,
        location=where(meeting) or None,
        description=description(meeting, page_url) or None,
        url=page_url or None,
    )
    event.add("rrule", vRecur(freq="WEEKLY", byday=ICAL_DAYS[meeting.weekday]))
    return event


def where(meeting: Meeting) -> str:
    if meeting.meets_in_person:
        return ", ".join(part for part in (meeting.location_name, meeting.address) if part)
    return meeting.conference_url or meeting.conference_phone


def description(meeting: Meeting, page_url: str) -> str:
    lines = [meeting.get_fellowship_display()]
    if meeting.can_join_online:
        if meeting.conference_url:
            lines.append(f"Join online: {meeting.conference_url}")
        if meeting.conference_phone:
            lines.append(f"By phone: {meeting.conference_phone}")
    if meeting.notes:
        lines += ["", meeting.notes]
    if page_url:
        lines += ["", f"Details: {page_url}"]
    return "\n".join(lines)


def calendar_for(meetings: Iterable[Meeting], name: str, *, now: datetime | None = None,
                 page_url: Callable[[Meeting], str] | None = None) -> Calendar:
    """A calendar of these meetings, each a weekly event in its own time zone.

    `page_url(meeting)` gives the link for each event; a collection, a search result set or one
    meeting all come through here.
    """
    now = now or timezone.now()
    calendar = Calendar.new(name=name, prodid=PRODID)
    events = [meeting_event(meeting, now=now, page_url=page_url(meeting) if page_url else "")
              for meeting in meetings]
    for event in events:
        calendar.add_component(event)
    if events:
        first = min(event.start for event in events).date()
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=1),
            last_date=date(now.year + ZONE_YEARS_AHEAD, 12, 31))
    return calendar


def ics_bytes(calendar: Calendar) -> bytes:
    return calendar.to_ical()
