"""Rows written in bulk (core.bulk_writes, as imports write them) read back as bulk_create's
and save's do, on each database."""
from datetime import date, time

import pytest
from django.db.models.signals import post_init

from core.bulk_writes import InstanceMaker, insert_objects, update_objects, values_present
from meetings.models import Meeting
from tests.factories import FeedSourceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

COMPARED = [field.attname for field in Meeting._meta.concrete_fields
            if field.attname not in ("id", "slug", "created", "updated")]


def unsaved_twins():
    made = MeetingFactory.build(
        name="Serenity", notes="Side door.\nUpstairs", start_time=time(19, 30),
        end_time=time(20, 45), latitude=40.4406248, longitude=-79.9958864,
        wheelchair_accessible=None, source_types=["O", "D"], last_verified=date(2026, 9, 1),
        imported_values={"name": "Serenity", "focus": ["parents"], "latitude": 40.4406248})
    made.fill_schedule()
    return [Meeting(**{name: getattr(made, name) for name in COMPARED}, slug=slug)
            for slug in ("by-bulk-create", "by-insert")]


def stored(slug):
    return Meeting.objects.filter(slug=slug).values(*COMPARED, "created", "updated").get()


def test_an_inserted_meeting_reads_back_as_a_bulk_created_one():
    by_bulk_create, by_insert = unsaved_twins()
    Meeting.objects.bulk_create([by_bulk_create])
    insert_objects([by_insert])

    inserted = stored("by-insert")
    assert {name: inserted[name] for name in COMPARED} == {
        name: value for name, value in stored("by-bulk-create").items() if name in COMPARED}
    assert inserted["created"] is not None and inserted["updated"] is not None


def test_updated_fields_are_written_and_the_others_left_alone():
    meeting = MeetingFactory(name="Before", notes="Kept")
    meeting.name, meeting.notes = "After", "Not written"
    meeting.start_time, meeting.latitude = time(7, 5), None
    meeting.imported_values = {"name": "After"}

    update_objects([meeting], ["name", "start_time", "latitude", "imported_values"])

    again = Meeting.objects.get(pk=meeting.pk)
    assert (again.name, again.start_time, again.latitude, again.imported_values) == (
        "After", time(7, 5), None, {"name": "After"})
    assert again.notes == "Kept"


def test_meetings_inserted_together_share_one_creation_moment():
    first, second = unsaved_twins()
    insert_objects([first, second])

    assert stored("by-bulk-create")["created"] == stored("by-insert")["created"]
    assert stored("by-bulk-create")["updated"] == stored("by-insert")["updated"]


def test_times_and_statuses_repeated_over_rows_are_each_written_as_given():
    meetings = [MeetingFactory.build(slug=f"row-{n}", start_time=time(7 + n % 2, 30),
                                     last_verified=date(2026, 9, 1 + n % 3)) for n in range(6)]
    for meeting in meetings:
        meeting.fill_schedule()
    insert_objects(meetings)

    assert list(Meeting.objects.filter(slug__startswith="row-").order_by("slug").values_list(
        "start_time", "last_verified")) == [
        (time(7 + n % 2, 30), date(2026, 9, 1 + n % 3)) for n in range(6)]


def test_an_instance_maker_builds_what_keyword_arguments_would():
    source = FeedSourceFactory()
    values = {"name": "Serenity", "start_time": time(19, 30), "source_id": source.pk,
              "source_types": ["O"]}

    made = InstanceMaker(Meeting)(values, related={"source": source})
    by_keywords = Meeting(name="Serenity", start_time=time(19, 30), source=source,
                          source_types=["O"])

    assert {name: getattr(made, name) for name in COMPARED} == {
        name: getattr(by_keywords, name) for name in COMPARED}
    assert made._state.adding and made.pk is None
    assert made.source is source
    another = InstanceMaker(Meeting)(values)
    assert made.imported_values == another.imported_values == {}
    assert made.imported_values is not another.imported_values


def test_an_instance_maker_saves_like_any_instance_and_keeps_init_signals_when_heard():
    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance)

    make = InstanceMaker(Meeting)
    made = make({"name": "Made", "weekday": 1, "start_time": time(7),
                 "timezone": "America/New_York"})
    made.save()
    assert Meeting.objects.get(pk=made.pk).name == "Made" and not heard

    post_init.connect(listener, sender=Meeting)
    try:
        listened = make({"name": "Heard", "start_time": time(8)})
    finally:
        post_init.disconnect(listener, sender=Meeting)
    assert heard == [listened]


def test_values_present_names_only_the_values_some_row_holds():
    MeetingFactory(slug="held-one")
    MeetingFactory(slug="held-two")
    asked = ["held-one", "held-two", "held-one", *(f"free-{n}" for n in range(2500))]

    assert values_present(Meeting, "slug", asked) == {"held-one", "held-two"}
    assert values_present(Meeting, "slug", []) == set()
