"""A shared collection as an iCalendar download: its published meetings, for those who may see it."""
import pytest
from django.urls import reverse

from meetings.models import Status
from tests.factories import CollectionFactory, MeetingFactory
from tests.pages import parsed

pytestmark = pytest.mark.django_db



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
