"""The online part of a search is ranked once for each kind of search, shared by parents
wherever they are, and forgotten as soon as any meeting changes."""
from datetime import UTC, datetime, time, timedelta

import pytest

import search.online
from meetings.models import Attendance, Meeting, Status
from meetings.schedule import Weekday
from places.geocoding import Place
from search.finder import MeetingSearch
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday, 10:00 in New York
CHICAGO = Place("Chicago, IL", 41.8781, -87.6298, "America/Chicago")


def names(criteria, now=NOW, size=50):
    return [match.meeting.name for match in MeetingSearch(criteria, now=now).page(1, size).matches]


def online_meeting(name, weekday=Weekday.MONDAY, start=time(12, 0), **fields):
    return MeetingFactory(name=name, online=True, weekday=weekday, start_time=start,
                          timezone="America/New_York", **fields)


@pytest.fixture
def rankings_made(monkeypatch):
    """How many times the online part was ranked from the database."""
    made = []
    rank = search.online._rank
    monkeypatch.setattr(search.online, "_rank", lambda statement: made.append(1) or rank(statement))
    return made


def test_parents_in_two_cities_share_one_ranking_of_the_online_part(rankings_made):
    online_meeting("online noon")
    names(CriteriaFactory())

    assert names(CriteriaFactory(place=CHICAGO)) == ["online noon"]
    assert len(rankings_made) == 1


def test_other_needs_are_ranked_apart(rankings_made):
    online_meeting("online noon")
    names(CriteriaFactory())

    assert names(CriteriaFactory(children="welcome")) == []
    assert len(rankings_made) == 2


def test_a_meeting_saved_after_a_search_is_in_the_next_one():
    online_meeting("online noon")
    assert names(CriteriaFactory()) == ["online noon"]

    online_meeting("online one o'clock", start=time(13, 0))

    assert names(CriteriaFactory()) == ["online noon", "online one o'clock"]


def test_a_meeting_archived_in_bulk_leaves_the_next_search():
    online_meeting("online noon")
    online_meeting("online one o'clock", start=time(13, 0))
    assert len(names(CriteriaFactory())) == 2

    Meeting.objects.filter(name="online noon").update(status=Status.ARCHIVED)

    assert names(CriteriaFactory()) == ["online one o'clock"]


def test_a_deleted_meeting_leaves_the_next_search():
    doomed = online_meeting("doomed")
    online_meeting("online one o'clock", start=time(13, 0))
    assert "doomed" in names(CriteriaFactory())

    doomed.delete()

    assert names(CriteriaFactory()) == ["online one o'clock"]


def test_the_ranking_turns_with_the_parents_clock():
    online_meeting("monday noon")
    online_meeting("monday eight pm", start=time(20, 0))
    online_meeting("sunday nine am", weekday=Weekday.SUNDAY, start=time(9, 0))
    criteria = CriteriaFactory()

    assert names(criteria) == ["monday noon", "monday eight pm", "sunday nine am"]
    assert names(criteria, now=NOW + timedelta(hours=4)) == [
        "monday eight pm", "sunday nine am", "monday noon"]


def test_near_hybrid_meetings_are_counted_once_and_ranked_as_met_in_person():
    online_meeting("online noon")
    MeetingFactory(name="hybrid downtown", attendance=Attendance.HYBRID,
                   conference_url="https://zoom.us/j/1", latitude=PITTSBURGH[0],
                   longitude=PITTSBURGH[1], timezone="America/New_York")
    near = MeetingSearch(CriteriaFactory(), now=NOW).page(1)
    far = MeetingSearch(CriteriaFactory(place=CHICAGO), now=NOW).page(1)

    assert near.count == far.count == 2
    by_name = {match.meeting.name: match for match in near.matches}
    assert by_name["hybrid downtown"].distance_km == pytest.approx(0, abs=0.01)
    assert {match.meeting.name: match.distance_km for match in far.matches}["hybrid downtown"] is None
