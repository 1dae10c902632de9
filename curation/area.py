"""A peer coach's area as a worklist: the listings there that need a check, never checked
first and then the longest unchecked, and what parents asked to change or close there."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import F

from meetings.models import Meeting

from .models import Submission, SubmissionKind, SubmissionStatus
from .stale import in_area, stale_meetings


@dataclass(frozen=True)
class AreaWorklist:
    to_check: list[int]  # meeting ids: never checked first, then the oldest check first
    never_checked: int
    checked_long_ago: int
    requests: list[Submission]  # waiting change and closure requests, oldest first

    @property
    def count(self) -> int:
        return len(self.to_check)

    def page(self, number, size: int) -> Page:
        """Page `number` (any text; a page that is none is the nearest) of the meetings."""
        page = Paginator(self.to_check, size).get_page(number)
        meetings = Meeting.objects.in_bulk(page.object_list)
        page.object_list = [meetings[pk] for pk in page.object_list]
        return page


def area_worklist(profile, today: date | None = None) -> AreaWorklist:
    """What a coach with an area (`profile`, a CoachProfile) has to check there."""
    # Only what placing and ordering need: an area can hold thousands, a page shows 25.
    stale = (stale_meetings(today).only("pk", "attendance", "latitude", "longitude", "last_verified")
             .order_by(F("last_verified").asc(nulls_first=True), "name", "pk"))
    to_check = in_area(stale, profile)
    never = sum(1 for meeting in to_check if meeting.last_verified is None)
    return AreaWorklist([meeting.pk for meeting in to_check], never, len(to_check) - never,
                        _requests_in_area(profile))


def _requests_in_area(profile) -> list[Submission]:
    waiting = {"status": SubmissionStatus.PENDING,
               "kind__in": [SubmissionKind.CHANGE, SubmissionKind.CLOSURE]}
    # The area's box narrows the meetings asked about in SQL, as for the listings.
    asked_about = Meeting.objects.published().filter(
        pk__in=Submission.objects.filter(**waiting).values("meeting_id"))
    inside = [meeting.pk for meeting in in_area(asked_about.only("pk", "attendance", "latitude",
                                                                 "longitude"), profile)]
    return list(Submission.objects.filter(meeting_id__in=inside, **waiting)
                .select_related("meeting").order_by("created", "pk"))
