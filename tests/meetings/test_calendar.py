"""iCalendar downloads: weekly events on the meeting's own clock, right across daylight saving
(a search's calendar is tested in tests/search, a collection's in tests/curation)."""
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar

from meetings.calendars import calendar_for
from meetings.models import Meeting, Status
from meetings.schedule import Weekday
from tests.factories import MeetingFactory
from tests.pages import parsed

pytestmark = pytest.mark.django_db

NEW_YORK, LONDON, CHICAGO = (ZoneInfo(name) for name in
                             ("America/New_York", "Europe/London", "America/Chicago"))


def listed_on(meeting, when=datetime(2027, 1, 4, tzinfo=NEW_YORK)):
    """Pretend the meeting was listed on a fixed day, so occurrences fall on known dates."""
    Meeting.objects.filter(pk=meeting.pk).update(created=when)
    meeting.refresh_from_db()
    return meeting



def starts(calendar, first, last):
    return [event.start for event in recurring_ical_events.of(calendar).between(first, last)]


def test_a_meeting_downloads_as_one_weekly_event_in_its_zone(client):
    meeting = MeetingFactory(name="Sunday Serenity", weekday=Weekday.SUNDAY, start_time=time(19),
                             end_time=time(20, 30))
    calendar = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug])))
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Meeting"  # its name only with the details (test_private_calendars)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["SU"]
    assert event.start.tzinfo.key == "America/New_York"
    assert event.start.time() == time(19) and event.end.time() == time(20, 30)
    assert event.start.weekday() == 6  # Python's Sunday
    assert [zone.tz_name for zone in calendar.timezones] == ["America/New_York"]


def test_a_new_york_sunday_meeting_stays_at_seven_pm_across_the_march_change(client):
    meeting = listed_on(MeetingFactory(weekday=Weekday.SUNDAY, start_time=time(19)))
    calendar = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug])))
    occurrences = starts(calendar, datetime(2027, 2, 28), datetime(2027, 3, 29))
    assert [start.date().isoformat() for start in occurrences] == [
        "2027-02-28", "2027-03-07", "2027-03-14", "2027-03-21", "2027-03-28"]
    assert {start.astimezone(NEW_YORK).time() for start in occurrences} == {time(19)}
    # The same evenings in UTC: midnight before the change, 23:00 after it.
    assert [start.astimezone(ZoneInfo("UTC")).hour for start in occurrences] == [0, 0, 23, 23, 23]


def test_the_fall_change_keeps_local_time_too(client):
    meeting = listed_on(MeetingFactory(weekday=Weekday.TUESDAY, start_time=time(7, 30)))
    calendar = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug])))
    occurrences = starts(calendar, datetime(2027, 10, 25), datetime(2027, 11, 15))
    assert len(occurrences) == 3
    assert {start.astimezone(NEW_YORK).time() for start in occurrences} == {time(7, 30)}
    assert len({start.utcoffset() for start in occurrences}) == 2


def test_a_london_meeting_seen_from_chicago_moves_when_only_one_of_them_changes_clocks(client):
    meeting = listed_on(MeetingFactory(weekday=Weekday.WEDNESDAY, start_time=time(19),
                                       timezone="Europe/London"))
    calendar = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug])))
    occurrences = starts(calendar, datetime(2027, 3, 8), datetime(2027, 4, 1))
    assert {start.astimezone(LONDON).time() for start in occurrences} == {time(19)}
    # Chicago springs forward on 14 March, London on 28 March: in between they are 5 hours apart.
    assert [start.astimezone(CHICAGO).time() for start in occurrences] == [
        time(13), time(14), time(14), time(13)]


def test_a_meeting_past_midnight_ends_the_next_day(client):
    meeting = MeetingFactory(weekday=Weekday.SATURDAY, start_time=time(23, 30),
                             end_time=time(0, 30))
    [event] = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug]))).events
    assert (event.end - event.start).total_seconds() == 3600
    assert event.end.date() > event.start.date()


def test_an_online_meeting_says_how_to_join(client):
    meeting = MeetingFactory(online=True, conference_phone="+14125550100")
    [event] = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug]))).events
    assert str(event["LOCATION"]) == "https://zoom.us/j/123456789"
    assert "By phone: +14125550100" in str(event["DESCRIPTION"])


def test_an_unpublished_meeting_has_no_calendar(client):
    meeting = MeetingFactory(status=Status.PENDING)
    assert client.get(reverse("meeting-calendar", args=[meeting.slug])).status_code == 404


def test_a_calendar_of_meetings_in_two_zones_defines_both():
    calendar = Calendar.from_ical(calendar_for(
        [MeetingFactory(), MeetingFactory(timezone="America/Los_Angeles")], "Mine").to_ical())
    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "America/Los_Angeles", "America/New_York"]
    assert calendar.calendar_name == "Mine"


def test_the_meeting_page_offers_its_calendar(client):
    meeting = MeetingFactory()
    page = client.get(reverse("meeting-detail", args=[meeting.slug])).content.decode()
    assert f'href="{reverse("meeting-calendar", args=[meeting.slug])}"' in page
