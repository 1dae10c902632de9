"""A shared collection as an iCalendar download: its published meetings, for those who may see it."""
import pytest
from django.urls import reverse

from meetings.models import Status
from tests.factories import CollectionFactory, MeetingFactory
from tests.pages import parsed, soup

pytestmark = pytest.mark.django_db



def test_a_shared_collection_downloads_its_published_meetings(client):
    collection = CollectionFactory(name="Evenings for Dana")
    shown, hidden = MeetingFactory(name="Shown"), MeetingFactory(status=Status.ARCHIVED)
    collection.meetings.add(shown, hidden)
    calendar = parsed(client.get(reverse("collection-calendar", args=[collection.token]),
                                 {"details": "1"}))
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Shown"]
    assert calendar.calendar_name == "Evenings for Dana"


def test_a_collections_calendar_is_neutral_by_default(client):
    collection = CollectionFactory(name="NA evenings for Dana")
    collection.meetings.add(MeetingFactory(name="Narcotics Anonymous Downtown"))
    response = client.get(reverse("collection-calendar", args=[collection.token]))
    calendar = parsed(response)
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Meeting"]
    assert calendar.calendar_name == "Meetings"
    assert response["Content-Disposition"] == 'attachment; filename="meetings.ics"'
    assert b"Dana" not in response.content and b"Narcotics" not in response.content


def test_a_shared_collections_page_offers_calendar_choices(client):
    collection = CollectionFactory()
    page = soup(client.get(collection.get_absolute_url()))
    form = page.select_one("details.calendar-choices form")
    assert form["action"] == reverse("collection-calendar", args=[collection.token])
    assert form.select_one("input[name=title]") and form.select_one("input[name=details]")


def test_a_private_collection_has_no_calendar_for_others(client):
    collection = CollectionFactory(visibility="private")
    assert client.get(reverse("collection-calendar", args=[collection.token])).status_code == 404
