"""GET /api/v1/search/: parameters in, ranked meetings with reasons out; bad input is a 400."""
from datetime import time

import pytest

from meetings.models import ChildrenPolicy
from meetings.schedule import Weekday
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"
PITTSBURGH_POINT = "40.4406,-79.9959"


def search(client, **params):
    return client.get(URL, {"near": PITTSBURGH_POINT, **params})


def test_result_carries_everything_a_parent_needs(client):
    MeetingFactory(slug="moms-circle", name="Moms' Circle", children=ChildrenPolicy.CHILDCARE,
                   weekday=Weekday.TUESDAY, start_time=time(19), focus=["mothers"])

    response = search(client, focus="mothers")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["previous"] is None and body["next"] is None
    [result] = body["results"]
    assert set(result) >= {
        "slug", "name", "fellowship", "weekday", "start_time", "end_time", "timezone", "next_start",
        "attendance", "distance_km", "children", "philosophy", "medication_supportive", "focus",
        "location_name", "address", "latitude", "longitude", "conference_url", "score", "reasons",
        "url",
    }
    assert result["weekday"] == "tue"
    assert result["start_time"] == "19:00" and result["end_time"] == "20:00"
    assert result["next_start"].endswith("T19:00:00-05:00")
    assert result["focus"] == ["mothers"]
    assert result["distance_km"] == 0.0
    assert 0 <= result["score"] <= 1
    assert "Childcare on site" in result["reasons"]
    assert result["url"] == "http://testserver/en/meetings/moms-circle/"


def test_next_start_is_on_the_clock_of_the_parents_zone(client):
    MeetingFactory(online=True, weekday=Weekday.TUESDAY, start_time=time(19))

    [result] = search(client, tz="America/Los_Angeles").json()["results"]

    assert result["next_start"].endswith("T16:00:00-08:00")
    assert result["distance_km"] is None


def test_time_zone_defaults_to_the_zone_of_the_place(client):
    MeetingFactory(online=True, weekday=Weekday.TUESDAY, start_time=time(19))

    [result] = client.get(URL, {"near": "34.05,-118.24"}).json()["results"]

    assert result["next_start"].endswith("T16:00:00-08:00")


def test_place_can_be_a_zip_code(client):
    MeetingFactory(name="downtown")

    response = client.get(URL, {"near": "15222"})

    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["downtown"]


def test_repeatable_avoid_and_comma_list_of_days(client):
    MeetingFactory(name="tuesday noon", weekday=Weekday.TUESDAY, start_time=time(12))
    MeetingFactory(name="tuesday dinner", weekday=Weekday.TUESDAY, start_time=time(18))
    MeetingFactory(name="tuesday breakfast", weekday=Weekday.TUESDAY, start_time=time(7))
    MeetingFactory(name="friday noon", weekday=Weekday.FRIDAY, start_time=time(12))

    response = client.get(f"{URL}?near={PITTSBURGH_POINT}&days=tue,wed&avoid=17:00-20:30&avoid=06:00-08:00")

    assert sorted(r["name"] for r in response.json()["results"]) == ["tuesday noon"]


def test_results_come_in_pages_of_twenty_with_links(client):
    for n in range(23):
        MeetingFactory(name=f"group {n}")

    first = search(client).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 23 and len(first["results"]) == 20
    assert len(second["results"]) == 3 and second["next"] is None
    assert {r["slug"] for r in first["results"]}.isdisjoint(r["slug"] for r in second["results"])


@pytest.mark.parametrize(("params", "field", "hint"), [
    ({"near": "Xyzzy"}, "near", "couldn't find 'Xyzzy'"),
    ({"near": "95,10"}, "near", "latitude"),
    ({"radius_km": "far"}, "radius_km", "number"),
    ({"radius_km": "600"}, "radius_km", "500"),
    ({"radius_km": "0"}, "radius_km", "more than 0"),
    ({"days": "mon,funday"}, "days", "sun, mon, tue"),
    ({"avoid": "25:00-26:00"}, "avoid", "17:00-20:30"),
    ({"avoid": "17:00"}, "avoid", "17:00-20:30"),
    ({"free": "noon-ish"}, "free", "17:00-20:30"),
    ({"tz": "Mars/Olympus"}, "tz", "America/New_York"),
    ({"children": "maybe"}, "children", "welcome, childcare"),
    ({"philosophy": "strict"}, "philosophy", "harm_reduction, abstinence"),
    ({"medication": "yes"}, "medication", "supportive"),
    ({"attendance": "telepathy"}, "attendance", "in_person, online, hybrid"),
    ({"fellowship": "knitting"}, "fellowship", "smart-recovery"),
    ({"focus": "astronauts"}, "focus", "mothers"),
    ({"wheelchair": "perhaps"}, "wheelchair", "wheelchair=true"),
    ({"language": "klingon"}, "language", "es"),
    ({"page": "0"}, "page", "page"),
    ({"page": "two"}, "page", "page"),
    ({"page": "9"}, "page", "1 to 1"),
    ({"page": "99999999999999999999"}, "page", "1 to 1"),
])
def test_bad_parameter_is_a_400_naming_it_and_what_is_allowed(client, params, field, hint):
    MeetingFactory()

    response = search(client, **params)

    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert hint in " ".join(body[field]) if isinstance(body[field], list) else hint in body[field]


def test_missing_place_is_a_400_unless_searching_online_with_a_time_zone(client):
    assert client.get(URL).status_code == 400
    assert "near" in client.get(URL).json()
    assert "tz" in client.get(URL, {"attendance": "online"}).json()
    assert client.get(URL, {"attendance": "online", "tz": "America/Chicago"}).status_code == 200


def test_bad_avoid_among_good_ones_names_the_bad_one(client):
    response = client.get(f"{URL}?near={PITTSBURGH_POINT}&avoid=17:00-20:30&avoid=9pm-10pm")

    assert response.status_code == 400
    assert "'9pm-10pm'" in str(response.json()["avoid"])
