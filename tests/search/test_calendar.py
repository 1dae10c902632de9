"""/search.ics: a search's results as an iCalendar download, from the search page's own query."""
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.schedule import Weekday
from tests.factories import MeetingFactory
from tests.pages import parsed

pytestmark = pytest.mark.django_db



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


def test_the_results_page_offers_the_same_results_as_a_calendar(client):
    MeetingFactory(name="Monday group", weekday=Weekday.MONDAY)
    MeetingFactory(name="Tuesday group", weekday=Weekday.TUESDAY)
    page = client.get(reverse("search"), {"near": "15222", "day": "mon"}).content.decode()
    link = re.search(r'href="(/search\.ics\?[^"]+)"', page)[1].replace("&amp;", "&")
    calendar = parsed(client.get(link))
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Monday group"]
