"""A re-import leaves unread the records the last import read without a problem (by their
fingerprint), and still reads, reports and applies everything else as a full reading would."""
import copy
import json
from datetime import date

import pytest

from feeds import records as feed_records
from feeds.importing import import_records
from meetings.models import Meeting, Status
from tests.factories import DATA, FeedSourceFactory

pytestmark = pytest.mark.django_db


def intergroup():
    return json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())


@pytest.fixture
def records_read(monkeypatch):
    """The slugs of the records each reading reads, in order."""
    read = []
    original = feed_records._RecordReader.read

    def counted(reader):
        read.append(feed_records._text(reader.record.get("slug")))
        return original(reader)

    monkeypatch.setattr(feed_records._RecordReader, "read", counted)
    return read


# The feed's record 4512 gives an unknown type code (ZZZ), which every report names.
SAID_SOMETHING = ["4512"]


def test_unchanged_records_are_not_read_again_and_count_as_unchanged(records_read):
    source = FeedSourceFactory()
    feed = intergroup()
    first = import_records(source, feed, geocode=False)
    records_read.clear()

    again = import_records(source, copy.deepcopy(feed), geocode=False)

    assert (again.created, again.updated, again.unchanged, again.archived) == (
        0, 0, first.created, 0)
    assert records_read == SAID_SOMETHING
    assert again.unknown_codes == first.unknown_codes == {"ZZZ": 1}


def test_a_changed_record_is_read_and_applied_and_the_rest_left_unread(records_read):
    source = FeedSourceFactory()
    feed = intergroup()
    import_records(source, feed, geocode=False)
    records_read.clear()
    changed = copy.deepcopy(feed)
    changed[0]["name"] = "Sunday Serenity Parents"

    summary = import_records(source, changed, geocode=False)

    assert records_read == [feed[0]["slug"], *SAID_SOMETHING]
    assert summary.updated == 1
    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").name == (
        "Sunday Serenity Parents")


def test_a_record_with_a_warning_is_read_again_so_its_report_says_it_again(records_read):
    source = FeedSourceFactory()
    feed = intergroup()
    feed[0]["conference_url"] = "not a link"
    first = import_records(source, feed, geocode=False)
    records_read.clear()

    again = import_records(source, copy.deepcopy(feed), geocode=False)

    assert records_read == [feed[0]["slug"], *SAID_SOMETHING]
    assert [str(problem) for problem in again.warnings] == [
        str(problem) for problem in first.warnings]
    assert any("conference_url" in str(problem) for problem in again.warnings)


def test_a_record_whose_slug_is_taken_keeps_being_reported(records_read):
    source = FeedSourceFactory()
    feed = intergroup()
    feed.append({**feed[0], "name": "Another group"})
    first = import_records(source, feed, geocode=False)

    again = import_records(source, copy.deepcopy(feed), geocode=False)

    assert [str(problem) for problem in again.skipped] == [
        str(problem) for problem in first.skipped]
    assert any("already used by record 1" in str(problem) for problem in again.skipped)
    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").name == (
        feed[0]["name"])


def test_a_meeting_set_back_before_its_records_update_is_verified_again():
    source = FeedSourceFactory()
    feed = intergroup()
    import_records(source, feed, geocode=False)
    Meeting.objects.filter(source=source, source_slug="sunday-serenity").update(
        last_verified=date(2026, 1, 1))

    import_records(source, copy.deepcopy(feed), geocode=False)

    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").last_verified == (
        date(2026, 9, 1))


def test_a_meeting_gone_from_the_feed_and_back_is_published_again():
    source = FeedSourceFactory()
    feed = intergroup()
    import_records(source, feed, geocode=False)
    import_records(source, feed[1:], geocode=False)
    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").status == (
        Status.ARCHIVED)

    summary = import_records(source, copy.deepcopy(feed), geocode=False)

    assert summary.updated == 1
    assert Meeting.objects.get(source=source, source_slug="sunday-serenity").status == (
        Status.PUBLISHED)


def test_a_new_default_zone_for_the_source_has_every_record_read_again(records_read):
    source = FeedSourceFactory(default_timezone="America/New_York")
    feed = intergroup()
    import_records(source, feed, geocode=False)
    records_read.clear()
    source.default_timezone = "America/Chicago"
    source.save()

    summary = import_records(source, copy.deepcopy(feed), geocode=False)

    assert len(records_read) == len(feed)
    friday = Meeting.objects.get(source=source, source_slug="daily-reflections-fri")
    assert friday.timezone == "America/Chicago"
    assert summary.updated >= 1


def test_a_record_of_several_days_unread_keeps_each_of_its_meetings(records_read):
    source = FeedSourceFactory()
    feed = intergroup()
    import_records(source, feed, geocode=False)
    records_read.clear()

    again = import_records(source, copy.deepcopy(feed), geocode=False)

    assert "daily-reflections" not in records_read
    assert again.archived == 0
    assert set(Meeting.objects.filter(
        source=source, source_slug__startswith="daily-reflections-",
        status=Status.PUBLISHED).values_list("source_slug", flat=True)) == {
        "daily-reflections-mon", "daily-reflections-wed", "daily-reflections-fri"}


def test_a_whole_feed_unread_is_still_a_feed():
    source = FeedSourceFactory()
    feed = intergroup()
    import_records(source, feed, geocode=False)

    summary = import_records(source, copy.deepcopy(feed), geocode=False, preview=True)

    assert summary.unchanged == Meeting.objects.filter(source=source).count()
