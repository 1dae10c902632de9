"""A search's pages are slices of one ranking, however the search reads them.

These tests hold small pages to the ranking that one large page gives, over meetings online,
hybrid near and far, and in person, checked at every age.
"""
import math
import random
from datetime import UTC, datetime, time, timedelta

import pytest

from meetings.models import Attendance, ChildrenPolicy
from meetings.schedule import DINNER_AND_BEDTIME, Availability, Weekday
from search.finder import MeetingSearch, NoSuchPage
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def varied_meetings(count=120, seed=7):
    rng = random.Random(seed)
    for n in range(count):
        kind = rng.choice(["online", "online", "hybrid", "in_person"])
        where = {"online": True} if kind == "online" else {
            "attendance": Attendance(kind),
            "conference_url": "https://zoom.us/j/1" if kind == "hybrid" else "",
            # Some hybrid meetings are too far to go to, so they are joined online.
            "latitude": PITTSBURGH[0] + rng.choice([0, 0.02, 0.1, 2.0]),
        }
        MeetingFactory(
            name=f"meeting {n}",
            weekday=rng.choice(list(Weekday)),
            start_time=time(rng.randrange(6, 23), rng.choice([0, 30])),
            children=rng.choice(list(ChildrenPolicy)),
            last_verified=rng.choice([NOW.date() - timedelta(days=days) for days in (3, 120, 400)]
                                      + [None]),
            focus=rng.sample(["mothers", "fathers", "lgbtq"], rng.randrange(0, 3)),
            timezone=rng.choice(["America/New_York", "America/Chicago", "America/Los_Angeles"]),
            **where,
        )


def slugs(search, number, size):
    return [match.meeting.slug for match in search.page(number, size).matches]


@pytest.mark.parametrize("criteria", [
    {},
    {"focus": ("mothers",)},
    {"focus": ("mothers", "lgbtq"), "availability": Availability(avoid=(DINNER_AND_BEDTIME,))},
    {"children": "welcome"},
    {"attendance": Attendance.ONLINE},
    {"attendance": Attendance.HYBRID},
])
def test_small_pages_are_slices_of_the_whole_ranking(criteria):
    varied_meetings()
    search = MeetingSearch(CriteriaFactory(**criteria), now=NOW)
    whole = search.page(1, 1000)

    pages = [slugs(search, number, 7) for number in range(1, math.ceil(whole.count / 7) + 1)]

    assert whole.count > 20
    assert [slug for page in pages for slug in page] == [m.meeting.slug for m in whole.matches]
    assert all(search.page(number, 7).count == whole.count for number in (1, 2))


def test_a_page_past_the_last_says_how_many_pages_there_are():
    varied_meetings(count=30)
    search = MeetingSearch(CriteriaFactory(), now=NOW)
    count = search.page(1).count

    with pytest.raises(NoSuchPage) as error:
        search.page(count // 20 + 2)

    assert error.value.count == count and error.value.last == count // 20 + 1
