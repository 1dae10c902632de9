"""Postal addresses read offline for their city and zone, at home and abroad: postcodes read as
codes, the street left out, a shared city name settled by the province, state or country."""
import pytest

from places.addresses import is_approximate
from places.geocoding import locate, place_of_address, zone_of_address
from places.postcodes import AddressParts, read_address


@pytest.mark.parametrize(("address", "city", "zone"), [
    ("8318 104 St, Edmonton, Alberta, T6E 4E8, Canada", "Edmonton, AB, Canada",
     "America/Edmonton"),
    # A five-digit street number is not a US ZIP code (10025 is Manhattan's).
    ("10025 102A Ave NW, Edmonton, AB T5J 0H4", "Edmonton, AB, Canada", "America/Edmonton"),
    ("123 Queen St W, Toronto, ON M5V 3L9, Canada", "Toronto, ON, Canada", "America/Toronto"),
    ("123 Queen St W, Toronto, ON M5V 3L9, CA", "Toronto, ON, Canada", "America/Toronto"),
    ("123 Queen St W, Toronto M5V 3L9", "Toronto, ON, Canada", "America/Toronto"),
    ("Parliament Square, London SW1A 1AA", "London, United Kingdom", "Europe/London"),
    ("2 High St, Edinburgh EH1 1YZ", "Edinburgh, United Kingdom", "Europe/London"),
    ("Piccadilly Gardens, Manchester M1 1AE", "Manchester, United Kingdom", "Europe/London"),
    ("1 George St, Sydney NSW 2000, Australia", "Sydney, Australia", "Australia/Sydney"),
    ("100 Hay St, Perth, Western Australia 6000", "Perth, Australia", "Australia/Perth"),
    ("Calle Morelos 45, Col. Centro, Guadalajara, Jalisco, México", "Guadalajara, Mexico",
     "America/Mexico_City"),
    ("Av. Insurgentes Sur 123, Roma Nte., 06700 Ciudad de México, CDMX, Mexico",
     "Mexico City, Mexico", "America/Mexico_City"),
    ("50 Liberty Ave, Pittsburgh, PA 15222, USA", "15222 Pittsburgh, PA", "America/New_York"),
    ("200 Oak Ave, Pittsburgh, Allegheny County, PA", "Pittsburgh, PA", "America/New_York"),
    ("123 Broadway, New York, NY", "New York, NY", "America/New_York"),
])
def test_an_address_gives_its_citys_place_and_zone(address, city, zone):
    place = place_of_address(address)
    assert (place.label, place.timezone) == (city, zone)


@pytest.mark.parametrize(("address", "city", "zone"), [
    ("200 Queens Ave, London, ON N6A 1J3, Canada", "London, ON, Canada", "America/Toronto"),
    ("10 Downing St, London SW1A 2AA, UK", "London, United Kingdom", "Europe/London"),
    ("1 Main St, Cambridge, Ontario, Canada", "Cambridge, ON, Canada", "America/Toronto"),
    ("1 Main St, Victoria, BC V8W 1A1", "Victoria, BC, Canada", "America/Vancouver"),
    ("12 King St, Perth, Scotland", "Perth, United Kingdom", "Europe/London"),
    ("Av. Juárez 100, Guadalupe, Nuevo León, México", "Guadalupe, Mexico", "America/Monterrey"),
    ("Calle 5 de Mayo 10, Guadalupe, Zacatecas, México", "Guadalupe, Mexico",
     "America/Mexico_City"),
    ("12 Elm St, Springfield, IL", "Springfield, IL", "America/Chicago"),
])
def test_a_shared_city_name_is_settled_by_its_province_state_or_country(address, city, zone):
    place = place_of_address(address)
    assert (place.label, place.timezone) == (city, zone)


def test_guadalupe_of_nuevo_leon_is_not_guadalupe_of_zacatecas():
    nuevo_leon = place_of_address("Av. Juárez 100, Guadalupe, Nuevo León, México")
    zacatecas = place_of_address("Calle 5 de Mayo 10, Guadalupe, Zacatecas, México")
    assert abs(nuevo_leon.latitude - zacatecas.latitude) > 2


@pytest.mark.parametrize("address", [
    "Behind the old mill, by the river",
    "12 Main St, Springfield",  # which one?
    "12 Rue Principale, Petiteville, Quebec, Canada",  # a town too small for the gazetteer
    "SW1A 1AA",  # a postcode, but no city beside it
    "",
])
def test_an_address_naming_no_city_it_can_place_gives_none(address):
    assert place_of_address(address) is None


@pytest.mark.parametrize(("address", "zone"), [
    ("Sussex County, DE, USA", "America/New_York"),
    ("Sussex County, Delaware", "America/New_York"),
    ("Village Hall, Little Snoring, Norfolk NR21 0AA", "Europe/London"),
    ("Main St, Smalltown, Scotland", "Europe/London"),
    ("1 Rue de l'Église, Petitville, France", "Europe/Paris"),
    # States and countries of several zones say nothing.
    ("Somewhere, Indiana", None),
    ("12 Rue Principale, Petiteville, ON, CA", None),
    ("Somewhere, Ontario, Canada", None),
    # "DE" alone, without the US or a ZIP code, may be Germany.
    ("Hauptstr. 1, 12345 Kleinkleckersdorf, DE", None),
    ("Behind the old mill", None),
])
def test_an_unknown_town_takes_the_zone_its_state_or_country_lies_wholly_in(address, zone):
    assert zone_of_address(address) == zone


def test_a_state_named_for_its_capital_is_the_city_when_only_a_street_comes_before():
    assert place_of_address("Calle 5, Puebla, México").label == "Puebla, Mexico"


def test_postcodes_are_read_as_codes_not_as_words_of_the_city():
    assert read_address("8318 104 St, Edmonton, Alberta, T6E 4E8, Canada") == AddressParts(
        ("8318 104 St", "Edmonton", "Alberta", "Canada"), (), "CA")
    london = read_address("Parliament Square, London SW1A 1AA")
    assert (london.parts, london.postcode_country) == (("Parliament Square", "London"), "GB")
    assert read_address("1 George St, Sydney NSW 2000, Australia").parts == (
        "1 George St", "Sydney NSW", "Australia")
    assert read_address("50 Liberty Ave, Pittsburgh, PA 15222-1234").zip_codes == ("15222",)
    assert read_address("10025 102A Ave NW, Edmonton").zip_codes == ()


@pytest.mark.parametrize(("text", "zone"), [
    ("Edmonton, Alberta", "America/Edmonton"),
    ("8318 104 St, Edmonton, Alberta, T6E 4E8, Canada", "America/Edmonton"),
    ("Toronto M5V 3L9", "America/Toronto"),
    ("London SW1A 1AA", "Europe/London"),
    ("Sydney NSW", "Australia/Sydney"),
    ("Guadalajara, Jalisco", "America/Mexico_City"),
])
def test_a_parent_may_search_near_an_address_or_a_city_with_its_postcode(text, zone):
    assert locate(text).timezone == zone


@pytest.mark.parametrize(("raw", "approximate"), [
    ({"kind": "zip"}, True),
    ({"kind": "world"}, True),
    ({"class": "place", "type": "city"}, True),
    ({"class": "place", "type": "postcode"}, True),
    ({"class": "highway", "type": "residential"}, True),
    ({"class": "boundary", "type": "administrative"}, True),
    ({"class": "place", "type": "house"}, False),
    ({"class": "building", "type": "yes"}, False),
    ({"class": "amenity", "type": "place_of_worship"}, False),
    ({}, False),
])
def test_an_answer_for_a_street_town_or_postcode_is_only_approximate(raw, approximate):
    assert is_approximate(raw) is approximate
