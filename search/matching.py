"""Hard constraints: which published meetings a parent could go to at all, as one SQL query.

Each meeting's next start is moved onto the parent's clock inside the query (one shift per
group of meeting zones for the coming week, see `meetings.schedule.zone_shifts`); days and
windows are then plain arithmetic on that minute, on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.db.models.lookups import In, LessThan, LessThanOrEqual

from meetings.models import Attendance, ChildrenPolicy, Meeting, Philosophy
from meetings.schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, zone_shifts

from .criteria import ChildrenNeed, PhilosophyNeed, SearchCriteria

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.2

# A meeting's start on the parent's week minutes (`parent_start`) lies in [-1 day, 8 days).
PARENT_START = F("parent_start")
DURATION = F("end_week_minute") - F("start_week_minute")


def minutes_after(later, earlier):
    """Minutes from one time of day to the next time the other comes round: 0 to 1439.
    (Both are week minutes a few days apart at most; the added days keep SQL's % positive.)"""
    return (later - earlier + Value(16 * MINUTES_PER_DAY)) % Value(MINUTES_PER_DAY)


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

    Zones that shift alike (all of US Eastern time, say) share one shift, and the most used
    come first, so that the database finds a meeting's shift in few comparisons.
    """

    def __init__(self, parent_zone: str, now: datetime):
        zones_by_shifts: dict[tuple, list[str]] = {}
        for name in Meeting.objects.published_zones():
            shifts = tuple((s.start, s.end, s.minutes) for s in zone_shifts(name, parent_zone, now))
            zones_by_shifts.setdefault(shifts, []).append(name)
        self.shifts = [ClockShift(tuple(zones), start, end, minutes)
                       for shifts, zones in zones_by_shifts.items()
                       for start, end, minutes in shifts]

    def parent_minute(self, meeting: Meeting) -> int | None:
        """`parent_start` for one meeting already in hand."""
        for shift in self.shifts:
            if meeting.timezone in shift.zones and shift.start <= meeting.start_week_minute < shift.end:
                return meeting.start_week_minute + shift.minutes
        return None

    def parent_start(self) -> Case:
        """Each meeting's next start in minutes since Sunday 00:00 of the parent's week."""
        whens = []
        for shift in self.shifts:
            condition = (Q(timezone=shift.zones[0]) if len(shift.zones) == 1
                         else Q(timezone__in=shift.zones))
            if (shift.start, shift.end) != (0, MINUTES_PER_WEEK):
                condition &= Q(start_week_minute__gte=shift.start, start_week_minute__lt=shift.end)
            whens.append(When(condition, then=F("start_week_minute") + Value(shift.minutes)))
        return Case(*whens, default=Value(None), output_field=IntegerField())


def time_filter(criteria: SearchCriteria) -> Q:
    """Days, avoid windows and free windows, all on the parent's clock (`parent_start`)."""
    availability = criteria.availability
    if not availability.constrains_time:
        return Q()
    condition = Q(parent_start__isnull=False)
    if availability.constrains_days:
        weekday = (PARENT_START + Value(MINUTES_PER_WEEK)) / Value(MINUTES_PER_DAY) % Value(7)
        condition &= Q(In(weekday, sorted(availability.days)))
    for window in availability.avoid:
        window_start = Value(window.start.hour * 60 + window.start.minute)
        starts_inside = LessThan(minutes_after(PARENT_START, window_start), window.length)
        window_starts_during = LessThan(minutes_after(window_start, PARENT_START), DURATION)
        condition &= ~Q(starts_inside) & ~Q(window_starts_during)
    stretches = availability.free_stretches()
    if availability.free and stretches:
        condition &= reduce(operator.or_, (
            Q(LessThanOrEqual(minutes_after(PARENT_START, Value(start)) + DURATION, length))
            for start, length in stretches))
    return condition


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
    return meetings.filter(needs_filter(criteria), place_filter(criteria), time_filter(criteria))
