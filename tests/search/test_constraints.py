"""Hard constraints: a meeting that breaks one never appears."""
from datetime import UTC, datetime

import pytest

from meetings.models import Attendance, ChildrenPolicy, Fellowship, Philosophy, Status
from search.finder import MeetingSearch
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
KM_PER_DEGREE_LATITUDE = 111.2


def north_of_pittsburgh(km):
    return {"latitude": PITTSBURGH[0] + km / KM_PER_DEGREE_LATITUDE, "longitude": PITTSBURGH[1]}


def found(**criteria):
    matches = MeetingSearch(CriteriaFactory(**criteria), now=NOW).page(size=100).matches
    return sorted(match.meeting.name for match in matches)


def test_in_person_meetings_beyond_the_radius_are_left_out():
    MeetingFactory(name="10 km", **north_of_pittsburgh(10))
    MeetingFactory(name="40 km", **north_of_pittsburgh(40))

    assert found() == ["10 km"]
    assert found(radius_km=50) == ["10 km", "40 km"]


def test_online_meetings_ignore_the_radius():
    MeetingFactory(name="far online", online=True, timezone="America/Los_Angeles")

    assert found(radius_km=5) == ["far online"]


def test_hybrid_meeting_far_away_can_still_be_joined_online_but_not_in_person():
    MeetingFactory(name="far hybrid", attendance=Attendance.HYBRID,
                   conference_url="https://zoom.us/j/1", **north_of_pittsburgh(300))

    assert found() == ["far hybrid"]
    assert found(attendance=Attendance.IN_PERSON) == []
    assert found(attendance=Attendance.HYBRID) == ["far hybrid"]


def test_attendance_choice_keeps_meetings_that_can_be_attended_that_way():
    MeetingFactory(name="in person")
    MeetingFactory(name="online", online=True)
    MeetingFactory(name="hybrid", attendance=Attendance.HYBRID, conference_url="https://zoom.us/j/2")

    assert found(attendance=Attendance.IN_PERSON) == ["hybrid", "in person"]
    assert found(attendance=Attendance.ONLINE) == ["hybrid", "online"]


def test_online_search_works_without_a_place():
    MeetingFactory(name="online", online=True)
    MeetingFactory(name="in person")

    assert found(place=None, attendance=Attendance.ONLINE) == ["online"]


@pytest.mark.parametrize(("need", "expected"), [
    ("welcome", ["childcare", "welcome"]),
    ("childcare", ["childcare"]),
])
def test_children_need_keeps_meetings_where_children_can_come(need, expected):
    for policy in ChildrenPolicy:
        MeetingFactory(name=policy.value, children=policy)

    assert found(children=need) == expected


@pytest.mark.parametrize(("need", "expected"), [
    ("harm_reduction", ["harm_reduction", "unknown"]),
    ("abstinence", ["abstinence_only"]),
])
def test_philosophy_need_filters_recovery_framing(need, expected):
    for philosophy in Philosophy:
        MeetingFactory(name=philosophy.value, philosophy=philosophy)

    assert found(philosophy=need) == expected


def test_medication_supportive_keeps_only_meetings_that_welcome_moud():
    MeetingFactory(name="supportive", medication_supportive=True)
    MeetingFactory(name="silent", medication_supportive=False)

    assert found(medication_supportive=True) == ["supportive"]


def test_fellowship_keeps_only_that_fellowship():
    MeetingFactory(name="aa", fellowship=Fellowship.AA)
    MeetingFactory(name="smart", fellowship=Fellowship.SMART_RECOVERY)

    assert found(fellowship="smart-recovery") == ["smart"]


def test_wheelchair_keeps_only_meetings_known_to_be_accessible():
    MeetingFactory(name="accessible", wheelchair_accessible=True)
    MeetingFactory(name="stairs", wheelchair_accessible=False)
    MeetingFactory(name="unknown", wheelchair_accessible=None)

    assert found(wheelchair=True) == ["accessible"]


def test_language_keeps_meetings_held_in_it():
    MeetingFactory(name="bilingual", languages=["en", "es"])
    MeetingFactory(name="english", languages=["en"])

    assert found(language="es") == ["bilingual"]


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.ARCHIVED])
def test_only_published_meetings_are_ever_found(status):
    MeetingFactory(name="published")
    MeetingFactory(name=status.value, status=status)

    assert found() == ["published"]
