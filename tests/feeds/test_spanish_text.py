"""What a moderator reads of an import in Spanish: why a record was skipped, the run's report
and the admin's counts and messages; while the data a feed gives (its English day names, the
notes' labels) reads the same in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from feeds.admin import FeedSourceAdmin
from feeds.importing import ImportSummary, import_records, read_records
from feeds.models import FeedFormat, FeedSource, ImportConflict
from feeds.records import FeedError, Problem, parse_records
from feeds.type_codes import code_set
from tests.factories import FeedSourceFactory

pytestmark = pytest.mark.django_db



def parse(records):
    return parse_records(records, code_set=code_set("aa"), default_timezone="America/New_York")


def record(**fields):
    return {"name": "Group", "slug": "group", "day": 1, "time": "19:00",
            "formatted_address": "1 Main St, Pittsburgh, PA 15222, USA", **fields}


def test_why_a_record_was_skipped_reads_in_spanish():
    with translation.override("es"):
        parsed = parse([record(time="tea time"), record(slug="b", day=9), "nonsense",
                        record(slug="c", conference_url="zoom", formatted_address="")])
        problems = [str(problem) for problem in parsed.problems]
    assert problems == [
        "registro 1 (slug 'group'): time: 'tea time' no es una hora del día como 19:30 o 7:30 PM",
        "registro 2 (slug 'b'): day: 9 no es un día: usa de 0 (domingo) a 6 (sábado)",
        "registro 3: record: no es un objeto JSON",
        "registro 4 (slug 'c'): conference_url: 'zoom' no es un enlace http(s); se omitió",
        "registro 4 (slug 'c'): formatted_address: no hay dirección ni conference_url ni "
        "conference_phone: no hay adónde ir",
    ]


def test_the_same_problems_read_as_before_in_english():
    with translation.override("en"):
        parsed = parse([record(time="tea time"), "nonsense", record(slug="c", end_time="19:00")])
        problems = [str(problem) for problem in parsed.problems]
    assert problems == [
        "record 1 (slug 'group'): time: 'tea time' is not a time of day such as 19:30 or 7:30 PM",
        "record 2: record: not a JSON object",
        "record 3 (slug 'c'): end_time: the same as the start; taken as one hour",
    ]


def test_a_feed_writes_days_in_english_whatever_the_language():
    with translation.override("es"):
        parsed = parse([record(day="Tuesday"), record(slug="b", day="martes")])
    assert [meeting.weekday for meeting in parsed.meetings] == [2]
    assert [problem.reason for problem in parsed.problems] == [
        "'martes' no es un día: usa de 0 (domingo) a 6 (sábado)"]


def test_the_notes_labels_are_the_meetings_data_and_stay_english():
    with translation.override("es"):
        [meeting] = parse([record(notes="Side door", location_notes="Basement")]).meetings
    assert meeting.notes == "Side door\n\nLocation: Basement"


def test_a_feed_that_cannot_be_read_says_so_in_spanish():
    with translation.override("es"), pytest.raises(FeedError) as raised:
        read_records("{not json", FeedFormat.MEETING_GUIDE)
    assert str(raised.value).startswith("El feed no es JSON: ")
    with translation.override("es"), pytest.raises(FeedError) as raised:
        read_records("Name,Time\nGroup,19:00\n", FeedFormat.CSV)
    assert str(raised.value) == ("El encabezado del CSV no tiene la columna slug, day "
                                 "(se encontró: Name, Time).")


def test_the_runs_report_reads_in_spanish():
    summary = ImportSummary(source="Pittsburgh AA", records=3, created=2, unchanged=1,
                            conflicts=1, geocoding=2, seconds=0.25,
                            problems=[Problem(3, "x", "time", "falta")])
    with translation.override("es"):
        lines = summary.lines()
    assert lines == [
        "Pittsburgh AA: registros: 3 en 0.25 s; creadas: 2, actualizadas: 0, sin cambios: 1, "
        "archivadas: 0, omitidas: 1.",
        "1 campo editado en Village y cambiado en la fuente se dejó como se editó: consulta "
        "«Import conflicts» en el admin.",
        "2 reuniones sin coordenadas se enviaron a geocodificar.",
        "Omitidos:",
        "  registro 3 (slug 'x'): time: falta",
    ]
    with translation.override("en"):
        assert summary.lines()[:3] == [
            "Pittsburgh AA: 3 records in 0.25 s: 2 created, 0 updated, 1 unchanged, 0 archived, "
            "1 skipped.",
            "1 fields edited in Village and changed in the feed were left as edited: see Import "
            "conflicts in the admin.",
            "2 meetings without coordinates sent for geocoding.",
        ]


def test_an_empty_feed_says_why_nothing_was_archived_in_spanish():
    source = FeedSourceFactory()
    import_records(source, [record()], geocode=False)
    with translation.override("es"):
        summary = import_records(source, [], geocode=False)
    assert summary.notes == ["La fuente no tenía reuniones utilizables, así que su 1 reunión "
                             "publicada se dejó como estaba en vez de archivarla."]


def test_the_admin_counts_and_choices_read_in_spanish():
    source = FeedSource(last_run_summary={"created": 2, "updated": 1, "unchanged": 5,
                                          "archived": 0, "skipped": 1, "conflicts": 0})
    admin = FeedSourceAdmin(FeedSource, None)
    with translation.override("es"):
        assert admin.last_run_counts(source) == (
            "creadas: 2, actualizadas: 1, sin cambios: 5, archivadas: 0, omitidas: 1, conflictos: 0")
        assert FeedFormat.CSV.label == ("CSV (con los nombres de columna de la especificación de "
                                        "Meeting Guide)")
        assert str(ImportConflict._meta.get_field("resolution").choices[0][1]) == (
            "Se conservó el valor local")
    with translation.override("en"):
        assert admin.last_run_counts(source) == (
            "2 created, 1 updated, 5 unchanged, 0 archived, 1 skipped, 0 conflicts")


def test_a_moderator_is_told_in_spanish(admin_client, conflict):
    response = admin_client.post(reverse("admin:feeds_importconflict_changelist"),
                                 {"action": "keep_local_value", "_selected_action": [conflict.pk]},
                                 HTTP_ACCEPT_LANGUAGE="es", follow=True)
    assert "Se conservan los valores locales." in response.content.decode()
