"""/en/search.ics: the meetings of one page of a search as an iCalendar download, from the search
page's own query."""
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.schedule import Weekday
from search.finder import PAGE_SIZE
from tests.factories import MeetingFactory
from tests.pages import parsed, soup

pytestmark = pytest.mark.django_db



def test_search_results_download_with_the_search_pages_query(client):
    near = MeetingFactory(name="Near", weekday=Weekday.MONDAY)
    MeetingFactory(name="Tuesday", weekday=Weekday.TUESDAY)
    MeetingFactory(name="Far", latitude=34.05, longitude=-118.24)
    response = client.get(reverse("search-calendar"), {"near": "15222", "day": "mon",
                                                        "details": "1"})
    calendar = parsed(response)
    assert [str(event["SUMMARY"]) for event in calendar.events] == [near.name]


def test_a_bad_search_query_is_a_400_naming_the_field(client):
    response = client.get(reverse("search-calendar"), {"near": "15222", "days": "someday"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("days: 'someday' is not a day")


def test_a_search_calendar_holds_the_meetings_of_the_page_shown(client):
    Meeting.objects.bulk_create(
        [MeetingFactory.build(slug=f"many-{n}", name=f"Many {n}") for n in range(45)])
    sizes = [len(parsed(client.get(reverse("search-calendar"), query)).events)
             for query in ({"near": "15222"}, {"near": "15222", "page": "3"})]
    assert sizes == [PAGE_SIZE, 45 - 2 * PAGE_SIZE]


def test_a_search_calendar_of_page_two_holds_the_meetings_page_two_shows(client):
    Meeting.objects.bulk_create(
        [MeetingFactory.build(slug=f"many-{n}", name=f"Many {n}") for n in range(30)])
    query = {"near": "15222", "page": "2"}
    shown = [link.get_text(strip=True)
             for link in soup(client.get(reverse("search"), query)).select(".result__name a")]
    calendar = parsed(client.get(reverse("search-calendar"), {**query, "details": "1"}))
    assert [str(event["SUMMARY"]) for event in calendar.events] == shown
    assert len(shown) == 30 - PAGE_SIZE


def test_a_search_calendar_of_a_page_past_the_last_is_a_400_naming_the_page(client):
    MeetingFactory()
    response = client.get(reverse("search-calendar"), {"near": "15222", "page": "2"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("page: There is no page '2'")


def test_the_results_page_offers_the_same_results_as_a_calendar(client):
    MeetingFactory(name="Monday group", weekday=Weekday.MONDAY)
    MeetingFactory(name="Tuesday group", weekday=Weekday.TUESDAY)
    page = client.get(reverse("search"), {"near": "15222", "day": "mon"}).content.decode()
    link = re.search(r'href="(/en/search\.ics\?[^"]+)"', page)[1].replace("&amp;", "&")
    calendar = parsed(client.get(f"{link}&details=1"))
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Monday group"]


def test_a_search_calendar_is_neutral_by_default(client):
    MeetingFactory(name="Downtown AA", fellowship="aa")
    response = client.get(reverse("search-calendar"), {"near": "15222"})
    calendar = parsed(response)
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Meeting"]
    assert calendar.calendar_name == "Meetings"
    assert response["Content-Disposition"] == 'attachment; filename="meetings.ics"'
    assert b"Downtown" not in response.content and b"Alcoholics" not in response.content


def test_the_results_page_offers_its_meetings_with_a_choice_of_calendar_title_and_details(client):
    MeetingFactory(name="Monday group", weekday=Weekday.MONDAY)
    page = client.get(reverse("search"), {"near": "15222"}).content.decode()
    assert "Add the meetings on this page to your calendar" in page
    assert "Show the meetings’ details" in page
