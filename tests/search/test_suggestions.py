"""When nothing fits, which single loosening would find meetings, and how many."""
from datetime import time

import pytest

from meetings.models import Attendance, ChildrenPolicy, Fellowship, Philosophy
from meetings.schedule import DINNER_AND_BEDTIME, Availability, TimeWindow, Weekday
from places.geocoding import Place
from search.criteria import ChildrenNeed, PhilosophyNeed, SearchCriteria
from search.suggestions import loosening_suggestions
from tests.factories import PITTSBURGH, MeetingFactory

pytestmark = pytest.mark.django_db

HERE = Place("Pittsburgh, PA", PITTSBURGH[0], PITTSBURGH[1], "America/New_York")
KM_PER_DEGREE = 111.2


def criteria(**needs):
    return SearchCriteria(timezone="America/New_York", place=HERE, **needs)


def north_by(km):
    return {"latitude": PITTSBURGH[0] + km / KM_PER_DEGREE, "longitude": PITTSBURGH[1]}


def offered(suggestions):
    return [(suggestion.need, suggestion.value, suggestion.count) for suggestion in suggestions]


def test_dropping_an_avoided_window_is_offered_with_what_it_finds():
    MeetingFactory.create_batch(2, start_time=time(18, 0))
    wanted = criteria(availability=Availability(avoid=(DINNER_AND_BEDTIME,)))

    [suggestion] = loosening_suggestions(wanted)

    assert (suggestion.need, suggestion.value, suggestion.count) == ("avoid", DINNER_AND_BEDTIME, 2)
    assert suggestion.words == "include dinner and bedtime"


def test_each_avoided_window_is_offered_on_its_own():
    MeetingFactory(start_time=time(7, 0))
    early = TimeWindow(time(6, 0), time(8, 0))
    wanted = criteria(availability=Availability(avoid=(DINNER_AND_BEDTIME, early)))

    assert offered(loosening_suggestions(wanted)) == [("avoid", early, 1)]


def test_a_wider_radius_is_offered_only_as_far_as_needed():
    MeetingFactory(**north_by(40))

    assert offered(loosening_suggestions(criteria())) == [("radius_km", 50.0, 1)]


def test_the_widest_radius_is_offered_too_when_it_finds_more():
    MeetingFactory(**north_by(40))
    MeetingFactory.create_batch(2, **north_by(80))

    assert offered(loosening_suggestions(criteria())) == [("radius_km", 100.0, 3), ("radius_km", 50.0, 1)]


def test_loosenings_that_still_find_nothing_are_left_out():
    MeetingFactory(weekday=Weekday.MONDAY, start_time=time(18, 0))
    wanted = criteria(availability=Availability(days=frozenset({Weekday.MONDAY}),
                                                avoid=(DINNER_AND_BEDTIME,)),
                      fellowship=Fellowship.NA)

    # The meeting is AA at dinner time: no single loosening finds it.
    assert loosening_suggestions(wanted) == []


def test_the_loosening_that_finds_most_comes_first():
    MeetingFactory(weekday=Weekday.TUESDAY)
    MeetingFactory.create_batch(3, weekday=Weekday.MONDAY, philosophy=Philosophy.ABSTINENCE_ONLY)
    wanted = criteria(availability=Availability(days=frozenset({Weekday.MONDAY})),
                      philosophy=PhilosophyNeed.HARM_REDUCTION)

    assert offered(loosening_suggestions(wanted)) == [("philosophy", None, 3), ("days", frozenset(), 1)]


def test_a_childcare_need_can_loosen_to_children_welcome_or_be_dropped():
    MeetingFactory(children=ChildrenPolicy.WELCOME)
    MeetingFactory(children=ChildrenPolicy.ADULTS_ONLY)
    wanted = criteria(children=ChildrenNeed.CHILDCARE)

    assert offered(loosening_suggestions(wanted)) == [
        ("children", None, 2), ("children", ChildrenNeed.WELCOME, 1)]


def test_the_best_few_are_offered_and_ties_keep_the_smaller_sacrifice_first():
    fits = {"fellowship": Fellowship.NA, "weekday": Weekday.MONDAY, "start_time": time(12, 0),
            "wheelchair_accessible": True}
    MeetingFactory.create_batch(3, **{**fits, "start_time": time(18, 0)})
    MeetingFactory.create_batch(2, **{**fits, "weekday": Weekday.TUESDAY})
    MeetingFactory(**{**fits, "fellowship": Fellowship.AA})
    MeetingFactory(**{**fits, "wheelchair_accessible": False})
    wanted = criteria(availability=Availability(days=frozenset({Weekday.MONDAY}),
                                                avoid=(DINNER_AND_BEDTIME,)),
                      fellowship=Fellowship.NA, wheelchair=True)

    assert [suggestion.need for suggestion in loosening_suggestions(wanted)] == [
        "avoid", "days", "fellowship"]
    assert len(loosening_suggestions(wanted, limit=5)) == 4


def test_an_in_person_search_can_take_in_online_meetings():
    MeetingFactory(online=True)

    [suggestion] = loosening_suggestions(criteria(attendance=Attendance.IN_PERSON))

    assert (suggestion.need, suggestion.value, suggestion.count) == ("attendance", None, 1)
    assert suggestion.words == "include online meetings"
