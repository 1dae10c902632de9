"""Text is text on import: a feed's names, places and notes are stored without markup, the
Village slug comes from the cleaned text, and the feed export and calendars carry it clean."""
import json

import pytest
from django.urls import reverse

from feeds.importing import import_records
from feeds.records import parse_records
from feeds.type_codes import code_set_for_fellowship
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory
from tests.pages import parsed

pytestmark = pytest.mark.django_db

SCRIPTED = '<script>alert("xss")</script> Evil <b>bold</b> Group'


def scripted_record(**overrides):
    record = json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())[0]
    record.update(name=SCRIPTED, location="<i>Alano</i> Club<script>x()</script>",
                  formatted_address="<b>123 Main St</b>, Pittsburgh, PA 15222, USA",
                  notes="<p>Ring the <em>buzzer</em>.</p><style>p {}</style>",
                  location_notes="Side door&nbsp;<br>upstairs", **overrides)
    return record


def test_a_feeds_markup_is_taken_out_of_what_is_imported():
    [meeting] = parse_records([scripted_record()], code_set=code_set_for_fellowship("aa")).meetings

    assert meeting.name == "Evil bold Group"
    assert meeting.location_name == "Alano Club"
    assert meeting.address == "123 Main St, Pittsburgh, PA 15222, USA"
    assert meeting.notes == "Ring the buzzer.\n\nLocation: Side door\u00a0\nupstairs"


def test_an_imported_meeting_without_a_usable_feed_slug_is_slugged_from_its_clean_name():
    # A feed's slug of no Latin letters gives no Village slug, so the name gives it.
    import_records(FeedSourceFactory(), [scripted_record(slug="日曜日")], geocode=False)

    meeting = Meeting.objects.get()
    assert meeting.name == "Evil bold Group"
    assert meeting.slug == "evil-bold-group"
    assert "script" not in meeting.slug


def test_the_feed_export_and_the_calendar_carry_the_clean_text(client):
    import_records(FeedSourceFactory(), [scripted_record()], geocode=False)
    meeting = Meeting.objects.get()

    feed = client.get(reverse("api-meeting-guide-feed")).content.decode()
    calendar = client.get(reverse("meeting-calendar", args=[meeting.slug]), {"details": "1"})
    [event] = parsed(calendar).events

    [record] = json.loads(feed)
    assert (record["name"], record["location"]) == ("Evil bold Group", "Alano Club")
    assert "<" not in feed and "script" not in feed.replace('"slug"', "")
    assert str(event["SUMMARY"]).startswith("Evil bold Group")
    assert "<" not in calendar.content.decode()


@pytest.mark.parametrize(("written", "stored"), [
    ("Side door\r\nupstairs\rat the back", "Side door\nupstairs\nat the back"),
    ("Hall\x00 B", "Hall B"),
    ("\ufeffSerenity", "Serenity"),
    ("Fish &amp; Chips", "Fish & Chips"),
    # Nothing the parser reads otherwise: kept exactly as written.
    ('Room 2 > Room 1, "Mid\ufeffweek", 日曜日 \u00a0é', 'Room 2 > Room 1, "Mid\ufeffweek", 日曜日 \u00a0é'),
])
def test_text_is_read_as_the_html_parser_reads_it_whether_or_not_it_holds_markup(written, stored):
    # Text without markup skips the parser; what the parser changes without markup (carriage
    # returns, NULs, a leading byte order mark) must still be read by it.
    record = {**scripted_record(), "name": "Group", "notes": written}
    [meeting] = parse_records([record], code_set=code_set_for_fellowship("aa")).meetings

    assert meeting.notes.split("\n\n")[0] == stored
