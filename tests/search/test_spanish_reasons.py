"""With Spanish active, the reasons on a result card, the "starts in" words and the suggestions
when nothing fits read in Spanish, in whole sentences; in English they read as they always did."""
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import translation

from meetings.models import Attendance, ChildrenPolicy, Philosophy
from meetings.schedule import DINNER_AND_BEDTIME, Availability, TimeWindow, Weekday
from search.finder import MeetingSearch
from search.ranking import free_time_reason
from search.suggestions import loosening_suggestions
from search.windows import PARTS_OF_DAY, window_words
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 10:00 in Pittsburgh.
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TODAY = NOW.date()
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"


def reasons(name, **criteria):
    matches = MeetingSearch(CriteriaFactory(**criteria), now=NOW).page(size=100).matches
    return next(match.reasons for match in matches if match.meeting.name == name)


def a_meeting_that_has_it_all():
    MeetingFactory(name="open door", start_time=time(15), end_time=time(16),
                   latitude=PITTSBURGH[0] + 0.019, children=ChildrenPolicy.CHILDCARE,
                   philosophy=Philosophy.HARM_REDUCTION, medication_supportive=True,
                   wheelchair_accessible=True, last_verified=TODAY - timedelta(days=5))


def test_the_reasons_on_a_card_read_in_spanish():
    a_meeting_that_has_it_all()
    avoid_dinner = Availability(avoid=(DINNER_AND_BEDTIME,))

    with translation.override("es"):
        spanish = reasons("open door", availability=avoid_dinner)
    english = reasons("open door", availability=avoid_dinner)

    assert spanish == ["Termina antes de la cena", "Cuidado de niños en el lugar",
                       "Abierta a la reducción de daños",
                       "Recibe a personas que toman metadona o buprenorfina", "A 2.1 km",
                       "Accesible en silla de ruedas", "Revisada hace poco"]
    assert english == ["Done before dinner", "Childcare on site", "Harm-reduction friendly",
                       "Welcomes people on methadone or buprenorphine", "2.1 km away",
                       "Wheelchair accessible", "Checked recently"]


def test_the_api_writes_its_reasons_in_the_language_the_client_asks_for(client):
    MeetingFactory(name="welcome", latitude=PITTSBURGH[0], children=ChildrenPolicy.WELCOME)

    spanish = client.get("/api/v1/search/", {"near": NEAR, "units": "mi"}, HTTP_ACCEPT_LANGUAGE="es")
    english = client.get("/api/v1/search/", {"near": NEAR, "units": "mi"}, HTTP_ACCEPT_LANGUAGE="en")

    assert spanish.status_code == english.status_code == 200
    assert spanish.json()["results"][0]["reasons"][:2] == ["Se admiten niños", "A 0.0 mi"]
    assert english.json()["results"][0]["reasons"][:2] == ["Children welcome", "0.0 mi away"]


def test_little_time_to_travel_next_to_an_avoided_window_is_said_in_spanish():
    MeetingFactory(name="tight before", start_time=time(15, 45), end_time=time(16, 45))
    MeetingFactory(name="tight after", start_time=time(20, 45), end_time=time(21, 45))
    avoid_dinner = Availability(avoid=(DINNER_AND_BEDTIME,))

    with translation.override("es"):
        assert "Termina solo 15 min antes de las 17:00" in reasons("tight before",
                                                                   availability=avoid_dinner)
        assert "Empieza solo 15 min después de las 20:30" in reasons("tight after",
                                                                     availability=avoid_dinner)
        other = Availability(avoid=(TimeWindow.parse("06:00-07:00"),))
        assert "Empieza después de las 07:00" in reasons("tight before", availability=other)


def test_online_and_hybrid_meetings_say_how_to_join_in_spanish():
    MeetingFactory(name="online", online=True)
    MeetingFactory(name="hybrid", attendance=Attendance.HYBRID, conference_url="https://zoom.us/j/1",
                   latitude=PITTSBURGH[0] + 0.019)

    with translation.override("es"):
        assert "Unirse en línea" in reasons("online")
        assert "A 2.1 km, o únete en línea" in reasons("hybrid")


def test_the_language_and_focus_reasons_are_whole_spanish_sentences():
    MeetingFactory(name="en español", languages=["es"], focus=["mothers"])

    with translation.override("es"):
        found = reasons("en español", language="es", focus=("mothers",))

    # The language's name is the catalogue's: Django's own says "Español", the site's may
    # write it in lower case, as Spanish does mid-sentence.
    assert "en español" in [reason.lower() for reason in found]
    assert any(reason.startswith("Para ") for reason in found)


def test_free_time_reasons_name_each_part_of_the_day_in_spanish():
    MeetingFactory(name="evening", weekday=Weekday.MONDAY, start_time=time(17, 15), end_time=time(18))
    MeetingFactory(name="as it begins", weekday=Weekday.SATURDAY, start_time=time(8), end_time=time(9))
    MeetingFactory(name="well into it", weekday=Weekday.WEDNESDAY, start_time=time(10),
                   end_time=time(11))
    MeetingFactory(name="half past nine", weekday=Weekday.TUESDAY, start_time=time(21),
                   end_time=time(22))
    free = Availability(free=tuple(TimeWindow.parse(text) for text in (
        "mon@17:00-21:00", "sat@08:00-12:00", "wed@08:00-12:00", "tue@20:30-23:59")))

    with translation.override("es"):
        assert "Empieza 15 min después de que comience tu noche" in reasons("evening", availability=free)
        assert "Empieza justo al comenzar tu mañana" in reasons("as it begins", availability=free)
        assert "Durante tu mañana" in reasons("well into it", availability=free)
        assert "Empieza 30 min después de que comience tu tiempo libre" in reasons(
            "half past nine", availability=free)


@pytest.mark.parametrize(("name", "start", "end"), PARTS_OF_DAY)
def test_free_time_reasons_in_english_are_as_they_were(name, start, end):
    part = str(name).lower()
    window = TimeWindow.parse(f"{start}-{end}")
    availability = Availability(free=(window,))
    begins = window.week_spans()[0][0] if window.days else int(start[:2]) * 60

    assert free_time_reason(availability, begins, 30) == f"Starts as your {part} begins"
    assert free_time_reason(availability, begins + 20, 30) == f"Starts 20 min after your {part} begins"
    assert free_time_reason(availability, begins + 90, 30) == f"In your {part}"


def test_starting_soon_words_read_in_spanish():
    MeetingFactory(name="online since 17:30", online=True, start_time=time(17, 30), end_time=time(18, 30))
    MeetingFactory(name="online at 18:30", online=True, start_time=time(18, 30), end_time=time(19, 30))
    MeetingFactory(name="in person at 19", start_time=time(19), end_time=time(20))
    MeetingFactory(name="in person at 20:05", start_time=time(20, 5), end_time=time(21))
    evening = datetime(2026, 11, 23, 23, 0, tzinfo=UTC)  # 18:00 in Pittsburgh

    with translation.override("es"):
        words = [item.when_words for item in
                 MeetingSearch(CriteriaFactory(), now=evening).starting_soon()]

    assert words == ["Empezó hace 30 min: únete ahora", "Empieza en 30 min", "Empieza en 1 h",
                     "Empieza en 2 h 5 min"]


def test_a_window_on_some_days_is_said_with_its_days_in_spanish():
    with translation.override("es"):
        assert window_words(TimeWindow.parse("mon-fri@17:00-20:30")).include == (
            "incluyes de lunes a viernes de 17:00 a 20:30")
        assert window_words(TimeWindow.parse("sat,sun@09:00-12:00")).include == (
            "incluyes domingo, sábado de 09:00 a 12:00")
        assert window_words(TimeWindow.parse("06:00-08:00")).include == "incluyes de 06:00 a 08:00"
        assert window_words(DINNER_AND_BEDTIME).include == "incluyes la hora de la cena y de dormir"
        assert window_words(DINNER_AND_BEDTIME).starts_after == "Después de la hora de dormir"


def test_what_to_loosen_when_nothing_fits_is_said_in_spanish():
    MeetingFactory(name="at dinner", start_time=time(18), end_time=time(19),
                   children=ChildrenPolicy.CHILDCARE)
    MeetingFactory(name="40 km away", start_time=time(15), end_time=time(16),
                   latitude=PITTSBURGH[0] + 0.36, children=ChildrenPolicy.CHILDCARE)
    MeetingFactory(name="no childcare", start_time=time(15), end_time=time(16),
                   children=ChildrenPolicy.WELCOME)
    criteria = CriteriaFactory(availability=Availability(avoid=(DINNER_AND_BEDTIME,)),
                               children="childcare")

    with translation.override("es"):
        spanish = [suggestion.words for suggestion in loosening_suggestions(criteria)]
    english = [suggestion.words for suggestion in loosening_suggestions(criteria)]

    assert spanish == ["incluyes la hora de la cena y de dormir", "buscas hasta 50 km de distancia",
                       "incluyes reuniones que admiten niños pero no tienen cuidado de niños"]
    assert english == ["include dinner and bedtime", "look up to 50 km away",
                       "include meetings that welcome children but have no childcare"]
