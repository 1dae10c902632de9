"""A parent's search, from criteria to ranked matches with next dates and reasons."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import Meeting
from meetings.schedule import Weekday, week_minute, zone

from .criteria import SearchCriteria
from .matching import ParentClock, matching_meetings
from .ranking import rank, reasons_for


@dataclass(frozen=True)
class Match:
    meeting: Meeting
    score: float
    distance_km: float | None
    next_start: datetime  # in the parent's zone
    reasons: list[str]


class MeetingSearch:
    """The meetings that fit `criteria`, best first; a lazy queryset to paginate."""

    def __init__(self, criteria: SearchCriteria, now: datetime | None = None):
        self.criteria = criteria
        self.now = now or timezone.now()
        self.parent_zone = zone(criteria.timezone)
        parent_now = self.now.astimezone(self.parent_zone)
        self.today = parent_now.date()
        self.clock = clock = ParentClock(criteria.timezone, self.now)
        self.meetings: QuerySet[Meeting] = rank(
            matching_meetings(criteria, clock), criteria, self.today,
            now_parent_minute=week_minute(Weekday.of(parent_now.date()), parent_now.time()),
        ).prefetch_related("focus", "languages")

    def matches(self, meetings) -> list[Match]:
        return [
            Match(
                meeting=meeting,
                score=meeting.score,
                distance_km=meeting.distance_km,
                next_start=meeting.next_occurrence(self.now).astimezone(self.parent_zone),
                reasons=reasons_for(meeting, self.criteria, self.today,
                                    parent_start=self.clock.parent_minute(meeting)),
            )
            for meeting in meetings
        ]
