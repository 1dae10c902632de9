"""Days and time windows are the parent's; meeting times are their own zone's."""
from datetime import UTC, datetime, time

import pytest

from meetings.schedule import DINNER_AND_BEDTIME, Availability, TimeWindow, Weekday
from places.geocoding import Place
from search.finder import MeetingSearch
from tests.factories import CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 10:00 in New York, 07:00 in Los Angeles.
MONDAY_MORNING = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
LOS_ANGELES = Place("Los Angeles, CA", 34.05, -118.24, "America/Los_Angeles")


def found(criteria, now=MONDAY_MORNING):
    search = MeetingSearch(criteria, now=now)
    return [match.meeting.name for match in search.page(size=100).matches]


def avoiding(*windows, **kwargs):
    return CriteriaFactory(availability=Availability(avoid=tuple(TimeWindow.parse(w) for w in windows)),
                           **kwargs)


def test_avoid_window_excludes_meetings_overlapping_bedtime():
    MeetingFactory(name="before", start_time=time(16), end_time=time(17))
    MeetingFactory(name="into dinner", start_time=time(16, 30), end_time=time(17, 30))
    MeetingFactory(name="at dinner", start_time=time(18))
    MeetingFactory(name="into bedtime end", start_time=time(20), end_time=time(21))
    MeetingFactory(name="after", start_time=time(20, 30), end_time=time(21, 30))

    names = found(CriteriaFactory(availability=Availability(avoid=(DINNER_AND_BEDTIME,))))

    assert sorted(names) == ["after", "before"]


def test_window_crossing_midnight_excludes_late_night_and_early_morning():
    MeetingFactory(name="evening", start_time=time(20), end_time=time(21))
    MeetingFactory(name="late", start_time=time(22))
    MeetingFactory(name="past midnight", start_time=time(23, 30), end_time=time(0, 30))
    MeetingFactory(name="dawn", start_time=time(5, 30))
    MeetingFactory(name="breakfast", start_time=time(6), end_time=time(7))

    assert sorted(found(avoiding("21:00-06:00"))) == ["breakfast", "evening"]


def test_window_crossing_midnight_reaches_from_saturday_night_into_sunday():
    MeetingFactory(name="sunday small hours", weekday=Weekday.SUNDAY, start_time=time(0, 30))
    MeetingFactory(name="saturday late", weekday=Weekday.SATURDAY, start_time=time(23))
    MeetingFactory(name="sunday morning", weekday=Weekday.SUNDAY, start_time=time(9))

    assert found(avoiding("21:00-06:00")) == ["sunday morning"]


def test_online_meeting_at_19_in_new_york_is_16_for_a_parent_in_los_angeles():
    MeetingFactory(name="ny online", online=True, weekday=Weekday.TUESDAY, start_time=time(19))
    search = MeetingSearch(CriteriaFactory(timezone="America/Los_Angeles", place=LOS_ANGELES),
                           now=MONDAY_MORNING)

    [match] = search.page().matches

    assert match.next_start.isoformat() == "2026-11-24T16:00:00-08:00"


def test_avoid_window_is_read_on_the_parents_clock():
    MeetingFactory(name="ny online", online=True, start_time=time(19))
    in_los_angeles = avoiding("17:00-20:30", timezone="America/Los_Angeles", place=LOS_ANGELES)
    in_new_york = avoiding("17:00-20:30")

    assert found(in_los_angeles) == ["ny online"]  # 16:00 there: clear of dinner
    assert found(in_new_york) == []


def test_days_are_the_parents_days():
    # Monday 01:00 in New York is still Sunday 22:00 in Los Angeles.
    MeetingFactory(name="ny small hours", online=True, weekday=Weekday.MONDAY, start_time=time(1))

    def on(days, **kwargs):
        return found(CriteriaFactory(availability=Availability(days=frozenset(days)), **kwargs))

    los_angeles = {"timezone": "America/Los_Angeles", "place": LOS_ANGELES}
    assert on({Weekday.SUNDAY}, **los_angeles) == ["ny small hours"]
    assert on({Weekday.MONDAY}, **los_angeles) == []
    assert on({Weekday.MONDAY}) == ["ny small hours"]


def test_free_window_keeps_only_meetings_inside_it():
    MeetingFactory(name="inside", start_time=time(10), end_time=time(11))
    MeetingFactory(name="runs over", start_time=time(11, 30), end_time=time(12, 30))
    MeetingFactory(name="evening", start_time=time(19))
    free = Availability(free=(TimeWindow.parse("09:00-12:00"),))

    assert found(CriteriaFactory(availability=free)) == ["inside"]


def test_touching_free_windows_count_as_one_stretch_of_free_time():
    MeetingFactory(name="across both", start_time=time(11, 30), end_time=time(12, 30))
    free = Availability(free=(TimeWindow.parse("09:00-12:00"), TimeWindow.parse("12:00-14:00")))

    assert found(CriteriaFactory(availability=free)) == ["across both"]


def test_free_window_crossing_midnight_holds_a_late_meeting():
    MeetingFactory(name="night owls", start_time=time(23), end_time=time(0, 30))
    free = Availability(free=(TimeWindow.parse("22:00-02:00"),))

    assert found(CriteriaFactory(availability=free)) == ["night owls"]


def test_phoenix_meeting_moves_an_hour_on_a_denver_clock_when_denver_springs_forward():
    # Thursday 5 March 2026; Denver moves its clocks on Sunday 8 March, Phoenix never does.
    thursday = datetime(2026, 3, 5, 17, tzinfo=UTC)
    denver = Place("Denver, CO", 39.74, -104.99, "America/Denver")
    for weekday in (Weekday.FRIDAY, Weekday.MONDAY):
        MeetingFactory(name=f"phoenix {weekday.slug}", online=True, timezone="America/Phoenix",
                       weekday=weekday, start_time=time(17), end_time=time(18))
    criteria = avoiding("18:30-20:30", timezone="America/Denver", place=denver)

    # Friday 17:00 Phoenix is 17:00 in Denver; Monday 17:00 Phoenix is 18:00 in Denver.
    assert found(criteria, now=thursday) == ["phoenix fri"]


def test_meeting_keeps_its_local_time_in_the_week_its_own_clocks_change():
    saturday = datetime(2026, 3, 7, 12, tzinfo=UTC)
    MeetingFactory(name="sunday evening", weekday=Weekday.SUNDAY, start_time=time(19))
    search = MeetingSearch(avoiding("18:30-20:00"), now=saturday)
    assert search.page().matches == []

    search = MeetingSearch(CriteriaFactory(), now=saturday)
    [match] = search.page().matches
    assert match.next_start.isoformat() == "2026-03-08T19:00:00-04:00"


def test_london_parent_sees_new_york_meetings_an_hour_closer_between_the_two_clock_changes():
    london = Place("London", 51.5, -0.12, "Europe/London")
    MeetingFactory(name="ny", online=True, weekday=Weekday.TUESDAY, start_time=time(19))

    def next_start(now):
        search = MeetingSearch(CriteriaFactory(timezone="Europe/London", place=london), now=now)
        return search.page().matches[0].next_start.isoformat()

    assert next_start(datetime(2026, 3, 2, tzinfo=UTC)) == "2026-03-04T00:00:00+00:00"
    assert next_start(datetime(2026, 3, 9, tzinfo=UTC)) == "2026-03-10T23:00:00+00:00"
    assert next_start(datetime(2026, 3, 30, tzinfo=UTC)) == "2026-04-01T00:00:00+01:00"


def test_meeting_already_started_today_counts_on_next_weeks_day():
    MeetingFactory(name="monday early", weekday=Weekday.MONDAY, start_time=time(8))
    search = MeetingSearch(CriteriaFactory(availability=Availability(days=frozenset({Weekday.MONDAY}))),
                           now=MONDAY_MORNING)

    [match] = search.page().matches

    assert match.next_start.isoformat() == "2026-11-30T08:00:00-05:00"
