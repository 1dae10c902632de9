"""Village's published meetings as a Meeting Guide feed (the code4recovery spec), which the
Meeting Guide app, TSML UI and aggregators read; the version that conditional GETs use, and
the gzipped snapshot of the feed that the API serves."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils import translation

from config.celery import enqueue
from meetings.models import Attendance, Meeting, Vocabulary

from . import bmlt_formats
from .models import FeedFormat, FeedSnapshot
from .type_codes import code_set, code_set_for_fellowship, code_sets

# Bumped whenever a record's shape changes, so that caches holding the old shape refetch.
FEED_FORMAT_VERSION = 1
_NOT_DIALLED = re.compile(r"[^\d+,*#]")


def feed_meetings() -> QuerySet[Meeting]:
    # Focuses and languages come from the link bits (feed_records), not from a prefetch.
    return Meeting.objects.published().select_related("source").order_by("pk")


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


def meeting_codes(meeting: Meeting, focus: Iterable[str], languages: Iterable[str]) -> list[str]:
    """The meeting's type codes: the source's raw codes where they still hold, and codes for
    what Village knows (children, focus, languages, step-free access) in its fellowship's set.
    `focus` (slugs) and `languages` (codes) are the meeting's."""
    raw = meeting.source_types or []
    if meeting.source_id and meeting.source.format == FeedFormat.BMLT:
        raw = bmlt_formats.meeting_guide_codes(raw)  # NAWS world ids, not Meeting Guide codes
    if meeting.source_id and meeting.source.type_codes in code_sets():
        codes = code_set(meeting.source.type_codes)
    else:
        codes = code_set_for_fellowship(meeting.fellowship)
    return codes.codes_for(
        raw,
        children=meeting.children,
        focus=focus,
        languages=languages,
        wheelchair_accessible=meeting.wheelchair_accessible,
    )


def meeting_guide_record(meeting: Meeting, *, page_url: str, focus: Iterable[str],
                         languages: Iterable[str]) -> dict:
    record = {
        "slug": meeting.slug,
        "name": meeting.name,
        "day": meeting.weekday,
        "time": meeting.start_time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M"),
        "timezone": meeting.timezone,
        "types": meeting_codes(meeting, focus, languages),
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


def feed_records(meetings: QuerySet[Meeting], *, page_url: Callable[[Meeting], str]) -> Iterator[dict]:
    """The feed's records, read a chunk of meetings at a time; focuses and languages come from
    the meetings' link bits, and from the link tables only for those numbered past the bits."""
    vocabulary = Vocabulary.current()
    # The import bookkeeping is most of a row and no part of a record.
    rows = meetings.defer("imported_values").iterator(chunk_size=BUILD_CHUNK)
    while chunk := list(islice(rows, BUILD_CHUNK)):
        focus_links, language_links = vocabulary.links_beyond_bits([meeting.pk for meeting in chunk])
        for meeting in chunk:
            yield meeting_guide_record(
                meeting, page_url=page_url(meeting),
                focus=[focus.slug for focus in vocabulary.focus_of(
                    meeting, focus_links.get(meeting.pk, ()))],
                languages=[language.code for language in vocabulary.languages_of(
                    meeting, language_links.get(meeting.pk, ()))])


# Set while a build of the snapshot is queued or running, so that the polls meanwhile queue
# no more; it expires in case the worker building it dies.
SNAPSHOT_QUEUED = "feeds:snapshot:queued"
SNAPSHOT_QUEUED_SECONDS = 10 * 60
# Rows read from the database at a time while building: the feed never sits in memory whole
# as model instances.
BUILD_CHUNK = 2000
_SLUG_MARK = "slug-mark"


def meeting_page_urls(site_url: str) -> Callable[[Meeting], str]:
    """Each meeting's page on the site, in the site's default language; one reverse() for all
    of them, which at 100,000 meetings saves a quarter of the build."""
    with translation.override(settings.LANGUAGE_CODE):
        head, tail = reverse("meeting-detail", kwargs={"slug": _SLUG_MARK}).split(_SLUG_MARK)
    return lambda meeting: f"{site_url}{head}{meeting.slug}{tail}"


def build_snapshot() -> FeedSnapshot:
    """The snapshot of the feed as the meetings are now, built unless it already exists; older
    snapshots but the one before are deleted. The page URLs name the site (SITE_URL), as a
    worker has no request to take the host from."""
    meetings = feed_meetings()
    version, last_modified = feed_version(meetings)
    existing = FeedSnapshot.objects.filter(version=version).first()
    if existing is not None:
        return existing
    body = io.BytesIO()
    count = 0
    with gzip.GzipFile(fileobj=body, mode="wb", compresslevel=6, mtime=0) as zipped:
        zipped.write(b"[")
        for record in feed_records(meetings, page_url=meeting_page_urls(settings.VILLAGE_SITE_URL)):
            zipped.write((b"," if count else b"") + json.dumps(
                record, ensure_ascii=False, separators=(",", ":")).encode())
            count += 1
        zipped.write(b"]")
    try:
        with transaction.atomic():
            snapshot = FeedSnapshot.objects.create(version=version, last_modified=last_modified,
                                                   meetings=count, body=body.getvalue())
    except IntegrityError:  # another process built the same version meanwhile
        return FeedSnapshot.objects.get(version=version)
    older = FeedSnapshot.objects.exclude(pk=snapshot.pk).order_by("-built").values_list("pk", flat=True)
    FeedSnapshot.objects.filter(pk__in=list(older[1:])).delete()
    return snapshot


def current_snapshot() -> FeedSnapshot | None:
    """The snapshot to serve: the feed as it is now when built; else a build is queued and,
    until a worker has built it, the last one built is served (an aggregator polls again
    later). None while the first one is being built. Its body is read only when sent."""
    from .tasks import build_feed_snapshot  # here: the tasks module imports this one

    version, _last_modified = feed_version(feed_meetings())
    snapshots = FeedSnapshot.objects.defer("body")
    snapshot = snapshots.filter(version=version).first()
    if snapshot is not None:
        return snapshot
    if cache.add(SNAPSHOT_QUEUED, True, SNAPSHOT_QUEUED_SECONDS):
        # Without a broker it runs here, now; with one down, the next poll tries again.
        if enqueue(build_feed_snapshot) is None:
            cache.delete(SNAPSHOT_QUEUED)
    return snapshots.filter(version=version).first() or snapshots.order_by("-built").first()
