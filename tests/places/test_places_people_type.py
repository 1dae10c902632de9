"""Places as parents type them: short names, Spanish names, accents, neighbourhoods, cities
outside the United States, and names several places share (a choice, not a guess)."""
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from geopy.location import Location

from places import geocoding
from places.geocoding import AmbiguousPlace, Candidate, PlaceNotFound, locate
from tests.factories import MeetingFactory
from tests.pages import soup

TORONTO = (43.6532, -79.3832)


@pytest.mark.parametrize(("text", "label"), [
    ("Squirrel Hill, Pittsburgh", "Squirrel Hill, Pittsburgh, PA"),
    ("LA", "Los Angeles, CA"),
    ("NYC", "New York, NY"),
    ("Philly", "Philadelphia, PA"),
    ("Edmonton, AB", "Edmonton, AB, Canada"),
    ("Toronto", "Toronto, ON, Canada"),
    ("London, UK", "London, United Kingdom"),
])
def test_places_named_in_the_issue_are_found(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Los Ángeles, California", "Los Angeles, CA"),
    ("Filadelfia", "Philadelphia, PA"),
    ("Nueva York", "New York, NY"),
    ("Rochester, Nueva York", "Rochester, NY"),
    ("Nueva York, Estados Unidos", "New York, NY"),
])
def test_places_typed_in_spanish_are_found(text, label):
    assert locate(text).label == label


@pytest.mark.parametrize("text", ["LOS ÁNGELES", "los angeles", "Los Angeles", "los ángeles, ca"])
def test_accents_and_case_are_ignored(text):
    assert locate(text) == locate("Los Angeles, CA")


def test_a_city_abroad_is_found_without_its_accents():
    assert locate("montreal") == locate("Montréal")
    assert locate("Montréal").label == "Montréal, QC, Canada"


@pytest.mark.parametrize(("text", "zone"), [
    ("Edmonton, AB", "America/Edmonton"), ("Toronto", "America/Toronto"),
    ("London, UK", "Europe/London"),
])
def test_a_city_abroad_is_on_its_own_clock(text, zone):
    assert locate(text).timezone == zone


@pytest.mark.parametrize("text", ["Toronto, Ontario", "Toronto, ON, Canada", "Toronto, Canada",
                                  "Toronto, CA"])
def test_ways_of_writing_a_canadian_city_agree(text):
    assert locate(text) == locate("Toronto")


def test_a_country_chooses_between_same_named_cities():
    assert locate("London, Ontario").label == "London, ON, Canada"
    assert locate("London, England") == locate("London, UK")
    assert locate("Paris, France").timezone == "Europe/Paris"
    assert locate("Paris, TX").label == "Paris, TX"


def test_neighbourhood_is_at_the_centre_of_its_zip_code():
    place = locate("Squirrel Hill, Pittsburgh")

    assert (place.latitude, place.longitude) == (locate("15217").latitude,
                                                 locate("15217").longitude)
    assert place.timezone == "America/New_York"


@pytest.mark.parametrize("text", ["squirrel hill pittsburgh pa", "Squirrel Hill, Pittsburgh, PA",
                                  "Squirrel Hill, Pittsburgh, Pennsylvania"])
def test_ways_of_writing_a_neighbourhood_agree(text):
    assert locate(text) == locate("Squirrel Hill, Pittsburgh")


def test_neighbourhood_names_its_city_when_written_short():
    assert locate("Mt. Airy, Philadelphia").label == "Mount Airy, Philadelphia, PA"


def test_a_city_wins_over_a_neighbourhood_of_the_same_name():
    assert locate("Oakland").label == "Oakland, CA"
    assert locate("Oakland, Pittsburgh").label == "Oakland, Pittsburgh, PA"


# --- Names several places share ---------------------------------------------------------------

def test_a_name_several_cities_share_asks_which():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Springfield")

    labels = [candidate.label for candidate in raised.value.candidates]
    assert {"Springfield, IL", "Springfield, MO", "Springfield, MA"} <= set(labels)
    assert raised.value.message.startswith("Which Springfield? Springfield, MO; Springfield, MA; ")


def test_an_ambiguous_place_is_a_place_not_found():
    with pytest.raises(PlaceNotFound):
        locate("springfield")


def test_each_candidate_searches_only_its_own_place():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Springfield")

    for candidate in raised.value.candidates:
        assert locate(candidate.query).label == candidate.label


@pytest.mark.parametrize(("text", "label"), [
    ("Pittsburgh", "Pittsburgh, PA"), ("Portland", "Portland, OR"),
    ("Toronto", "Toronto, ON, Canada"), ("Washington", "Washington, DC"),
])
def test_a_city_far_bigger_than_its_namesakes_is_taken(text, label):
    assert locate(text).label == label


def test_a_bare_name_a_us_place_shares_with_a_bigger_one_abroad_is_asked_not_taken_abroad():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Paris")

    labels = [candidate.label for candidate in raised.value.candidates]
    assert labels[0] == "Paris, France" and "Paris, TX" in labels


def test_a_country_of_usa_keeps_the_choice_in_the_united_states():
    with pytest.raises(AmbiguousPlace) as raised:
        locate("Paris, USA")

    assert all(re.fullmatch(r"Paris, [A-Z]{2}", candidate.label)
               for candidate in raised.value.candidates)
    assert raised.value.question == "Which Paris?"


def test_same_named_places_with_one_label_are_offered_by_their_point():
    places = [Location("Newport, United Kingdom", (51.5877, -2.9984), {"population": 40000}),
              Location("Newport, United Kingdom", (50.7010, -1.2883), {"population": 30000})]

    first = geocoding._choose(places)[0]

    assert [Candidate(**candidate) for candidate in first.raw["candidates"]] == [
        Candidate("Newport, United Kingdom", "51.5877,-2.9984"),
        Candidate("Newport, United Kingdom", "50.7010,-1.2883"),
    ]


# --- Through the search API and page -----------------------------------------------------------

@pytest.mark.django_db
def test_api_answers_an_ambiguous_near_with_the_candidates(client):
    response = client.get("/api/v1/search/", {"near": "Springfield"})

    assert response.status_code == 400
    [message] = response.json()["near"]
    assert message.startswith("Which Springfield? ")
    assert "Springfield, IL" in message and "Springfield, MO" in message


@pytest.mark.django_db
def test_search_page_offers_each_candidate_as_the_same_search_near_it(client):
    response = client.get("/en/", {"near": "Springfield", "children": "welcome"})

    assert response.status_code == 400
    page = soup(response)
    assert "Which Springfield?" in page.select_one("#near-error").get_text()
    links = {link.get_text(strip=True): parse_qs(urlsplit(link["href"]).query)
             for link in page.select(".near-choices a")}
    assert links["Springfield, IL"] == {"near": ["Springfield, IL"], "children": ["welcome"]}
    assert client.get("/en/", links["Springfield, IL"]).status_code == 200


@pytest.mark.django_db
def test_meeting_in_toronto_is_found_near_toronto_on_toronto_time(client):
    MeetingFactory(slug="toronto-parents", timezone="America/Toronto",
                   address="100 Queen St W, Toronto, ON", latitude=TORONTO[0],
                   longitude=TORONTO[1])

    response = client.get("/api/v1/search/", {"near": "Toronto"})

    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["slug"] == "toronto-parents"
    assert result["timezone"] == "America/Toronto"
    assert result["distance_km"] < 10
    next_start = datetime.fromisoformat(result["next_start"])
    assert next_start.hour == 12  # the meeting's noon, on the clock of the place searched
    assert next_start.utcoffset() == next_start.astimezone(ZoneInfo("America/Toronto")).utcoffset()
