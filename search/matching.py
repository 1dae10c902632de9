"""Hard constraints: which published meetings a parent could go to at all, as one SQL query.

A parent's days and windows are moved onto each meeting zone's own clock for the coming
week (see `meetings.schedule.zone_shifts`), so the query compares stored columns with
constants, on SQLite and PostgreSQL alike, and never converts a time per row.
"""
from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from meetings.models import Attendance, ChildrenPolicy, Meeting, Philosophy
from meetings.schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, zone_shifts

from .criteria import ChildrenNeed, PhilosophyNeed, SearchCriteria

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.2
def _any_of(conditions) -> Q:
    return reduce(operator.or_, conditions, Q(pk__in=[]))


@dataclass(frozen=True)
class ClockShift:
    """Meetings of `zones` starting at their local week minutes [start, end) in the coming
    week start `minutes` later on the parent's clock."""

    zones: tuple[str, ...]
    start: int
    end: int
    minutes: int


class ParentClock:
    """The parent's week as seen from each meeting zone in the coming week.

    A span [a, b) of the parent's week minutes is [a - k, b - k) on a zone's own week
    minutes, where k is that zone's shift; conditions are built per shift from that. Zones
    that shift alike (all of US Eastern time, say) share one shift, and the most used come
    first, so that the database decides a meeting's shift in few comparisons.
    """

    def __init__(self, parent_zone: str, now: datetime):
        zones_by_shifts: dict[tuple, list[str]] = {}
        for name in Meeting.objects.published_zones():
            shifts = tuple((s.start, s.end, s.minutes) for s in zone_shifts(name, parent_zone, now))
            zones_by_shifts.setdefault(shifts, []).append(name)
        self.shifts = [ClockShift(tuple(zones), start, end, minutes)
                       for shifts, zones in zones_by_shifts.items()
                       for start, end, minutes in shifts]

    @staticmethod
    def _meetings_in(shift: ClockShift) -> Q:
        condition = Q(timezone=shift.zones[0]) if len(shift.zones) == 1 else Q(timezone__in=shift.zones)
        if (shift.start, shift.end) != (0, MINUTES_PER_WEEK):
            condition &= Q(start_week_minute__gte=shift.start, start_week_minute__lt=shift.end)
        return condition

    def where(self, condition_for: Callable[[ClockShift], Q]) -> Q:
        return _any_of(self._meetings_in(shift) & condition_for(shift) for shift in self.shifts)

    def value(self, expression_for: Callable[[ClockShift], object], output_field) -> Case:
        return Case(*[When(self._meetings_in(shift), then=expression_for(shift))
                      for shift in self.shifts],
                    default=Value(None), output_field=output_field)

    def parent_minute(self, meeting: Meeting) -> int | None:
        """`parent_start` for one meeting already in hand."""
        for shift in self.shifts:
            if meeting.timezone in shift.zones and shift.start <= meeting.start_week_minute < shift.end:
                return meeting.start_week_minute + shift.minutes
        return None

    def parent_start(self) -> Case:
        """Each meeting's next start in minutes since Sunday 00:00 of the parent's week."""
        return self.value(lambda shift: F("start_week_minute") + Value(shift.minutes),
                          IntegerField())


def local_spans(spans, shift: ClockShift):
    """Parent spans on a zone's own week minutes, keeping those that can touch its meetings
    (a meeting starts in the shift's range and lasts at most a day)."""
    low, high = shift.start, shift.end + MINUTES_PER_DAY
    return [(a - shift.minutes, b - shift.minutes) for a, b in spans
            if b - shift.minutes > low and a - shift.minutes < high]


def time_filter(criteria: SearchCriteria, clock: ParentClock) -> Q:
    """Days, avoid windows and free windows, all in the parent's week."""
    availability = criteria.availability
    if not availability.constrains_time:
        return Q()
    day_spans = availability.day_spans()
    avoid_spans = availability.avoid_spans()
    free_spans = availability.free_spans()

    def condition_for(shift: ClockShift) -> Q:
        condition = Q()
        if day_spans:
            condition &= _any_of(Q(start_week_minute__gte=a, start_week_minute__lt=b)
                                 for a, b in local_spans(day_spans, shift))
        for a, b in local_spans(avoid_spans, shift):
            condition &= ~Q(start_week_minute__lt=b, end_week_minute__gt=a)
        if free_spans:
            condition &= _any_of(Q(start_week_minute__gte=a, end_week_minute__lte=b)
                                 for a, b in local_spans(free_spans, shift))
        return condition

    return clock.where(condition_for)


def distance_expression(latitude: float, longitude: float):
    """Great-circle distance in km from a point (haversine)."""
    lat0, lng0 = math.radians(latitude), math.radians(longitude)
    half_dlat = (Radians("latitude") - Value(lat0)) / Value(2.0)
    half_dlng = (Radians("longitude") - Value(lng0)) / Value(2.0)
    haversine = Power(Sin(half_dlat), 2) + Value(math.cos(lat0)) * Cos(Radians("latitude")) * Power(
        Sin(half_dlng), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(haversine), output_field=FloatField())


def bounding_box(latitude: float, longitude: float, radius_km: float) -> Q:
    """A cheap, index-friendly superset of the circle."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlng = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return Q(latitude__gte=latitude - dlat, latitude__lte=latitude + dlat,
             longitude__gte=longitude - dlng, longitude__lte=longitude + dlng)


def place_filter(criteria: SearchCriteria) -> Q:
    """Within the radius for meetings met in person; online meetings ignore it."""
    joinable_online = Q(attendance__in=[Attendance.ONLINE, Attendance.HYBRID])
    if criteria.attendance == Attendance.ONLINE:
        return joinable_online
    if criteria.attendance == Attendance.HYBRID:
        return Q(attendance=Attendance.HYBRID)
    if criteria.place is None:
        nearby = Q(attendance__in=[Attendance.IN_PERSON, Attendance.HYBRID])
    else:
        nearby = bounding_box(criteria.place.latitude, criteria.place.longitude,
                              criteria.radius_km) & Q(distance_km__lte=criteria.radius_km)
    if criteria.attendance == Attendance.IN_PERSON:
        return Q(attendance__in=[Attendance.IN_PERSON, Attendance.HYBRID]) & nearby
    return joinable_online | nearby


def needs_filter(criteria: SearchCriteria) -> Q:
    condition = Q()
    if criteria.children == ChildrenNeed.WELCOME:
        condition &= Q(children__in=[ChildrenPolicy.WELCOME, ChildrenPolicy.CHILDCARE])
    elif criteria.children == ChildrenNeed.CHILDCARE:
        condition &= Q(children=ChildrenPolicy.CHILDCARE)
    if criteria.philosophy == PhilosophyNeed.HARM_REDUCTION:
        condition &= ~Q(philosophy=Philosophy.ABSTINENCE_ONLY)
    elif criteria.philosophy == PhilosophyNeed.ABSTINENCE:
        condition &= Q(philosophy=Philosophy.ABSTINENCE_ONLY)
    if criteria.medication_supportive:
        condition &= Q(medication_supportive=True)
    if criteria.fellowship:
        condition &= Q(fellowship=criteria.fellowship)
    if criteria.wheelchair:
        condition &= Q(wheelchair_accessible=True)
    if criteria.language:
        condition &= Q(languages__code=criteria.language)
    return condition


def matching_meetings(criteria: SearchCriteria, clock: ParentClock) -> QuerySet[Meeting]:
    """Published meetings meeting every hard constraint, annotated with `distance_km` (null
    without a place); `parent_start` is an alias for ranking, not fetched."""
    meetings = Meeting.objects.published().alias(parent_start=clock.parent_start())
    if criteria.place is not None:
        meetings = meetings.annotate(
            distance_km=distance_expression(criteria.place.latitude, criteria.place.longitude))
    else:
        meetings = meetings.annotate(distance_km=Value(None, output_field=FloatField()))
    return meetings.filter(needs_filter(criteria), place_filter(criteria),
                           time_filter(criteria, clock))
