"""Hard constraints: which published meetings a parent could go to at all, as the candidate
rows of the search statement.

Meetings joined online come from one branch and meetings met in person near the parent from
another, each read from its own covering index (`Meeting.Meta.indexes`). Each meeting's next
start is moved onto the parent's clock (`ParentClock`); days and windows are then plain
arithmetic on that minute, on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import math
from datetime import datetime
from functools import cached_property

import places.geometry
from meetings.models import (
    JOINED_ONLINE,
    LATITUDE_BANDS_PER_DEGREE,
    MET_IN_PERSON,
    Attendance,
    ChildrenPolicy,
    Meeting,
    Philosophy,
    Status,
    Zone,
    latitude_band,
    link_bit,
)
from meetings.schedule import (
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    TimeWindow,
    ZoneShift,
    minute_of_day,
    zone_shifts,
)
from places.geometry import EARTH_RADIUS_KM

from .criteria import ChildrenNeed, PhilosophyNeed, SearchCriteria
from .sql import Sql, all_of, any_of, identifier, join, lookup, negated, one_of, real, sql

MEETINGS = identifier(Meeting._meta.db_table)
MEETING_LANGUAGES = identifier(Meeting.languages.through._meta.db_table)

# Columns of the candidate rows. `parent_start` is a meeting's next start in minutes since
# Sunday 00:00 of the parent's week, in [-1 day, 8 days); `distance_km` is null for a meeting
# joined online.
PARENT_START = Sql("parent_start")
DURATION = Sql("duration")
DISTANCE = Sql("distance_km")


def minutes_after(later: Sql, earlier: Sql, period: int = MINUTES_PER_DAY) -> Sql:
    """Minutes from one time of day (or, with `period` a week, one time of the week) to the
    next time the other comes round: 0 to period - 1. (Both are week minutes a week or so
    apart at most; the added weeks, whole days and weeks alike, keep SQL's % positive.)"""
    return sql("(({} - {} + {}) % {})", later, earlier, 3 * MINUTES_PER_WEEK, period)


def window_spans(window: TimeWindow) -> tuple[int, list[tuple[int, int]]]:
    """The period a window comes round in and its (start, length) spans in it: a day and its
    time of day for a window on every chosen day, a week and each of its days otherwise."""
    if window.days:
        return MINUTES_PER_WEEK, window.week_spans()
    return MINUTES_PER_DAY, [(minute_of_day(window.start), window.length)]


class ParentClock:
    """The parent's week as seen from each meeting zone in the coming week."""

    def __init__(self, parent_zone: str, now: datetime):
        self.zone_names = Zone.objects.names()
        self.shifts: list[ZoneShift] = [shift for name in self.zone_names.values()
                                        for shift in zone_shifts(name, parent_zone, now)]

    @cached_property
    def parent_start(self) -> Sql:
        """Each meeting's next start on the parent's week, from its zone and local start.

        A zone that keeps one shift all week is looked up by number; in a week when a zone
        changes its clocks, its meetings before and after the change are told apart by their
        local start.
        """
        number = {name: zone_id for zone_id, name in self.zone_names.items()}
        by_zone: dict[str, list[ZoneShift]] = {}
        for shift in self.shifts:
            by_zone.setdefault(shift.zone, []).append(shift)
        steady = {number[name]: shifts[0].minutes for name, shifts in by_zone.items()
                  if len(shifts) == 1}
        shifted = sql("start_week_minute + {}", lookup(Sql("zone_id"), steady))
        changing = [
            sql("WHEN zone_id = {} AND start_week_minute >= {} AND start_week_minute < {} "
                "THEN start_week_minute + {}", number[name], shift.start, shift.end, shift.minutes)
            for name, shifts in by_zone.items() if len(shifts) > 1 for shift in shifts]
        if not changing:
            return shifted
        return sql("CASE {} ELSE {} END", join(" ", changing), shifted)


def time_filter(criteria: SearchCriteria) -> Sql | None:
    """Days, avoid windows and free windows, all on the parent's clock."""
    availability = criteria.availability
    if not availability.constrains_time:
        return None
    conditions = []
    if availability.constrains_days:
        weekday = sql("(({} + {}) / {} % 7)", PARENT_START, MINUTES_PER_WEEK, MINUTES_PER_DAY)
        conditions.append(sql("{} IN ({})", weekday,
                              join(", ", (sql("{}", day) for day in sorted(availability.days)))))
    for window in availability.avoid:
        period, spans = window_spans(window)
        for start, length in spans:
            starts_inside = sql("{} < {}", minutes_after(PARENT_START, sql("{}", start), period),
                                length)
            window_starts_during = sql("{} < {}", minutes_after(sql("{}", start), PARENT_START,
                                                                period), DURATION)
            conditions += [negated(starts_inside), negated(window_starts_during)]
    period = MINUTES_PER_WEEK if availability.free_by_day else MINUTES_PER_DAY
    stretches = (availability.free_week_stretches() if availability.free_by_day
                 else availability.free_stretches())
    if availability.free and stretches:
        conditions.append(any_of(
            sql("{} + {} <= {}", minutes_after(PARENT_START, sql("{}", start), period), DURATION,
                length)
            for start, length in stretches))
    # Each condition is null, so false, for a meeting whose clock is unknown (`parent_start`
    # null); free time all day long adds none, but such a meeting still cannot be placed.
    return all_of(conditions or [sql("{} IS NOT NULL", PARENT_START)])


def distance(latitude: float, longitude: float) -> Sql:
    """Great-circle distance in km from a point to a meeting (haversine)."""
    lat0, lng0 = math.radians(latitude), math.radians(longitude)
    half_dlat = sql("(RADIANS(latitude) - {}) / 2", real(lat0))
    half_dlng = sql("(RADIANS(longitude) - {}) / 2", real(lng0))
    haversine = sql("POWER(SIN({}), 2) + {} * COS(RADIANS(latitude)) * POWER(SIN({}), 2)",
                    half_dlat, real(math.cos(lat0)), half_dlng)
    return sql("{} * ASIN(SQRT({}))", real(2 * EARTH_RADIUS_KM), haversine)


def bounding_box(latitude: float, longitude: float, radius_km: float) -> Sql:
    """A cheap, index-friendly superset of the circle: its bands of latitude (the index's
    expression, `meeting_met_in_person_band`) and, in each, its longitudes."""
    box = places.geometry.bounding_box(latitude, longitude, radius_km)
    bands = range(latitude_band(box.south), latitude_band(box.north) + 1)
    return sql("FLOOR(latitude * {}) IN ({}) AND longitude BETWEEN {} AND {} "
               "AND latitude BETWEEN {} AND {}", LATITUDE_BANDS_PER_DEGREE,
               join(", ", (sql("{}", band) for band in bands)),
               real(box.west), real(box.east), real(box.south), real(box.north))


def within_radius(criteria: SearchCriteria) -> Sql:
    place = criteria.place
    return sql("{} AND {} <= {}", bounding_box(place.latitude, place.longitude, criteria.radius_km),
               distance(place.latitude, place.longitude), real(criteria.radius_km))


def needs_filter(criteria: SearchCriteria, language_id: int | None) -> list[Sql]:
    """`language_id` is the number of the asked-for language (None when there is no such
    language)."""
    conditions = []
    if criteria.children == ChildrenNeed.WELCOME:
        conditions.append(one_of("children", [ChildrenPolicy.WELCOME, ChildrenPolicy.CHILDCARE]))
    elif criteria.children == ChildrenNeed.CHILDCARE:
        conditions.append(sql("children = {}", ChildrenPolicy.CHILDCARE.value))
    if criteria.philosophy == PhilosophyNeed.HARM_REDUCTION:
        conditions.append(sql("philosophy <> {}", Philosophy.ABSTINENCE_ONLY.value))
    elif criteria.philosophy == PhilosophyNeed.ABSTINENCE:
        conditions.append(sql("philosophy = {}", Philosophy.ABSTINENCE_ONLY.value))
    if criteria.medication_supportive:
        conditions.append(sql("medication_supportive = {}", True))
    if criteria.fellowship:
        conditions.append(sql("fellowship = {}", criteria.fellowship))
    if criteria.wheelchair:
        conditions.append(sql("wheelchair_accessible = {}", True))
    if criteria.language:
        if language_id is None:
            conditions.append(Sql("1 = 0"))
        elif bit := link_bit(language_id):
            conditions.append(sql("(language_bits & {}) <> 0", bit))
        else:
            conditions.append(sql("id IN (SELECT meeting_id FROM {} WHERE language_id = {})",
                                  MEETING_LANGUAGES, language_id))
    return conditions


def _branch(criteria: SearchCriteria, clock: ParentClock, language_id: int | None, kinds,
            distance_km: Sql, where) -> Sql:
    """Candidate rows of one way of attending (the columns that `PARENT_START`, `DURATION`
    and `DISTANCE` name), read from the covering index for `kinds`."""
    return sql(
        "SELECT id, {} AS parent_start, end_week_minute - start_week_minute AS duration, "
        "attendance, children, last_verified, focus_bits, {} AS distance_km FROM {} WHERE {}",
        clock.parent_start, distance_km, MEETINGS,
        all_of([sql("status = {}", Status.PUBLISHED.value), one_of("attendance", kinds),
                *where, *needs_filter(criteria, language_id)]))


def joined_online(criteria: SearchCriteria, clock: ParentClock, language_id: int | None, *,
                  near_hybrid_left_out: bool = True) -> Sql | None:
    """Candidate rows of the published meetings meeting the parent's needs that they would
    join online (None when they want to meet in person): every meeting online, and every
    hybrid one except those near enough to go to (`met_in_person` has those), or, without
    `near_hybrid_left_out`, every hybrid one, wherever the parent is."""
    attendance = criteria.attendance
    if attendance == Attendance.IN_PERSON:
        return None
    kinds = [Attendance.HYBRID] if attendance == Attendance.HYBRID else JOINED_ONLINE
    where = []
    if near_hybrid_left_out and _travels(criteria):
        where.append(negated(sql("attendance = {} AND latitude IS NOT NULL AND longitude IS NOT NULL "
                                 "AND {}", Attendance.HYBRID.value, within_radius(criteria))))
    return _branch(criteria, clock, language_id, kinds, Sql("CAST(NULL AS DOUBLE PRECISION)"), where)


def met_in_person(criteria: SearchCriteria, clock: ParentClock, language_id: int | None) -> Sql | None:
    """Candidate rows of the published meetings meeting the parent's needs that they could go
    to: in person or hybrid, within the radius (None without a place, or online only)."""
    if not _travels(criteria):
        return None
    kinds = [Attendance.HYBRID] if criteria.attendance == Attendance.HYBRID else MET_IN_PERSON
    place = criteria.place
    return _branch(criteria, clock, language_id, kinds, distance(place.latitude, place.longitude),
                   [within_radius(criteria)])


def _travels(criteria: SearchCriteria) -> bool:
    return criteria.place is not None and criteria.attendance != Attendance.ONLINE


def candidates(*branches: Sql | None) -> Sql:
    """The rows of the branches given (days and windows are left to `time_filter`, on these
    rows' `parent_start`)."""
    return join(" UNION ALL ", (branch for branch in branches if branch is not None))
