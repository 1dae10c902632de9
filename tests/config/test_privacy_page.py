"""The page "Staying private on this device", linked beside the quick exit on every page."""
import pytest
from django.urls import reverse

from tests.factories import MeetingFactory
from tests.pages import search, soup

pytestmark = pytest.mark.django_db


def test_the_privacy_page_covers_history_private_browsing_saved_meetings_calendars_and_the_quick_exit(
        client):
    page = soup(client.get(reverse("privacy")))
    assert page.h1.get_text(strip=True) == "Staying private on this device"
    assert [h2.get_text(strip=True) for h2 in page.select("main h2")] == [
        "Your browser’s history", "Private browsing", "Meetings you save",
        "Calendars other people can see",
        "What the quick exit does", "What the quick exit does not do"]


def test_the_privacy_page_says_what_a_calendar_shows_by_default_and_with_details(client):
    calendars = soup(client.get(reverse("privacy"))).select_one("#calendars").parent.get_text()
    assert "called “Meeting”, or a title you choose" in calendars
    assert "no group name, no fellowship, no name of the place, no notes and no link" in calendars
    assert "Show the meeting’s details" in calendars


def test_every_page_links_to_the_privacy_page_beside_the_quick_exit(client):
    meeting = MeetingFactory()
    for response in (client.get("/en/"), search(client), client.get(meeting.get_absolute_url()),
                     client.get(reverse("privacy")), client.get("/en/meetings/nothing-here/")):
        link = soup(response).select_one(".quick-exit__hint a")
        assert link["href"] == reverse("privacy"), response.request["PATH_INFO"]
        assert link.get_text(strip=True) == "Staying private on this device"


def test_the_calendar_choices_link_to_the_privacy_pages_calendar_part(client):
    page = soup(client.get(MeetingFactory().get_absolute_url()))
    assert page.select_one(".calendar-choices a")["href"] == f"{reverse('privacy')}#calendars"
