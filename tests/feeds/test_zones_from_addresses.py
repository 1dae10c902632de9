"""A feed of meetings abroad that gives neither coordinates nor zones, its source none either:
each meeting's zone comes from the city its address names, and it is shown at that city's
centre, as only near it, until geocoding finds the address."""
import json

import pytest
from geopy.location import Location

from feeds.importing import import_records
from meetings.models import Meeting
from meetings.tasks import geocode_meetings
from places import addresses
from places.models import GeocodedAddress
from tests.factories import DATA, FeedSourceFactory

pytestmark = pytest.mark.django_db

FEED = DATA / "meeting-guide" / "abroad.json"
EDMONTON = (53.55, -113.47)
EDMONTON_ADDRESS = "8318 104 St, Edmonton, Alberta, T6E 4E8, Canada"


def abroad():
    return json.loads(FEED.read_text())


def zoneless_source():
    return FeedSourceFactory(name="World Service", default_timezone="")


def by_slug(source):
    return {meeting.source_slug: meeting for meeting in Meeting.objects.filter(source=source)}


def near(meeting, point, degrees=0.2):
    return abs(meeting.latitude - point[0]) < degrees and abs(meeting.longitude - point[1]) < degrees


class ExactGeocoder:
    """Finds the one address it is given, at the building."""

    def __init__(self, address, point):
        self.query, self.point = GeocodedAddress.normalize(address), point

    def geocode(self, query, exactly_one=True):
        if query != self.query:
            return None
        return Location(query, self.point, {"class": "building", "type": "yes"})


def test_each_meeting_takes_the_zone_of_the_city_its_address_names():
    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    zones = {slug: meeting.timezone for slug, meeting in by_slug(source).items()}
    assert zones == {
        "edmonton-parents": "America/Edmonton",
        "queen-street": "America/Toronto",
        "westminster": "Europe/London",
        "old-town": "Europe/London",
        "harbour": "Australia/Sydney",
        "guadalupe": "America/Monterrey",
        "prairie-online": "America/Edmonton",
        "village-hall": "Europe/London",  # too small for the gazetteer; the UK has one zone
    }


def test_meetings_are_shown_near_their_city_until_geocoded():
    source = zoneless_source()
    summary = import_records(source, abroad(), geocode=False)
    meetings = by_slug(source)
    edmonton = meetings["edmonton-parents"]
    assert near(edmonton, EDMONTON)
    assert edmonton.location_approximate is True
    assert near(meetings["westminster"], (51.51, -0.13))  # hybrid: people go there too
    assert near(meetings["harbour"], (-33.87, 151.21))
    assert edmonton.imported_values["latitude"] is None  # not the feed's word
    assert summary.near_city == 6
    assert any("6 meetings whose records give neither coordinates nor a time zone" in line
               for line in summary.lines())


def test_a_village_the_gazetteer_does_not_know_takes_its_countrys_zone_and_waits_for_geocoding():
    source = zoneless_source()
    summary = import_records(source, abroad(), geocode=False)
    village = by_slug(source)["village-hall"]
    assert (village.timezone, village.latitude) == ("Europe/London", None)
    assert summary.geocoding == 1


def test_an_online_meeting_takes_its_zone_but_no_position():
    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    online = by_slug(source)["prairie-online"]
    assert (online.attendance, online.timezone, online.latitude) == (
        "online", "America/Edmonton", None)


def test_records_whose_address_names_no_city_are_skipped_and_say_why():
    source = zoneless_source()
    summary = import_records(source, abroad(), geocode=False)
    reason = ("missing, the address names no city Village knows with its province, state or "
              "country, and the source has no default time zone (give one with --timezone)")
    assert [str(problem) for problem in summary.skipped] == [
        f"record 8 (slug 'by-the-mill'): timezone: {reason}",
        f"record 9 (slug 'main-street'): timezone: {reason}",  # which Springfield?
    ]


def test_the_geocoder_then_puts_a_meeting_at_its_address_and_clears_approximate(
        monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(addresses, "get_geocoder",
                        lambda: ExactGeocoder(EDMONTON_ADDRESS, (53.5185, -113.4942)))
    with django_capture_on_commit_callbacks(execute=True):
        import_records(zoneless_source(), abroad())
    meeting = Meeting.objects.get(source_slug="edmonton-parents")
    assert (meeting.latitude, meeting.longitude, meeting.location_approximate) == (
        53.5185, -113.4942, False)
    # The others' addresses are not found, and they stay near their city.
    assert near(Meeting.objects.get(source_slug="old-town"), (55.95, -3.19))


def test_an_answer_only_near_the_address_leaves_the_city_centre_alone(monkeypatch):
    class CityGeocoder(ExactGeocoder):
        def geocode(self, query, exactly_one=True):
            return Location(query, self.point, {"class": "place", "type": "city"})

    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    placed = by_slug(source)["edmonton-parents"]
    monkeypatch.setattr(addresses, "get_geocoder", lambda: CityGeocoder(EDMONTON_ADDRESS, (1, 1)))
    geocode_meetings([placed.pk])
    placed.refresh_from_db()
    assert near(placed, EDMONTON) and placed.location_approximate is True
    assert GeocodedAddress.objects.get().approximate is True


def test_the_next_import_keeps_the_geocoded_position(monkeypatch):
    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    Meeting.objects.filter(source_slug="edmonton-parents").update(
        latitude=53.5185, longitude=-113.4942, location_approximate=False)
    summary = import_records(source, abroad(), geocode=False)
    meeting = Meeting.objects.get(source_slug="edmonton-parents")
    assert (summary.updated, summary.conflicts, summary.near_city) == (0, 0, 0)
    assert (meeting.latitude, meeting.location_approximate) == (53.5185, False)


def test_coordinates_the_feed_gives_later_replace_the_city_centre():
    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    feed = abroad()
    feed[0].update(latitude=53.5185, longitude=-113.4942)
    summary = import_records(source, feed, geocode=False)
    meeting = Meeting.objects.get(source_slug="edmonton-parents")
    assert summary.conflicts == 0
    assert (meeting.latitude, meeting.location_approximate) == (53.5185, False)


def test_a_move_to_another_city_puts_the_meeting_near_the_new_one():
    source = zoneless_source()
    import_records(source, abroad(), geocode=False)
    feed = abroad()
    feed[0]["formatted_address"] = "10 Queens Ave, London, ON N6A 1J3, Canada"
    summary = import_records(source, feed, geocode=False)
    meeting = Meeting.objects.get(source_slug="edmonton-parents")
    assert near(meeting, (42.98, -81.23))  # London, Ontario, not England
    assert (meeting.timezone, meeting.location_approximate) == ("America/Toronto", True)
    assert summary.near_city == 1


def test_a_source_with_a_zone_keeps_it_and_leaves_positions_to_geocoding():
    source = FeedSourceFactory(default_timezone="America/Edmonton")
    import_records(source, abroad()[:1], geocode=False)
    meeting = Meeting.objects.get(source=source)
    assert (meeting.timezone, meeting.latitude) == ("America/Edmonton", None)
