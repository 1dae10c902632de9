"""Addresses looked up for listings (not a parent's search): each answer, a place or "no such
place", kept in GeocodedAddress so that an address is looked up once."""
from __future__ import annotations

import logging

from django.conf import settings
from geopy.exc import GeocoderQueryError, GeopyError

from .geocoding import GeocodingUnavailable, PlaceNotFound, get_geocoder, locate, timezone_at
from .models import GeocodedAddress, GeocodeStatus

log = logging.getLogger(__name__)

# Kinds of answer that only put a meeting near its place: the offline gazetteer's ZIP code,
# city, neighbourhood or city abroad.
APPROXIMATE_KINDS = {"zip", "city", "neighbourhood", "world"}
# Nominatim's classes of answer for an address found only as its street or an area (a
# boundary); of its "place" class, only a house is the address itself, not a town or postcode.
NOMINATIM_AREAS = {"boundary", "highway"}


def is_approximate(raw: dict) -> bool:
    """Whether a geocoder's answer is only near the address: a ZIP code's, street's or city's
    centre rather than the building."""
    if raw.get("kind") in APPROXIMATE_KINDS:
        return True
    kind = raw.get("class")
    return kind in NOMINATIM_AREAS or (kind == "place" and raw.get("type") != "house")


def answer_for(query: str, *, attempts: int, last_attempt: bool) -> GeocodedAddress:
    """The kept answer for a normalized address, asking the geocoder when none is kept yet or
    the last try failed. A geocoder failure (geopy.exc.GeopyError) is raised for the caller to
    retry, except on the last attempt, when it is recorded on the address."""
    entry = GeocodedAddress.objects.filter(query=query).first()
    if entry is not None and entry.status != GeocodeStatus.FAILED:
        return entry
    try:
        location = get_geocoder().geocode(query, exactly_one=True)
    except GeocoderQueryError as error:
        location = None
        log.info("Geocoder refused %r: %s", query, error)
    except GeopyError as error:
        if not last_attempt:
            raise
        return record_failure(query, error, attempts=attempts)
    return record_answer(query, location, attempts=attempts)


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
            "approximate": is_approximate(raw),
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


def fill_position(listing: dict, *, meets_in_person: bool) -> bool:
    """Find coordinates (and the zone, when not given) for a listing's address, at once.

    `listing` holds `address`, `latitude`, `longitude` and `timezone`; it is filled in place.
    Returns whether it was: such a position is only near the place (a ZIP code or city).
    """
    address = listing.get("address") or ""
    if not meets_in_person or not address.strip():
        return False
    if any(str(listing.get(name) or "").strip() for name in ("latitude", "longitude")):
        return False
    try:
        place = locate(address)
    except (PlaceNotFound, GeocodingUnavailable):
        return False
    listing["latitude"], listing["longitude"] = place.latitude, place.longitude
    if not listing.get("timezone"):
        listing["timezone"] = place.timezone
    return True
