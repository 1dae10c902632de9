"""Celery tasks that put meetings at their addresses through the configured geopy geocoder
(places), off the request and import paths.

Every answer is kept (places.addresses), so an address is looked up once; a geocoder failure
is retried with backoff, then logged and recorded, never raised at whoever saved the meeting.
Task names are pinned to meetings.tasks, where these tasks lived first, so that
messages already queued still find them.
"""
from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from geopy.exc import GeocoderQueryError, GeopyError

from config.celery import enqueue
from places.addresses import answer_for
from places.models import GeocodedAddress, GeocodeStatus

from .models import Meeting

MAX_RETRIES = 5
UNPLACED = Q(latitude__isnull=True)
NEAR_ONLY = Q(location_approximate=True)


def queue_geocoding(meeting_ids):
    """Geocode these meetings once the current transaction commits (at once outside one)."""
    ids = list(meeting_ids)
    if ids:
        transaction.on_commit(lambda: enqueue(geocode_meetings, ids))


def geocode_if_unplaced(meeting: Meeting):
    """Whoever saves one meeting calls this: a meeting met in person at an address but without
    coordinates is geocoded after the save commits."""
    if meeting.needs_position:
        queue_geocoding([meeting.pk])


@shared_task(name="search.geocoding_tasks.geocode_meetings")
def geocode_meetings(meeting_ids: list[int]) -> dict:
    """Give meetings without coordinates the position of their address: from the cache when it
    knows the address, otherwise through one geocode_address task per distinct address."""
    addresses: dict[str, list[int]] = {}
    for meeting in Meeting.objects.filter(UNPLACED | NEAR_ONLY, pk__in=meeting_ids):
        if meeting.needs_position:
            addresses.setdefault(GeocodedAddress.normalize(meeting.address), []).append(meeting.pk)
    known = {entry.query: entry for entry in GeocodedAddress.objects.filter(
        query__in=addresses, status__in=[GeocodeStatus.FOUND, GeocodeStatus.NOT_FOUND])}
    counts = {"from_cache": 0, "looked_up": 0}
    for query, ids in addresses.items():
        if query in known:
            place_meetings(known[query], ids)
            counts["from_cache"] += 1
        else:
            enqueue(geocode_address, query, ids)
            counts["looked_up"] += 1
    return counts


# geopy's RateLimiter keeps each process to one request a second; Celery's rate limit keeps a
# worker's whole pool to that, as Nominatim's usage policy asks (the offline gazetteer needs none).
@shared_task(name="search.geocoding_tasks.geocode_address", bind=True,
             autoretry_for=(GeopyError,), dont_autoretry_for=(GeocoderQueryError,),
             retry_backoff=True, retry_backoff_max=15 * 60, retry_jitter=True,
             max_retries=MAX_RETRIES,
             rate_limit="1/s" if settings.VILLAGE_GEOCODER == "nominatim" else None)
def geocode_address(self, query: str, meeting_ids: list[int]) -> str:
    """Look one address up (once: the answer is kept) and place the meetings at it."""
    entry = answer_for(query, attempts=self.request.retries + 1,
                       last_attempt=self.request.retries >= MAX_RETRIES)
    place_meetings(entry, meeting_ids)
    return entry.status


def place_meetings(entry: GeocodedAddress, meeting_ids) -> int:
    """Put the meetings still at this address where it is: those without a position, and,
    when the answer is the address itself, those placed only near it (a city's centre). An
    answer only near the place never moves a meeting already near it."""
    if entry.status != GeocodeStatus.FOUND:
        return 0
    movable = UNPLACED if entry.approximate else UNPLACED | NEAR_ONLY
    meetings = [meeting for meeting in Meeting.objects.filter(movable, pk__in=meeting_ids)
                if GeocodedAddress.normalize(meeting.address) == entry.query]
    for meeting in meetings:
        meeting.latitude, meeting.longitude = entry.latitude, entry.longitude
        meeting.location_approximate = entry.approximate
    if meetings:
        # meetings.history imports this module, hence here.
        from .history import record_versions

        Meeting.objects.bulk_update(meetings, ["latitude", "longitude", "location_approximate"])
        # Recorded with their focus and language links, unlike simple_history's bulk helpers,
        # so that the version does not seem to have dropped them.
        record_versions(meetings, history_type="~", reason=f"Geocoded ({entry.geocoder})")
    return len(meetings)
