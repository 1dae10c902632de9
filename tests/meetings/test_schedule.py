"""Weekly times across zones: weekdays, windows, next occurrences and DST."""
from datetime import UTC, date, datetime, time

import pytest

from meetings.schedule import (
    DINNER_AND_BEDTIME,
    MINUTES_PER_WEEK,
    Availability,
    TimeWindow,
    Weekday,
    duration_minutes,
    next_occurrence,
    zone,
    zone_shifts,
)

NEW_YORK = zone("America/New_York")


def test_weekday_numbering_starts_on_sunday_like_meeting_guide():
    assert Weekday.of(date(2026, 11, 22)) == Weekday.SUNDAY
    assert Weekday.of(date(2026, 11, 28)) == Weekday.SATURDAY
    assert Weekday.from_slug("mon") == Weekday.MONDAY
    assert Weekday.TUESDAY.slug == "tue"


def test_dinner_and_bedtime_preset_is_five_to_half_past_eight():
    assert str(DINNER_AND_BEDTIME) == "17:00-20:30"


def test_window_parses_and_its_length_runs_across_midnight():
    window = TimeWindow.parse("21:00-06:00")
    assert window == TimeWindow(time(21), time(6))
    assert window.length == 9 * 60
    assert TimeWindow.parse("9:00-12:30").length == 3 * 60 + 30


@pytest.mark.parametrize("text", ["25:00-26:00", "17-20", "17:00", "17:00-17:00", "abc", "17:60-18:00"])
def test_window_rejects_text_that_is_not_two_clock_times(text):
    with pytest.raises(ValueError):
        TimeWindow.parse(text)


def test_meeting_ending_after_midnight_lasts_into_the_next_day():
    assert duration_minutes(time(23, 30), time(0, 30)) == 60
    assert duration_minutes(time(19), time(20, 30)) == 90


def test_next_occurrence_is_later_today_when_it_has_not_started():
    monday_morning = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 09:00 in New York
    start = next_occurrence(Weekday.MONDAY, time(12), NEW_YORK, monday_morning)
    assert start == datetime(2026, 11, 23, 12, tzinfo=NEW_YORK)


def test_next_occurrence_is_next_week_once_it_has_started():
    monday_afternoon = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # 13:00 in New York
    start = next_occurrence(Weekday.MONDAY, time(12), NEW_YORK, monday_afternoon)
    assert start.date() == date(2026, 11, 30)


def test_next_occurrence_keeps_local_time_across_spring_forward():
    before = next_occurrence(Weekday.SUNDAY, time(19), NEW_YORK, datetime(2026, 2, 28, tzinfo=UTC))
    after = next_occurrence(Weekday.SUNDAY, time(19), NEW_YORK, datetime(2026, 3, 7, tzinfo=UTC))
    assert before.isoformat() == "2026-03-01T19:00:00-05:00"
    assert after.isoformat() == "2026-03-08T19:00:00-04:00"


def test_next_occurrence_keeps_local_time_across_fall_back():
    start = next_occurrence(Weekday.SUNDAY, time(19), NEW_YORK, datetime(2026, 10, 31, tzinfo=UTC))
    assert start.isoformat() == "2026-11-01T19:00:00-05:00"


def test_meeting_at_a_time_skipped_by_spring_forward_starts_after_the_jump():
    start = next_occurrence(Weekday.SUNDAY, time(2, 30), NEW_YORK, datetime(2026, 3, 7, tzinfo=UTC))
    assert start.isoformat() == "2026-03-08T03:30:00-04:00"


def test_new_york_is_three_hours_ahead_of_los_angeles_all_week():
    shifts = zone_shifts("America/New_York", "America/Los_Angeles", datetime(2026, 11, 23, tzinfo=UTC))
    assert [(s.start, s.end, s.minutes) for s in shifts] == [(0, MINUTES_PER_WEEK, -180)]


def test_phoenix_keeps_standard_time_so_its_gap_to_denver_changes_with_the_season():
    winter = zone_shifts("America/Phoenix", "America/Denver", datetime(2026, 1, 10, tzinfo=UTC))
    summer = zone_shifts("America/Phoenix", "America/Denver", datetime(2026, 7, 10, tzinfo=UTC))
    assert [s.minutes for s in winter] == [0]
    assert [s.minutes for s in summer] == [60]


def test_week_of_the_us_clock_change_splits_where_new_york_springs_forward():
    # Thursday 5 March 2026: the US changes on Sunday 8 March at 02:00, the UK not until the 29th.
    shifts = zone_shifts("America/New_York", "Europe/London", datetime(2026, 3, 5, 17, tzinfo=UTC))

    def shift_of(weekday, clock):
        minute = weekday * 24 * 60 + clock.hour * 60 + clock.minute
        return next(s.minutes for s in shifts if s.start <= minute < s.end)

    assert shift_of(Weekday.SATURDAY, time(19)) == 300  # 7 March: 19:00 New York is 00:00 London
    assert shift_of(Weekday.SUNDAY, time(1)) == 300
    assert shift_of(Weekday.SUNDAY, time(19)) == 240  # 8 March, after the change
    assert shift_of(Weekday.MONDAY, time(19)) == 240
    # Later today (Thursday) is this week; earlier today already means next Thursday.
    assert shift_of(Weekday.THURSDAY, time(18)) == 300
    assert shift_of(Weekday.THURSDAY, time(9)) == 240


def test_overlapping_free_windows_merge_into_one_daily_stretch():
    free = Availability(free=(TimeWindow.parse("09:00-12:00"), TimeWindow.parse("11:00-14:00")))
    assert free.free_stretches() == [(9 * 60, 5 * 60)]


def test_free_windows_joined_across_midnight_start_the_evening_before():
    free = Availability(free=(TimeWindow.parse("23:00-01:00"), TimeWindow.parse("00:30-03:00")))
    assert free.free_stretches() == [(23 * 60, 4 * 60)]


def test_free_time_all_day_long_leaves_nothing_to_check():
    free = Availability(free=(TimeWindow.parse("06:00-18:00"), TimeWindow.parse("18:00-06:00")))
    assert free.free_stretches() == []


def test_availability_with_all_days_does_not_constrain_days():
    assert not Availability(days=frozenset(range(7))).constrains_time
    assert Availability(days=frozenset({1})).constrains_time


@pytest.mark.parametrize("text, days, written", [
    ("sat@08:00-12:00", {6}, "sat@08:00-12:00"),
    ("mon-fri@20:30-23:59", {1, 2, 3, 4, 5}, "mon-fri@20:30-23:59"),
    ("mon,wed@18:00-21:00", {1, 3}, "mon,wed@18:00-21:00"),
    ("fri-mon@09:00-10:00", {5, 6, 0, 1}, "sun,mon,fri,sat@09:00-10:00"),
    (" SAT , sun @ 9:00-10:00", {6, 0}, "sun,sat@09:00-10:00"),
])
def test_a_window_on_some_days_reads_its_days_and_is_written_back_the_same(text, days, written):
    window = TimeWindow.parse(text)
    assert window.days == frozenset(days)
    assert str(window) == written
    assert TimeWindow.parse(str(window)) == window


def test_a_window_on_some_days_lies_once_on_each_of_them_in_the_week():
    friday_night = TimeWindow.parse("fri@22:00-01:00")
    assert friday_night.week_spans() == [(5 * 24 * 60 + 22 * 60, 3 * 60)]
    assert TimeWindow.parse("22:00-01:00").week_spans() == []  # every chosen day: no days of its own


@pytest.mark.parametrize("text", ["funday@10:00-11:00", "@10:00-11:00", "mon-@10:00-11:00",
                                  "mon@25:00-26:00", "mon@10:00", "mon,@10:00-11:00"])
def test_a_window_with_days_that_are_not_days_is_refused_naming_the_allowed_forms(text):
    with pytest.raises(ValueError, match="mon-fri@20:30-23:59"):
        TimeWindow.parse(text)


def test_free_stretches_of_the_week_join_windows_that_touch_across_days_and_the_weekend():
    availability = Availability(free=(TimeWindow.parse("sat@22:00-00:00"),
                                      TimeWindow.parse("sun@00:00-02:00"),
                                      TimeWindow.parse("mon@09:00-10:00")))
    assert availability.free_by_day
    assert availability.free_week_stretches() == [(24 * 60 + 9 * 60, 60), (6 * 24 * 60 + 22 * 60, 4 * 60)]
    every_day = Availability(free=(TimeWindow.parse("00:00-12:00"), TimeWindow.parse("sun-sat@12:00-00:00")))
    assert every_day.free_week_stretches() == []
