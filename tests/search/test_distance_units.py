"""Distances a parent reads: miles near a place in the United States, kilometres elsewhere,
`units=mi|km` to choose, the unit carried by each result and said once on each card."""
import pytest

from places.geocoding import Place
from places.geometry import distance_unit, distance_words
from tests.factories import PITTSBURGH, MeetingFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"
TORONTO = (43.6532, -79.3832)


def only_result(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    (result,) = response.json()["results"]
    return result


def test_near_a_us_place_distances_are_in_miles(client):
    MeetingFactory(latitude=PITTSBURGH[0] + 0.02)  # about 2.2 km north
    result = only_result(client, near=NEAR)
    assert result["distance_unit"] == "mi"
    assert result["distance"] == pytest.approx(result["distance_km"] / 1.609344, abs=0.06)
    assert f"{result['distance']:.1f} mi away" in result["reasons"]


def test_near_a_place_abroad_distances_are_in_kilometres(client):
    MeetingFactory(latitude=TORONTO[0] + 0.02, longitude=TORONTO[1], timezone="America/Toronto",
                   address="1 King St W, Toronto, ON")
    result = only_result(client, near=f"{TORONTO[0]},{TORONTO[1]}")
    assert (result["distance_unit"], result["distance"]) == ("km", result["distance_km"])
    assert f"{result['distance_km']:.1f} km away" in result["reasons"]


@pytest.mark.parametrize("units", ["mi", "km"])
def test_the_parent_chooses_the_unit(client, units):
    MeetingFactory(latitude=PITTSBURGH[0] + 0.02)
    assert only_result(client, near=NEAR, units=units)["distance_unit"] == units


def test_a_unit_that_is_neither_is_a_400_naming_it(client):
    response = client.get(URL, {"near": NEAR, "units": "furlongs"})
    assert response.status_code == 400
    assert "mi, km" in " ".join(response.json()["units"])


def test_a_meeting_joined_online_has_no_distance_in_any_unit(client):
    MeetingFactory(online=True)
    result = only_result(client, near=NEAR)
    assert (result["distance"], result["distance_km"]) == (None, None)


def test_the_page_says_each_distance_once_in_the_chosen_unit_and_keeps_the_choice(client):
    MeetingFactory(latitude=PITTSBURGH[0] + 0.02)
    page = soup(client.get("/en/", {"near": NEAR, "units": "km"}))
    card = page.select_one("article.result").get_text()
    assert card.count(" away") == 1 and "km away" in card
    assert page.find(id="units-km").has_attr("checked")
    assert "Up to 25 km (16 miles)" in page.find(id="radius_km").get_text()


def test_the_unit_follows_the_country_and_whole_distances_read_plainly():
    assert distance_unit(Place("Pittsburgh, PA", *PITTSBURGH, "America/New_York", "US").country) == "mi"
    assert distance_unit("CA") == distance_unit("") == "km"
    assert (distance_words(1.6, "mi"), distance_words(50, "mi"), distance_words(50, "km")) == (
        "1 mile", "31 miles", "50 km")


def test_an_infinite_radius_comes_back_to_the_form_with_its_error(client):
    response = client.get("/en/", {"near": "15222", "radius_km": "inf"})
    assert response.status_code == 400
    assert "radius_km" in response.context["errors"]
