"""Soft preferences: how well each matching meeting fits a parent, and the plain reasons why.

The score is a weighted mean of fits between 0 and 1, computed in SQL so that the best
fits come first across every page; the reasons are written from the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest

from meetings.models import Attendance, ChildrenPolicy, Meeting, Philosophy
from meetings.schedule import DINNER_AND_BEDTIME, MINUTES_PER_DAY, TimeWindow, minute_of_day

from .criteria import SearchCriteria
from .matching import DURATION, PARENT_START, minutes_after

# How long a parent needs to get from a meeting to what they are avoiding, or back.
TRAVEL_BUFFER_MINUTES = 45
# An online meeting needs no travel, but it is not next door either.
ONLINE_DISTANCE_FIT = 0.5
RECENTLY_VERIFIED_DAYS = 90


@dataclass(frozen=True)
class Weights:
    focus: float = 0.35
    distance: float = 0.25
    travel: float = 0.15
    children: float = 0.15
    verified: float = 0.10


WEIGHTS = Weights()

CHILDREN_FIT = {
    ChildrenPolicy.CHILDCARE: 1.0,
    ChildrenPolicy.WELCOME: 0.6,
    ChildrenPolicy.UNKNOWN: 0.2,
    ChildrenPolicy.ADULTS_ONLY: 0.0,
}


def _float(value) -> Value:
    return Value(float(value), output_field=FloatField())


def focus_matches_expression(focus: tuple[str, ...]):
    """How many of the asked-for focuses a meeting has; each focus is one hashed lookup of
    meeting ids, not a subquery per meeting."""
    through = Meeting.focus.through
    return sum((
        Case(When(pk__in=through.objects.filter(focus__slug=slug).values("meeting_id"), then=Value(1)),
             default=Value(0), output_field=IntegerField())
        for slug in focus
    ), start=Value(0))


def travels_to(meeting: Meeting, criteria: SearchCriteria) -> bool:
    """Whether the parent would travel to the meeting (the same rule as `travellers`)."""
    return meeting.attendance == Attendance.IN_PERSON or (
        meeting.attendance == Attendance.HYBRID and criteria.attendance != Attendance.ONLINE)


def travellers(criteria: SearchCriteria) -> Q:
    travels = Q(attendance=Attendance.IN_PERSON)
    if criteria.attendance != Attendance.ONLINE:
        travels |= Q(attendance=Attendance.HYBRID)
    return travels


def travel_risk_expression(criteria: SearchCriteria):
    """Minutes of the travel buffer a meeting eats into next to an avoided window.

    Avoided windows come round every day, so this works on the time of day of the meeting's
    start and end on the parent's clock.
    """
    buffer = Value(TRAVEL_BUFFER_MINUTES)
    end = PARENT_START + DURATION
    risks = []
    for window in criteria.availability.avoid:
        window_start = minute_of_day(window.start)
        window_end = Value(window_start + window.length)
        risks.append(buffer - minutes_after(Value(window_start), end))
        risks.append(buffer - minutes_after(PARENT_START, window_end))
    risk = Greatest(*risks, Value(0), output_field=IntegerField())
    return Case(When(travellers(criteria), then=risk), default=Value(0), output_field=IntegerField())


def fit_components(criteria: SearchCriteria, today: date) -> dict[str, tuple[float, object]]:
    """Each active fit as (weight, SQL expression of a value between 0 and 1)."""
    components = {
        "children_fit": (WEIGHTS.children, Case(
            *[When(children=policy, then=_float(fit)) for policy, fit in CHILDREN_FIT.items()],
            default=_float(0), output_field=FloatField())),
        "verified_fit": (WEIGHTS.verified, Case(
            When(last_verified__gte=today - timedelta(days=RECENTLY_VERIFIED_DAYS), then=_float(1)),
            When(last_verified__gte=today - timedelta(days=settings.VILLAGE_STALE_AFTER_DAYS),
                 then=_float(0.5)),
            default=_float(0), output_field=FloatField())),
    }
    if criteria.focus:
        components["focus_fit"] = (WEIGHTS.focus, ExpressionWrapper(
            F("focus_matches") * _float(1 / len(criteria.focus)), output_field=FloatField()))
    if criteria.place is not None:
        components["distance_fit"] = (WEIGHTS.distance, Case(
            When(attendance=Attendance.ONLINE, then=_float(ONLINE_DISTANCE_FIT)),
            When(distance_km__lte=criteria.radius_km,
                 then=_float(1) - F("distance_km") / _float(criteria.radius_km)),
            default=_float(ONLINE_DISTANCE_FIT), output_field=FloatField()))
    if criteria.availability.avoid:
        components["travel_fit"] = (WEIGHTS.travel, ExpressionWrapper(
            _float(1) - F("travel_risk") / _float(TRAVEL_BUFFER_MINUTES), output_field=FloatField()))
    return components


def rank(meetings: QuerySet[Meeting], criteria: SearchCriteria, today: date,
         now_parent_minute: int) -> QuerySet[Meeting]:
    """Annotate fits and `score`; best first, then soonest, then nearest."""
    # Aliases, not annotations: each is computed once, inside the score.
    if criteria.focus:
        meetings = meetings.alias(focus_matches=focus_matches_expression(criteria.focus))
    if criteria.availability.avoid:
        meetings = meetings.alias(travel_risk=travel_risk_expression(criteria))
    components = fit_components(criteria, today)
    meetings = meetings.alias(**{name: expression for name, (_, expression) in components.items()})
    total_weight = sum(weight for weight, _ in components.values())
    weighted = sum((F(name) * _float(weight / total_weight)
                    for name, (weight, _) in components.items()), start=_float(0))
    # Minutes from now until the next start, on the parent's week.
    minutes_until = (F("parent_start") - Value(now_parent_minute) + Value(2 * 7 * MINUTES_PER_DAY)
                     ) % Value(7 * MINUTES_PER_DAY)
    return meetings.alias(
        minutes_until=ExpressionWrapper(minutes_until, output_field=IntegerField()),
    ).annotate(
        score=ExpressionWrapper(weighted, output_field=FloatField()),
    ).order_by("-score", F("minutes_until").asc(nulls_last=True), F("distance_km").asc(nulls_last=True),
               "slug")


def _window_words(window: TimeWindow) -> tuple[str, str]:
    """How to say that a meeting is clear of a window: (ends before it, starts after it)."""
    if window == DINNER_AND_BEDTIME:
        return "Done before dinner", "After bedtime"
    return f"Ends before {window.start:%H:%M}", f"Starts after {window.end:%H:%M}"


def timing_reasons(meeting: Meeting, criteria: SearchCriteria, parent_start: int | None) -> list[str]:
    """How the meeting sits against the parent's windows; `parent_start` is its start on the
    parent's week (see `ParentClock`)."""
    if parent_start is None:
        return []
    start = parent_start
    end = start + meeting.duration_minutes
    reasons = []
    for window in criteria.availability.avoid:
        # The same time-of-day arithmetic as the query's (`minutes_after`).
        window_start = minute_of_day(window.start)
        until_window = (window_start - end) % MINUTES_PER_DAY
        since_window = (start - window_start - window.length) % MINUTES_PER_DAY
        ends_before, starts_after = _window_words(window)
        tight = travels_to(meeting, criteria)
        if until_window <= since_window:
            if tight and until_window < TRAVEL_BUFFER_MINUTES:
                reasons.append(f"Ends only {until_window} min before {window.start:%H:%M}")
            else:
                reasons.append(ends_before)
        elif tight and since_window < TRAVEL_BUFFER_MINUTES:
            reasons.append(f"Starts only {since_window} min after {window.end:%H:%M}")
        else:
            reasons.append(starts_after)
    if criteria.availability.free:
        reasons.append("In your free time")
    return reasons


def _distance_reason(meeting: Meeting, criteria: SearchCriteria) -> str | None:
    near_enough = (meeting.distance_km is not None and meeting.meets_in_person
                   and meeting.distance_km <= criteria.radius_km)
    if meeting.attendance == Attendance.ONLINE:
        return "Online, no travel"
    if meeting.attendance == Attendance.HYBRID:
        if near_enough:
            return f"{meeting.distance_km:.1f} km away, or join online"
        return "Join online"
    if meeting.distance_km is not None:
        return f"{meeting.distance_km:.1f} km away"
    return None


def reasons_for(meeting: Meeting, criteria: SearchCriteria, today: date,
                parent_start: int | None) -> list[str]:
    """Short sentences a parent reads to see why a meeting fits."""
    reasons = []
    if criteria.focus:
        wanted = set(criteria.focus)
        matched = [focus.name for focus in meeting.focus.all() if focus.slug in wanted]
        if matched:
            reasons.append("For " + ", ".join(matched))
    reasons += timing_reasons(meeting, criteria, parent_start)
    if meeting.children == ChildrenPolicy.CHILDCARE:
        reasons.append("Childcare on site")
    elif meeting.children == ChildrenPolicy.WELCOME:
        reasons.append("Children welcome")
    if meeting.philosophy == Philosophy.HARM_REDUCTION:
        reasons.append("Harm-reduction friendly")
    if meeting.medication_supportive:
        reasons.append("Welcomes people on methadone or buprenorphine")
    distance = _distance_reason(meeting, criteria)
    if distance:
        reasons.append(distance)
    if criteria.language:
        names = [language.name for language in meeting.languages.all()
                 if language.code == criteria.language]
        reasons += [f"In {name}" for name in names]
    if meeting.wheelchair_accessible:
        reasons.append("Wheelchair accessible")
    if meeting.last_verified and (today - meeting.last_verified).days <= RECENTLY_VERIFIED_DAYS:
        reasons.append("Checked recently")
    return reasons
