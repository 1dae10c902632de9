"""Free times and times to avoid on some days only: a parent's week as it really is."""
from datetime import UTC, datetime, time

import pytest

from meetings.schedule import Availability, TimeWindow, Weekday
from search.finder import MeetingSearch
from search.windows import window_words
from tests.factories import PITTSBURGH, CriteriaFactory, MeetingFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 10:00 in Pittsburgh.
MONDAY_MORNING = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
URL = "/api/v1/search/"
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"


def matches(*, free=(), avoid=()):
    availability = Availability(free=tuple(TimeWindow.parse(text) for text in free),
                                avoid=tuple(TimeWindow.parse(text) for text in avoid))
    search = MeetingSearch(CriteriaFactory(availability=availability), now=MONDAY_MORNING)
    return search.page(size=100).matches


def found(**windows):
    return sorted(match.meeting.name for match in matches(**windows))


def meeting(name, weekday, start, end):
    return MeetingFactory(name=name, weekday=weekday, start_time=start, end_time=end)


def test_free_weekday_evenings_and_saturday_morning_keep_only_those_meetings():
    meeting("wednesday lunch", Weekday.WEDNESDAY, time(12, 30), time(13, 30))
    meeting("thursday afternoon", Weekday.THURSDAY, time(13, 30), time(14, 30))
    meeting("tuesday late", Weekday.TUESDAY, time(20, 30), time(21, 30))
    meeting("saturday morning", Weekday.SATURDAY, time(9), time(10))
    meeting("saturday evening", Weekday.SATURDAY, time(20, 45), time(21, 45))
    meeting("sunday morning", Weekday.SUNDAY, time(9), time(10))

    assert found(free=["mon-fri@20:30-23:59", "sat@08:00-12:00"]) == [
        "saturday morning", "tuesday late"]


def test_a_window_crossing_midnight_belongs_to_the_day_it_starts():
    meeting("friday night", Weekday.FRIDAY, time(23), time(0, 30))
    meeting("small hours of saturday", Weekday.SATURDAY, time(0, 15), time(0, 45))
    meeting("saturday night", Weekday.SATURDAY, time(23), time(0, 30))
    meeting("thursday night", Weekday.THURSDAY, time(23), time(0, 30))

    assert found(free=["fri@22:00-01:00"]) == ["friday night", "small hours of saturday"]


def test_a_meeting_must_fit_inside_a_window_of_its_own_day():
    meeting("monday, runs past the window", Weekday.MONDAY, time(21), time(22, 30))
    meeting("tuesday, inside", Weekday.TUESDAY, time(21), time(22, 30))

    assert found(free=["mon@20:00-22:00", "tue@20:00-23:00"]) == ["tuesday, inside"]


def test_free_windows_for_every_day_and_for_some_days_add_up():
    meeting("wednesday 9", Weekday.WEDNESDAY, time(9), time(10))
    meeting("saturday 18", Weekday.SATURDAY, time(18), time(19))
    meeting("wednesday 18", Weekday.WEDNESDAY, time(18), time(19))

    assert found(free=["09:00-10:00", "sat@18:00-19:00"]) == ["saturday 18", "wednesday 9"]


def test_touching_windows_on_the_same_day_count_as_one_stretch():
    meeting("across both", Weekday.MONDAY, time(20, 30), time(21, 30))

    assert found(free=["mon@17:00-21:00", "mon@21:00-23:59"]) == ["across both"]


def test_an_avoid_window_on_one_day_excludes_that_day_only():
    meeting("sunday service hours", Weekday.SUNDAY, time(10), time(11))
    meeting("monday same hour", Weekday.MONDAY, time(10), time(11))
    meeting("sunday afternoon", Weekday.SUNDAY, time(13), time(14))

    assert found(avoid=["sun@09:00-12:00"]) == ["monday same hour", "sunday afternoon"]


def test_travel_time_counts_only_next_to_the_avoided_window_on_its_day():
    meeting("monday, just before", Weekday.MONDAY, time(16), time(16, 45))
    meeting("tuesday, same hour", Weekday.TUESDAY, time(16), time(16, 45))

    by_name = {match.meeting.name: match for match in matches(avoid=["mon@17:00-20:30"])}

    monday, tuesday = by_name["monday, just before"], by_name["tuesday, same hour"]
    assert "Ends only 15 min before 17:00" in monday.reasons
    assert not any("17:00" in reason for reason in tuesday.reasons)
    assert tuesday.score > monday.score


def test_the_api_takes_windows_by_day_and_explains_the_forms_when_one_is_wrong(client):
    meeting("saturday morning", Weekday.SATURDAY, time(9), time(10))
    meeting("sunday morning", Weekday.SUNDAY, time(9), time(10))

    good = client.get(URL, {"near": NEAR, "free": "sat@08:00-12:00"})
    bad = client.get(URL, {"near": NEAR, "free": "funday@08:00-12:00"})

    assert good.status_code == 200
    assert [result["name"] for result in good.json()["results"]] == ["saturday morning"]
    assert bad.status_code == 400
    assert "mon-fri@20:30-23:59" in " ".join(bad.json()["free"])


@pytest.mark.parametrize("params, field", [
    ({"avoid": [f"{hour:02d}:00-{hour:02d}:30" for hour in range(24)] * 2}, "avoid"),
    ({"avoid": ["sun@01:00-02:00"] * 20, "free": ["mon@09:00-10:00"] * 9}, "free"),
])
def test_more_than_28_windows_is_a_400_naming_the_parameter(client, params, field):
    response = client.get(URL, {"near": NEAR, **params})

    assert response.status_code == 400
    assert "At most 28 windows" in " ".join(response.json()[field])


def test_28_windows_on_every_day_are_searched_on_sqlite_and_postgresql_alike(client):
    meeting("between two windows", Weekday.WEDNESDAY, time(14, 10), time(14, 25))
    meeting("in a window", Weekday.WEDNESDAY, time(14, 30), time(15))
    avoid = [f"sun-sat@{minute // 60:02d}:{minute % 60:02d}-{minute // 60:02d}:{minute % 60 + 5:02d}"
             for minute in range(6 * 60, 6 * 60 + 28 * 30, 30)]

    response = client.get(URL, {"near": NEAR, "avoid": avoid})

    assert response.status_code == 200
    assert [result["name"] for result in response.json()["results"]] == ["between two windows"]


def test_a_window_on_some_days_is_said_with_its_days():
    assert window_words(TimeWindow.parse("mon-fri@17:00-20:30")).include == (
        "include Monday to Friday 17:00 to 20:30")
    assert window_words(TimeWindow.parse("sat,sun@09:00-12:00")).include == (
        "include Sunday, Saturday 09:00 to 12:00")
    assert window_words(TimeWindow.parse("17:00-20:30")).include == "include dinner and bedtime"


def test_the_page_reads_typed_windows_with_days_and_keeps_them_in_the_link(client):
    meeting("saturday morning", Weekday.SATURDAY, time(9), time(10))
    meeting("sunday morning", Weekday.SUNDAY, time(9), time(10))

    response = client.get("/en/", {"near": NEAR, "avoid": "sun@08:00-12:00, mon,wed@18:00-21:00"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "saturday morning" in page and "sunday morning" not in page


def test_on_the_page_a_whole_day_and_a_part_of_another_day_add_up(client):
    meeting("monday lunch", Weekday.MONDAY, time(12, 30), time(13, 30))
    meeting("saturday morning", Weekday.SATURDAY, time(9), time(10))
    meeting("saturday evening", Weekday.SATURDAY, time(19), time(20))
    meeting("tuesday lunch", Weekday.TUESDAY, time(12, 30), time(13, 30))

    page = soup(client.get("/en/", {"near": NEAR, "day": "mon", "free": "sat@08:00-12:00"}))

    assert sorted(name.get_text(strip=True) for name in page.select("article.result h2")) == [
        "monday lunch", "saturday morning"]
    assert page.find(id="day-mon").has_attr("checked")
    assert page.select_one(".week input[value=\"sat@08:00-12:00\"]").has_attr("checked")


def test_on_the_page_times_typed_for_every_day_hold_on_the_ticked_days_beside_parts_of_others(client):
    meeting("monday 9", Weekday.MONDAY, time(9), time(10))
    meeting("monday 15", Weekday.MONDAY, time(15), time(16))
    meeting("wednesday 9", Weekday.WEDNESDAY, time(9), time(10))
    meeting("saturday evening", Weekday.SATURDAY, time(18), time(19))

    page = soup(client.get("/en/", {"near": NEAR, "day": "mon",
                                 "free": ["08:00-12:00", "sat@17:00-21:00"]}))

    assert sorted(name.get_text(strip=True) for name in page.select("article.result h2")) == [
        "monday 9", "saturday evening"]
    assert page.find(id="free-other")["value"] == "08:00-12:00"


def test_on_the_page_a_free_time_that_is_no_window_is_shown_on_its_box(client):
    response = client.get("/en/", {"near": NEAR, "free": "sat@8am-noon"})
    page = soup(response)

    assert response.status_code == 400
    assert [link["href"] for link in page.select(".error-summary a")] == ["#free-other"]
    assert "sat@08:00-12:00" in page.find(id="free-error").text
    assert page.find(id="free-other")["value"] == "sat@8am-noon"


def test_every_part_of_every_day_is_a_box_labelled_with_its_day_and_part(client):
    page = soup(client.get("/en/"))
    boxes = page.select(".week input[name=free]")

    assert len(boxes) == 7 * 5
    saturday_morning = page.find("input", {"value": "sat@08:00-12:00"})
    assert "Saturday, morning" in page.find("label", {"for": saturday_morning["id"]}).text


def test_a_meeting_in_the_parents_free_time_says_how_soon_into_it_it_starts():
    meeting("half past nine", Weekday.TUESDAY, time(21), time(22))
    meeting("as it begins", Weekday.SATURDAY, time(8), time(9))
    meeting("well into it", Weekday.WEDNESDAY, time(10), time(11))

    reasons = {match.meeting.name: match.reasons
               for match in matches(free=["mon-fri@20:30-23:59", "sat@08:00-12:00", "wed@08:00-12:00"])}

    assert "Starts 30 min after your free time begins" in reasons["half past nine"]
    assert "Starts as your morning begins" in reasons["as it begins"]
    assert "In your morning" in reasons["well into it"]


def test_free_time_every_day_names_the_part_of_the_day_it_is():
    meeting("evening", Weekday.MONDAY, time(17, 15), time(18))

    (match,) = matches(free=["17:00-21:00"])

    assert "Starts 15 min after your evening begins" in match.reasons
