"""iCalendar downloads: weekly events on the meeting's own clock, right across daylight saving."""
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar

from meetings.calendars import calendar_for
from meetings.models import Meeting, Status
from meetings.schedule import Weekday
from tests.factories import CollectionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NEW_YORK, LONDON, CHICAGO = (ZoneInfo(name) for name in
                             ("America/New_York", "Europe/London", "America/Chicago"))


def listed_on(meeting, when=datetime(2027, 1, 4, tzinfo=NEW_YORK)):
    """Pretend the meeting was listed on a fixed day, so occurrences fall on known dates."""
    Meeting.objects.filter(pk=meeting.pk).update(created=when)
    meeting.refresh_from_db()
    return meeting


def parsed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def starts(calendar, first, last):
    return [event.start for event in recurring_ical_events.of(calendar).between(first, last)]


def test_a_meeting_downloads_as_one_weekly_event_in_its_zone(client):
    meeting = MeetingFactory(name="Sunday Serenity", weekday=Weekday.SUNDAY, start_time=time(19),
                             end_time=time(20, 30))
    calendar = parsed(client.get(reverse("meeting-calendar", args=[meeting.slug])))
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Sunday Serenity"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["SU"]
    assert event.start.tzinfo.key == "America/New_York"
    assert event.start.time() == time(19) and event.end.time() == time(20, 30)
    assert event.start.weekday() == 6  # Python's Sunday
    assert [zone.tz_name for zone in calendar.timezones] == ["America/New_York"]
    assert str(event["URL"]) == f"http://testserver/meetings/{meeting.slug}/"


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


def test_search_results_download_with_the_search_pages_query(client):
    near = MeetingFactory(name="Near", weekday=Weekday.MONDAY)
    MeetingFactory(name="Tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(name="Far", latitude=34.05, longitude=-118.24)
    response = client.get(reverse("search-calendar"), {"near": "15222", "day": "mon"})
    calendar = parsed(response)
    assert [str(event["SUMMARY"]) for event in calendar.events] == [near.name]


def test_a_bad_search_query_is_a_400_naming_the_field(client):
    response = client.get(reverse("search-calendar"), {"near": "15222", "days": "someday"})
    assert response.status_code == 400
    assert "days" in response.json()


def test_a_search_calendar_holds_at_most_100_meetings(client):
    Meeting.objects.bulk_create(
        [MeetingFactory.build(slug=f"many-{n}", name=f"Many {n}") for n in range(105)])
    calendar = parsed(client.get(reverse("search-calendar"), {"near": "15222"}))
    assert len(calendar.events) == 100


def test_a_shared_collection_downloads_its_published_meetings(client):
    collection = CollectionFactory(name="Evenings for Dana")
    shown, hidden = MeetingFactory(name="Shown"), MeetingFactory(status=Status.ARCHIVED)
    collection.meetings.add(shown, hidden)
    calendar = parsed(client.get(reverse("collection-calendar", args=[collection.token])))
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Shown"]
    assert calendar.calendar_name == "Evenings for Dana"


def test_a_private_collection_has_no_calendar_for_others(client):
    collection = CollectionFactory(visibility="private")
    assert client.get(reverse("collection-calendar", args=[collection.token])).status_code == 404


def test_the_meeting_page_offers_its_calendar(client):
    meeting = MeetingFactory()
    page = client.get(reverse("meeting-detail", args=[meeting.slug])).content.decode()
    assert f'href="{reverse("meeting-calendar", args=[meeting.slug])}"' in page


def test_the_results_page_offers_the_same_results_as_a_calendar(client):
    MeetingFactory(name="Monday group", weekday=Weekday.MONDAY)
    MeetingFactory(name="Tuesday group", weekday=Weekday.TUESDAY)
    page = client.get(reverse("search"), {"near": "15222", "day": "mon"}).content.decode()
    link = re.search(r'href="(/search\.ics\?[^"]+)"', page)[1].replace("&amp;", "&")
    calendar = parsed(client.get(link))
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Monday group"]
