"""Soft preferences order the meetings, and each result says why it fits."""
from datetime import UTC, datetime, time, timedelta

import pytest

from meetings.models import Attendance, ChildrenPolicy, Philosophy
from meetings.schedule import DINNER_AND_BEDTIME, Availability
from search.finder import MeetingSearch
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


def ranked(**criteria):
    search = MeetingSearch(CriteriaFactory(**criteria), now=NOW)
    return search.page(size=100).matches


def names(matches):
    return [match.meeting.name for match in matches]


def reasons_of(name, matches):
    return next(match.reasons for match in matches if match.meeting.name == name)


def test_meeting_sharing_the_parents_identity_focus_ranks_first():
    MeetingFactory(name="general")
    MeetingFactory(name="for mothers", focus=["mothers"])

    matches = ranked(focus=("mothers",))

    assert names(matches) == ["for mothers", "general"]
    assert "For Mothers" in reasons_of("for mothers", matches)


def test_more_focus_matches_rank_higher():
    MeetingFactory(name="mothers", focus=["mothers"])
    MeetingFactory(name="spanish-speaking mothers", focus=["mothers", "spanish-speaking"])

    assert names(ranked(focus=("mothers", "spanish-speaking")))[0] == "spanish-speaking mothers"


def test_childcare_ranks_above_merely_child_welcome():
    MeetingFactory(name="welcome", children=ChildrenPolicy.WELCOME)
    MeetingFactory(name="childcare", children=ChildrenPolicy.CHILDCARE)

    matches = ranked(children="welcome")

    assert names(matches) == ["childcare", "welcome"]
    assert "Childcare on site" in reasons_of("childcare", matches)
    assert "Children welcome" in reasons_of("welcome", matches)


def test_nearer_meeting_ranks_higher_and_says_how_far():
    MeetingFactory(name="far", latitude=PITTSBURGH[0] + 0.15)
    MeetingFactory(name="near", latitude=PITTSBURGH[0] + 0.019)

    matches = ranked()

    assert names(matches) == ["near", "far"]
    assert "2.1 km away" in reasons_of("near", matches)
    assert matches[0].distance_km == pytest.approx(2.1, abs=0.05)


def test_recently_verified_ranks_above_stale():
    MeetingFactory(name="stale", last_verified=TODAY - timedelta(days=400))
    MeetingFactory(name="checked", last_verified=TODAY - timedelta(days=5))

    matches = ranked()

    assert names(matches) == ["checked", "stale"]
    assert "Checked recently" in reasons_of("checked", matches)


def test_meeting_ending_right_before_dinner_ranks_below_one_with_time_to_get_home():
    MeetingFactory(name="tight", start_time=time(15, 45), end_time=time(16, 45))
    MeetingFactory(name="roomy", start_time=time(15), end_time=time(16))

    matches = ranked(availability=Availability(avoid=(DINNER_AND_BEDTIME,)))

    assert names(matches) == ["roomy", "tight"]
    assert "Done before dinner" in reasons_of("roomy", matches)
    assert "Ends only 15 min before 17:00" in reasons_of("tight", matches)


def test_online_meeting_has_no_travel_risk_next_to_an_avoided_window():
    MeetingFactory(name="online tight", online=True, start_time=time(15, 45), end_time=time(16, 45))

    matches = ranked(availability=Availability(avoid=(DINNER_AND_BEDTIME,)))

    assert reasons_of("online tight", matches)[:1] == ["Done before dinner"]


def test_meeting_after_bedtime_says_so():
    MeetingFactory(name="late", start_time=time(21, 30))

    matches = ranked(availability=Availability(avoid=(DINNER_AND_BEDTIME,)))

    assert "After bedtime" in reasons_of("late", matches)


def test_reasons_name_harm_reduction_and_medication_support():
    MeetingFactory(name="open door", philosophy=Philosophy.HARM_REDUCTION, medication_supportive=True)

    reasons = reasons_of("open door", ranked())

    assert "Harm-reduction friendly" in reasons
    assert "Welcomes people on methadone or buprenorphine" in reasons


def test_online_meeting_says_it_is_joined_online():
    MeetingFactory(name="online", online=True)

    assert "Join online" in reasons_of("online", ranked())


def test_a_meeting_joined_online_earns_no_reason_for_what_only_its_room_offers():
    in_the_room = dict(children=ChildrenPolicy.CHILDCARE, wheelchair_accessible=True)
    MeetingFactory(name="online, childcare", online=True, **in_the_room)
    MeetingFactory(name="online, adults only", online=True, children=ChildrenPolicy.ADULTS_ONLY)
    MeetingFactory(name="hybrid far away", attendance=Attendance.HYBRID,
                   conference_url="https://zoom.us/j/1", latitude=PITTSBURGH[0] + 3, **in_the_room)

    matches = ranked()

    assert len(matches) == 3
    for match in matches:
        assert not {"Childcare on site", "Children welcome", "Wheelchair accessible"} & set(match.reasons)
        assert "Join online" in match.reasons


def test_a_meeting_joined_online_scores_the_same_whatever_its_rooms_children_policy():
    MeetingFactory(name="online, childcare", online=True, children=ChildrenPolicy.CHILDCARE)
    MeetingFactory(name="online, adults only", online=True, children=ChildrenPolicy.ADULTS_ONLY)
    MeetingFactory(name="hybrid far away, childcare", attendance=Attendance.HYBRID,
                   conference_url="https://zoom.us/j/1", latitude=PITTSBURGH[0] + 3,
                   children=ChildrenPolicy.CHILDCARE)
    MeetingFactory(name="near, childcare", children=ChildrenPolicy.CHILDCARE)
    MeetingFactory(name="near, adults only", children=ChildrenPolicy.ADULTS_ONLY)

    scores = {match.meeting.name: match.score for match in ranked()}

    assert scores["online, childcare"] == pytest.approx(scores["online, adults only"])
    assert scores["hybrid far away, childcare"] == pytest.approx(scores["online, adults only"])
    # In the room it still counts.
    assert scores["near, childcare"] > scores["near, adults only"]


def test_the_best_meetings_joined_online_come_first_however_many_there_are():
    """Meetings joined online checked long ago come after every recently checked one, on any
    page."""
    for number in range(30):
        MeetingFactory(name=f"recent {number}", online=True, last_verified=TODAY - timedelta(days=5))
        MeetingFactory(name=f"old {number}", online=True, last_verified=None)
    search = MeetingSearch(CriteriaFactory(), now=NOW)

    first, second, third = (search.page(number, size=20) for number in (1, 2, 3))

    assert all(name.startswith("recent") for name in names(first.matches))
    assert [name.split()[0] for name in names(second.matches)] == ["recent"] * 10 + ["old"] * 10
    assert all(name.startswith("old") for name in names(third.matches))
    assert first.count == second.count == 60


def test_scores_lie_between_zero_and_one_and_fall_down_the_list():
    MeetingFactory(name="best", children=ChildrenPolicy.CHILDCARE, focus=["fathers"])
    MeetingFactory(name="middle", children=ChildrenPolicy.WELCOME, latitude=PITTSBURGH[0] + 0.1)
    MeetingFactory(name="worst", children=ChildrenPolicy.ADULTS_ONLY, last_verified=None,
                   attendance=Attendance.IN_PERSON, latitude=PITTSBURGH[0] + 0.2)

    scores = [match.score for match in ranked(focus=("fathers",))]

    assert all(0 <= score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]


def test_equal_fits_come_soonest_first():
    MeetingFactory(name="wednesday", weekday=3, start_time=time(12))
    MeetingFactory(name="tuesday", weekday=2, start_time=time(12))

    assert names(ranked()) == ["tuesday", "wednesday"]
