"""Geocoding meetings' addresses in Celery tasks: cached, retried, reported; never the network."""
import json

import pytest
from geopy.exc import GeocoderServiceError, GeocoderUnavailable
from geopy.location import Location

from feeds.importing import import_records
from meetings import tasks as geocoding_tasks
from meetings.history import save_meeting
from meetings.models import Meeting
from meetings.tasks import geocode_meetings
from places import addresses
from places.models import GeocodedAddress, GeocodeStatus
from tests.factories import DATA, FeedSourceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ADDRESS = "50 Liberty Ave, Pittsburgh, PA 15222, USA"


class FakeGeocoder:
    """Answers from a dict; raises the given errors first, one per call."""

    def __init__(self, places=None, errors=()):
        self.places = places or {}
        self.errors = list(errors)
        self.queries = []

    def geocode(self, query, exactly_one=True):
        self.queries.append(query)
        if self.errors:
            raise self.errors.pop(0)
        found = self.places.get(query)
        if found is None:
            return None
        latitude, longitude, raw = found
        return Location(query.title(), (latitude, longitude), raw)


@pytest.fixture
def geocoder(monkeypatch):
    fake = FakeGeocoder({GeocodedAddress.normalize(ADDRESS): (40.4425, -80.0040, {})})
    monkeypatch.setattr(addresses, "get_geocoder", lambda: fake)
    return fake


def unplaced(**fields):
    return MeetingFactory(address=ADDRESS, latitude=None, longitude=None, **fields)


def test_meetings_without_coordinates_get_their_addresses_position(geocoder):
    first, second = unplaced(), unplaced()
    geocode_meetings([first.pk, second.pk])
    first.refresh_from_db()
    assert (first.latitude, first.longitude, first.location_approximate) == (
        40.4425, -80.0040, False)
    assert Meeting.objects.get(pk=second.pk).latitude == 40.4425
    assert len(geocoder.queries) == 1  # one address, one lookup


def test_an_address_is_never_looked_up_twice(geocoder):
    geocode_meetings([unplaced().pk])
    geocode_meetings([unplaced().pk])
    assert len(geocoder.queries) == 1
    assert GeocodedAddress.objects.get().status == GeocodeStatus.FOUND


def test_no_such_place_is_remembered_too(geocoder):
    lost = MeetingFactory(address="Nowhere Lane", latitude=None, longitude=None)
    geocode_meetings([lost.pk])
    geocode_meetings([lost.pk])
    assert geocoder.queries == ["nowhere lane"]
    assert GeocodedAddress.objects.get().status == GeocodeStatus.NOT_FOUND
    assert Meeting.objects.get(pk=lost.pk).latitude is None


def test_a_zip_code_answer_is_only_approximate(monkeypatch):
    fake = FakeGeocoder({GeocodedAddress.normalize(ADDRESS): (40.44, -80.0, {"kind": "zip"})})
    monkeypatch.setattr(addresses, "get_geocoder", lambda: fake)
    meeting = unplaced()
    geocode_meetings([meeting.pk])
    meeting.refresh_from_db()
    assert meeting.location_approximate is True


def test_a_failing_geocoder_is_retried_with_backoff(geocoder):
    geocoder.errors = [GeocoderUnavailable("busy"), GeocoderServiceError("502")]
    meeting = unplaced()
    geocode_meetings([meeting.pk])
    assert len(geocoder.queries) == 3
    assert Meeting.objects.get(pk=meeting.pk).latitude == 40.4425
    assert GeocodedAddress.objects.get().attempts == 3


def test_a_geocoder_that_keeps_failing_is_reported_not_raised(geocoder, caplog):
    geocoder.errors = [GeocoderUnavailable("down")] * (geocoding_tasks.MAX_RETRIES + 1)
    meeting = unplaced()
    geocode_meetings([meeting.pk])  # does not raise
    entry = GeocodedAddress.objects.get()
    assert (entry.status, entry.attempts) == (GeocodeStatus.FAILED, geocoding_tasks.MAX_RETRIES + 1)
    assert "GeocoderUnavailable: down" in entry.error
    assert "failed after 6 attempts" in caplog.text
    assert Meeting.objects.get(pk=meeting.pk).latitude is None


def test_a_failed_address_is_tried_again_later(geocoder):
    geocoder.errors = [GeocoderUnavailable("down")] * (geocoding_tasks.MAX_RETRIES + 1)
    meeting = unplaced()
    geocode_meetings([meeting.pk])
    geocode_meetings([meeting.pk])
    assert GeocodedAddress.objects.get().status == GeocodeStatus.FOUND
    assert Meeting.objects.get(pk=meeting.pk).latitude == 40.4425


def test_online_meetings_and_placed_meetings_are_left_alone(geocoder):
    online = MeetingFactory(online=True)
    placed = MeetingFactory(address=ADDRESS)
    geocode_meetings([online.pk, placed.pk])
    assert geocoder.queries == []


def test_saving_a_meeting_without_a_position_queues_it_after_commit(
        geocoder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = save_meeting(MeetingFactory.build(address=ADDRESS, latitude=None, longitude=None))
    meeting.refresh_from_db()
    assert meeting.latitude == 40.4425


def test_an_import_queues_its_meetings_without_coordinates(
        geocoder, django_capture_on_commit_callbacks):
    feed = json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())
    with django_capture_on_commit_callbacks(execute=True):
        summary = import_records(FeedSourceFactory(), feed)
    assert summary.geocoding == 1
    assert Meeting.objects.get(source_slug="4512").latitude == 40.4425


def test_a_meeting_that_moved_meanwhile_is_not_put_at_its_old_address(geocoder):
    meeting = unplaced()
    Meeting.objects.filter(pk=meeting.pk).update(address="1 Other St, Pittsburgh, PA")
    geocoding_tasks.geocode_address(GeocodedAddress.normalize(ADDRESS), [meeting.pk])
    assert Meeting.objects.get(pk=meeting.pk).latitude is None
