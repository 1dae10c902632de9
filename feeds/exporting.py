"""Village's published meetings as a Meeting Guide feed (the code4recovery spec), which the
Meeting Guide app, TSML UI and aggregators read; plus the version that conditional GETs use."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.db.models import Count, Max, QuerySet

from meetings.models import Attendance, Meeting

from .type_codes import code_set, code_set_for_fellowship, code_sets

# Bumped whenever a record's shape changes, so that caches holding the old shape refetch.
FEED_FORMAT_VERSION = 1
_NOT_DIALLED = re.compile(r"[^\d+,*#]")


def feed_meetings() -> QuerySet[Meeting]:
    return (Meeting.objects.published().select_related("source")
            .prefetch_related("focus", "languages").order_by("pk"))


def feed_version(meetings: QuerySet[Meeting]) -> tuple[str, datetime | None]:
    """An ETag and Last-Modified for the feed, from one aggregate query: any edit bumps a
    meeting's `updated`, and a meeting leaving the feed changes the count."""
    stats = meetings.order_by().aggregate(count=Count("pk"), latest=Max("updated"), top=Max("pk"))
    latest = stats["latest"]
    key = f"{FEED_FORMAT_VERSION}:{stats['count']}:{stats['top']}:{latest.isoformat() if latest else ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:32], latest


def dialable(phone: str) -> str:
    """A phone number as the spec wants it: digits, a leading +, and , * # for one-tap dialling."""
    digits = _NOT_DIALLED.sub("", phone)
    return digits if any(char.isdigit() for char in digits) else ""


def meeting_codes(meeting: Meeting) -> list[str]:
    """The meeting's type codes: the source's raw codes where they still hold, and codes for
    what Village knows (children, focus, languages, step-free access) in its fellowship's set."""
    if meeting.source_id and meeting.source.type_codes in code_sets():
        codes = code_set(meeting.source.type_codes)
    else:
        codes = code_set_for_fellowship(meeting.fellowship)
    return codes.codes_for(
        meeting.source_types or [],
        children=meeting.children,
        focus=[focus.slug for focus in meeting.focus.all()],
        languages=[language.code for language in meeting.languages.all()],
        wheelchair_accessible=meeting.wheelchair_accessible,
    )


def meeting_guide_record(meeting: Meeting, *, page_url: str) -> dict:
    record = {
        "slug": meeting.slug,
        "name": meeting.name,
        "day": meeting.weekday,
        "time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M"),
        "timezone": meeting.timezone,
        "types": meeting_codes(meeting),
    }
    if meeting.location_name:
        record["location"] = meeting.location_name
    if meeting.address:
        record["formatted_address"] = meeting.address
        # For an online meeting the address only says where it belongs, as the spec asks; for
        # the others it is where to go, even when the coordinates are only the ZIP code's.
        record["approximate"] = "yes" if meeting.attendance == Attendance.ONLINE else "no"
    if meeting.latitude is not None and meeting.longitude is not None:
        record["latitude"] = meeting.latitude
        record["longitude"] = meeting.longitude
    if meeting.conference_url:
        record["conference_url"] = meeting.conference_url
    phone = dialable(meeting.conference_phone)
    if phone:
        record["conference_phone"] = phone
    if meeting.notes:
        record["notes"] = meeting.notes
    for field_name, key in (("contact_email", "email"), ("contact_phone", "phone"),
                            ("contact_website", "website")):
        if getattr(meeting, field_name):
            record[key] = getattr(meeting, field_name)
    record["updated"] = meeting.updated.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    record["url"] = page_url
    return record


def meeting_guide_feed(meetings: Iterable[Meeting], *, page_url: Callable[[Meeting], str]) -> list:
    return [meeting_guide_record(meeting, page_url=page_url(meeting)) for meeting in meetings]
