"""Turns the place a parent types (ZIP code, city and state, or coordinates) into a point and
an IANA time zone, through geopy so that the offline gazetteer and Nominatim are interchangeable.
"""
import re
import threading
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import zipcodes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import receiver
from django.test.signals import setting_changed
from geopy.exc import GeocoderQueryError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from timezonefinder import TimezoneFinder

EXAMPLES = ('a US ZIP code such as 15222, a city and state such as "Pittsburgh, PA", '
            "or coordinates such as 40.44,-79.99")


@dataclass(frozen=True)
class Place:
    """Where a parent is: what to show them, the point, and the time zone their clock runs on."""

    label: str
    latitude: float
    longitude: float
    timezone: str


class PlaceNotFound(Exception):
    """The text names no place we can find; `message` is fit to show the parent (a 4xx)."""

    def __init__(self, text):
        self.text = text
        super().__init__(self.message)

    @property
    def message(self):
        if not self.text.strip():
            return f"Tell us where you are: {EXAMPLES}."
        return f"We couldn't find '{self.text}'. Try {EXAMPLES}."


class CoordinatesOutOfRange(PlaceNotFound):
    """The text is a latitude,longitude pair, but not one on Earth.

    A PlaceNotFound, so one `except PlaceNotFound` gives the parent a 4xx with this message.
    """

    @property
    def message(self):
        return (f"'{self.text}' is not a place on Earth: latitude must be between -90 and 90 "
                "and longitude between -180 and 180, as in 40.44,-79.99.")


class GeocodingUnavailable(Exception):
    """The geocoding service failed or timed out; not the parent's fault (a 503)."""

    message = "Looking up places is not working right now. Please try again in a minute."

    def __init__(self, detail=""):
        self.detail = detail
        super().__init__(f"{self.message} ({detail})" if detail else self.message)


# --- Time zones -----------------------------------------------------------------------------

_timezone_finder_lock = threading.Lock()


@lru_cache(maxsize=1)
def _timezone_finder():
    return TimezoneFinder()


def timezone_at(lat, lng):
    """The IANA time zone at a point, from timezonefinder's offline polygons."""
    finder = _timezone_finder()
    # timezonefinder documents its instances as unsafe to share between threads; a lookup
    # takes well under a millisecond, so a lock is cheaper than an instance per thread.
    with _timezone_finder_lock:
        return finder.timezone_at(lat=lat, lng=lng)


# --- The offline gazetteer -------------------------------------------------------------------

# The ZIP data names states only by USPS code; these are the names people type instead.
STATE_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
    "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
    "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR",
    "guam": "GU", "virgin islands": "VI", "us virgin islands": "VI", "american samoa": "AS",
    "northern mariana islands": "MP", "washington dc": "DC",
}
COUNTRY_SUFFIXES = ("united states of america", "united states", "usa", "us")
# Spelled-out and abbreviated forms of the same word compare equal ("St. Louis", "Saint Louis").
WORD_FORMS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
ZIP_CODE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
NOT_WORD = re.compile(r"[\W_]+")


def _words(text):
    return NOT_WORD.sub(" ", text.casefold()).split()


def _city_key(words):
    return " ".join(WORD_FORMS.get(word, word) for word in words)


@dataclass(frozen=True)
class _ZipEntry:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float
    timezone: str | None


@dataclass(frozen=True)
class _City:
    name: str
    state: str
    latitude: float
    longitude: float
    timezone: str | None
    zip_count: int


def _city(name, state, zips):
    latitude = sum(entry.latitude for entry in zips) / len(zips)
    longitude = sum(entry.longitude for entry in zips) / len(zips)
    zones = Counter(entry.timezone for entry in zips if entry.timezone)
    timezone = zones.most_common(1)[0][0] if zones else None
    return _City(name, state, latitude, longitude, timezone, len(zips))


# Kinds of city name, most trusted first: the USPS name, its "acceptable" alternatives
# ("Bellevue" for 15202), then names USPS rejects on mail but people still say ("NYC").
PRIMARY, ACCEPTABLE, COLLOQUIAL = range(3)


@dataclass(frozen=True)
class _Gazetteer:
    zips: dict  # {zip code: _ZipEntry}
    # Per kind of name: {(city key, state): (name as spelled, [_ZipEntry])}; the city's centre
    # is worked out when asked for, which keeps building the index quick.
    cities: tuple
    states_by_name: tuple  # per kind of name: {city key: [state, biggest city first]}

    def city(self, kind, key, state):
        found = self.cities[kind].get((key, state))
        if found is None:
            return None
        name, zips = found
        if kind == COLLOQUIAL:
            # "Nyc, NY" would be a poor label; the USPS name of those ZIP codes is better.
            name = Counter(entry.city for entry in zips).most_common(1)[0][0]
        return _city(name, state, zips)

    def cities_named(self, kind, key):
        return [self.city(kind, key, state) for state in self.states_by_name[kind].get(key, ())]


def _coordinates(record):
    try:
        latitude, longitude = float(record["lat"]), float(record["long"])
    except (TypeError, ValueError):
        return None
    if latitude == 0 or longitude == 0:  # the data's mark for "no location" (APO/FPO etc.)
        return None
    return latitude, longitude


def _build_gazetteer(records):
    known_timezones = zoneinfo.available_timezones()
    name_keys = {}
    zips = {}
    cities = [{} for _ in (PRIMARY, ACCEPTABLE, COLLOQUIAL)]
    for record in records:
        point = _coordinates(record)
        if point is None:
            continue
        # A few records have no zone or a village's name in its place; those are left to
        # timezonefinder when asked for.
        timezone = record["timezone"] if record["timezone"] in known_timezones else None
        entry = _ZipEntry(record["zip_code"], record["city"], record["state"], *point, timezone)
        # A retired ZIP code still names a real place, so it is found, but it does not pull
        # a city's centre or count towards its size.
        zips[entry.zip_code] = entry
        if not record["active"]:
            continue
        names_by_kind = (
            [record["city"]],
            record.get("acceptable_cities") or (),
            record.get("unacceptable_cities") or (),
        )
        for kind, names in enumerate(names_by_kind):
            for name in names:
                if name not in name_keys:
                    name_keys[name] = _city_key(_words(name))
                if name_keys[name]:
                    _spelling, members = cities[kind].setdefault(
                        (name_keys[name], entry.state), (name, []))
                    if not members or members[-1] is not entry:
                        members.append(entry)
    states_by_name = []
    for by_state in cities:
        states = defaultdict(list)
        for key, state in by_state:
            states[key].append(state)
        for key, candidates in states.items():
            # More ZIP codes is a fair proxy for a bigger city; the state only breaks ties
            # so that the answer does not depend on the data's order.
            candidates.sort(key=lambda state, key=key: (-len(by_state[(key, state)][1]), state))
        states_by_name.append(dict(states))
    return _Gazetteer(zips, tuple(cities), tuple(states_by_name))


@lru_cache(maxsize=1)
def gazetteer():
    """The ZIP and city index, built once per process from the `zipcodes` package."""
    return _build_gazetteer(zipcodes.list_all())


def _state_splits(words):
    """Every (city words, state) reading of the words whose tail names a state, longest first."""
    splits = []
    for length in (4, 3, 2, 1):
        if len(words) <= length:
            continue
        tail = " ".join(words[-length:])
        state = STATE_NAMES.get(tail) or (tail.upper() if length == 1 and len(tail) == 2
                                          else None)
        if state:
            splits.append((words[:-length], state))
    return splits


def _strip_country(words):
    for suffix in COUNTRY_SUFFIXES:
        suffix_words = suffix.split()
        if len(words) > len(suffix_words) and words[-len(suffix_words):] == suffix_words:
            return words[:-len(suffix_words)]
    return words


class GazetteerGeocoder(Geocoder):
    """An offline geopy geocoder for US ZIP codes and city names.

    Knows "15222" and "15222-1234", "Pittsburgh, PA", "pittsburgh pa", "Pittsburgh,
    Pennsylvania" (the centre of the city's ZIP codes), and a bare "Pittsburgh" (of the cities
    with that name, the one with the most ZIP codes). Location.raw carries "kind" ("zip" or
    "city"), "timezone", "city", "state" and, for ZIP codes, "zip_code".
    """

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        locations = [self._zip_location(entry) for entry in self._zip_matches(query)]
        locations += [self._city_location(entry) for entry in self._city_matches(query)]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _zip_matches(self, query):
        entries = gazetteer().zips
        return [entries[code] for code in ZIP_CODE.findall(query) if code in entries][:1]

    def _city_matches(self, query):
        words = _strip_country(_words(ZIP_CODE.sub(" ", query)))
        if not words:
            return []
        index = gazetteer()
        for kind in (PRIMARY, ACCEPTABLE, COLLOQUIAL):
            for city_words, state in _state_splits(words):
                found = index.city(kind, _city_key(city_words), state)
                if found:
                    return [found]
            found = index.cities_named(kind, _city_key(words))
            if found:
                return found
        return []

    def _zip_location(self, entry):
        timezone = entry.timezone or timezone_at(entry.latitude, entry.longitude)
        raw = {"kind": "zip", "timezone": timezone, "zip_code": entry.zip_code,
               "city": entry.city, "state": entry.state}
        return Location(f"{entry.zip_code} {entry.city}, {entry.state}",
                        (entry.latitude, entry.longitude), raw)

    def _city_location(self, city):
        timezone = city.timezone or timezone_at(city.latitude, city.longitude)
        raw = {"kind": "city", "timezone": timezone, "city": city.name, "state": city.state,
               "zip_count": city.zip_count}
        return Location(f"{city.name}, {city.state}", (city.latitude, city.longitude), raw)


# --- Choosing the geocoder --------------------------------------------------------------------

class RateLimitedGeocoder:
    """A geopy geocoder asked at most once per `min_delay_seconds` from this process.

    Nominatim's usage policy allows one request a second. Errors are raised, not retried or
    swallowed, so that a parent waits for a 503 rather than for retries, and an outage is never
    mistaken for "no such place".
    """

    def __init__(self, geocoder, min_delay_seconds=1.0):
        self.geocoder = geocoder
        self.geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                   max_retries=0, swallow_exceptions=False)


@lru_cache(maxsize=1)
def get_geocoder():
    """The geocoder settings.VILLAGE_GEOCODER names, one per process."""
    name = settings.VILLAGE_GEOCODER
    if name == "gazetteer":
        return GazetteerGeocoder()
    if name == "nominatim":
        return RateLimitedGeocoder(Nominatim(user_agent=settings.VILLAGE_GEOCODER_USER_AGENT,
                                             domain=settings.VILLAGE_GEOCODER_DOMAIN,
                                             timeout=5))
    raise ImproperlyConfigured(
        f"VILLAGE_GEOCODER (GEOCODER in the environment) is {name!r}; "
        "use 'gazetteer' or 'nominatim'.")


@receiver(setting_changed)
def _forget_geocoder(*, setting, **kwargs):
    if setting.startswith("VILLAGE_GEOCODER"):
        get_geocoder.cache_clear()


# --- Locating what a parent typed -----------------------------------------------------------

COORDINATES = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))\s*[,\s]\s*([+-]?(?:\d+\.?\d*|\.\d+))$")


def _parse_coordinates(text):
    match = COORDINATES.match(text)
    if match is None:
        return None
    latitude, longitude = float(match[1]), float(match[2])
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise CoordinatesOutOfRange(text)
    return latitude, longitude


@lru_cache(maxsize=2048)
def _geocode(geocoder, query):
    # Keyed by the geocoder object too, so a change of geocoder never serves stale answers;
    # failures raise and so are never cached.
    return geocoder.geocode(query, exactly_one=True)


def locate(text):
    """The Place the parent's text names.

    Raises PlaceNotFound (CoordinatesOutOfRange for impossible coordinates) when the text names
    no place, and GeocodingUnavailable when the geocoding service fails.
    """
    text = " ".join(text.split())
    if not text:
        raise PlaceNotFound(text)
    point = _parse_coordinates(text)
    if point is not None:
        latitude, longitude = point
        return Place(f"{latitude:.4f}, {longitude:.4f}", latitude, longitude,
                     timezone_at(latitude, longitude) or "UTC")
    try:
        location = _geocode(get_geocoder(), text.casefold())
    except GeocoderQueryError as error:
        raise PlaceNotFound(text) from error
    except GeopyError as error:
        raise GeocodingUnavailable(str(error)) from error
    if location is None:
        raise PlaceNotFound(text)
    timezone = ((location.raw or {}).get("timezone")
                or timezone_at(location.latitude, location.longitude)
                # Only a point far out at sea has no zone; UTC keeps the search working there.
                or "UTC")
    return Place(location.address, location.latitude, location.longitude, timezone)
