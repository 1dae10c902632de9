"""Importing a feed source into meetings: created, updated, unchanged, archived, conflicts."""
import copy
import json
from collections import Counter
from datetime import time
from pathlib import Path

import pytest
from django.conf import settings

from feeds.importing import import_records, resolve_conflict
from feeds.models import ImportConflict
from meetings.models import Attendance, Meeting, Status
from tests.factories import DATA, FeedSourceFactory, MeetingFactory

FEEDS = DATA / "meeting-guide"
REAL_FEEDS = Path(settings.BASE_DIR).parent / "shared" / "data" / "meeting-guide"

pytestmark = pytest.mark.django_db


def intergroup():
    return json.loads((FEEDS / "intergroup.json").read_text())


def by_source_slug(source):
    return {meeting.source_slug: meeting for meeting in Meeting.objects.filter(source=source)}


def test_a_feed_becomes_published_meetings_of_its_source():
    source = FeedSourceFactory()
    summary = import_records(source, intergroup(), geocode=False)
    assert (summary.created, summary.updated, summary.unchanged, summary.archived) == (8, 0, 0, 0)
    meetings = by_source_slug(source)
    assert set(meetings) == {
        "sunday-serenity", "daily-reflections-mon", "daily-reflections-wed",
        "daily-reflections-fri", "4512", "zoom-parents", "hybrid-noon", "temporarily-online"}
    assert {meeting.status for meeting in meetings.values()} == {Status.PUBLISHED}


def test_imported_meetings_carry_what_the_records_say():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    meetings = by_source_slug(source)

    sunday = meetings["sunday-serenity"]
    assert (sunday.weekday, sunday.start_time, sunday.end_time) == (0, time(19), time(20, 30))
    assert sunday.children == "welcome"
    assert [focus.slug for focus in sunday.focus.all()] == ["women"]
    assert sunday.source_types == ["O", "D", "CF", "W"]
    assert sunday.last_verified.isoformat() == "2026-09-01"

    friday = meetings["daily-reflections-fri"]
    assert (friday.weekday, friday.start_time, friday.end_time) == (5, time(19, 30), time(20, 30))
    assert (friday.latitude, friday.longitude) == (40.4406, -79.9959)
    assert friday.children == "childcare"
    assert friday.wheelchair_accessible is True
    assert friday.timezone == "America/New_York"  # the source's, as the record has none

    spanish = meetings["4512"]
    assert [language.code for language in spanish.languages.all()] == ["es"]
    assert spanish.latitude is None  # left for geocoding

    zoom = meetings["zoom-parents"]
    assert (zoom.attendance, zoom.timezone, zoom.address) == ("online", "America/Chicago", "")
    assert "Passcode: 1234" in zoom.notes

    assert meetings["hybrid-noon"].attendance == Attendance.HYBRID
    assert meetings["temporarily-online"].attendance == Attendance.ONLINE


def test_the_summary_counts_unknown_codes_and_is_kept_on_the_source():
    source = FeedSourceFactory()
    summary = import_records(source, intergroup(), geocode=False)
    assert summary.unknown_codes == Counter({"ZZZ": 1})
    source.refresh_from_db()
    assert source.last_run_ok is True
    assert source.last_run_summary["created"] == 8
    assert "8 created" in source.last_run_report
    assert "ZZZ ×1" in source.last_run_report


def test_imports_are_recorded_in_history_with_the_source_as_reason():
    source = FeedSourceFactory(name="Pittsburgh AA")
    import_records(source, intergroup(), geocode=False)
    meeting = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    assert meeting.history.first().history_change_reason == "Import: Pittsburgh AA"


def test_reimporting_the_same_feed_touches_nothing():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    stamps = dict(Meeting.objects.values_list("pk", "updated"))
    summary = import_records(source, intergroup(), geocode=False)
    assert (summary.created, summary.updated, summary.unchanged, summary.archived) == (0, 0, 8, 0)
    assert dict(Meeting.objects.values_list("pk", "updated")) == stamps
    assert Meeting.history.count() == 8


def test_a_changed_record_updates_only_its_meeting():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    feed = intergroup()
    feed[0]["time"] = "18:30"
    feed[0]["types"] = ["O", "D", "BA", "W"]
    summary = import_records(source, feed, geocode=False)
    assert (summary.updated, summary.unchanged) == (1, 7)
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    assert (sunday.start_time, sunday.children) == (time(18, 30), "childcare")
    assert sunday.start_week_minute == 18 * 60 + 30  # the search's minutes follow
    latest = sunday.history.first()
    assert (latest.history_type, latest.start_time) == ("~", time(18, 30))
    assert latest.history_change_reason == f"Import: {source.name}"


def test_meetings_gone_from_the_feed_are_archived_and_come_back_when_it_lists_them_again():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    listed = Meeting.objects.get(source=source, source_slug="sunday-serenity").updated
    summary = import_records(source, intergroup()[1:], geocode=False)
    assert summary.archived == 1
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    assert sunday.status == Status.ARCHIVED
    assert sunday.history.first().status == Status.ARCHIVED
    assert sunday.updated > listed

    summary = import_records(source, intergroup(), geocode=False)
    sunday.refresh_from_db()
    assert (summary.updated, sunday.status) == (1, Status.PUBLISHED)


def test_an_empty_feed_archives_nothing():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    summary = import_records(source, [], geocode=False)
    assert summary.archived == 0
    assert Meeting.objects.filter(source=source, status=Status.PUBLISHED).count() == 8
    assert "left as they are" in "\n".join(summary.lines())


def test_a_broken_record_does_not_archive_its_meeting():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    feed = intergroup()
    feed[0]["time"] = "whenever"
    summary = import_records(source, feed, geocode=False)
    assert (summary.archived, len(summary.skipped)) == (0, 1)
    assert Meeting.objects.get(source_slug="sunday-serenity").status == Status.PUBLISHED


def test_a_field_edited_in_village_and_changed_in_the_feed_is_kept_and_reported():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    sunday.name = "Sunday Serenity (moms welcome)"
    sunday.save()

    feed = intergroup()
    feed[0]["name"] = "Sunday Serenity Group"
    feed[0]["end_time"] = "20:00"
    summary = import_records(source, feed, geocode=False)

    sunday.refresh_from_db()
    assert sunday.name == "Sunday Serenity (moms welcome)"
    assert sunday.end_time == time(20, 0)  # not edited here, so the feed's change applies
    assert summary.conflicts == 1
    conflict = ImportConflict.objects.get()
    assert (conflict.field, conflict.local_value, conflict.feed_value,
            conflict.previous_feed_value) == ("name", "Sunday Serenity (moms welcome)",
                                              "Sunday Serenity Group", "Sunday Serenity")
    assert conflict.is_open


def test_a_local_edit_survives_reimports_of_an_unchanged_feed():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(children="childcare")
    summary = import_records(source, intergroup(), geocode=False)
    assert (summary.updated, summary.conflicts) == (0, 0)
    assert Meeting.objects.get(source_slug="sunday-serenity").children == "childcare"


def test_a_coachs_added_focus_and_the_feeds_new_code_both_stay():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    sunday = Meeting.objects.get(source=source, source_slug="sunday-serenity")
    sunday.focus.add(*sunday.focus.model.objects.filter(slug="mothers"))
    feed = intergroup()
    feed[0]["types"] = ["O", "D", "CF", "W", "LGBTQ"]
    import_records(source, feed, geocode=False)
    assert sorted(sunday.focus.values_list("slug", flat=True)) == ["lgbtq", "mothers", "women"]
    assert not ImportConflict.objects.exists()


def test_the_feed_changing_its_mind_again_updates_the_open_conflict():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(name="Local name")
    feed = intergroup()
    for name in ("Feed name one", "Feed name two"):
        feed[0]["name"] = name
        import_records(source, feed, geocode=False)
    conflict = ImportConflict.objects.get()
    assert conflict.feed_value == "Feed name two"


def test_a_moderator_taking_the_feeds_value_applies_it_and_closes_the_conflict():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17))
    feed = intergroup()
    feed[0]["time"] = "19:15"
    import_records(source, feed, geocode=False)
    conflict = ImportConflict.objects.get(field="start_time")

    resolve_conflict(conflict, take_feed=True)

    sunday = Meeting.objects.get(source_slug="sunday-serenity")
    assert sunday.start_time == time(19, 15)
    conflict.refresh_from_db()
    assert (conflict.is_open, conflict.resolution) == (False, "took_feed")
    # The feed has not changed since: the next import neither reverts nor re-reports it.
    summary = import_records(source, feed, geocode=False)
    assert (summary.updated, summary.conflicts) == (0, 0)


def test_keeping_the_local_value_closes_the_conflict_without_change():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(name="Local name")
    feed = intergroup()
    feed[0]["name"] = "Feed name"
    import_records(source, feed, geocode=False)
    resolve_conflict(ImportConflict.objects.get(), take_feed=False)
    assert Meeting.objects.get(source_slug="sunday-serenity").name == "Local name"
    assert ImportConflict.objects.get().resolution == "kept_local"


def test_coordinates_found_by_geocoding_survive_the_next_import():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="4512").update(latitude=40.44, longitude=-80.0)
    summary = import_records(source, intergroup(), geocode=False)
    assert (summary.updated, summary.conflicts) == (0, 0)
    assert Meeting.objects.get(source_slug="4512").latitude == 40.44


def test_a_new_address_without_coordinates_clears_the_old_position():
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    Meeting.objects.filter(source_slug="4512").update(latitude=40.44, longitude=-80.0)
    feed = intergroup()
    feed[2]["formatted_address"] = "900 Butler St, Pittsburgh, PA 15201, USA"
    summary = import_records(source, feed, geocode=False)
    meeting = Meeting.objects.get(source_slug="4512")
    assert (meeting.address, meeting.latitude) == ("900 Butler St, Pittsburgh, PA 15201, USA", None)
    assert summary.geocoding == 1


def test_village_slugs_come_from_the_feeds_and_never_collide():
    MeetingFactory(slug="sunday-serenity")
    source = FeedSourceFactory()
    import_records(source, intergroup(), geocode=False)
    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").slug == \
        "sunday-serenity-2"
    other = FeedSourceFactory()
    import_records(other, intergroup()[:1], geocode=False)
    assert Meeting.objects.get(source=other).slug == "sunday-serenity-3"


def test_two_sources_may_use_the_same_slug():
    first, second = FeedSourceFactory(), FeedSourceFactory()
    import_records(first, intergroup(), geocode=False)
    summary = import_records(second, intergroup(), geocode=False)
    assert summary.created == 8
    assert Meeting.objects.filter(source_slug="sunday-serenity").count() == 2


def test_the_broken_feed_imports_its_good_records_and_reports_the_rest():
    source = FeedSourceFactory()
    records = json.loads((FEEDS / "broken.json").read_text())
    summary = import_records(source, records, geocode=False)
    assert (summary.created, len(summary.skipped), len(summary.warnings)) == (2, 10, 3)
    report = "\n".join(summary.lines())
    assert "record 3 (slug 'bad-day'): day: 9 is not a day" in report
    assert "record 7 (slug 'fine'): slug: already used by record 1" in report


def test_an_al_anon_source_reads_poa_as_parents_of_alcoholics():
    source = FeedSourceFactory(fellowship="al-anon")
    import_records(source, [{"name": "Parents Group", "slug": "parents", "day": 2,
                             "time": "19:00", "types": ["POA", "C"],
                             "formatted_address": "1 Main St, Pittsburgh, PA 15222"}],
                   geocode=False)
    meeting = Meeting.objects.get(source=source)
    assert meeting.fellowship == "al-anon"
    assert list(meeting.focus.values_list("slug", flat=True)) == ["parents"]


# --- Feeds as real intergroups published them (../shared, absent in a fresh clone) ----------

real_feeds = pytest.mark.skipif(not REAL_FEEDS.is_dir(), reason=f"{REAL_FEEDS} is not here")


@real_feeds
def test_the_sussex_feed_imports_whole_and_agrees_with_its_own_attendance():
    records = json.loads((REAL_FEEDS / "sussexaa.json").read_text())
    source = FeedSourceFactory()
    summary = import_records(source, records, geocode=False)
    assert (summary.created, len(summary.skipped)) == (len(records), 0)
    meetings = by_source_slug(source)
    # The plugin that published the feed worked out each meeting's attendance too.
    assert Counter(meetings[r["slug"]].attendance for r in records) == Counter(
        r["attendance_option"] for r in records)
    again = import_records(source, records, geocode=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(records))


@real_feeds
def test_the_al_anon_feed_skips_exactly_its_inactive_meetings():
    records = json.loads((REAL_FEEDS / "al-anon.json").read_text())
    source = FeedSourceFactory(fellowship="al-anon")
    summary = import_records(source, records, geocode=False)
    inactive = {r["slug"] for r in records if r["attendance_option"] == "inactive"}
    assert {problem.slug for problem in summary.skipped} == inactive
    assert summary.created == len(records) - len(inactive)
    poa = {r["slug"] for r in records if "POA" in r["types"]} - inactive
    assert set(Meeting.objects.filter(focus__slug="parents").values_list(
        "source_slug", flat=True)) == poa


@real_feeds
def test_a_real_feed_with_meetings_removed_archives_just_those():
    records = json.loads((REAL_FEEDS / "sussexaa.json").read_text())
    source = FeedSourceFactory()
    import_records(source, records, geocode=False)
    fewer = copy.deepcopy(records[10:])
    summary = import_records(source, fewer, geocode=False)
    assert (summary.archived, summary.unchanged) == (10, len(records) - 10)
    assert Meeting.objects.filter(source=source, status=Status.ARCHIVED).count() == 10


def test_a_feed_gives_the_groups_own_contact_and_a_later_import_keeps_a_coachs_change():
    source = FeedSourceFactory()
    record = {"name": "Serenity", "slug": "serenity", "day": 1, "time": "19:00",
              "formatted_address": "1 Main St, Pittsburgh, PA 15222, USA",
              "email": "serenity@example.org", "phone": "412 555 0100"}
    import_records(source, [record], geocode=False)
    meeting = Meeting.objects.get(source=source)
    assert (meeting.contact_email, meeting.contact_phone) == ("serenity@example.org", "412 555 0100")

    Meeting.objects.filter(pk=meeting.pk).update(contact_phone="412 555 0199")
    import_records(source, [record], geocode=False)

    assert Meeting.objects.get(pk=meeting.pk).contact_phone == "412 555 0199"
