"""Calendars are neutral by default, since others often see them: "Meeting" (or the parent's own
title), the time and how to get there; the meeting's name, fellowship, place name, notes and
link only when the parent asks for its details."""
import logging
from datetime import datetime, time
from pathlib import Path

import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse
from icalendar import Calendar

from meetings.calendars import TITLE_MAX_LENGTH
from meetings.models import Fellowship
from tests.factories import MeetingFactory
from tests.pages import parsed, soup

pytestmark = pytest.mark.django_db

REVEALING = {"name": "St. Mary's Recovery Group", "fellowship": Fellowship.NA,
             "location_name": "St. Mary's Hall NA", "notes": "Bring your Basic Text.",
             "medication_supportive": True}


def download(client, meeting, **choices):
    response = client.get(reverse("meeting-calendar", args=[meeting.slug]), choices)
    [event] = parsed(response).events
    return response, event


def test_a_meeting_is_titled_meeting_by_default(client):
    meeting = MeetingFactory(**REVEALING)
    _, event = download(client, meeting)
    assert str(event["SUMMARY"]) == "Meeting"


def test_the_default_event_keeps_the_address_but_not_the_place_name(client):
    meeting = MeetingFactory(**REVEALING)
    _, event = download(client, meeting)
    assert str(event["LOCATION"]) == meeting.address


def test_the_default_calendar_names_no_fellowship_meeting_place_or_link(client):
    meeting = MeetingFactory(**REVEALING)
    response, event = download(client, meeting)
    text = response.content.decode()
    for revealing in ("Narcotics", "Recovery", "St. Mary", "Basic Text", "methadone",
                      meeting.slug, "/en/meetings/"):
        assert revealing not in text, revealing
    assert "URL" not in event and "DESCRIPTION" not in event


def test_the_default_calendar_and_its_file_are_named_neutrally(client):
    meeting = MeetingFactory(**REVEALING)
    response = client.get(reverse("meeting-calendar", args=[meeting.slug]))
    assert parsed(response).calendar_name == "Meeting"
    assert response["Content-Disposition"] == 'attachment; filename="meeting.ics"'


def test_an_online_meeting_still_says_how_to_join_without_its_details(client):
    meeting = MeetingFactory(online=True, conference_phone="+14125550100", **{
        key: value for key, value in REVEALING.items() if key != "location_name"})
    _, event = download(client, meeting)
    assert str(event["LOCATION"]) == "https://zoom.us/j/123456789"
    assert str(event["DESCRIPTION"]) == ("Join online: https://zoom.us/j/123456789\n"
                                         "By phone: +14125550100")


def test_details_add_name_fellowship_place_notes_and_link(client):
    meeting = MeetingFactory(**REVEALING)
    response, event = download(client, meeting, details="1")
    assert str(event["SUMMARY"]) == "St. Mary's Recovery Group"
    assert str(event["LOCATION"]) == f"St. Mary's Hall NA, {meeting.address}"
    assert str(event["DESCRIPTION"]).splitlines() == [
        "Narcotics Anonymous", "", "Bring your Basic Text.", "",
        f"Details: http://testserver/en/meetings/{meeting.slug}/"]
    assert str(event["URL"]) == f"http://testserver/en/meetings/{meeting.slug}/"
    assert parsed(response).calendar_name == meeting.name
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.slug}.ics"'


def test_a_typed_title_names_the_event_the_calendar_and_the_file(client):
    meeting = MeetingFactory(**REVEALING)
    response, event = download(client, meeting, title="Coffee with Sam")
    assert str(event["SUMMARY"]) == "Coffee with Sam"
    assert parsed(response).calendar_name == "Coffee with Sam"
    assert response["Content-Disposition"] == 'attachment; filename="coffee-with-sam.ics"'
    assert "St. Mary" not in response.content.decode()


def test_a_typed_title_wins_over_the_meetings_name_with_details_too(client):
    meeting = MeetingFactory(**REVEALING)
    _, event = download(client, meeting, title="Coffee with Sam", details="1")
    assert str(event["SUMMARY"]) == "Coffee with Sam"
    assert "Narcotics Anonymous" in str(event["DESCRIPTION"])


def test_a_typed_title_is_one_line_of_at_most_60_characters(client):
    meeting = MeetingFactory()
    _, event = download(client, meeting, title="  Lunch\r\nBEGIN:VEVENT  " + "x" * 100)
    title = str(event["SUMMARY"])
    assert len(title) == TITLE_MAX_LENGTH == 60
    assert title.startswith("Lunch BEGIN:VEVENT xxx") and "\n" not in title and "\r" not in title


def test_a_title_of_only_spaces_leaves_the_neutral_title(client):
    _, event = download(client, MeetingFactory(), title="   ")
    assert str(event["SUMMARY"]) == "Meeting"


def test_a_typed_title_is_never_logged(client, caplog):
    meeting = MeetingFactory()
    with caplog.at_level(logging.DEBUG):
        download(client, meeting, title="Private words")
        client.get(reverse("meeting-calendar", args=["no-such-meeting"]), {"title": "Private words"})
    assert "Private words" not in caplog.text


def test_a_neutral_calendar_is_still_a_weekly_series_on_the_meetings_clock(client):
    meeting = MeetingFactory(start_time=time(19), end_time=time(20))
    response, event = download(client, meeting)
    occurrences = recurring_ical_events.of(parsed(response)).between(
        datetime(2030, 1, 1), datetime(2030, 1, 22))
    assert [o.start.time() for o in occurrences] == [time(19)] * 3
    assert {o.start.tzinfo.key for o in occurrences} == {"America/New_York"}


def test_calendar_downloads_are_not_stored_by_the_browser(client):
    response = client.get(reverse("meeting-calendar", args=[MeetingFactory().slug]))
    assert "no-store" in response["Cache-Control"]


def test_the_meeting_page_offers_neutral_link_and_calendar_choices(client):
    meeting = MeetingFactory()
    page = soup(client.get(meeting.get_absolute_url()))
    calendar_url = reverse("meeting-calendar", args=[meeting.slug])
    assert page.select_one(f'a[href="{calendar_url}"][download]')
    form = page.select_one("details.calendar-choices form")
    assert form["method"] == "get" and form["action"] == calendar_url
    title = form.select_one("input[name=title]")
    assert title["maxlength"] == str(TITLE_MAX_LENGTH)
    assert form.select_one("input[type=checkbox][name=details]")["value"] == "1"
    assert not form.select_one("input[name=details]").has_attr("checked")


@pytest.mark.browser
def test_a_parent_adds_a_meeting_with_a_title_of_their_own(page):
    meeting = MeetingFactory(**REVEALING)
    page.goto(meeting.get_absolute_url())
    page.get_by_text("Choose what your calendar shows").click()
    page.get_by_label("Your own title (optional)").fill("Coffee with Sam")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add with these choices").click()
    assert download.value.suggested_filename == "coffee-with-sam.ics"
    [event] = Calendar.from_ical(Path(download.value.path()).read_bytes()).events
    assert str(event["SUMMARY"]) == "Coffee with Sam"
    assert str(event["LOCATION"]) == meeting.address


def test_calendar_choices_for_a_search_keep_its_query_and_page():
    template = engines["django"].from_string(
        "{% load calendar_choices %}{% calendar_choices url many=True %}")
    url = "/en/search.ics?near=15222&day=mon&page=2&title=old"
    form = BeautifulSoup(template.render({"url": url}), "html.parser")
    assert [(field["name"], field["value"]) for field in form.select("input[type=hidden]")] == [
        ("near", "15222"), ("day", "mon"), ("page", "2")]
    assert form.select_one("label[for=calendar-details]").get_text() == "Show the meetings’ details"
