"""Made-up but realistic meetings across a few US metro areas, the same for the same seed.

For demos and benchmarks only: every slug starts with DEMO_SLUG_PREFIX, so the demo can be
found, replaced or removed without touching real listings.
"""
from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from itertools import accumulate, islice

from django.db import transaction
from django.dispatch import Signal
from django.utils.text import slugify

from .history import record_versions
from .models import (
    JOINED_ONLINE,
    MEETING_HISTORY,
    MET_IN_PERSON,
    Attendance,
    ChildrenPolicy,
    Fellowship,
    Focus,
    Language,
    Meeting,
    Philosophy,
    Status,
)
from .schedule import MINUTES_PER_DAY, WEEKDAY_NAMES, WEEKDAY_SLUGS, Weekday

DEFAULT_SEED = 2026
DEMO_SLUG_PREFIX = "demo-"
# The reason of a demo meeting's first history record (stored in English, as every reason).
DEMO_REASON = "Demo meeting"
# Sent by `seed_demo` once the demo meetings are there, for the apps that add demo data of
# their own (accounts: a demo coach and moderator); each receiver answers lines to print.
demo_seeded = Signal()


@dataclass(frozen=True)
class Neighbourhood:
    name: str
    zip_code: str
    # The ZIP code's centre; meetings sit within a kilometre or two of it.
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Metro:
    city: str
    state: str
    timezone: str
    latitude: float
    longitude: float
    streets: tuple[str, ...]
    neighbourhoods: tuple[Neighbourhood, ...]

    @property
    def zip_codes(self) -> tuple[str, ...]:
        return tuple(place.zip_code for place in self.neighbourhoods)


def _places(*rows: tuple[str, str, float, float]) -> tuple[Neighbourhood, ...]:
    return tuple(Neighbourhood(*row) for row in rows)


METROS: tuple[Metro, ...] = (
    Metro(
        "Pittsburgh", "PA", "America/New_York", 40.4406, -79.9959,
        ("Forbes Ave", "Penn Ave", "Liberty Ave", "Butler St", "Murray Ave", "E Carson St",
         "Walnut St", "Brownsville Rd", "Centre Ave", "Baum Blvd", "Negley Ave", "Fifth Ave"),
        _places(
            ("Lawrenceville", "15201", 40.4752, -79.9528),
            ("South Side", "15203", 40.4254, -79.9799),
            ("East Liberty", "15206", 40.4723, -79.9132),
            ("Mount Washington", "15211", 40.4295, -80.0144),
            ("North Side", "15212", 40.4530, -80.0100),
            ("Oakland", "15213", 40.4440, -79.9552),
            ("Squirrel Hill", "15217", 40.4308, -79.9205),
            ("Strip District", "15222", 40.4477, -79.9933),
            ("Bloomfield", "15224", 40.4642, -79.9448),
            ("Brookline", "15226", 40.4001, -80.0161),
            ("Mt. Lebanon", "15228", 40.3696, -80.0439),
            ("Shadyside", "15232", 40.4525, -79.9319),
            ("Carrick", "15210", 40.4072, -79.9839),
        ),
    ),
    Metro(
        "Philadelphia", "PA", "America/New_York", 39.9526, -75.1652,
        ("Market St", "Walnut St", "Chestnut St", "Spruce St", "S Broad St", "Germantown Ave",
         "Frankford Ave", "Girard Ave", "Lancaster Ave", "Baltimore Ave", "E Passyunk Ave",
         "Ridge Ave"),
        _places(
            ("Rittenhouse", "19103", 39.9513, -75.1741),
            ("University City", "19104", 39.9597, -75.2024),
            ("Old City", "19106", 39.9474, -75.1473),
            ("Mt. Airy", "19119", 40.0547, -75.1866),
            ("Brewerytown", "19121", 39.9811, -75.1740),
            ("Olde Kensington", "19122", 39.9780, -75.1459),
            ("Northern Liberties", "19123", 39.9660, -75.1510),
            ("Fishtown", "19125", 39.9788, -75.1262),
            ("Manayunk", "19127", 40.0275, -75.2242),
            ("Fairmount", "19130", 39.9677, -75.1735),
            ("Port Richmond", "19134", 39.9925, -75.1133),
            ("Cedar Park", "19143", 39.9448, -75.2288),
            ("Germantown", "19144", 40.0338, -75.1731),
            ("Graduate Hospital", "19146", 39.9379, -75.1794),
            ("Queen Village", "19147", 39.9362, -75.1563),
            ("South Philadelphia", "19148", 39.9207, -75.1595),
        ),
    ),
    Metro(
        "Chicago", "IL", "America/Chicago", 41.8781, -87.6298,
        ("N Clark St", "N Halsted St", "W Belmont Ave", "N Milwaukee Ave", "W Division St",
         "S Cottage Grove Ave", "W Irving Park Rd", "N Lincoln Ave", "W 18th St",
         "S Western Ave", "N Broadway", "W Fullerton Ave"),
        _places(
            ("West Loop", "60607", 41.8721, -87.6578),
            ("Pilsen", "60608", 41.8515, -87.6694),
            ("Back of the Yards", "60609", 41.8097, -87.6533),
            ("Lincoln Park", "60614", 41.9229, -87.6483),
            ("Hyde Park", "60615", 41.8022, -87.6006),
            ("Avondale", "60618", 41.9464, -87.7042),
            ("Wicker Park", "60622", 41.9019, -87.6779),
            ("Little Village", "60623", 41.8490, -87.7157),
            ("Lincoln Square", "60625", 41.9703, -87.7042),
            ("Rogers Park", "60626", 42.0095, -87.6689),
            ("Woodlawn", "60637", 41.7813, -87.6051),
            ("Uptown", "60640", 41.9719, -87.6624),
            ("Logan Square", "60647", 41.9209, -87.7043),
            ("Lakeview", "60657", 41.9399, -87.6528),
        ),
    ),
    Metro(
        "Denver", "CO", "America/Denver", 39.7392, -104.9903,
        ("E Colfax Ave", "S Broadway", "Federal Blvd", "E 17th Ave", "Santa Fe Dr",
         "E Evans Ave", "W 32nd Ave", "Tennyson St", "York St", "E Alameda Ave",
         "Sheridan Blvd", "Downing St"),
        _places(
            ("LoDo", "80202", 39.7491, -104.9946),
            ("Capitol Hill", "80203", 39.7313, -104.9811),
            ("La Alma", "80204", 39.7340, -105.0259),
            ("Five Points", "80205", 39.7590, -104.9661),
            ("Cherry Creek", "80206", 39.7331, -104.9524),
            ("Park Hill", "80207", 39.7584, -104.9177),
            ("Washington Park", "80209", 39.7074, -104.9686),
            ("Platt Park", "80210", 39.6790, -104.9631),
            ("Highland", "80211", 39.7665, -105.0204),
            ("Berkeley", "80212", 39.7683, -105.0493),
            ("Cheesman Park", "80218", 39.7327, -104.9717),
            ("Westwood", "80219", 39.6956, -105.0341),
            ("Montclair", "80220", 39.7312, -104.9129),
            ("Baker", "80223", 39.7002, -105.0028),
            ("Montbello", "80239", 39.7878, -104.8288),
        ),
    ),
    Metro(
        "Phoenix", "AZ", "America/Phoenix", 33.4484, -112.0740,
        ("N Central Ave", "E Camelback Rd", "E Indian School Rd", "W McDowell Rd", "N 7th St",
         "E Thomas Rd", "N 16th St", "W Glendale Ave", "E Baseline Rd", "N 19th Ave",
         "W Van Buren St", "N 32nd St"),
        _places(
            ("Downtown Phoenix", "85003", 33.4511, -112.0774),
            ("Roosevelt Row", "85004", 33.4557, -112.0686),
            ("Garfield", "85006", 33.4650, -112.0474),
            ("Papago", "85008", 33.4665, -111.9984),
            ("Midtown", "85012", 33.5097, -112.0678),
            ("Encanto", "85013", 33.5085, -112.0827),
            ("Alhambra", "85015", 33.5082, -112.1011),
            ("Biltmore", "85016", 33.5021, -112.0305),
            ("Arcadia", "85018", 33.4958, -111.9883),
            ("Sunnyslope", "85020", 33.5623, -112.0559),
            ("North Mountain", "85029", 33.5961, -112.1199),
            ("Maryvale", "85031", 33.4939, -112.1696),
            ("South Mountain", "85041", 33.3889, -112.0954),
            ("Ahwatukee", "85044", 33.3291, -111.9943),
        ),
    ),
    Metro(
        "Los Angeles", "CA", "America/Los_Angeles", 34.0522, -118.2437,
        ("Sunset Blvd", "Wilshire Blvd", "W Pico Blvd", "Vermont Ave", "Santa Monica Blvd",
         "Venice Blvd", "York Blvd", "E Cesar E Chavez Ave", "S Figueroa St", "Melrose Ave",
         "Hollywood Blvd", "W Olympic Blvd"),
        _places(
            ("Larchmont", "90004", 34.0762, -118.3029),
            ("Koreatown", "90005", 34.0585, -118.3012),
            ("Pico-Union", "90006", 34.0493, -118.2917),
            ("Chinatown", "90012", 34.0614, -118.2385),
            ("West Adams", "90016", 34.0298, -118.3528),
            ("Mid-City", "90019", 34.0482, -118.3343),
            ("Echo Park", "90026", 34.0766, -118.2646),
            ("Los Feliz", "90027", 34.1040, -118.2925),
            ("Hollywood", "90028", 34.1005, -118.3254),
            ("East Hollywood", "90029", 34.0900, -118.2944),
            ("Boyle Heights", "90033", 34.0487, -118.2084),
            ("Silver Lake", "90039", 34.1121, -118.2594),
            ("Eagle Rock", "90041", 34.1339, -118.2082),
            ("Highland Park", "90042", 34.1145, -118.1929),
            ("Glassell Park", "90065", 34.1073, -118.2266),
        ),
    ),
)

# Online meetings mostly keep their metro's zone; the rest are run from elsewhere in the US.
US_TIMEZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
)


class _Weighted:
    """Values drawn by weight, with a single random() call."""

    def __init__(self, weights: dict):
        self.values = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))

    def draw(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def draw_all_first(self, rng: random.Random, index: int):
        """The index-th value for the first few meetings, so even a small demo shows every
        value; a weighted draw after that."""
        return self.values[index] if index < len(self.values) else self.draw(rng)


FELLOWSHIPS = _Weighted({
    Fellowship.AA: 34, Fellowship.NA: 17, Fellowship.AL_ANON: 12, Fellowship.CA: 4,
    Fellowship.CMA: 3, Fellowship.SMART_RECOVERY: 8, Fellowship.WOMEN_FOR_SOBRIETY: 3,
    Fellowship.RECOVERY_DHARMA: 4, Fellowship.REFUGE_RECOVERY: 3, Fellowship.PARENT_GROUP: 7,
    Fellowship.OTHER: 5,
})
TWELVE_STEP = frozenset({Fellowship.AA, Fellowship.NA, Fellowship.AL_ANON, Fellowship.CA,
                         Fellowship.CMA})
# Fellowships whose own meetings are named after the fellowship, e.g. "SMART Recovery for Dads".
BRANDS = {
    Fellowship.SMART_RECOVERY: "SMART Recovery",
    Fellowship.RECOVERY_DHARMA: "Recovery Dharma",
    Fellowship.REFUGE_RECOVERY: "Refuge Recovery",
}

# Like real schedules: a breakfast and a lunch peak, and most meetings after work, right in
# the dinner and bedtime hours parents have to keep free. A few late ones cross midnight.
START_TIMES = _Weighted({
    time(6, 30): 2, time(7, 0): 9, time(7, 30): 2, time(8, 0): 3, time(9, 0): 2,
    time(9, 30): 1, time(10, 0): 4, time(10, 30): 2, time(11, 0): 2,
    time(12, 0): 10, time(12, 15): 2, time(12, 30): 3, time(13, 0): 2,
    time(14, 0): 1, time(15, 0): 1, time(16, 0): 1, time(17, 0): 3, time(17, 30): 4,
    time(18, 0): 9, time(18, 30): 7, time(19, 0): 12, time(19, 30): 9, time(20, 0): 8,
    time(20, 30): 4, time(21, 0): 3, time(21, 30): 2, time(22, 0): 2, time(22, 30): 1,
    time(23, 0): 1, time(23, 30): 0.5, time(0, 0): 0.5,
})
DURATIONS = _Weighted({60: 7, 90: 3})
WEEKDAYS = _Weighted({Weekday.SUNDAY: 6, Weekday.MONDAY: 8, Weekday.TUESDAY: 8,
                      Weekday.WEDNESDAY: 8, Weekday.THURSDAY: 8, Weekday.FRIDAY: 7,
                      Weekday.SATURDAY: 6})

ATTENDANCE = _Weighted({Attendance.IN_PERSON: 75, Attendance.ONLINE: 15, Attendance.HYBRID: 10})
# Attendance and children policies are both walked through on the first meetings; the third
# meeting is therefore hybrid with childcare, which an online meeting could not offer.
CHILDREN = _Weighted({ChildrenPolicy.ADULTS_ONLY: 22, ChildrenPolicy.WELCOME: 20,
                      ChildrenPolicy.CHILDCARE: 5, ChildrenPolicy.UNKNOWN: 53})
CHILDREN_AT_PARENTS_MEETINGS = _Weighted({
    ChildrenPolicy.ADULTS_ONLY: 4, ChildrenPolicy.WELCOME: 36, ChildrenPolicy.CHILDCARE: 30,
    ChildrenPolicy.UNKNOWN: 30})
CHILDREN_ONLINE = _Weighted({ChildrenPolicy.ADULTS_ONLY: 15, ChildrenPolicy.WELCOME: 30,
                             ChildrenPolicy.UNKNOWN: 55})

PHILOSOPHY = _Weighted({Philosophy.ABSTINENCE_ONLY: 40, Philosophy.HARM_REDUCTION: 8,
                        Philosophy.UNKNOWN: 52})
PHILOSOPHY_OUTSIDE_TWELVE_STEP = _Weighted({
    Philosophy.ABSTINENCE_ONLY: 12, Philosophy.HARM_REDUCTION: 50, Philosophy.UNKNOWN: 38})
MEDICATION_SUPPORTIVE_CHANCE = {
    Philosophy.HARM_REDUCTION: 0.7, Philosophy.UNKNOWN: 0.12, Philosophy.ABSTINENCE_ONLY: 0.03}

WHEELCHAIR = _Weighted({True: 55, False: 15, None: 30})
STATUSES = _Weighted({Status.PUBLISHED: 95, Status.PENDING: 3, Status.ARCHIVED: 2})


@dataclass(frozen=True)
class Identity:
    """Who a meeting is especially for, and how such groups name themselves."""

    focus: tuple[str, ...]
    names: tuple[str, ...]
    branded: str  # a name for a branded fellowship's meeting, such as "{brand} for Dads"
    type_codes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    about_parenting: bool = False


IDENTITIES = {
    "mothers": Identity(("mothers",), ("Moms in Recovery", "Mothers' Circle", "Sober Moms",
                                      "Mama Bears"), "{brand} for Moms", ("W",),
                        about_parenting=True),
    "fathers": Identity(("fathers",), ("Dads in Recovery", "Fathers' Table", "Sober Dads"),
                        "{brand} for Dads", ("M",), about_parenting=True),
    "parents": Identity(("parents",), ("Parents' Circle", "Parenting in Recovery",
                                       "Recovering Parents", "Family First", "Family Table"),
                        "{brand} for Parents", about_parenting=True),
    "pregnant-postpartum": Identity(("pregnant-postpartum", "mothers"),
                                    ("New Beginnings", "Expecting Hope", "Cradle Group"),
                                    "{brand} for Expecting and New Moms", ("W",),
                                    about_parenting=True),
    "parents-apart": Identity(("parents-apart", "parents"),
                              ("Reunification Road", "Parents Apart", "Bring Them Home"),
                              "{brand} for Parents Apart from Their Kids",
                              about_parenting=True),
    "grandparents": Identity(("grandparents-raising-grandchildren",),
                             ("Grandparents Raising Grandkids", "Second Time Around"),
                             "{brand} for Grandparents Raising Grandkids",
                             about_parenting=True),
    "women": Identity(("women",), ("Women's Step Study", "Sisters in Sobriety",
                                   "Women Helping Women", "Women's Serenity Circle"),
                      "{brand} for Women", ("W",)),
    "men": Identity(("men",), ("Men's Stag", "Brothers in Recovery", "Men's Step Study"),
                    "{brand} for Men", ("M",)),
    "lgbtq": Identity(("lgbtq",), ("Rainbow Group", "Pride & Serenity", "Lambda Group",
                                   "Out & Sober"), "{brand} LGBTQ+", ("LGBTQ",)),
    "bipoc": Identity(("bipoc",), ("Roots Group", "Unity in Color", "Kinship Circle"),
                      "{brand} for People of Color", ("POC",)),
    "young-people": Identity(("young-people",), ("Young & Sober", "Young People's Group",
                                                 "Next Gen"), "{brand} Young Adults", ("Y",)),
    "spanish-speaking": Identity(("spanish-speaking",), ("Grupo Nueva Vida", "Grupo Esperanza",
                                                         "Grupo Serenidad", "Grupo Renacer"),
                                 "{brand} en Español", ("S",), ("es",)),
    "spanish-speaking-parents": Identity(("spanish-speaking", "parents"),
                                         ("Padres en Recuperación", "Familias en Recuperación",
                                          "Círculo de Padres"),
                                         "{brand} para Padres", ("S",), ("es",),
                                         about_parenting=True),
}
IDENTITY_SHARE = 0.24
ANY_IDENTITY = _Weighted({
    "mothers": 14, "fathers": 8, "parents": 14, "pregnant-postpartum": 4, "parents-apart": 5,
    "grandparents": 3, "women": 16, "men": 9, "lgbtq": 9, "bipoc": 5, "young-people": 5,
    "spanish-speaking": 10, "spanish-speaking-parents": 4,
})
PARENT_IDENTITY = _Weighted({
    "mothers": 10, "fathers": 6, "parents": 14, "pregnant-postpartum": 3, "parents-apart": 5,
    "grandparents": 2, "spanish-speaking-parents": 4,
})
WOMEN_FOR_SOBRIETY_IDENTITY = _Weighted({"women": 8, "mothers": 2, "pregnant-postpartum": 1})

# {neighbourhood} and {weekday} are filled in per meeting. Parent groups always have an identity,
# so they take their names from it.
GROUP_NAMES = {
    Fellowship.AA: ("Big Book Study", "Came to Believe", "Keep It Simple", "Twelve & Twelve",
                    "Happy Destiny", "Living Sober", "Road to Freedom", "Back to Basics",
                    "Primary Purpose", "{neighbourhood} Group", "{neighbourhood} Big Book"),
    Fellowship.NA: ("Just for Today", "Clean and Serene", "Miracles Happen", "Basic Text Study",
                    "Freedom Group", "We Do Recover", "Stepping Stones", "{neighbourhood} NA"),
    Fellowship.AL_ANON: ("Hope for Today", "Courage to Change", "One Day at a Time",
                         "Detachment with Love", "Serenity Seekers",
                         "{neighbourhood} Al-Anon Family Group"),
    Fellowship.CA: ("Hope Dealers", "Freedom from Bondage", "Tools of Recovery",
                    "{neighbourhood} CA"),
    Fellowship.CMA: ("Crystal Clear", "New Freedom", "Crystal Free Zone", "{neighbourhood} CMA"),
    Fellowship.SMART_RECOVERY: ("SMART Recovery", "SMART Recovery Family & Friends",
                                "SMART Recovery {neighbourhood}", "SMART Recovery Tools Workshop"),
    Fellowship.WOMEN_FOR_SOBRIETY: ("Women for Sobriety {weekday}",
                                    "Women for Sobriety {neighbourhood}", "WFS New Life Group"),
    Fellowship.RECOVERY_DHARMA: ("Recovery Dharma Sangha", "Recovery Dharma {neighbourhood}",
                                 "Recovery Dharma Meditation & Inquiry", "Mindful Recovery"),
    Fellowship.REFUGE_RECOVERY: ("Refuge Recovery Sangha", "Refuge Recovery {neighbourhood}",
                                 "Heart of Refuge"),
    Fellowship.OTHER: ("Celebrate Recovery", "LifeRing Secular Recovery",
                       "Dual Recovery Anonymous", "Marijuana Anonymous",
                       "{neighbourhood} Recovery Circle"),
}
# Twelve-step groups are often named for when they meet.
TIME_OF_DAY_NAMES = (
    (time(5, 0), ("Daybreak Group", "Early Birds", "Sunrise Serenity", "Coffee & Promises")),
    (time(11, 0), ("Serenity at Noon", "Nooners", "Lunch Bunch", "High Noon Group")),
    (time(14, 0), ("Afternoon Serenity", "Mid-Day Reprieve")),
    (time(17, 0), ("After Work Group", "Candlelight Group", "{weekday} Night Live")),
    (time(21, 0), ("Night Owls", "Late Night Serenity", "Late Night Group")),
)
TIME_OF_DAY_NAME_SHARE = 0.25

LOCATION_NAMES = (
    "St. Paul's Episcopal Church", "St. Mark's Lutheran Church", "St. Andrew's Episcopal Church",
    "St. James Catholic Church", "First Presbyterian Church", "First United Methodist Church",
    "Grace Lutheran Church", "Holy Family Parish Hall", "Friends Meeting House",
    "{neighbourhood} Baptist Church", "{neighbourhood} Community Center",
    "{neighbourhood} Branch Library", "{neighbourhood} YMCA", "{neighbourhood} Family Health Center",
    "{neighbourhood} Recovery Community Center", "{neighbourhood} Senior Center",
    "Unitarian Universalist Church of {neighbourhood}", "{city} Alano Club",
)
MEDITATION_PLACES = ("{neighbourhood} Meditation Center", "{neighbourhood} Zen Center",
                     "{neighbourhood} Yoga Collective")

FORMAT_CODES = {
    Fellowship.AA: ("D", "SP", "B", "ST", "BE", "12x12", "LIT"),
    Fellowship.NA: ("D", "SP", "ST", "BE", "LIT"),
    Fellowship.AL_ANON: ("D", "ST", "LIT", "BE"),
    Fellowship.CA: ("D", "SP", "ST"),
    Fellowship.CMA: ("D", "SP", "ST"),
    Fellowship.RECOVERY_DHARMA: ("MED",),
    Fellowship.REFUGE_RECOVERY: ("MED",),
}

BUILDING_NOTES = (
    "Enter through the side door.", "Park in the rear lot; the front lot is for staff.",
    "Meets in the basement fellowship hall.", "Elevator access from the parking lot entrance.",
    "Street parking only; the bus stops right outside.", "Room 104, first floor.",
    "Coffee is on 15 minutes before the meeting.",
)
CHILDCARE_NOTES = ("Childcare room is downstairs.",
                   "Volunteers watch children in the nursery next door; please arrive early.")
CHILDREN_WELCOME_NOTES = ("Children welcome; there is a quiet corner with books and crayons.",
                          "Kids are welcome to sit in; strollers fit through the side door.")
ONLINE_NOTES = ("Cameras optional.", "Dial in by phone if your connection is poor.",
                "The host admits people from the waiting room a few minutes before the start.")
MEDICATION_NOTE = "People taking methadone or buprenorphine are welcome here."
ZOOM_DIAL_IN = ("+16465588656", "+16699006833", "+13126266799")


@dataclass(frozen=True, slots=True)
class DemoMeeting:
    """An unsaved meeting and the vocabularies to link once it has an id."""

    meeting: Meeting
    focus_slugs: tuple[str, ...]
    language_codes: tuple[str, ...]


def iter_meetings(count: int, *, seed: int = DEFAULT_SEED, today: date) -> Iterator[DemoMeeting]:
    """`count` unsaved demo meetings, one at a time; the first n of a longer run are the same."""
    rng = random.Random(seed)
    slug_uses: dict[str, int] = {}
    for index in range(count):
        yield _demo_meeting(rng, index, today, slug_uses)


def build_meetings(count: int, *, seed: int = DEFAULT_SEED, today: date) -> list[DemoMeeting]:
    return list(iter_meetings(count, seed=seed, today=today))


def create_meetings(count: int, *, seed: int = DEFAULT_SEED, today: date,
                    batch_size: int = 2000) -> int:
    """Save `count` demo meetings with their focuses, languages and first history records, a
    batch at a time."""
    focus_ids = dict(Focus.objects.values_list("slug", "id"))
    language_ids = dict(Language.objects.values_list("code", "id"))
    focus_link = Meeting.focus.through
    language_link = Meeting.languages.through
    demo = iter_meetings(count, seed=seed, today=today)
    created = 0
    with transaction.atomic():
        while batch := list(islice(demo, batch_size)):
            Meeting.objects.bulk_create([item.meeting for item in batch])
            focus_link.objects.bulk_create([
                focus_link(meeting_id=item.meeting.pk, focus_id=focus_ids[slug])
                for item in batch for slug in item.focus_slugs
            ])
            language_link.objects.bulk_create([
                language_link(meeting_id=item.meeting.pk, language_id=language_ids[code])
                for item in batch for code in item.language_codes
            ])
            Meeting.objects.refresh_link_bits(item.meeting.pk for item in batch)
            # Every meeting has a first version, so that its first edit has a diff.
            record_versions([item.meeting for item in batch], reason=DEMO_REASON,
                            batch_size=batch_size)
            created += len(batch)
    return created


def demo_meetings():
    return Meeting.objects.filter(slug__startswith=DEMO_SLUG_PREFIX)


def delete_demo_meetings() -> int:
    """Delete every demo meeting and its history (deleting writes a history record too)."""
    with transaction.atomic():
        deleted = demo_meetings().count()
        demo_meetings().delete()
        records = Meeting.history.filter(slug__startswith=DEMO_SLUG_PREFIX)
        for link_model in MEETING_HISTORY.m2m_models.values():
            link_model.objects.filter(history__in=records).delete()
        records.delete()
    return deleted


def _demo_meeting(rng: random.Random, index: int, today: date,
                  slug_uses: dict[str, int]) -> DemoMeeting:
    metro = METROS[index % len(METROS)] if index < len(METROS) else rng.choice(METROS)
    fellowship = FELLOWSHIPS.draw_all_first(rng, index)
    identity = _identity(rng, fellowship)
    weekday = WEEKDAYS.draw(rng)
    start = START_TIMES.draw(rng)
    end = _clock_after(start, DURATIONS.draw(rng))
    place = rng.choice(metro.neighbourhoods)
    name = _name(rng, fellowship, identity, start)
    if "{" in name:
        name = name.format(neighbourhood=place.name, weekday=WEEKDAY_NAMES[weekday])

    attendance = ATTENDANCE.draw_all_first(rng, index)
    meets_in_person = attendance in MET_IN_PERSON
    joined_online = attendance in JOINED_ONLINE
    if index < len(CHILDREN.values):
        children = CHILDREN.values[index]
    elif not meets_in_person:
        children = CHILDREN_ONLINE.draw(rng)
    elif identity is not None and identity.about_parenting:
        children = CHILDREN_AT_PARENTS_MEETINGS.draw(rng)
    else:
        children = CHILDREN.draw(rng)
    philosophies = PHILOSOPHY if fellowship in TWELVE_STEP else PHILOSOPHY_OUTSIDE_TWELVE_STEP
    philosophy = philosophies.draw_all_first(rng, index)
    # Al-Anon is for families and friends, who take no medication for their own use.
    medication_supportive = (fellowship != Fellowship.AL_ANON
                             and rng.random() < MEDICATION_SUPPORTIVE_CHANCE[philosophy])

    fields = dict(
        fellowship=fellowship, name=name, weekday=weekday, start_time=start, end_time=end,
        timezone=metro.timezone, attendance=attendance, children=children,
        philosophy=philosophy, medication_supportive=medication_supportive,
        status=STATUSES.draw(rng), last_verified=_last_verified(rng, today),
    )
    if meets_in_person:
        fields.update(_whereabouts(rng, metro, place, fellowship))
    elif rng.random() < 0.3:
        fields["timezone"] = rng.choice(US_TIMEZONES)
    if joined_online:
        meeting_id = rng.randrange(10**9, 10**11)
        fields["conference_url"] = f"https://zoom.us/j/{meeting_id}"
        if rng.random() < 0.4:
            fields["conference_phone"] = f"{rng.choice(ZOOM_DIAL_IN)},,{meeting_id}#"

    languages = identity.languages if identity else _languages(rng)
    fields["notes"] = _notes(rng, fields)
    fields["source_types"] = _type_codes(rng, fields, identity, languages)
    fields["slug"] = _unique_slug(name, metro, weekday, start, slug_uses)
    return DemoMeeting(_unsaved_meeting(fields), identity.focus if identity else (), languages)


# Model.__init__ with keyword arguments costs as much as drawing the rest of a meeting;
# every field's value in field order takes Django's fast path. A misspelt field name makes
# one argument too many, which Django refuses. Callable defaults (list, dict) are called per
# meeting so that no two meetings share one.
_FIELD_DEFAULTS = {field.attname: field.get_default() for field in Meeting._meta.concrete_fields}
_FRESH_DEFAULTS = tuple((field.attname, field.default) for field in Meeting._meta.concrete_fields
                        if field.has_default() and callable(field.default))


def _unsaved_meeting(fields: dict) -> Meeting:
    values = {**_FIELD_DEFAULTS, **{name: make() for name, make in _FRESH_DEFAULTS}, **fields}
    return Meeting(*values.values())


def _identity(rng: random.Random, fellowship: str) -> Identity | None:
    if fellowship == Fellowship.PARENT_GROUP:
        return IDENTITIES[PARENT_IDENTITY.draw(rng)]
    if fellowship == Fellowship.WOMEN_FOR_SOBRIETY:
        return IDENTITIES[WOMEN_FOR_SOBRIETY_IDENTITY.draw(rng)]
    if rng.random() < IDENTITY_SHARE:
        return IDENTITIES[ANY_IDENTITY.draw(rng)]
    return None


def _name(rng: random.Random, fellowship: str, identity: Identity | None, start: time) -> str:
    if fellowship in BRANDS and identity is not None:
        return identity.branded.format(brand=BRANDS[fellowship])
    if fellowship == Fellowship.WOMEN_FOR_SOBRIETY and identity is IDENTITIES["women"]:
        return rng.choice(GROUP_NAMES[fellowship])
    if identity is not None:
        return rng.choice(identity.names)
    if fellowship in TWELVE_STEP and rng.random() < TIME_OF_DAY_NAME_SHARE:
        return rng.choice(_names_for_time(start))
    return rng.choice(GROUP_NAMES[fellowship])


def _names_for_time(start: time) -> tuple[str, ...]:
    # Before the first boundary (midnight to 05:00) counts as late night.
    names = TIME_OF_DAY_NAMES[-1][1]
    for boundary, candidates in TIME_OF_DAY_NAMES:
        if start >= boundary:
            names = candidates
    return names


def _clock_after(start: time, minutes: int) -> time:
    return time(*divmod((start.hour * 60 + start.minute + minutes) % MINUTES_PER_DAY, 60))


def _whereabouts(rng: random.Random, metro: Metro, place: Neighbourhood,
                 fellowship: str) -> dict:
    if fellowship in (Fellowship.RECOVERY_DHARMA, Fellowship.REFUGE_RECOVERY) and rng.random() < 0.5:
        location = rng.choice(MEDITATION_PLACES)
    else:
        location = rng.choice(LOCATION_NAMES)
    return {
        "location_name": location.format(neighbourhood=place.name, city=metro.city),
        "address": (f"{rng.randrange(100, 6000)} {rng.choice(metro.streets)}, "
                    f"{metro.city}, {metro.state} {place.zip_code}"),
        # About a kilometre either way of the ZIP centre: on land, well inside the metro.
        "latitude": round(place.latitude + rng.uniform(-0.01, 0.01), 6),
        "longitude": round(place.longitude + rng.uniform(-0.012, 0.012), 6),
        "wheelchair_accessible": WHEELCHAIR.draw(rng),
    }


def _languages(rng: random.Random) -> tuple[str, ...]:
    draw = rng.random()
    if draw < 0.03:
        return ("en", "es")
    if draw < 0.045:
        return ("en", "ase")
    return ("en",)


def _last_verified(rng: random.Random, today: date) -> date | None:
    draw = rng.random()
    if draw < 0.07:
        return None
    if draw < 0.62:
        days = rng.randrange(0, 91)
    elif draw < 0.87:
        days = rng.randrange(91, 181)
    else:
        days = rng.randrange(181, 721)
    return today - timedelta(days=days)


def _notes(rng: random.Random, fields: dict) -> str:
    notes = []
    if "address" in fields and rng.random() < 0.3:
        notes.append(rng.choice(BUILDING_NOTES))
    if fields["children"] == ChildrenPolicy.CHILDCARE and rng.random() < 0.6:
        notes.append(rng.choice(CHILDCARE_NOTES))
    elif fields["children"] == ChildrenPolicy.WELCOME and rng.random() < 0.2:
        notes.append(rng.choice(CHILDREN_WELCOME_NOTES))
    if "conference_url" in fields and rng.random() < 0.3:
        notes.append(rng.choice(ONLINE_NOTES))
    if fields["medication_supportive"] and rng.random() < 0.3:
        notes.append(MEDICATION_NOTE)
    return " ".join(notes)


def _type_codes(rng: random.Random, fields: dict, identity: Identity | None,
                languages: tuple[str, ...]) -> list[str]:
    """Meeting Guide type codes that agree with the meeting's fields."""
    closed = fields["fellowship"] in TWELVE_STEP and rng.random() < 0.45
    codes = ["C" if closed else "O"]
    formats = FORMAT_CODES.get(fields["fellowship"])
    if formats and rng.random() < 0.6:
        codes.append(rng.choice(formats))
    if identity is not None:
        codes.extend(identity.type_codes)
    if "es" in languages and "S" not in codes:
        codes.append("S")
    if "ase" in languages:
        codes.append("ASL")
    if fields["children"] == ChildrenPolicy.CHILDCARE:
        codes.append("BA")
    elif fields["children"] == ChildrenPolicy.WELCOME:
        codes.append("CF")
    if fields.get("wheelchair_accessible"):
        codes.append("X")
    if "conference_url" in fields:
        codes.append("ONL")
    return codes


# slugify is slow next to the rest of a meeting, and names repeat.
_slug_part = cache(slugify)


def _unique_slug(name: str, metro: Metro, weekday: int, start: time,
                 slug_uses: dict[str, int]) -> str:
    base = (f"{DEMO_SLUG_PREFIX}{_slug_part(name)}-{_slug_part(metro.city)}"
            f"-{WEEKDAY_SLUGS[weekday]}-{start.hour:02}{start.minute:02}")[:130]
    uses = slug_uses.get(base, 0) + 1
    slug_uses[base] = uses
    return base if uses == 1 else f"{base}-{uses}"
