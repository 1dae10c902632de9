"""Likely twins: a listing looks like a meeting already listed when it meets the same weekday,
starts within 30 minutes on the same clock, and is within 200 m or under the same name."""
from datetime import time

import pytest
from django.db.models import Q

from meetings.duplicates import Listing, likely_twins, normalise_name, twins_of_many
from meetings.models import Status
from meetings.schedule import Weekday
from tests.factories import PITTSBURGH, MeetingFactory

pytestmark = pytest.mark.django_db

# About 111 m of latitude per 0.001 degree.
NEAR = (PITTSBURGH[0] + 0.001, PITTSBURGH[1])
A_KM_AWAY = (PITTSBURGH[0] + 0.009, PITTSBURGH[1])


def listing(name="Moms in Recovery", weekday=Weekday.MONDAY, start=time(12, 10), position=NEAR,
            timezone="America/New_York"):
    return Listing(name, weekday, start, timezone, *position)


@pytest.mark.parametrize(("one", "other"), [
    ("St. Paul's Group", "st pauls"),
    ("The Serenity Group", "SERENITY"),
    ("Niños & Padres", "Ninos and padres"),
    ("Moms-in-Recovery", "Moms in Recovery meeting"),
])
def test_names_that_differ_only_in_case_accents_punctuation_and_filler_are_one_name(one, other):
    assert normalise_name(one) == normalise_name(other)


def test_different_names_stay_different():
    assert normalise_name("Serenity") != normalise_name("Serenity Seekers")


def test_a_meeting_nearby_on_the_same_day_and_about_the_same_time_is_a_twin():
    twin = MeetingFactory(name="Noon Group", weekday=Weekday.MONDAY, start_time=time(12))
    assert likely_twins(listing()) == [twin]


def test_the_same_name_further_away_is_a_twin():
    twin = MeetingFactory(name="Moms in Recovery!", latitude=A_KM_AWAY[0], longitude=A_KM_AWAY[1],
                          start_time=time(12, 30))
    assert likely_twins(listing(start=time(12))) == [twin]


def test_an_online_listing_compares_by_name():
    twin = MeetingFactory(online=True, name="Moms in Recovery")
    assert likely_twins(listing(position=(None, None))) == [twin]


@pytest.mark.parametrize("meeting", [
    {"weekday": Weekday.TUESDAY},
    {"start_time": time(12, 55)},  # 45 minutes after 12:10
    {"latitude": A_KM_AWAY[0], "longitude": A_KM_AWAY[1]},  # a kilometre away, another name
    {"timezone": "America/Chicago"},  # another clock
    {"status": Status.ARCHIVED},
], ids=["another weekday", "45 minutes apart", "a km away", "another zone", "archived"])
def test_not_a_twin(meeting):
    MeetingFactory(**{"name": "Noon Group", "start_time": time(12, 10), **meeting})
    assert likely_twins(listing()) == []


def test_the_same_name_in_another_city_is_another_meeting():
    MeetingFactory(name="Moms in Recovery", latitude=39.9526, longitude=-75.1652)  # Philadelphia
    assert likely_twins(listing()) == []


def test_the_likeliest_twin_comes_first_and_excluded_meetings_never_do():
    nearby = MeetingFactory(name="Noon Group", latitude=NEAR[0], longitude=NEAR[1])
    same_name = MeetingFactory(name="Moms in Recovery", latitude=A_KM_AWAY[0], longitude=A_KM_AWAY[1])
    both = MeetingFactory(name="Moms in recovery", latitude=NEAR[0], longitude=NEAR[1])

    # Two groups often share a church hall; a shared name says more.
    assert likely_twins(listing()) == [both, same_name, nearby]
    assert likely_twins(listing(), exclude=Q(pk=both.pk)) == [same_name, nearby]


def test_many_listings_are_checked_in_one_query_per_zone_and_weekday(django_assert_num_queries):
    monday = MeetingFactory(name="Noon Group")
    friday = MeetingFactory(name="Friday Group", weekday=Weekday.FRIDAY, start_time=time(19))
    listings = {1: listing(), 2: listing(start=time(12, 20)),
                3: listing(weekday=Weekday.FRIDAY, start=time(19)), 4: listing(weekday=Weekday.SUNDAY)}

    with django_assert_num_queries(4):  # Monday, Friday, Sunday, and the twins
        twins = twins_of_many(listings)

    assert twins == {1: [monday], 2: [monday], 3: [friday]}


def test_a_stored_proposal_reads_as_a_listing():
    proposal = {"name": "Moms", "weekday": "1", "start_time": "12:10", "timezone": "America/New_York",
                "latitude": NEAR[0], "longitude": NEAR[1]}
    assert Listing.from_proposal(proposal) == listing(name="Moms")
    assert Listing.from_proposal({**proposal, "start_time": "noonish"}) is None
    assert Listing.from_proposal({**proposal, "latitude": ""}).placed is False
