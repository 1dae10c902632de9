"""Starting soon: what fits and starts in the next three hours on the parent's clock, soonest
first, with online meetings already under way on top."""
from datetime import UTC, datetime, time

import pytest
from django.urls import reverse

from meetings.models import Attendance
from meetings.schedule import Weekday
from search.finder import MeetingSearch
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory
from tests.pages import NEAR, soup

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 18:00 in Pittsburgh.
MONDAY_EVENING = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)


def meeting(name, start, end, weekday=Weekday.MONDAY, **fields):
    return MeetingFactory(name=name, weekday=weekday, start_time=start, end_time=end, **fields)


def soon(**criteria):
    return MeetingSearch(CriteriaFactory(**criteria), now=MONDAY_EVENING).starting_soon()


def test_the_next_three_hours_soonest_first_with_online_ones_under_way_on_top():
    meeting("in person at 19", time(19), time(20))
    meeting("online at 18:30", time(18, 30), time(19, 30), online=True)
    meeting("online since 17:30", time(17, 30), time(18, 30), online=True)
    meeting("in person since 17:30", time(17, 30), time(18, 30))
    meeting("too late", time(21, 30), time(22, 30))
    meeting("tomorrow", time(19), time(20), weekday=Weekday.TUESDAY)

    found = [(item.match.meeting.name, item.under_way, item.minutes) for item in soon()]

    assert found == [("online since 17:30", True, 30), ("online at 18:30", False, 30),
                     ("in person at 19", False, 60)]
    assert [item.when_words for item in soon()] == [
        "Started 30 min ago: join now", "Starts in 30 min", "Starts in 1 h"]


def test_it_keeps_to_the_parents_needs_and_times():
    meeting("adults only", time(19), time(20), children="adults_only")
    meeting("children welcome", time(19, 15), time(20, 15), children="welcome")

    assert [item.match.meeting.name for item in soon(children="welcome")] == ["children welcome"]


def test_the_page_says_when_each_starts_and_links_back_to_the_search(client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MONDAY_EVENING)
    meeting("Evening Hope", time(19), time(20), attendance=Attendance.IN_PERSON,
            latitude=PITTSBURGH[0], longitude=PITTSBURGH[1])

    page = soup(client.get(reverse("starting-soon"), {"near": NEAR}))

    assert page.h1.get_text(strip=True) == "Starting soon"
    assert page.select_one(".result__soon").get_text(strip=True) == "Starts in 1 h"
    assert page.select_one(".back-link")["href"] == f"/en/?near={NEAR.replace(',', '%2C')}"


def test_the_search_page_links_to_starting_soon_with_its_query(client):
    MeetingFactory()
    page = soup(client.get("/en/", {"near": NEAR, "children": "welcome"}))
    link = page.find("a", string="Starting soon")["href"]
    assert link.startswith("/en/soon/?") and "children=welcome" in link


def test_bad_input_answers_the_search_form_with_its_errors(client):
    response = client.get(reverse("starting-soon"), {"near": NEAR, "children": "maybe"})
    assert response.status_code == 400
    assert soup(response).select(".error-summary a")


def test_an_ambiguous_place_offers_its_choices_as_on_the_search_page(client):
    response = client.get(reverse("starting-soon"), {"near": "Springfield"})
    assert response.status_code == 400
    assert soup(response).select(".near-choices a")
