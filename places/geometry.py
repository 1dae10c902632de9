"""Distances on the Earth and the box around a circle, the same for every app (the search
states them in SQL, search.matching, from these constants)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.2
KM_PER_MILE = 1.609344
MILES, KILOMETRES = "mi", "km"
UNITS = (MILES, KILOMETRES)


def distance_unit(country: str) -> str:
    """How a parent reads distances: miles in the United States, kilometres elsewhere (and
    where the country is not known)."""
    return MILES if country == "US" else KILOMETRES


def in_unit(km: float, unit: str) -> float:
    return km / KM_PER_MILE if unit == MILES else km


def distance_words(km: float, unit: str) -> str:
    """A whole distance as a parent reads it, in the active language: "31 miles", "50 km"
    ("31 millas", "50 km")."""
    if unit == MILES:
        miles = round(in_unit(km, unit))
        # Translators: a whole number of miles, "1 mile", "31 miles".
        return ngettext("%(miles)s mile", "%(miles)s miles", miles) % {"miles": miles}
    # Translators: a whole number of kilometres, "50 km".
    return gettext("%(km)s km") % {"km": f"{km:.0f}"}


@dataclass(frozen=True)
class Box:
    """The latitudes and longitudes that hold a circle: a cheap, index-friendly superset of it."""

    south: float
    north: float
    west: float
    east: float


def bounding_box(latitude: float, longitude: float, radius_km: float) -> Box:
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    # Near the poles a degree of longitude shrinks towards nothing; the floor keeps the box finite.
    dlng = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return Box(latitude - dlat, latitude + dlat, longitude - dlng, longitude + dlng)


def distance_km(latitude: float, longitude: float, other_latitude: float, other_longitude: float) -> float:
    """Great-circle distance (haversine), as the search computes it in SQL."""
    lat0, lat1 = math.radians(latitude), math.radians(other_latitude)
    half_dlat = (lat1 - lat0) / 2
    half_dlng = (math.radians(other_longitude) - math.radians(longitude)) / 2
    haversine = math.sin(half_dlat) ** 2 + math.cos(lat0) * math.cos(lat1) * math.sin(half_dlng) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))
