"""Weekly meeting times across time zones: weekdays, time windows, next occurrences.

A meeting's time is wall-clock time in its own zone; a parent's days and windows are
wall-clock time in theirs. Everything here turns one into the other for the coming week,
so that daylight saving never moves a meeting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
DEFAULT_DURATION = timedelta(hours=1)


class Weekday(models.IntegerChoices):
    """Days numbered as the Meeting Guide format numbers them: 0 is Sunday."""

    SUNDAY = 0, gettext_lazy("Sunday")
    MONDAY = 1, gettext_lazy("Monday")
    TUESDAY = 2, gettext_lazy("Tuesday")
    WEDNESDAY = 3, gettext_lazy("Wednesday")
    THURSDAY = 4, gettext_lazy("Thursday")
    FRIDAY = 5, gettext_lazy("Friday")
    SATURDAY = 6, gettext_lazy("Saturday")

    @classmethod
    def of(cls, day: date) -> Weekday:
        # Python counts Monday as 0.
        return cls((day.weekday() + 1) % 7)

    @classmethod
    def from_slug(cls, slug: str) -> Weekday:
        return cls(WEEKDAY_SLUGS.index(slug))

    @property
    def slug(self) -> str:
        return WEEKDAY_SLUGS[self.value]


WEEKDAY_SLUGS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
# The days' English names whatever the active language, for data: feeds write days so, and
# the demo's meeting names hold them. (A person reads Weekday's labels.)
WEEKDAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def minute_of_day(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def duration_minutes(start: time, end: time) -> int:
    """Minutes from start to end; an end at or before the start is on the next day."""
    return (minute_of_day(end) - minute_of_day(start)) % MINUTES_PER_DAY or MINUTES_PER_DAY


# No mutual aid meeting runs longer; a longer one is a typo (20:00 to 19:00 for 20:00 to 21:00).
LONGEST_MEETING_MINUTES = 6 * 60


def length_problem(start: time, end: time | None, crosses_midnight: bool | None) -> str | None:
    """What is wrong with a meeting's times, or None: an end before the start that was not
    said to cross midnight, or a meeting longer than LONGEST_MEETING_MINUTES. With
    `crosses_midnight` None (a feed, which cannot be asked) an end before the start is read
    as the next day's."""
    if start is None or end is None:
        return None
    if end == start:
        return _("The meeting ends when it starts: give its end time.")
    if end < start and crosses_midnight is False:
        return _("The end is before the start. If the meeting goes on past midnight, tick "
                 "“Ends after midnight”.")
    if duration_minutes(start, end) > LONGEST_MEETING_MINUTES:
        # Translators: %(hours)s is the longest a meeting may last (6).
        return _("That makes the meeting longer than %(hours)s hours: check the start and end "
                 "times.") % {"hours": LONGEST_MEETING_MINUTES // 60}
    return None


def default_end(start: time) -> time:
    return (datetime.combine(date(2000, 1, 1), start) + DEFAULT_DURATION).time()


def week_minute(weekday: int, start: time) -> int:
    """Minutes since Sunday 00:00 on the same clock."""
    return weekday * MINUTES_PER_DAY + minute_of_day(start)


_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_clock(text: str) -> time:
    match = _TIME_RE.match(text.strip())
    if not match:
        # Translators: an error in a search's time window; HH:MM stays as written.
        raise ValueError(_("'%(text)s' is not a time of day as HH:MM (00:00 to 23:59).")
                         % {"text": text})
    return time(int(match.group(1)), int(match.group(2)))


# Translators: examples of time windows in a search's error messages; the windows and day codes
# stay as written.
WINDOW_FORMS = gettext_lazy("17:00-20:30 (every chosen day), sat@08:00-12:00, mon-fri@20:30-23:59 "
                            "or mon,wed@18:00-21:00")


def parse_days(text: str) -> frozenset[int]:
    """Days written as a comma list of day names and ranges (`mon-fri`, `sat,sun`, `fri-mon`
    runs over the weekend)."""
    days: set[int] = set()
    for part in (part.strip().lower() for part in text.split(",")):
        first, dash, last = part.partition("-")
        if first not in WEEKDAY_SLUGS or (dash and last not in WEEKDAY_SLUGS):
            # Translators: an error in a search's days; mon-fri and the day codes stay as
            # written.
            raise ValueError(_("'%(part)s' is not a day or a range of days such as mon-fri "
                               "(days: %(days)s)") % {"part": part,
                                                      "days": ", ".join(WEEKDAY_SLUGS)})
        start = WEEKDAY_SLUGS.index(first)
        count = (WEEKDAY_SLUGS.index(last) - start) % 7 + 1 if dash else 1
        days.update((start + n) % 7 for n in range(count))
    return frozenset(days)


def day_runs(days) -> list[list[int]]:
    """The days in runs of days that follow each other, Sunday first: [[1, 2, 3], [6]]."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def days_text(days: frozenset[int]) -> str:
    """Days as `parse_days` reads them, runs of three or more as ranges: mon-fri,sun."""
    runs = day_runs(days)
    return ",".join(f"{WEEKDAY_SLUGS[run[0]]}-{WEEKDAY_SLUGS[run[-1]]}" if len(run) > 2
                    else ",".join(WEEKDAY_SLUGS[day] for day in run) for run in runs)


@dataclass(frozen=True)
class TimeWindow:
    """A span of wall-clock time, such as 17:00-20:30, that may cross midnight: on every day
    the parent chose, or, with `days`, on those days only. A window belongs to the day it
    starts on, so fri@22:00-01:00 is Friday night."""

    start: time
    end: time
    days: frozenset[int] = frozenset()  # Weekday numbers; none means every day

    def __post_init__(self):
        if self.start == self.end:
            raise ValueError(_("A time window needs a different start and end."))

    @classmethod
    def parse(cls, text: str) -> TimeWindow:
        day_part, at, clock_part = text.strip().rpartition("@")
        parts = clock_part.split("-")
        try:
            if len(parts) != 2:
                # Translators: finishes "'x' is not a time window such as …: "; HH:MM-HH:MM
                # stays as written.
                raise ValueError(_("give its start and end as HH:MM-HH:MM"))
            return cls(parse_clock(parts[0]), parse_clock(parts[1]),
                       parse_days(day_part) if at else frozenset())
        except ValueError as error:
            # Translators: `forms` are examples of windows, kept as written; `problem` says
            # what is wrong with this one.
            raise ValueError(_("'%(text)s' is not a time window such as %(forms)s: %(problem)s")
                             % {"text": text, "forms": WINDOW_FORMS, "problem": error}) from None

    @property
    def length(self) -> int:
        return duration_minutes(self.start, self.end)

    def week_spans(self) -> list[tuple[int, int]]:
        """(start, length) in minutes since Sunday 00:00, once for each of its days."""
        return [(week_minute(day, self.start), self.length) for day in sorted(self.days)]

    def __str__(self) -> str:
        clock = f"{self.start:%H:%M}-{self.end:%H:%M}"
        return f"{days_text(self.days)}@{clock}" if self.days else clock


DINNER_AND_BEDTIME = TimeWindow(time(17, 0), time(20, 30))


def _merge(spans):
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Availability:
    """When a parent can go: chosen days, windows to avoid, windows that are free.

    All on the parent's wall clock; a window without days comes round every day.
    """

    days: frozenset[int] = frozenset()
    avoid: tuple[TimeWindow, ...] = ()
    free: tuple[TimeWindow, ...] = ()

    @property
    def constrains_time(self) -> bool:
        return bool(self.avoid or self.free or self.constrains_days)

    @property
    def constrains_days(self) -> bool:
        return bool(self.days) and len(self.days) < 7

    def free_stretches(self) -> list[tuple[int, int]]:
        """The free windows as daily (start minute, length) stretches, windows that touch or
        overlap joined (across midnight too); empty when the free time is the whole day."""
        spans = [(minute_of_day(window.start) + day * MINUTES_PER_DAY,
                  minute_of_day(window.start) + day * MINUTES_PER_DAY + window.length)
                 for window in self.free for day in (-1, 0, 1)]
        merged = _merge(spans)
        if any(end - start >= MINUTES_PER_DAY for start, end in merged):
            return []
        return [(start, end - start) for start, end in merged if 0 <= start < MINUTES_PER_DAY]

    @property
    def free_by_day(self) -> bool:
        """Whether some free window holds only on some days (the free time is then weekly)."""
        return any(window.days for window in self.free)

    def free_week_stretches(self) -> list[tuple[int, int]]:
        """The free windows as weekly (start minute since Sunday 00:00, length) stretches, a
        window without days once for every day, windows that touch or overlap joined (across
        the week's end too); empty when the free time is the whole week."""
        spans = [(start + week * MINUTES_PER_WEEK, start + week * MINUTES_PER_WEEK + length)
                 for window in self.free
                 for start, length in (window.week_spans() if window.days
                                       else TimeWindow(window.start, window.end,
                                                       frozenset(range(7))).week_spans())
                 for week in (-1, 0, 1)]
        merged = _merge(spans)
        if any(end - start >= MINUTES_PER_WEEK for start, end in merged):
            return []
        return [(start, end - start) for start, end in merged if 0 <= start < MINUTES_PER_WEEK]


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_timezone(name: str) -> bool:
    if name not in timezone_names():
        return False
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# The zones people most often live or meet in, by the name they know them by; any IANA zone
# still works wherever a zone is asked for.
COMMON_ZONES = {
    "America/New_York": gettext_lazy("Eastern time (New York)"),
    "America/Chicago": gettext_lazy("Central time (Chicago)"),
    "America/Denver": gettext_lazy("Mountain time (Denver)"),
    "America/Phoenix": gettext_lazy("Mountain time without daylight saving (Phoenix)"),
    "America/Los_Angeles": gettext_lazy("Pacific time (Los Angeles)"),
    "America/Anchorage": gettext_lazy("Alaska time (Anchorage)"),
    "Pacific/Honolulu": gettext_lazy("Hawaii time (Honolulu)"),
    "America/Puerto_Rico": gettext_lazy("Atlantic time (Puerto Rico)"),
    "America/Toronto": gettext_lazy("Eastern time (Toronto)"),
    "America/Mexico_City": gettext_lazy("Central Mexico time (Mexico City)"),
    "Europe/London": gettext_lazy("UK time (London)"),
    "Europe/Madrid": gettext_lazy("Central European time (Madrid)"),
    "UTC": "UTC",
}


def validate_timezone(value: str):
    """A model field's validator: the value is an IANA zone name."""
    if not is_timezone(value):
        raise ValidationError(_("'%(value)s' is not an IANA time zone such as America/New_York.")
                              % {"value": value})


def localize(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The real moment of a wall-clock time; a time skipped by a DST jump moves past it."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC).astimezone(tz)


def next_occurrence(weekday: int, start: time, tz: ZoneInfo, after: datetime) -> datetime:
    """The next start of a weekly meeting at or after `after`, in the meeting's own zone."""
    local_now = after.astimezone(tz)
    day = local_now.date() + timedelta(days=(weekday - Weekday.of(local_now.date())) % 7)
    moment = localize(day, start, tz)
    if moment < after:
        moment = localize(day + timedelta(days=7), start, tz)
    return moment


@dataclass(frozen=True)
class ZoneShift:
    """Meetings of `zone` starting at local week minutes [start, end) in the coming week
    start `minutes` later on the parent's clock (earlier when negative)."""

    zone: str
    start: int
    end: int
    minutes: int


def _offset_minutes(tz: ZoneInfo, moment: datetime) -> int:
    return int(moment.astimezone(tz).utcoffset().total_seconds() // 60)


def zone_shifts(meeting_zone: str, parent_zone: str, now: datetime) -> tuple[ZoneShift, ...]:
    """How to move the coming week's meetings of one zone onto the parent's clock.

    Usually one shift covers the week; in a week when either zone changes its clocks the
    week splits where the difference between the two zones changes.
    """
    # Meeting times have minutes, not seconds, so every moment of a minute has the same
    # shifts; a search asks for every published zone, so they are kept.
    return _zone_shifts(meeting_zone, parent_zone, now.astimezone(UTC).replace(second=0, microsecond=0))


@lru_cache(maxsize=4096)
def _zone_shifts(meeting_zone: str, parent_zone: str, now: datetime) -> tuple[ZoneShift, ...]:
    tz, parent_tz = zone(meeting_zone), zone(parent_zone)
    local_now = now.astimezone(tz)
    now_minute = week_minute(Weekday.of(local_now.date()), local_now.time())
    week_start = local_now.date() - timedelta(days=Weekday.of(local_now.date()))

    def moment_of(minute: int) -> datetime:
        # Minutes already past this week belong to next week's occurrence.
        day = week_start + timedelta(days=minute // MINUTES_PER_DAY + (7 if minute < now_minute else 0))
        return localize(day, time(*divmod(minute % MINUTES_PER_DAY, 60)), tz)

    def shift_at(minute: int) -> int:
        moment = moment_of(minute)
        return _offset_minutes(parent_tz, moment) - _offset_minutes(tz, moment)

    horizon = (now, now + timedelta(days=8))
    if all(_offset_minutes(z, horizon[0]) == _offset_minutes(z, horizon[1]) for z in (tz, parent_tz)):
        return (ZoneShift(meeting_zone, 0, MINUTES_PER_WEEK, shift_at(0)),)

    samples = sorted(set(range(0, MINUTES_PER_WEEK, 60)) | {now_minute})
    boundaries = [0]
    for left, right in zip(samples, samples[1:] + [MINUTES_PER_WEEK], strict=True):
        right_shift = shift_at(right) if right < MINUTES_PER_WEEK else None
        if right_shift is None or shift_at(left) == right_shift:
            continue
        low, high = left, right  # the first minute with the right-hand shift lies in (low, high]
        while high - low > 1:
            middle = (low + high) // 2
            if shift_at(middle) == right_shift:
                high = middle
            else:
                low = middle
        boundaries.append(high)
    boundaries.append(MINUTES_PER_WEEK)

    shifts: list[ZoneShift] = []
    for start, end in zip(boundaries, boundaries[1:], strict=False):
        minutes = shift_at(start)
        if shifts and shifts[-1].minutes == minutes:
            shifts[-1] = ZoneShift(meeting_zone, shifts[-1].start, end, minutes)
        else:
            shifts.append(ZoneShift(meeting_zone, start, end, minutes))
    return tuple(shifts)
