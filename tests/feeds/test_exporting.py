"""GET /api/v1/feeds/meeting-guide.json: a spec-valid feed that round-trips and polls cheaply."""
import gzip
import json
from datetime import time
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from feeds.importing import import_records
from meetings.models import Meeting, Status
from meetings.schedule import Weekday, is_timezone
from tests.factories import DATA, FeedSourceFactory, MeetingFactory

REAL_FEEDS = Path(settings.BASE_DIR).parent / "shared" / "data" / "meeting-guide"
SCHEMA = json.loads((DATA / "meeting-guide-feed.schema.json").read_text())
URL = reverse("api-meeting-guide-feed")

pytestmark = pytest.mark.django_db


def feed(client, **headers):
    response = client.get(URL, **headers)
    assert response.status_code == 200
    return response.json()


def record_for(client, meeting):
    return next(record for record in feed(client) if record["slug"] == meeting.slug)


def test_every_published_meeting_and_nothing_else(client):
    published = MeetingFactory()
    MeetingFactory(status=Status.PENDING)
    MeetingFactory(status=Status.ARCHIVED)
    assert [record["slug"] for record in feed(client)] == [published.slug]


def test_a_record_has_the_specs_fields(client):
    meeting = MeetingFactory(weekday=Weekday.SUNDAY, start_time=time(19), end_time=time(20, 30),
                             location_name="Alano Club", notes="Ring the buzzer.")
    record = record_for(client, meeting)
    assert record["day"] == 0
    assert (record["time"], record["end_time"], record["timezone"]) == (
        "19:00", "20:30", "America/New_York")
    assert record["formatted_address"] == meeting.address
    assert (record["latitude"], record["longitude"]) == (meeting.latitude, meeting.longitude)
    assert (record["location"], record["notes"], record["approximate"]) == (
        "Alano Club", "Ring the buzzer.", "no")
    # The feed is built by a worker, which knows the site by SITE_URL rather than by a request.
    assert record["url"] == f"{settings.VILLAGE_SITE_URL}/en/meetings/{meeting.slug}/"
    assert len(record["updated"]) == len("2026-01-01 00:00:00")


def test_the_feed_validates_against_the_specs_fields_and_types(client):
    MeetingFactory(children="childcare", focus=["mothers", "women"], languages=["es"],
                   wheelchair_accessible=True)
    MeetingFactory(online=True, conference_phone="(412) 555-0100")
    MeetingFactory(attendance="hybrid", conference_url="https://meet.google.com/abc-defg-hij",
                   location_approximate=True)
    MeetingFactory(fellowship="na", children="welcome", weekday=Weekday.SATURDAY)
    records = feed(client)
    jsonschema.validate(records, SCHEMA)
    assert all(is_timezone(record["timezone"]) for record in records)


def test_village_values_are_written_back_as_the_fellowships_codes(client):
    aa = MeetingFactory(children="welcome", focus=["women", "lgbtq"], languages=["es"],
                        wheelchair_accessible=True)
    na = MeetingFactory(fellowship="na", children="welcome")
    childcare = MeetingFactory(children="childcare")
    assert set(record_for(client, aa)["types"]) == {"CF", "W", "LGBTQ", "S", "X"}
    assert record_for(client, na)["types"] == ["CW"]
    assert record_for(client, childcare)["types"] == ["BA"]


def test_raw_codes_are_kept_and_ones_that_no_longer_hold_are_dropped(client):
    meeting = MeetingFactory(source_types=["O", "SP", "CF", "N"], children="childcare",
                             focus=["bipoc"])
    assert record_for(client, meeting)["types"] == ["O", "SP", "N", "BA"]


def test_an_online_meeting_has_no_address_or_only_where_it_belongs(client):
    online = MeetingFactory(online=True)
    record = record_for(client, online)
    assert "formatted_address" not in record and "latitude" not in record
    assert record["conference_url"] == "https://zoom.us/j/123456789"
    online.address = "Pittsburgh, PA"
    online.save()
    assert record_for(client, online)["approximate"] == "yes"


def test_phone_numbers_are_sent_dialable(client):
    meeting = MeetingFactory(online=True, conference_phone="+1 (929) 205-6099,,123#")
    assert record_for(client, meeting)["conference_phone"] == "+19292056099,,123#"


def test_conditional_get_answers_304_until_something_changes(client):
    meeting = MeetingFactory()
    first = client.get(URL)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    meeting.name = "Renamed"
    meeting.save()
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_meeting_leaving_the_feed_changes_the_etag(client):
    MeetingFactory()
    leaving = MeetingFactory()
    etag = client.get(URL)["ETag"]
    leaving.delete()
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_gzip_when_asked_and_the_etag_still_matches(client):
    for _ in range(5):
        MeetingFactory(notes="A long enough note to be worth compressing. " * 5)
    plain = client.get(URL).json()
    zipped = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.content)) == plain
    again = client.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("meetings", [30, 60])
def test_the_feed_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries, meetings):
    for n in range(meetings):
        MeetingFactory(focus=["women"], languages=["en"], source_types=["O"], name=f"G{n}")
    with django_assert_max_num_queries(13):  # this first poll builds the snapshot
        assert len(feed(client)) == meetings
    with django_assert_max_num_queries(3):  # the version, the snapshot and its body
        assert len(feed(client)) == meetings


# --- Round trips -----------------------------------------------------------------------------

def essentials(meetings):
    return sorted(
        (m.name, m.weekday, m.start_time, m.end_time, m.timezone, m.attendance,
         tuple(sorted(m.source_types)), m.children,
         tuple(sorted(m.focus.values_list("slug", flat=True))), m.conference_url)
        for m in meetings)


def round_trip(client, records, **source):
    first = FeedSourceFactory(**source)
    import_records(first, records, geocode=False)
    exported = feed(client)
    second = FeedSourceFactory(**source)
    summary = import_records(second, exported, geocode=False)
    assert summary.skipped == []
    return Meeting.objects.filter(source=first), Meeting.objects.filter(source=second)


def test_a_feed_imported_and_exported_keeps_its_meetings_days_times_and_codes(client):
    records = json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())
    original, copied = round_trip(client, records)
    assert original.count() == copied.count() == 8
    assert essentials(copied) == essentials(original)


@pytest.mark.skipif(not REAL_FEEDS.is_dir(), reason=f"{REAL_FEEDS} is not here")
def test_a_real_intergroup_feed_round_trips(client):
    records = json.loads((REAL_FEEDS / "sussexaa.json").read_text())
    original, copied = round_trip(client, records, default_timezone="America/New_York")
    assert copied.count() == len(records)
    assert essentials(copied) == essentials(original)
    jsonschema.validate(feed(client), SCHEMA)


def test_the_groups_own_contact_goes_out_as_the_specs_email_phone_and_website(client):
    MeetingFactory(contact_email="serenity@example.org", contact_phone="+1 412 555 0100",
                   contact_website="https://serenity.example.org")
    (record,) = feed(client)
    assert (record["email"], record["phone"], record["website"]) == (
        "serenity@example.org", "+1 412 555 0100", "https://serenity.example.org")
