"""Meetings as iCalendar: one weekly recurring event per meeting, on its own zone's clock (TZID
and VTIMEZONE), so that calendar apps keep it at the same local time across daylight saving.

A calendar is often seen by others (a family calendar, a shared work one, a phone's lock
screen), so by default an event says only when and where: a neutral title, the address, how to
join online. The meeting's name, fellowship, place name, notes and page link go in only when the
parent asks for its details."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Alarm, Calendar, Event, vRecur

from . import schedule
from .models import Meeting

PRODID = "-//Village//Meeting finder//EN"
ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # Village counts from Sunday too
# VTIMEZONE definitions cover the years a calendar app may show without fetching it again.
ZONE_YEARS_AHEAD = 10
# Translators: the title a calendar event has when it must not say which meeting it is.
NEUTRAL_TITLE = gettext_lazy("Meeting")
# A title the parent types: enough for "Coffee with Sam", short enough for a phone's calendar.
TITLE_MAX_LENGTH = 60
# Minutes before a meeting that its reminder may go off (None: no reminder).
REMINDER_CHOICES = (None, 15, 30, 60)
DEFAULT_REMINDER_MINUTES = 30


@dataclass(frozen=True)
class Privacy:
    """What a calendar tells whoever sees it: neutral unless the parent asked for `details`;
    `title` is the parent's own name for the events (and the calendar)."""

    details: bool = False
    title: str = ""
    # How long before each start the calendar app reminds the parent (None: not at all).
    reminder_minutes: int | None = DEFAULT_REMINDER_MINUTES

    @classmethod
    def chosen(cls, *, details: bool, title: str,
               reminder_minutes: int | None = DEFAULT_REMINDER_MINUTES) -> Privacy:
        """The parent's choices, the typed title made one short line."""
        title = " ".join("".join(c if c.isprintable() else " " for c in title).split())
        return cls(details=details, title=title[:TITLE_MAX_LENGTH].rstrip(),
                   reminder_minutes=reminder_minutes)

    def event_title(self, meeting: Meeting) -> str:
        # In the language of the request that builds the calendar.
        return self.title or (meeting.name if self.details else str(NEUTRAL_TITLE))

    def calendar_name(self, detailed: str, neutral: str) -> str:
        return self.title or (detailed if self.details else neutral)


NEUTRAL = Privacy()


def first_start(meeting: Meeting, since: date) -> datetime:
    """The meeting's first start on or after `since`, on its own clock."""
    day = since + timedelta(days=(meeting.weekday - schedule.Weekday.of(since)) % 7)
    return schedule.localize(day, meeting.start_time, meeting.tzinfo)


def meeting_event(meeting: Meeting, *, now: datetime, page_url: str = "",
                  privacy: Privacy = NEUTRAL, notes: Iterable[str] = ()) -> Event:
    # The page's link names the meeting (its slug) and this site: a detail like any other.
    page_url = page_url if privacy.details else ""
    tz = meeting.tzinfo
    # From the week the meeting was listed, so that the series does not move every download.
    listed = (meeting.created or now).astimezone(tz).date()
    start = first_start(meeting, listed)
    # The end on the same wall clock (the next day when it passes midnight).
    end_day = start.date() + timedelta(days=1 if meeting.end_time <= meeting.start_time else 0)
    event = Event.new(
        uid=f"meeting-{meeting.pk}@village",
        summary=privacy.event_title(meeting),
        start=start,
        end=schedule.localize(end_day, meeting.end_time, tz),
        stamp=now.astimezone(UTC),
        last_modified=meeting.updated.astimezone(UTC) if meeting.updated else None,
        location=where(meeting, privacy) or None,
        description=description(meeting, page_url, privacy, notes) or None,
        url=page_url or None,
    )
    event.add("rrule", vRecur(freq="WEEKLY", byday=ICAL_DAYS[meeting.weekday]))
    if privacy.reminder_minutes:
        event.add_component(reminder(privacy.event_title(meeting), privacy.reminder_minutes))
    return event


def reminder(title: str, minutes: int) -> Alarm:
    """A reminder `minutes` before each start, shown with the event's own (neutral) title."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def where(meeting: Meeting, privacy: Privacy = NEUTRAL) -> str:
    """The address (needed to get there); the place's name, which may name the group ("St.
    Mary's Hall AA"), only with the details."""
    if meeting.meets_in_person:
        name = meeting.location_name if privacy.details else ""
        return ", ".join(part for part in (name, meeting.address) if part)
    return meeting.conference_url or meeting.conference_phone


def description(meeting: Meeting, page_url: str, privacy: Privacy = NEUTRAL,
                notes: Iterable[str] = ()) -> str:
    """What an event says beyond its title; `notes` (a coach's, shown with the details) come
    after the meeting's own."""
    lines = [meeting.get_fellowship_display()] if privacy.details else []
    if meeting.can_join_online:
        if meeting.conference_url:
            # Translators: a line of a calendar event's description, before the meeting's link.
            lines.append(_("Join online: %(url)s") % {"url": meeting.conference_url})
        if meeting.conference_phone:
            # Translators: a line of a calendar event's description, before the number to dial.
            lines.append(_("By phone: %(phone)s") % {"phone": meeting.conference_phone})
    if meeting.notes and privacy.details:
        lines += ["", meeting.notes]
    if privacy.details:
        lines += [line for note in notes for line in ("", note)]
    if page_url:
        # Translators: the last line of a calendar event's description, before the link to the
        # meeting's page.
        lines += ["", _("Details: %(url)s") % {"url": page_url}]
    return "\n".join(lines)


def calendar_for(meetings: Iterable[Meeting], name: str, *, now: datetime | None = None,
                 page_url: Callable[[Meeting], str] | None = None,
                 privacy: Privacy = NEUTRAL,
                 notes: Callable[[Meeting], Iterable[str]] | None = None) -> Calendar:
    """A calendar called `name` of these meetings, each a weekly event in its own time zone,
    telling what `privacy` allows.

    `page_url(meeting)` gives the link for each event and `notes(meeting)` its coaches' notes
    (both used only with the details); a collection, a search result set or one meeting all
    come through here.
    """
    now = now or timezone.now()
    calendar = Calendar.new(name=name, prodid=PRODID)
    events = [meeting_event(meeting, now=now, page_url=page_url(meeting) if page_url else "",
                            privacy=privacy, notes=notes(meeting) if notes else ())
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
