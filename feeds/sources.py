"""Feed sources as a whole: which source a location is already registered as, and deleting a
source without leaving its meetings published with nobody keeping them up to date."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from meetings.history import record_versions
from meetings.models import Meeting, Status

from .locations import is_url, same_place
from .models import FeedSource


def registered_as(location: str) -> FeedSource | None:
    """The source already reading this location, however its path was spelled."""
    place = same_place(location)
    found = FeedSource.objects.filter(location__in={location, place}).first()
    if found is not None or is_url(location):
        return found
    for source in FeedSource.objects.exclude(location__startswith="http"):
        if same_place(source.location) == place:
            return source
    return None


def meetings_held(source: FeedSource) -> dict:
    """How many meetings a source holds: in all, and listed (published) now."""
    meetings = Meeting.objects.filter(source=source)
    return {"total": meetings.count(), "published": meetings.filter(status=Status.PUBLISHED).count()}


@transaction.atomic
def delete_source(source: FeedSource, *, by=None) -> int:
    """Delete a source and archive its meetings (each archiving in its history, by `by`), so
    that none stays listed without the feed that kept it true. Answers how many it archived."""
    meetings = list(Meeting.objects.filter(source=source).exclude(status=Status.ARCHIVED))
    now = timezone.now()
    for meeting in meetings:
        meeting.status = Status.ARCHIVED
        meeting.updated = now
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings]).update(
        status=Status.ARCHIVED, updated=now)
    # With their focus and language links, so the archiving shows as that and nothing else.
    record_versions(meetings, history_type="~", by=by, when=now, batch_size=500,
                    reason=f"Feed source deleted: {source.name}"[:100])
    source.delete()
    return len(meetings)


def delete_sources(sources, *, by=None) -> int:
    return sum(delete_source(source, by=by) for source in sources)
