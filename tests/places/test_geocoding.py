"""Turning what a parent types into a point and a time zone; never touches the network."""
import math

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from geopy.exc import GeocoderQueryError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders import Nominatim
from geopy.location import Location

from places import geocoding
from places.geocoding import (
    CoordinatesOutOfRange,
    GazetteerGeocoder,
    GeocodingUnavailable,
    Place,
    PlaceNotFound,
    RateLimitedGeocoder,
    get_geocoder,
    locate,
    timezone_at,
)

DOWNTOWN_PITTSBURGH = (40.4406, -79.9959)


def distance_in_degrees(place, point):
    return math.dist((place.latitude, place.longitude), point)


def zip_record(zip_code, city, state, lat, lng, timezone="America/New_York", **extra):
    record = {"zip_code": zip_code, "city": city, "state": state, "lat": str(lat),
              "long": str(lng), "timezone": timezone, "active": True,
              "acceptable_cities": [], "unacceptable_cities": []}
    record.update(extra)
    return record


@pytest.fixture
def small_gazetteer(monkeypatch):
    """Swaps the real ZIP data for the records a test gives."""
    def use(*records):
        index = geocoding._build_gazetteer(list(records))
        monkeypatch.setattr(geocoding, "gazetteer", lambda: index)
        return GazetteerGeocoder()
    return use


class FakeGeocoder:
    def __init__(self, result=None, error=None):
        self.result, self.error, self.queries = result, error, []

    def geocode(self, query, exactly_one=True):
        self.queries.append(query)
        if self.error:
            raise self.error
        return self.result


@pytest.fixture
def geocoder_returning(monkeypatch):
    def use(result=None, error=None):
        fake = FakeGeocoder(result, error)
        monkeypatch.setattr(geocoding, "get_geocoder", lambda: fake)
        return fake
    return use


# --- ZIP codes and cities, offline ------------------------------------------------------------

def test_zip_code_is_located_with_its_time_zone():
    place = locate("15222")

    assert place.label == "15222 Pittsburgh, PA"
    assert distance_in_degrees(place, DOWNTOWN_PITTSBURGH) < 0.05
    assert place.timezone == "America/New_York"


def test_zip_plus_four_is_located_as_its_zip_code():
    assert locate("15222-1234") == locate("15222")


def test_zip_code_in_an_address_wins_over_the_city():
    assert locate("Pittsburgh, PA 15222") == locate("15222")


@pytest.mark.parametrize("text", ["pittsburgh pa", "PITTSBURGH,PA", "Pittsburgh, Pennsylvania",
                                  "  Pittsburgh ,  PA. ", "Pittsburgh, PA, USA", "Pittsburgh"])
def test_ways_of_writing_a_city_agree(text):
    assert locate(text) == locate("Pittsburgh, PA")


def test_city_is_located_at_the_centre_of_its_zip_codes():
    place = locate("Pittsburgh, PA")

    assert place.label == "Pittsburgh, PA"
    assert distance_in_degrees(place, DOWNTOWN_PITTSBURGH) < 0.1
    assert place.timezone == "America/New_York"


def test_phoenix_zip_code_is_on_arizona_time():
    assert locate("85004").timezone == "America/Phoenix"


@pytest.mark.parametrize("text", ["Los Angeles, CA", "los angeles"])
def test_los_angeles_is_on_pacific_time(text):
    assert locate(text).timezone == "America/Los_Angeles"


def test_bare_city_name_means_the_city_with_the_most_zip_codes():
    assert locate("Portland").label == "Portland, OR"
    assert locate("Portland, ME").label == "Portland, ME"


def test_state_written_out_in_words_chooses_between_same_named_cities():
    assert locate("Kansas City Kansas").label == "Kansas City, KS"
    assert locate("Charleston West Virginia").label == "Charleston, WV"


def test_abbreviated_saint_matches_the_spelled_out_name():
    assert locate("St. Louis, MO") == locate("Saint Louis, MO")


def test_acceptable_alternative_city_name_is_found():
    place = locate("Bellevue, PA")

    assert place.label == "Bellevue, PA"
    assert distance_in_degrees(place, DOWNTOWN_PITTSBURGH) < 0.15


def test_city_in_the_wrong_state_is_not_found():
    with pytest.raises(PlaceNotFound):
        locate("Pittsburgh, CA")


def test_gazetteer_answers_through_geopys_interface():
    location = GazetteerGeocoder().geocode("15222", exactly_one=True)

    assert isinstance(location, Location)
    assert location.raw["kind"] == "zip"
    assert location.raw["timezone"] == "America/New_York"
    assert GazetteerGeocoder().geocode("Pittsburgh, PA").raw["kind"] == "city"
    assert GazetteerGeocoder().geocode("Xyzzy") is None


def test_gazetteer_lists_every_same_named_city_biggest_first():
    locations = GazetteerGeocoder().geocode("Portland", exactly_one=False)

    states = [location.raw["state"] for location in locations]
    assert states[:2] == ["OR", "ME"]
    counts = [location.raw["zip_count"] for location in locations]
    assert counts == sorted(counts, reverse=True)


def test_city_centre_ignores_retired_and_unlocated_zip_codes(small_gazetteer):
    geocoder = small_gazetteer(
        zip_record("10001", "Testville", "PA", 40.0, -80.0),
        zip_record("10002", "Testville", "PA", 41.0, -79.0),
        zip_record("10003", "Testville", "PA", 45.0, -70.0, active=False),
        zip_record("10004", "Testville", "PA", 0, 0),
    )

    location = geocoder.geocode("Testville, PA")

    assert (location.latitude, location.longitude) == (40.5, -79.5)
    assert location.raw["zip_count"] == 2


def test_city_time_zone_is_the_most_common_among_its_zip_codes(small_gazetteer):
    geocoder = small_gazetteer(
        zip_record("10001", "Border", "ID", 44.0, -116.9, timezone="America/Boise"),
        zip_record("10002", "Border", "ID", 44.1, -116.9, timezone="America/Boise"),
        zip_record("10003", "Border", "ID", 44.2, -116.9, timezone="America/Los_Angeles"),
    )

    assert geocoder.geocode("Border, ID").raw["timezone"] == "America/Boise"


@pytest.mark.parametrize("bad_zone", ["", "Napakiak"])
def test_zip_code_without_a_usable_zone_gets_one_from_its_point(small_gazetteer, bad_zone):
    geocoder = small_gazetteer(zip_record("99999", "Nowhere", "AZ", 33.45, -112.07,
                                          timezone=bad_zone))

    assert geocoder.geocode("99999").raw["timezone"] == timezone_at(33.45, -112.07)
    assert geocoder.geocode("99999").raw["timezone"] == "America/Phoenix"


def test_zip_code_without_a_location_is_not_found(small_gazetteer):
    geocoder = small_gazetteer(zip_record("09001", "Apo", "AE", 0, 0, timezone=""))

    assert geocoder.geocode("09001") is None


# --- Coordinates -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["40.44,-79.99", " 40.44 , -79.99 ", "40.44 -79.99",
                                  "+40.44,-79.990"])
def test_coordinates_are_read_directly(text):
    assert locate(text) == Place("40.4400, -79.9900", 40.44, -79.99, "America/New_York", "US")


def test_coordinates_take_their_time_zone_from_the_map():
    place = locate("-33.87,151.21")

    assert (place.latitude, place.longitude) == (-33.87, 151.21)
    assert place.timezone == "Australia/Sydney"


@pytest.mark.parametrize("text", ["95,10", "40.44,-200", "-90.5,0"])
def test_coordinates_off_the_globe_are_refused_with_the_valid_ranges(text):
    with pytest.raises(CoordinatesOutOfRange) as raised:
        locate(text)

    assert text in str(raised.value)
    assert "between -90 and 90" in raised.value.message


def test_coordinates_off_the_globe_are_a_place_not_found():
    with pytest.raises(PlaceNotFound):
        locate("95,10")


# --- Not found -------------------------------------------------------------------------------

def test_unknown_place_is_reported_by_name_with_examples():
    with pytest.raises(PlaceNotFound) as raised:
        locate("Xyzzy")

    assert raised.value.text == "Xyzzy"
    assert raised.value.message == (
        "We couldn't find 'Xyzzy'. Try a US ZIP code such as 15222, a city and state such as "
        '"Pittsburgh, PA", or coordinates such as 40.44,-79.99.')


def test_unknown_zip_code_is_reported_by_name():
    with pytest.raises(PlaceNotFound, match="'00000'"):
        locate("00000")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_asks_where_the_parent_is(text):
    with pytest.raises(PlaceNotFound) as raised:
        locate(text)

    assert raised.value.message.startswith("Tell us where you are")


# --- Other geocoders ---------------------------------------------------------------------------

def test_result_without_a_zone_takes_it_from_the_map(geocoder_returning):
    geocoder_returning(Location("Paris, France", (48.8566, 2.3522), {"place_id": 1}))

    assert locate("Paris") == Place("Paris, France", 48.8566, 2.3522, "Europe/Paris", "FR")


def test_no_result_is_a_place_not_found(geocoder_returning):
    geocoder_returning(None)

    with pytest.raises(PlaceNotFound, match="'Atlantis'"):
        locate("Atlantis")


@pytest.mark.parametrize("error", [GeocoderUnavailable("down"), GeocoderTimedOut("slow")])
def test_geocoding_service_failure_is_unavailable_not_a_crash(geocoder_returning, error):
    geocoder_returning(error=error)

    with pytest.raises(GeocodingUnavailable):
        locate("Pittsburgh, PA")


def test_query_the_service_rejects_is_a_place_not_found(geocoder_returning):
    geocoder_returning(error=GeocoderQueryError("bad query"))

    with pytest.raises(PlaceNotFound):
        locate("!!!")


def test_rate_limited_geocoder_reports_failures_instead_of_finding_nothing(monkeypatch):
    limited = RateLimitedGeocoder(FakeGeocoder(error=GeocoderUnavailable("down")),
                                  min_delay_seconds=0)
    monkeypatch.setattr(geocoding, "get_geocoder", lambda: limited)

    with pytest.raises(GeocodingUnavailable):
        locate("Pittsburgh, PA")


def test_same_place_typed_again_is_not_asked_twice(geocoder_returning):
    fake = geocoder_returning(Location("Paris, France", (48.8566, 2.3522), {}))

    locate("Paris")
    locate("  paris ")

    assert len(fake.queries) == 1


def test_failed_lookup_is_asked_again(geocoder_returning):
    fake = geocoder_returning(error=GeocoderUnavailable("down"))

    for _ in range(2):
        with pytest.raises(GeocodingUnavailable):
            locate("Paris")

    assert len(fake.queries) == 2


# --- Choosing the geocoder by setting -------------------------------------------------------

def test_gazetteer_is_the_default_geocoder():
    assert isinstance(get_geocoder(), GazetteerGeocoder)


@override_settings(VILLAGE_GEOCODER="nominatim", VILLAGE_GEOCODER_USER_AGENT="village-tests",
                   VILLAGE_GEOCODER_DOMAIN="nominatim.example.org")
def test_nominatim_setting_builds_a_rate_limited_nominatim_with_our_user_agent():
    geocoder = get_geocoder()

    assert isinstance(geocoder, RateLimitedGeocoder)
    assert isinstance(geocoder.geocoder, Nominatim)
    assert geocoder.geocoder.headers["User-Agent"] == "village-tests"
    assert geocoder.geocoder.domain == "nominatim.example.org"
    assert geocoder.geocode.min_delay_seconds >= 1


def test_changing_the_setting_changes_the_geocoder():
    with override_settings(VILLAGE_GEOCODER="nominatim"):
        assert isinstance(get_geocoder(), RateLimitedGeocoder)
    assert isinstance(get_geocoder(), GazetteerGeocoder)


@override_settings(VILLAGE_GEOCODER="bing-maps")
def test_unknown_geocoder_setting_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="bing-maps"):
        get_geocoder()
