"""Celery tasks that find coordinates for meetings' addresses through the configured geopy
geocoder (search.geocoding.get_geocoder), off the request and import paths.

Every answer, a place or "no such place", is kept in GeocodedAddress, so an address is looked up
once; a geocoder failure is retried with backoff, then logged and recorded, never raised at
whoever saved the meeting.
"""
from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from geopy.exc import GeocoderQueryError, GeopyError
from simple_history.utils import bulk_update_with_history

from config.celery import enqueue
from meetings.models import GeocodedAddress, GeocodeStatus, Meeting

from .geocoding import get_geocoder, timezone_at

log = logging.getLogger(__name__)

MAX_RETRIES = 5
# Kinds of answer that only put a meeting near its place (the offline gazetteer's ZIP or city).
APPROXIMATE_KINDS = {"zip", "city"}


def needs_position(meeting: Meeting) -> bool:
    return meeting.meets_in_person and bool(meeting.address.strip()) and meeting.latitude is None


def queue_geocoding(meeting_ids):
    """Geocode these meetings once the current transaction commits (at once outside one)."""
    ids = list(meeting_ids)
    if ids:
        transaction.on_commit(lambda: enqueue(geocode_meetings, ids))


@receiver(post_save, sender=Meeting, dispatch_uid="geocode-meetings-without-a-position")
def _geocode_after_save(sender, instance: Meeting, raw=False, **kwargs):
    # Covers every way a meeting is saved (a submission approved, an admin edit); imports save
    # in bulk without signals and queue their meetings themselves.
    if not raw and needs_position(instance):
        queue_geocoding([instance.pk])


@shared_task
def geocode_meetings(meeting_ids: list[int]) -> dict:
    """Give meetings without coordinates the position of their address: from the cache when it
    knows the address, otherwise through one geocode_address task per distinct address."""
    addresses: dict[str, list[int]] = {}
    for meeting in Meeting.objects.filter(pk__in=meeting_ids, latitude__isnull=True):
        if needs_position(meeting):
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
@shared_task(bind=True, autoretry_for=(GeopyError,), dont_autoretry_for=(GeocoderQueryError,),
             retry_backoff=True, retry_backoff_max=15 * 60, retry_jitter=True,
             max_retries=MAX_RETRIES,
             rate_limit="1/s" if settings.VILLAGE_GEOCODER == "nominatim" else None)
def geocode_address(self, query: str, meeting_ids: list[int]) -> str:
    """Look one address up (once: the answer is cached) and place the meetings at it."""
    entry = GeocodedAddress.objects.filter(query=query).first()
    if entry is None or entry.status == GeocodeStatus.FAILED:
        try:
            location = get_geocoder().geocode(query, exactly_one=True)
        except GeocoderQueryError as error:
            location = None
            log.info("Geocoder refused %r: %s", query, error)
        except GeopyError as error:
            if self.request.retries >= MAX_RETRIES:
                record_failure(query, error, attempts=self.request.retries + 1)
                return GeocodeStatus.FAILED
            raise  # retried with backoff by autoretry_for
        entry = record_answer(query, location, attempts=self.request.retries + 1)
    place_meetings(entry, meeting_ids)
    return entry.status


def record_answer(query: str, location, *, attempts: int) -> GeocodedAddress:
    if location is None:
        values = {"status": GeocodeStatus.NOT_FOUND, "latitude": None, "longitude": None,
                  "timezone": "", "label": ""}
        log.info("No place found for address %r", query)
    else:
        raw = location.raw if isinstance(location.raw, dict) else {}
        values = {
            "status": GeocodeStatus.FOUND,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "timezone": raw.get("timezone") or timezone_at(location.latitude,
                                                           location.longitude) or "",
            "label": (location.address or "")[:300],
            "approximate": raw.get("kind") in APPROXIMATE_KINDS,
            "error": "",
        }
    entry, _ = GeocodedAddress.objects.update_or_create(
        query=query, defaults={**values, "geocoder": settings.VILLAGE_GEOCODER,
                               "attempts": attempts})
    return entry


def record_failure(query: str, error: Exception, *, attempts: int) -> GeocodedAddress:
    log.warning("Geocoding %r failed after %d attempts: %s", query, attempts, error)
    entry, _ = GeocodedAddress.objects.update_or_create(query=query, defaults={
        "status": GeocodeStatus.FAILED, "error": f"{type(error).__name__}: {error}"[:2000],
        "geocoder": settings.VILLAGE_GEOCODER, "attempts": attempts})
    return entry


def place_meetings(entry: GeocodedAddress, meeting_ids) -> int:
    """Put the meetings still without a position, and still at this address, where it is."""
    if entry.status != GeocodeStatus.FOUND:
        return 0
    meetings = [meeting for meeting in Meeting.objects.filter(pk__in=meeting_ids,
                                                              latitude__isnull=True)
                if GeocodedAddress.normalize(meeting.address) == entry.query]
    for meeting in meetings:
        meeting.latitude, meeting.longitude = entry.latitude, entry.longitude
        meeting.location_approximate = entry.approximate
    if meetings:
        bulk_update_with_history(meetings, Meeting, ["latitude", "longitude",
                                                     "location_approximate"],
                                 default_change_reason=f"Geocoded ({entry.geocoder})")
    return len(meetings)
