"""The meetings' words in Spanish: the choices, the days, the zones' names, calendar text, the
reminder choices, a listing's values and errors, and the focus and language names; and the
same words unchanged in English.

The Spanish comes from the catalogue (locale/es); the focus names come from the table."""
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from meetings.calendars import Privacy, calendar_for, description
from meetings.history import meeting_history, save_meeting
from meetings.listing import display_value, listing_diff
from meetings.models import (
    Attendance,
    ChildrenPolicy,
    Fellowship,
    Focus,
    Language,
    Meeting,
    Philosophy,
    Status,
    Vocabulary,
)
from meetings.schedule import COMMON_ZONES, TimeWindow, Weekday, validate_timezone
from meetings.templatetags.calendar_choices import calendar_choices
from tests.factories import MeetingFactory
from tests.pages import parsed

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def in_spanish(value):
    with translation.override("es"):
        return str(value)


def labels(choices):
    return [str(label) for _, label in choices.choices]


# --- Choices and days -----------------------------------------------------------------------

def test_the_choices_read_in_spanish():
    with translation.override("es"):
        assert Fellowship.AA.label == "Alcohólicos Anónimos"
        assert Fellowship.PARENT_GROUP.label == "Grupo de madres y padres dirigido por pares"
        assert Fellowship.OTHER.label == "Otra"
        assert labels(Attendance) == ["En persona", "En línea", "En persona y en línea"]
        assert labels(ChildrenPolicy) == ["Solo adultos", "Se admiten niños", "Con cuidado de niños",
                                          "No se sabe"]
        assert Philosophy.HARM_REDUCTION.label == "Abierta a la reducción de daños"
        assert Philosophy.ABSTINENCE_ONLY.label == "Solo abstinencia"
        assert Status.PUBLISHED.label == "Publicada"
        assert Status.PENDING.label == "Pendiente de revisión"


def test_a_meetings_choices_display_in_spanish():
    meeting = MeetingFactory(fellowship=Fellowship.NA, weekday=Weekday.WEDNESDAY,
                             children=ChildrenPolicy.WELCOME)
    with translation.override("es"):
        assert meeting.get_fellowship_display() == "Narcóticos Anónimos"
        assert meeting.get_weekday_display() == "miércoles"
        assert meeting.get_children_display() == "Se admiten niños"


def test_a_value_that_is_no_choice_displays_as_it_is_stored():
    # A feed may have stored a fellowship this version no longer lists.
    meeting = MeetingFactory.build(fellowship="cocaine-anonymous", attendance=Attendance.HYBRID)
    with translation.override("es"):
        assert meeting.get_fellowship_display() == "cocaine-anonymous"
        assert meeting.get_attendance_display() == str(Attendance.HYBRID.label)


def test_the_days_read_in_spanish_as_djangos_own_catalogue_has_them():
    with translation.override("es"):
        assert labels(Weekday) == ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
                                   "sábado"]


def test_the_zones_names_read_in_spanish():
    with translation.override("es"):
        assert str(COMMON_ZONES["America/New_York"]) == "Hora del Este (Nueva York)"
        assert str(COMMON_ZONES["America/Los_Angeles"]) == "Hora del Pacífico (Los Ángeles)"
        assert str(COMMON_ZONES["America/Puerto_Rico"]) == "Hora del Atlántico (Puerto Rico)"
        assert str(COMMON_ZONES["America/Mexico_City"]) == "Hora del centro de México (Ciudad de México)"
        assert str(COMMON_ZONES["UTC"]) == "UTC"


def test_the_fields_names_read_in_spanish():
    field = Meeting._meta.get_field
    with translation.override("es"):
        assert str(field("start_time").verbose_name) == "hora de inicio"
        assert str(field("timezone").verbose_name) == "zona horaria"
        assert str(field("wheelchair_accessible").verbose_name) == "accesible en silla de ruedas"
        assert str(field("end_time").help_text) == "Déjalo vacío para una hora después del inicio."


def test_english_is_as_it_was():
    with translation.override("en"):
        assert labels(Fellowship)[0] == "Alcoholics Anonymous"
        assert labels(Fellowship)[-1] == "Other"
        assert labels(Attendance) == ["In person", "Online", "In person and online"]
        assert labels(ChildrenPolicy) == ["Adults only", "Children welcome", "Childcare provided",
                                          "Not known"]
        assert labels(Status) == ["Published", "Pending review", "Rejected", "Archived"]
        assert labels(Weekday) == ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                   "Friday", "Saturday"]
        assert str(COMMON_ZONES["America/New_York"]) == "Eastern time (New York)"
        assert str(Meeting._meta.get_field("conference_url").verbose_name) == "conference url"


# --- Errors ---------------------------------------------------------------------------------

def test_a_listings_errors_read_in_spanish():
    meeting = MeetingFactory.build(attendance=Attendance.ONLINE, address="", latitude=None,
                                   longitude=None, conference_url="")
    with translation.override("es"), pytest.raises(ValidationError) as raised:
        meeting.clean()
    assert raised.value.message_dict["conference_url"] == [
        "Una reunión en línea o en persona y en línea necesita un enlace o un número de teléfono."]
    with translation.override("es"), pytest.raises(ValidationError) as raised:
        validate_timezone("Mars/Olympus")
    assert raised.value.messages == ["'Mars/Olympus' no es una zona horaria IANA como America/New_York."]


def test_a_bad_time_window_says_so_in_spanish():
    with translation.override("es"), pytest.raises(ValueError) as raised:
        TimeWindow.parse("25:00-26:00")
    assert str(raised.value).startswith("'25:00-26:00' no es una franja horaria como ")
    assert str(raised.value).endswith(
        ": '25:00' no es una hora del día en formato HH:MM (de 00:00 a 23:59).")


# --- Calendars ------------------------------------------------------------------------------

def test_a_neutral_calendar_reads_in_spanish(client):
    meeting = MeetingFactory(online=True, conference_phone="+1 646 558 8656")
    with translation.override("es"):
        url = reverse("meeting-calendar", args=[meeting.slug])
    calendar = parsed(client.get(url, HTTP_ACCEPT_LANGUAGE="es"))
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Reunión"
    assert str(calendar["X-WR-CALNAME"]) == "Reunión"
    assert str(event["DESCRIPTION"]) == ("Unirse en línea: https://zoom.us/j/123456789\n"
                                         "Por teléfono: +1 646 558 8656")
    [alarm] = event.subcomponents
    assert str(alarm["DESCRIPTION"]) == "Reunión"


def test_a_detailed_calendar_reads_in_spanish():
    meeting = MeetingFactory(online=True, fellowship=Fellowship.CA)
    with translation.override("es"):
        text = description(meeting, "https://village.example/es/meetings/x/",
                           Privacy(details=True))
    assert text.splitlines() == ["Cocaína Anónimos", "Unirse en línea: https://zoom.us/j/123456789",
                                 "", "Detalles: https://village.example/es/meetings/x/"]


def test_the_shortlists_calendar_is_named_in_spanish(client):
    meeting = MeetingFactory()
    with translation.override("es"):
        url = reverse("shortlist-calendar")
    calendar = parsed(client.get(url, {"m": meeting.slug, "details": "1"},
                                 HTTP_ACCEPT_LANGUAGE="es"))
    assert str(calendar["X-WR-CALNAME"]) == "Mis reuniones"
    neutral = parsed(client.get(url, {"m": meeting.slug, "reminder": "none"},
                                HTTP_ACCEPT_LANGUAGE="es"))
    assert str(neutral["X-WR-CALNAME"]) == "Reuniones"


def test_a_bad_reminder_says_so_in_spanish(client):
    meeting = MeetingFactory()
    with translation.override("es"):
        url = reverse("meeting-calendar", args=[meeting.slug])
    response = client.get(url, {"reminder": "5"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert response.content.decode() == (
        "reminder: '5' no es uno de estos: none, 15, 30, 60 (minutos antes del inicio).")


def test_the_reminder_choices_read_in_spanish():
    with translation.override("es"):
        choices = calendar_choices("/meetings/x.ics")["reminders"]
    assert [label for _, label, _ in choices] == [
        "Sin recordatorio", "15 minutos antes", "30 minutos antes", "60 minutos antes"]
    with translation.override("en"):
        choices = calendar_choices("/meetings/x.ics")["reminders"]
    assert [label for _, label, _ in choices] == [
        "No reminder", "15 minutes before", "30 minutes before", "60 minutes before"]


def test_a_calendar_built_in_english_stays_english():
    meeting = MeetingFactory(online=True)
    with translation.override("en"):
        calendar = calendar_for([meeting], "Meetings", now=datetime(2027, 1, 4, tzinfo=NEW_YORK))
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Meeting"
    assert str(event["DESCRIPTION"]) == "Join online: https://zoom.us/j/123456789"


# --- Focus and language names ---------------------------------------------------------------

def test_every_seeded_focus_has_a_spanish_name():
    assert not Focus.objects.filter(name_es="").exists()
    mothers = Focus.objects.get(slug="mothers")
    with translation.override("es"):
        assert mothers.label == str(mothers) == "Madres"
        assert mothers.description_label == "Madres, incluidas las madres de niños pequeños."
        assert Focus.objects.get(slug="spanish-speaking").label == "De habla hispana"
    with translation.override("en"):
        assert mothers.label == str(mothers) == "Mothers"
        assert mothers.description_label == "Mothers, including mothers of young children."


def test_a_focus_without_a_spanish_name_reads_in_english():
    focus = Focus.objects.create(slug="veterans", name="Veterans")
    with translation.override("es"):
        assert focus.label == "Veterans"
        assert focus.description_label == ""
    fathers = Focus.objects.get(slug="fathers")
    with translation.override("es"):
        assert fathers.description_label == ""  # none in English either


def test_a_language_reads_in_the_active_language():
    spanish, chinese = Language.objects.get(code="es"), Language.objects.get(code="zh")
    unknown = Language.objects.create(code="xx", name="Xish")
    with translation.override("es"):
        assert spanish.label == str(spanish) == "Español"  # Django's own name for it
        assert Language.objects.get(code="fr").label == "Francés"
        assert chinese.label == "Chino"
        assert Language.objects.get(code="ase").label == "Lengua de señas americana"
        assert unknown.label == "Xish"
    with translation.override("en"):
        assert [spanish.label, chinese.label, unknown.label] == ["Spanish", "Chinese", "Xish"]


def test_the_cached_vocabulary_reads_in_each_requests_language():
    Vocabulary.current()  # cached
    vocabulary = Vocabulary.current()
    with translation.override("es"):
        assert vocabulary.focus["fathers"].label == "Padres"
        assert vocabulary.languages["en"].label == "Inglés"
    with translation.override("en"):
        assert vocabulary.focus["fathers"].label == "Fathers"
        assert vocabulary.languages["en"].label == "English"


def test_a_meetings_focus_names_read_in_spanish():
    meeting = MeetingFactory(focus=["mothers", "lgbtq"])
    with translation.override("es"):
        names = [focus.label for focus in meeting.focus.all()]
    assert sorted(names) == ["LGBTQ+", "Madres"]


# --- What a moderator reads ----------------------------------------------------------------

def test_a_listings_values_read_in_spanish():
    with translation.override("es"):
        assert display_value("focus", ["mothers", "fathers"]) == "Madres, Padres"
        assert display_value("languages", ["es", "tl"]) == "Español, Tagalo"
        assert display_value("medication_supportive", True) == "Sí"
        assert display_value("wheelchair_accessible", None) == "No se sabe"
        assert display_value("attendance", "hybrid") == "En persona y en línea"
        assert display_value("weekday", 1) == "lunes"
        [change] = listing_diff({"start_time": "19:00"}, {"start_time": "19:30"})
    assert change.label == "Hora de inicio"
    with translation.override("en"):
        assert display_value("focus", ["mothers", "fathers"]) == "Mothers, Fathers"
        assert display_value("languages", ["es", "tl"]) == "Spanish, Tagalog"
        assert display_value("wheelchair_accessible", None) == "Not known"
        [change] = listing_diff({"start_time": "19:00"}, {"start_time": "19:30"})
    assert change.label == "Start time"


def test_a_meetings_history_reads_in_spanish():
    meeting = save_meeting(MeetingFactory.build(start_time=time(19)), reason="Import: test")
    meeting.start_time = time(19, 30)
    save_meeting(meeting, reason="Import: test")
    with translation.override("es"):
        changed, created = meeting_history(meeting)
    assert (changed.kind, created.kind) == ("Modificada", "Creada")
    assert changed.who == "Village (importación o tarea automática)"
    assert [change.label for change in changed.changes] == ["Hora de inicio"]
    with translation.override("en"):
        changed, created = meeting_history(meeting)
    assert (changed.kind, created.kind, changed.who) == (
        "Changed", "Created", "Village (import or automatic task)")
