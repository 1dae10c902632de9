"""Soft preferences: how well each matching meeting fits a parent, and the plain reasons why.

The score is a weighted mean of fits between 0 and 1, computed in SQL over the candidate rows
(`search.matching`) so that the best fits come first across every page; the reasons are
written from the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from meetings.models import Attendance, ChildrenPolicy, Focus, Language, Meeting, Philosophy, link_bit
from meetings.schedule import MINUTES_PER_DAY, MINUTES_PER_WEEK, Availability, TimeWindow
from places.geometry import in_unit

from .criteria import SearchCriteria
from .matching import DISTANCE, DURATION, PARENT_START, minutes_after, window_spans
from .sql import Sql, day, greatest, identifier, join, real, sql
from .windows import FREE_TIME, free_time_words, window_words

# How long a parent needs to get from a meeting to what they are avoiding, or back.
TRAVEL_BUFFER_MINUTES = 45
# The fits of a meeting joined online: it needs no travel, but it is not next door either.
JOINED_ONLINE_FITS = {"distance": 0.5, "travel": 1.0}
RECENTLY_VERIFIED_DAYS = 90

MEETING_FOCUS = identifier(Meeting.focus.through._meta.db_table)


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


def focus_matches(focus_ids: list[int]) -> Sql:
    """How many of the asked-for focuses a meeting has: a bit each, or for a focus numbered
    past the bits a hashed lookup of meeting ids."""
    parts = []
    for focus_id in focus_ids:
        if link_bit(focus_id):
            parts.append(sql("((focus_bits >> {}) & 1)", focus_id))
        else:
            parts.append(sql("CASE WHEN id IN (SELECT meeting_id FROM {} WHERE focus_id = {}) "
                             "THEN 1 ELSE 0 END", MEETING_FOCUS, focus_id))
    return join(" + ", parts) if parts else Sql("0")


def travel_risk(criteria: SearchCriteria) -> Sql:
    """Minutes of the travel buffer a meeting eats into next to an avoided window.

    A window on every chosen day comes round daily, so this works on the time of day of the
    meeting's start and end on the parent's clock; a window on some days, on the time of the
    week.
    """
    end = sql("({} + {})", PARENT_START, DURATION)
    risks = []
    for window in criteria.availability.avoid:
        period, spans = window_spans(window)
        for start, length in spans:
            risks.append(sql("{} - {}", TRAVEL_BUFFER_MINUTES,
                             minutes_after(sql("{}", start), end, period)))
            risks.append(sql("{} - {}", TRAVEL_BUFFER_MINUTES,
                             minutes_after(PARENT_START, sql("{}", start + length), period)))
    return greatest(*risks, Sql("0"))


def weights_in_use(criteria: SearchCriteria, joined_online: bool = False) -> dict[str, float]:
    """The weight of each fit this search weighs, for a meeting met in person or, with
    `joined_online`, one the parent joins from home: a room's children policy is nothing to
    her there, so it weighs nothing."""
    weights = {"verified": WEIGHTS.verified}
    if not joined_online:
        weights["children"] = WEIGHTS.children
    if criteria.focus:
        weights["focus"] = WEIGHTS.focus
    if criteria.place is not None:
        weights["distance"] = WEIGHTS.distance
    if criteria.availability.avoid:
        weights["travel"] = WEIGHTS.travel
    return weights


def fits(criteria: SearchCriteria, today: date, focus_ids: list[int],
         joined_online: bool = False) -> dict[str, Sql]:
    """Each fit in use as SQL of a value between 0 and 1 over the candidate rows, for the
    rows met in person or, with `joined_online`, those joined online: such a meeting needs no
    travel and is middling for distance. `focus_ids` are the numbers of the asked-for
    focuses."""
    children = join(" ", (sql("WHEN {} THEN {}", policy.value, real(fit))
                          for policy, fit in CHILDREN_FIT.items()))
    every_fit = {
        "children": lambda: sql("CASE children {} ELSE {} END", children, real(0)),
        "verified": lambda: sql(
            "CASE WHEN last_verified >= {} THEN {} WHEN last_verified >= {} THEN {} ELSE {} END",
            day(today - timedelta(days=RECENTLY_VERIFIED_DAYS)), real(1),
            day(today - timedelta(days=settings.VILLAGE_STALE_AFTER_DAYS)), real(0.5), real(0)),
        "focus": lambda: sql("({}) * {}", focus_matches(focus_ids), real(1 / len(criteria.focus))),
        "distance": lambda: (real(JOINED_ONLINE_FITS["distance"]) if joined_online else sql(
            "1 - {} / {}", DISTANCE, real(criteria.radius_km))),
        "travel": lambda: (real(JOINED_ONLINE_FITS["travel"]) if joined_online else sql(
            "1 - {} / {}", travel_risk(criteria), real(TRAVEL_BUFFER_MINUTES))),
    }
    return {name: every_fit[name]() for name in weights_in_use(criteria, joined_online)}


def _weighted_mean(criteria: SearchCriteria, today: date, focus_ids: list[int],
                   joined_online: bool) -> Sql:
    weights = weights_in_use(criteria, joined_online)
    total_weight = sum(weights.values())
    return join(" + ", (sql("{} * ({})", real(weights[name] / total_weight), fit)
                        for name, fit in fits(criteria, today, focus_ids, joined_online).items()))


def score(criteria: SearchCriteria, today: date, focus_ids: list[int]) -> Sql:
    """The weighted mean of the fits in use, of a meeting joined online (no distance) or met
    in person."""
    return sql("CASE WHEN {} IS NULL THEN {} ELSE {} END", DISTANCE,
               _weighted_mean(criteria, today, focus_ids, joined_online=True),
               _weighted_mean(criteria, today, focus_ids, joined_online=False))


def ranking_order(now_parent_minute: int, rows: str | None = None) -> Sql:
    """Best first, then soonest, then nearest; the id keeps equal fits in a stable order.
    `rows` names the rows (`page`) whose columns these are, where a join makes them
    ambiguous."""
    of = sql("{}.", identifier(rows)) if rows else Sql("")
    minutes_until = sql("(({}parent_start - {} + {}) % {})", of, now_parent_minute,
                        2 * 7 * MINUTES_PER_DAY, 7 * MINUTES_PER_DAY)
    return sql("{}score DESC, {} ASC NULLS LAST, {}distance_km ASC NULLS LAST, {}id",
               of, minutes_until, of, of)


def timing_reasons(meeting: Meeting, criteria: SearchCriteria, parent_start: int | None,
                   travels: bool) -> list[str]:
    """How the meeting sits against the parent's windows; `parent_start` is its start on the
    parent's week (see `ParentClock`), `travels` whether the parent goes there in person."""
    if parent_start is None:
        return []
    start = parent_start
    end = start + meeting.duration_minutes
    reasons = []
    for window in criteria.availability.avoid:
        # The same arithmetic as the query's (`minutes_after`), on the nearest of its days.
        period, spans = window_spans(window)
        until_window, since_window = min(
            (((span_start - end) % period, (start - span_start - length) % period)
             for span_start, length in spans), key=min)
        if min(until_window, since_window) >= MINUTES_PER_DAY:
            continue  # a window on another day says nothing about this meeting
        words = window_words(window)
        ends_before, starts_after = words.ends_before, words.starts_after
        if until_window <= since_window:
            if travels and until_window < TRAVEL_BUFFER_MINUTES:
                # Translators: a reason: the meeting ends that few minutes before a time the
                # parent avoids (HH:MM), little time to travel.
                reasons.append(_("Ends only %(minutes)s min before %(time)s")
                               % {"minutes": until_window, "time": f"{window.start:%H:%M}"})
            else:
                reasons.append(ends_before)
        elif travels and since_window < TRAVEL_BUFFER_MINUTES:
            # Translators: a reason: the meeting starts that few minutes after a time the
            # parent avoids ends (HH:MM), little time to travel.
            reasons.append(_("Starts only %(minutes)s min after %(time)s")
                           % {"minutes": since_window, "time": f"{window.end:%H:%M}"})
        else:
            reasons.append(starts_after)
    if criteria.availability.free:
        reasons.append(free_time_reason(criteria.availability, start, meeting.duration_minutes))
    return reasons


def free_time_reason(availability: Availability, start: int, duration: int) -> str:
    """How soon into the parent's free time a meeting starts ("Starts 30 min after your evening
    begins"), from the free window it starts in, on its day."""
    by_day = availability.free_by_day
    period = MINUTES_PER_WEEK if by_day else MINUTES_PER_DAY
    inside = []
    for window in availability.free:
        every_day = window if window.days else TimeWindow(window.start, window.end, frozenset(range(7)))
        spans = every_day.week_spans() if by_day else window_spans(window)[1]
        inside += [((start - span_start) % period, window) for span_start, length in spans
                   if (start - span_start) % period + duration <= length]
    if not inside:
        return str(FREE_TIME.inside)  # in a stretch that windows touching each other make
    minutes, window = min(inside, key=lambda found: found[0])
    words = free_time_words(window)
    if minutes == 0:
        return str(words.begins)
    if minutes < 60:
        return words.minutes_after % {"minutes": minutes}
    return str(words.inside)


def _distance_reason(meeting: Meeting, distance_km: float | None, units: str) -> str | None:
    if distance_km is None:
        return _("Join online") if meeting.can_join_online else None
    away = {"distance": f"{in_unit(distance_km, units):.1f}", "unit": units}
    if meeting.attendance == Attendance.HYBRID:
        # Translators: a reason: "2.1 km away, or join online"; the unit is km or mi.
        return _("%(distance)s %(unit)s away, or join online") % away
    # Translators: a reason: "2.1 km away"; the unit is km or mi.
    return _("%(distance)s %(unit)s away") % away


def reasons_for(meeting: Meeting, criteria: SearchCriteria, today: date, *,
                parent_start: int | None, distance_km: float | None,
                focus: list[Focus], languages: list[Language]) -> list[str]:
    """Short sentences a parent reads to see why a meeting fits; `distance_km` is null for a
    meeting the parent joins online, which then earns no reason a room would give. `focus`
    and `languages` are the meeting's."""
    reasons = []
    if criteria.focus:
        wanted = set(criteria.focus)
        matched = [each.label for each in focus if each.slug in wanted]
        if matched:
            # Translators: a reason: who the meeting is especially for, "For Mothers, Fathers".
            reasons.append(_("For %(focus)s") % {"focus": ", ".join(matched)})
    goes_there = distance_km is not None
    reasons += timing_reasons(meeting, criteria, parent_start, travels=goes_there)
    # What a room offers (childcare, children at the venue, step-free access) is no reason
    # to join from home.
    if goes_there and meeting.children == ChildrenPolicy.CHILDCARE:
        reasons.append(_("Childcare on site"))
    elif goes_there and meeting.children == ChildrenPolicy.WELCOME:
        reasons.append(_("Children welcome"))
    if meeting.philosophy == Philosophy.HARM_REDUCTION:
        reasons.append(_("Harm-reduction friendly"))
    if meeting.medication_supportive:
        reasons.append(_("Welcomes people on methadone or buprenorphine"))
    distance = _distance_reason(meeting, distance_km, criteria.units)
    if distance:
        reasons.append(distance)
    if criteria.language:
        names = [language.label for language in languages
                 if language.code == criteria.language]
        # Translators: a reason: the language the meeting is held in, "In Spanish".
        reasons += [_("In %(language)s") % {"language": name} for name in names]
    if goes_there and meeting.wheelchair_accessible:
        reasons.append(_("Wheelchair accessible"))
    if meeting.last_verified and (today - meeting.last_verified).days <= RECENTLY_VERIFIED_DAYS:
        reasons.append(_("Checked recently"))
    return reasons
