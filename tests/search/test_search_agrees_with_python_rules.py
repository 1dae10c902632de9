"""The search statement agrees with the search's rules said plainly in Python.

`expected_ranking` below is the oracle: the README's "API" section and the docstrings of
`search.matching` and `search.ranking`, written out over a meeting's fields with zoneinfo and
minute arithmetic, sharing nothing with the statement but its constants (weights, fits, the
Earth's radius). Hypothesis makes meetings and searches around clock changes in several
zones; `MeetingSearch`, as the API calls it, must find what the oracle finds, score it alike
and order it alike. First, the statement's pieces: templates are SQL as written, `%` and all.
"""
import math
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from meetings.models import Attendance, ChildrenPolicy, Fellowship, Focus, Language, Philosophy, Status
from meetings.schedule import Availability, TimeWindow
from places.geocoding import Place
from places.geometry import EARTH_RADIUS_KM
from search.criteria import ChildrenNeed, PhilosophyNeed, SearchCriteria
from search.finder import MeetingSearch
from search.ranking import (
    CHILDREN_FIT,
    JOINED_ONLINE_FITS,
    RECENTLY_VERIFIED_DAYS,
    TRAVEL_BUFFER_MINUTES,
    WEIGHTS,
)
from search.sql import Sql, greatest, identifier, join, lookup, one_of, sql
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def rows(statement: Sql) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement.text, list(statement.params))
        return cursor.fetchall()


# --- Templates are SQL as written -----------------------------------------------------------

def test_a_percent_sign_in_a_template_is_sql_modulo():
    assert rows(sql("SELECT 7 % {}", 3)) == [(1,)]


def test_a_like_pattern_in_a_template_keeps_its_percent_signs():
    matches = "CASE WHEN {} LIKE '%x%' THEN 1 ELSE 0 END"

    assert rows(sql(f"SELECT {matches}, {matches}", "axb", "abc")) == [(1, 0)]


def test_percent_signs_are_doubled_once_however_pieces_are_put_together():
    inner = sql("17 % {}", 5)
    outer = sql("({}) % {}", inner, 2)
    pieces = join(" % ", [sql("{}", 17), inner])

    assert (inner.text, outer.text, pieces.text) == ("17 %% 5", "(17 %% 5) %% 2", "17 %% 17 %% 5")
    assert rows(sql("SELECT {}, {}, {}, {}", outer, pieces, greatest(sql("10 % {}", 4), Sql("1")),
                    lookup(sql("9 % {}", 5), {4: 40}))) == [(0, 0, 2, 40)]


def test_names_from_python_are_quoted_and_one_that_cannot_be_is_refused():
    assert identifier("children") == Sql('"children"')
    assert identifier("5% off") == Sql('"5%% off"')
    with pytest.raises(ValueError, match="cannot be quoted"):
        identifier('a"b')


@pytest.mark.parametrize("name", ["order", "Kind", "5% off", "a{}b"])
def test_a_name_that_needs_quoting_reads_back(name):
    statement = sql("SELECT {} FROM (SELECT 'a' AS {}) t WHERE {}",
                    identifier(name), identifier(name), one_of(name, ["a", "b"]))

    with connection.cursor() as cursor:
        cursor.execute(statement.text, list(statement.params))
        assert cursor.fetchall() == [("a",)]
        assert cursor.description[0][0] == name


# --- The oracle -------------------------------------------------------------------------------

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Listing:
    """A meeting as made, with the links the factory gave it."""

    pk: int
    weekday: int  # 0 is Sunday
    start_time: time
    end_time: time | None
    timezone: str
    attendance: str
    latitude: float | None
    longitude: float | None
    children: str
    philosophy: str
    medication_supportive: bool
    wheelchair_accessible: bool | None
    fellowship: str
    focus: tuple[str, ...]
    languages: tuple[str, ...]
    last_verified: date | None
    status: str


@dataclass(frozen=True)
class Expected:
    pk: int
    score: float
    distance_km: float | None
    minutes_until: float


def great_circle_km(lat1, lng1, lat2, lng2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def next_start(weekday: int, start: time, timezone: str, now: datetime) -> datetime:
    """A weekly meeting's next start at or after `now`: its weekday (0 is Sunday) and
    wall-clock time in its own zone; a time that a clock change skips happens as far past the
    jump as it was into it."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    sunday_based = (today.weekday() + 1) % 7
    day = today + timedelta(days=(weekday - sunday_based) % 7)
    for week in (0, 7):
        moment = datetime.combine(day + timedelta(days=week), start, tzinfo=zone)
        if moment.astimezone(UTC) >= now:
            return moment.astimezone(UTC)
    raise AssertionError("a weekly meeting starts within a week")


def length_minutes(listing: Listing) -> int:
    """An end at or before the start is on the next day; no end is an hour."""
    if listing.end_time is None:
        return 60
    start = listing.start_time.hour * 60 + listing.start_time.minute
    end = listing.end_time.hour * 60 + listing.end_time.minute
    return (end - start) % MINUTES_PER_DAY or MINUTES_PER_DAY


MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def week_minutes(start: int, length: int) -> set[int]:
    """The minutes of the week a span touches (minutes since Sunday 00:00), week after week."""
    return {(start + n) % MINUTES_PER_WEEK for n in range(length)}


def window_starts(window: TimeWindow) -> list[tuple[int, int]]:
    """(start, length) in minutes since Sunday 00:00 for each day the window holds: the days
    it names, or every day."""
    start = window.start.hour * 60 + window.start.minute
    end = window.end.hour * 60 + window.end.minute
    length = (end - start) % MINUTES_PER_DAY  # start and end differ, so a length > 0
    return [(day * MINUTES_PER_DAY + start, length) for day in sorted(window.days or range(7))]


def window_minutes(window: TimeWindow) -> set[int]:
    return set().union(*(week_minutes(*span) for span in window_starts(window)))


def way_of_attending(listing: Listing, criteria: SearchCriteria) -> str | None:
    """"online", "in person", or None when the parent cannot attend it the way they asked:
    in person means a position within the radius; a hybrid meeting near enough is gone to,
    one beyond it (or any, for a parent who asked for online) is joined online."""
    near = (criteria.place is not None and listing.latitude is not None
            and listing.longitude is not None
            and great_circle_km(criteria.place.latitude, criteria.place.longitude,
                                listing.latitude, listing.longitude) <= criteria.radius_km)
    kind = listing.attendance
    if criteria.attendance == Attendance.ONLINE:
        return "online" if kind in (Attendance.ONLINE, Attendance.HYBRID) else None
    if criteria.attendance == Attendance.IN_PERSON:
        return "in person" if kind in (Attendance.IN_PERSON, Attendance.HYBRID) and near else None
    if criteria.attendance == Attendance.HYBRID and kind != Attendance.HYBRID:
        return None
    if kind == Attendance.ONLINE:
        return "online"
    if kind == Attendance.IN_PERSON:
        return "in person" if near else None
    return "in person" if near else "online"


def meets_needs(listing: Listing, criteria: SearchCriteria) -> bool:
    if listing.status != Status.PUBLISHED:
        return False
    if criteria.children == ChildrenNeed.WELCOME and listing.children not in (
            ChildrenPolicy.WELCOME, ChildrenPolicy.CHILDCARE):
        return False
    if criteria.children == ChildrenNeed.CHILDCARE and listing.children != ChildrenPolicy.CHILDCARE:
        return False
    abstinence_only = listing.philosophy == Philosophy.ABSTINENCE_ONLY
    if criteria.philosophy == PhilosophyNeed.HARM_REDUCTION and abstinence_only:
        return False
    if criteria.philosophy == PhilosophyNeed.ABSTINENCE and not abstinence_only:
        return False
    if criteria.medication_supportive and not listing.medication_supportive:
        return False
    if criteria.fellowship and listing.fellowship != criteria.fellowship:
        return False
    if criteria.wheelchair and listing.wheelchair_accessible is not True:
        return False
    return not criteria.language or criteria.language in listing.languages


def fits_the_week(start: int, weekday: int, length: int, availability: Availability) -> bool:
    """On one of the parent's days; touching no avoided window; inside the free time (the
    free windows together) when there are free windows."""
    if availability.days and weekday not in availability.days:
        return False
    meeting = week_minutes(weekday * MINUTES_PER_DAY + start, length)
    if any(meeting & window_minutes(window) for window in availability.avoid):
        return False
    free = set().union(*(window_minutes(window) for window in availability.free))
    return not availability.free or meeting <= free


def travel_fit(start: int, weekday: int, length: int, availability: Availability) -> float:
    """1 less the share of the travel buffer eaten on the way to or from an avoided window on
    the meeting's day or the next."""
    start += weekday * MINUTES_PER_DAY
    eaten = 0
    for window in availability.avoid:
        for window_start, window_length in window_starts(window):
            until_window = (window_start - (start + length)) % MINUTES_PER_WEEK
            since_window = (start - (window_start + window_length)) % MINUTES_PER_WEEK
            eaten = max(eaten, TRAVEL_BUFFER_MINUTES - until_window,
                        TRAVEL_BUFFER_MINUTES - since_window)
    return 1 - eaten / TRAVEL_BUFFER_MINUTES


def verified_fit(listing: Listing, today: date) -> float:
    if listing.last_verified is None:
        return 0.0
    age = (today - listing.last_verified).days
    return 1.0 if age <= RECENTLY_VERIFIED_DAYS else 0.5 if age <= settings.VILLAGE_STALE_AFTER_DAYS else 0.0


def expected_ranking(listings: list[Listing], criteria: SearchCriteria, now: datetime) -> list[Expected]:
    """What the search should find, in no particular order."""
    parent_zone = ZoneInfo(criteria.timezone)
    today = now.astimezone(parent_zone).date()
    weights = {"children": WEIGHTS.children, "verified": WEIGHTS.verified}
    if criteria.focus:
        weights["focus"] = WEIGHTS.focus
    if criteria.place is not None:
        weights["distance"] = WEIGHTS.distance
    if criteria.availability.avoid:
        weights["travel"] = WEIGHTS.travel
    found = []
    for listing in listings:
        way = way_of_attending(listing, criteria)
        if way is None or not meets_needs(listing, criteria):
            continue
        starts = next_start(listing.weekday, listing.start_time, listing.timezone, now)
        on_parents_clock = starts.astimezone(parent_zone)
        start = on_parents_clock.hour * 60 + on_parents_clock.minute
        weekday = (on_parents_clock.weekday() + 1) % 7
        length = length_minutes(listing)
        if not fits_the_week(start, weekday, length, criteria.availability):
            continue
        distance = None if way == "online" else great_circle_km(
            criteria.place.latitude, criteria.place.longitude, listing.latitude, listing.longitude)
        fits = {
            "children": CHILDREN_FIT[ChildrenPolicy(listing.children)],
            "verified": verified_fit(listing, today),
            "focus": len(set(criteria.focus) & set(listing.focus)) / max(len(criteria.focus), 1),
            "distance": (JOINED_ONLINE_FITS["distance"] if distance is None
                         else 1 - distance / criteria.radius_km),
            "travel": JOINED_ONLINE_FITS["travel"] if distance is None else travel_fit(
                start, weekday, length, criteria.availability),
        }
        # A room's children policy is nothing to a parent joining from home.
        weighed = {name: weight for name, weight in weights.items()
                   if not (distance is None and name == "children")}
        score = sum(weight * fits[name] for name, weight in weighed.items()) / sum(weighed.values())
        found.append(Expected(listing.pk, score, distance, (starts - now).total_seconds() / 60))
    return found


# --- Meetings and searches --------------------------------------------------------------------

# Fixed moments: an ordinary week, and the weeks in which New York, London and Sydney change
# their clocks (Phoenix never does; Kolkata is half an hour off the others).
NOWS = [
    datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
    datetime(2026, 3, 5, 17, 0, tzinfo=UTC),  # New York springs forward on Sunday 8 March
    datetime(2026, 3, 26, 12, 30, tzinfo=UTC),  # London, Sunday 29 March
    datetime(2026, 4, 2, 9, 0, tzinfo=UTC),  # Sydney falls back, Sunday 5 April
    datetime(2026, 10, 1, 22, 0, tzinfo=UTC),  # Sydney springs forward, Sunday 4 October
    datetime(2026, 10, 22, 7, 45, tzinfo=UTC),  # London falls back, Sunday 25 October
    datetime(2026, 10, 29, 16, 0, tzinfo=UTC),  # New York, Sunday 1 November
]
ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "America/Phoenix", "Asia/Kolkata"]
PLACES = [
    Place("Pittsburgh, PA", 40.4406, -79.9959, "America/New_York"),
    Place("London", 51.5072, -0.1276, "Europe/London"),
    Place("Sydney", -33.8688, 151.2093, "Australia/Sydney"),
    Place("Phoenix, AZ", 33.4484, -112.074, "America/Phoenix"),
]
# Where a meeting is from the parent: (share of the radius, bearing in degrees). Each share
# comes once, so that two meetings are equally far only when they are at one spot. None is
# within 2% of the rim: the search's bounding box (`places.geometry.bounding_box`) is a little
# smaller than the circle there (111.2 km to a degree against the haversine's 111.195, and
# longitude scaled by the cosine of the centre's latitude only), so it leaves out a meeting
# 499.5 km east of London in a 500 km search, which this oracle finds.
SPOTS = [(0.0, 0), (0.13, 45), (0.37, 180), (0.61, 270), (0.84, 90), (0.97, 0), (1.04, 90),
         (1.6, 300), (6.0, 135)]
FOCUS = ["mothers", "fathers", "lgbtq", "far-focus"]  # far-focus is numbered past the bits
LANGUAGES = ["en", "es", "xx"]  # and so is xx


def add_entries_past_the_bits():
    Focus.objects.create(pk=70, slug="far-focus", name="Numbered past the bits")
    Language.objects.create(pk=70, code="xx", name="Numbered past the bits")


def point_from(place: Place, km: float, bearing: float) -> tuple[float, float]:
    lat, lng, angle = math.radians(place.latitude), math.radians(place.longitude), km / EARTH_RADIUS_KM
    heading = math.radians(bearing)
    to_lat = math.asin(math.sin(lat) * math.cos(angle)
                       + math.cos(lat) * math.sin(angle) * math.cos(heading))
    to_lng = lng + math.atan2(math.sin(heading) * math.sin(angle) * math.cos(lat),
                              math.cos(angle) - math.sin(lat) * math.sin(to_lat))
    return math.degrees(to_lat), (math.degrees(to_lng) + 540) % 360 - 180


clocks = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))
rarely = st.sampled_from([False] * 5 + [True])


def windows(*lengths: int):
    """Windows of about these lengths in minutes, starting at any time (so some cross
    midnight), on every chosen day or on a few days only."""
    return st.builds(lambda start, length, days: TimeWindow(
        start, (datetime.combine(date.min, start) + timedelta(minutes=length)).time(), days),
        clocks, st.sampled_from(lengths),
        st.just(frozenset()) | st.frozensets(st.integers(0, 6), min_size=1, max_size=3))


def often_none(*choices):
    # Mostly no such need, so that most searches find something.
    return st.sampled_from([None] * 5 + list(choices))


@st.composite
def searches(draw) -> SearchCriteria:
    attendance = draw(often_none(*Attendance.values))
    # As the API has it: only a search for online meetings may leave out the place.
    place = None if attendance == Attendance.ONLINE and draw(st.booleans()) else draw(st.sampled_from(PLACES))
    return SearchCriteria(
        timezone=draw(st.sampled_from(ZONES)),
        place=place,
        radius_km=draw(st.sampled_from([5.0, 25.0, 120.0, 500.0])),
        availability=Availability(
            days=draw(st.just(frozenset()) | st.frozensets(st.integers(0, 6), min_size=3)),
            avoid=tuple(draw(st.just([]) | st.lists(windows(15, 60, 210, 480, 720), min_size=1,
                                                   max_size=2))),
            free=tuple(draw(st.just([]) | st.lists(windows(120, 420, 720, 1000, 1380), min_size=1,
                                                  max_size=2)))),
        children=draw(often_none(*ChildrenNeed.CHOICES)),
        philosophy=draw(often_none(*PhilosophyNeed.CHOICES)),
        medication_supportive=draw(rarely),
        attendance=attendance,
        fellowship=draw(often_none(Fellowship.AA.value, Fellowship.NA.value)),
        focus=tuple(draw(st.lists(st.sampled_from(FOCUS), unique=True, max_size=3))),
        wheelchair=draw(rarely),
        language=draw(often_none(*LANGUAGES)),
    )


# What meets each need, so that a meeting can be drawn to meet the search's needs.
SUITED = {
    "children": {ChildrenNeed.WELCOME: [ChildrenPolicy.WELCOME.value, ChildrenPolicy.CHILDCARE.value],
                 ChildrenNeed.CHILDCARE: [ChildrenPolicy.CHILDCARE.value]},
    "philosophy": {PhilosophyNeed.HARM_REDUCTION: [Philosophy.HARM_REDUCTION.value, Philosophy.UNKNOWN.value],
                   PhilosophyNeed.ABSTINENCE: [Philosophy.ABSTINENCE_ONLY.value]},
}


@st.composite
def meetings(draw, criteria: SearchCriteria, now: datetime) -> dict:
    """A meeting near the search's place (or Pittsburgh); most meet the search's needs."""
    suits = draw(st.sampled_from([True, True, False]))
    today = now.astimezone(ZoneInfo(criteria.timezone)).date()

    def pick(every, suited=()):
        return draw(st.sampled_from(list(suited) if suits and suited else list(every)))

    weekday, start, zone = pick(range(7)), draw(clocks), pick(ZONES)
    # Left out: a start that the meeting's own clock skips in the coming week (02:30 on the
    # Sunday New York springs forward). The search places such a meeting on the parent's clock
    # an hour before it happens (`ParentClock` adds the zones' difference to the local start
    # it never reaches), while its next start, and this oracle, say it happens at 03:30.
    starts = next_start(weekday, start, zone, now)
    assume(starts.astimezone(ZoneInfo(zone)).time() == start)
    # Left out too: a meeting the search calls sooner than it is, which decides the order of
    # meetings that score alike. The search counts "soonest" in minutes of the parent's week
    # (`ranking_order`), so across a change of the parent's clock it takes a meeting in the
    # hour their clock repeats for one before a meeting it follows, and one in the last hour
    # before a week from now for one within the hour; this oracle counts real minutes.
    parent_zone = ZoneInfo(criteria.timezone)
    on_parents_clock = starts.astimezone(parent_zone)
    if now.astimezone(parent_zone).utcoffset() != on_parents_clock.utcoffset():
        repeated = on_parents_clock.replace(fold=1 - on_parents_clock.fold).utcoffset() != (
            on_parents_clock.utcoffset())
        assume(not repeated and starts - now < timedelta(days=7, hours=-1))
    length = pick([None, 15, 60, 90, 180, 600, MINUTES_PER_DAY])
    end = None if length is None else (datetime.combine(today, start) + timedelta(minutes=length)).time()
    attendance = pick(Attendance.values)
    if attendance == Attendance.ONLINE:
        where = {"online": True}
    else:
        share, bearing = pick(SPOTS)
        latitude, longitude = point_from(criteria.place or PLACES[0], share * criteria.radius_km, bearing)
        placed = pick([True, True, True, False])
        where = {"attendance": attendance, "conference_url": "https://zoom.us/j/1",
                 "latitude": latitude if placed else None, "longitude": longitude if placed else None}
    age = pick([None, 0, RECENTLY_VERIFIED_DAYS, RECENTLY_VERIFIED_DAYS + 1,
                settings.VILLAGE_STALE_AFTER_DAYS, settings.VILLAGE_STALE_AFTER_DAYS + 1])
    languages = draw(st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=2))
    if suits and criteria.language and criteria.language not in languages:
        languages.append(criteria.language)
    return {
        "weekday": weekday, "start_time": start, "end_time": end, "timezone": zone,
        "children": pick(ChildrenPolicy.values, SUITED["children"].get(criteria.children, ())),
        "philosophy": pick(Philosophy.values, SUITED["philosophy"].get(criteria.philosophy, ())),
        "medication_supportive": pick([False, True], [True] if criteria.medication_supportive else ()),
        "wheelchair_accessible": pick([None, True, False], [True] if criteria.wheelchair else ()),
        "fellowship": pick([Fellowship.AA.value, Fellowship.NA.value, Fellowship.SMART_RECOVERY.value],
                           [criteria.fellowship] if criteria.fellowship else ()),
        "focus": draw(st.lists(st.sampled_from(FOCUS), unique=True, max_size=3)),
        "languages": languages,
        "last_verified": None if age is None else today - timedelta(days=age),
        "status": pick([Status.PUBLISHED.value] * 7 + [Status.PENDING.value], [Status.PUBLISHED.value]),
        **where,
    }


@st.composite
def cases(draw) -> tuple[datetime, SearchCriteria, list[dict]]:
    now = draw(st.sampled_from(NOWS))
    criteria = draw(searches())
    return now, criteria, draw(st.lists(meetings(criteria, now), min_size=1, max_size=10))


def make(specs: list[dict]) -> list[Listing]:
    listings = []
    for spec in specs:
        meeting = MeetingFactory(**spec)
        listings.append(Listing(
            pk=meeting.pk, weekday=spec["weekday"], start_time=spec["start_time"],
            end_time=spec["end_time"], timezone=spec["timezone"], attendance=meeting.attendance,
            latitude=meeting.latitude, longitude=meeting.longitude, children=spec["children"],
            philosophy=spec["philosophy"], medication_supportive=spec["medication_supportive"],
            wheelchair_accessible=spec["wheelchair_accessible"], fellowship=spec["fellowship"],
            focus=tuple(spec["focus"]), languages=tuple(spec["languages"]),
            last_verified=spec["last_verified"], status=spec["status"]))
    return listings


@contextmanager
def made(case):
    """The case's moment, search and meetings, the meetings in the database until the block
    ends (each example's rows are rolled back, the cached zones and vocabularies forgotten)."""
    now, criteria, specs = case
    cache.clear()
    with transaction.atomic():
        add_entries_past_the_bits()
        yield now, criteria, make(specs)
        transaction.set_rollback(True)


def assert_agrees(matches, expected: list[Expected]):
    """The same meetings, scores and distances; and in the order of the ranking's rule: best
    first, then soonest, then nearest, then by number. (The order is checked on the scores
    and distances the search gave, once they are known to be the oracle's, so that two scores
    equal but for rounding do not decide it.)"""
    by_pk = {each.pk: each for each in expected}
    assert sorted(match.meeting.pk for match in matches) == sorted(by_pk)
    for match in matches:
        want = by_pk[match.meeting.pk]
        assert match.score == pytest.approx(want.score, abs=1e-9), match.meeting.pk
        if want.distance_km is None:
            assert match.distance_km is None, match.meeting.pk
        else:
            assert match.distance_km == pytest.approx(want.distance_km, rel=1e-9, abs=1e-9)
    in_order = sorted(matches, key=lambda match: (
        -match.score, by_pk[match.meeting.pk].minutes_until,
        math.inf if match.distance_km is None else match.distance_km, match.meeting.pk))
    assert [match.meeting.pk for match in matches] == [match.meeting.pk for match in in_order]


AGREEMENT = hypothesis_settings(max_examples=80, deadline=None, database=None,
                                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                       HealthCheck.too_slow])


@AGREEMENT
@given(case=cases())
def test_sql_search_finds_and_orders_what_the_python_rules_say(case):
    with made(case) as (now, criteria, listings):
        page = MeetingSearch(criteria, now=now).page(size=100)

        expected = expected_ranking(listings, criteria, now)
        assert page.count == len(expected)
        assert_agrees(page.matches, expected)


@AGREEMENT
@given(case=cases())
def test_pages_of_two_follow_the_python_ranking(case):
    with made(case) as (now, criteria, listings):
        search = MeetingSearch(criteria, now=now)

        expected = expected_ranking(listings, criteria, now)
        pages = [search.page(number, 2) for number in range(1, max(1, math.ceil(len(expected) / 2)) + 1)]
        assert all(page.count == len(expected) for page in pages)
        assert_agrees([match for page in pages for match in page.matches], expected)
