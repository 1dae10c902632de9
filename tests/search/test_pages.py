"""The search page a parent uses, through Django's test client: the form, results, errors and
the empty state."""
from datetime import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from meetings.models import ChildrenPolicy
from meetings.schedule import Weekday, next_occurrence, zone
from places.geocoding import GeocodingUnavailable
from tests.factories import MeetingFactory
from tests.pages import NEAR, search, soup

pytestmark = pytest.mark.django_db





def result_names(page):
    return [heading.get_text(strip=True) for heading in page.select("article.result h2")]


def expected_day_and_clock(moment):
    hour = moment.hour % 12 or 12
    return f"{moment:%a} {moment.day} {moment:%b}, {hour}:{moment.minute:02d} {moment:%p}".replace(
        "AM", "am").replace("PM", "pm")


# ---- The form --------------------------------------------------------------------------------

def test_every_form_control_has_a_label(client):
    page = soup(client.get("/en/"))
    controls = [control for control in page.select("form.search-form input, form.search-form select")
                if control.get("type") not in ("hidden", "submit")]
    assert len(controls) > 20  # place, days, avoid, children, and the folded-away choices
    for control in controls:
        label = page.find("label", attrs={"for": control.get("id")})
        assert label is not None and label.get_text(strip=True), control


def test_form_uses_the_parameters_the_page_reads(client):
    page = soup(client.get("/en/"))
    form = page.select_one("form.search-form")
    assert form["method"] == "get"
    names = {control["name"] for control in form.select("[name]")}
    assert {"near", "radius_km", "day", "avoid", "children", "philosophy", "medication", "focus",
            "attendance", "fellowship", "wheelchair"} <= names
    dinner = form.find("input", id="avoid-dinner")
    assert dinner["value"] == "17:00-20:30"
    assert "Avoid dinner and bedtime" in form.find("label", attrs={"for": "avoid-dinner"}).text


def test_secondary_choices_are_folded_away_until_used(client):
    assert soup(client.get("/en/")).select_one("details.more").get("open") is None
    page = soup(search(client, fellowship="na"))
    assert page.select_one("details.more").has_attr("open")


def test_home_without_a_query_shows_the_form_and_no_results(client):
    response = client.get("/en/")
    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("form.search-form") is not None
    assert page.select_one(".results") is None
    assert page.select_one(".error-summary") is None


# ---- Results ---------------------------------------------------------------------------------

def test_search_shows_meetings_with_reasons_and_next_date(client):
    meeting = MeetingFactory(name="Noon Hope", weekday=Weekday.MONDAY, start_time=time(12, 0),
                             children=ChildrenPolicy.WELCOME)
    response = search(client, avoid="17:00-20:30", children="welcome")
    page = soup(response)

    assert response.status_code == 200
    assert page.select_one("h1").get_text(strip=True) == "1 meeting fits"
    card = page.select_one("article.result")
    link = card.select_one("h2 a")
    assert urlsplit(link["href"]).path == f"/en/meetings/{meeting.slug}/"
    reasons = [item.get_text(strip=True) for item in card.select(".reasons li")]
    assert "Children welcome" in reasons and "Done before dinner" in reasons
    next_start = next_occurrence(Weekday.MONDAY, time(12, 0), zone("America/New_York"),
                                 timezone.now())
    assert expected_day_and_clock(next_start) in card.select_one(".result__when").text
    # The distance is said once on a card, among the reasons, in miles near a US place.
    assert "mi away" in card.select_one(".reasons").text and card.text.count(" away") == 1
    assert card.select_one(".result__fit").get_text(strip=True).startswith("Fit ")


def test_results_keep_the_ranking_order(client):
    MeetingFactory(name="Unknown policy", children=ChildrenPolicy.UNKNOWN)
    MeetingFactory(name="With childcare", children=ChildrenPolicy.CHILDCARE)
    page = soup(search(client))
    assert result_names(page) == ["With childcare", "Unknown policy"]


def test_times_in_another_zone_show_both_clocks(client):
    MeetingFactory(online=True, name="Chicago online", timezone="America/Chicago",
                   weekday=Weekday.TUESDAY, start_time=time(19, 0))
    page = soup(search(client))
    when = page.select_one(".result__when").get_text(" ", strip=True)
    local = next_occurrence(Weekday.TUESDAY, time(19, 0), zone("America/Chicago"), timezone.now())
    parent = local.astimezone(zone("America/New_York"))
    assert expected_day_and_clock(parent) in when
    assert parent.tzname() in when
    assert f"7:00 pm {local.tzname()} meeting time" in when
    assert page.select_one(".result__where").get_text(strip=True) == "Join online"


def test_values_stay_filled_after_a_search(client):
    MeetingFactory()
    page = soup(search(client, avoid=["17:00-20:30", "06:00-08:00"], children="childcare",
                       radius_km="50", day=["mon", "sat"], wheelchair="true"))
    assert page.find("input", id="near")["value"] == NEAR
    assert page.find("input", id="avoid-dinner").has_attr("checked")
    assert page.find("input", id="avoid-other")["value"] == "06:00-08:00"
    assert page.find("input", attrs={"name": "children", "value": "childcare"}).has_attr("checked")
    assert page.select_one("#radius_km option[selected]")["value"] == "50"
    checked_days = {box["value"] for box in page.select("input[name=day][checked]")}
    assert checked_days == {"mon", "sat"}
    assert page.find("input", id="wheelchair").has_attr("checked")


def test_ticked_days_are_merged_into_the_days_parameter(client):
    MeetingFactory(name="Monday group", weekday=Weekday.MONDAY)
    MeetingFactory(name="Wednesday group", weekday=Weekday.WEDNESDAY)
    MeetingFactory(name="Friday group", weekday=Weekday.FRIDAY)
    page = soup(client.get(f"/en/?near={NEAR}&day=mon&day=fri"))
    assert sorted(result_names(page)) == ["Friday group", "Monday group"]
    comma_list = soup(client.get(f"/en/?near={NEAR}&days=wed&day=fri"))
    assert sorted(result_names(comma_list)) == ["Friday group", "Wednesday group"]


def test_several_typed_windows_are_each_avoided(client):
    MeetingFactory(name="Early", start_time=time(7, 0))
    MeetingFactory(name="Noon", start_time=time(12, 0))
    MeetingFactory(name="Late", start_time=time(21, 0))
    page = soup(search(client, avoid="06:00-08:00, 20:30–22:00"))
    assert result_names(page) == ["Noon"]


def test_pagination_links_keep_the_query(client):
    MeetingFactory.create_batch(21, children=ChildrenPolicy.WELCOME)
    first = soup(search(client, children="welcome"))
    assert len(first.select("article.result")) == 20
    next_link = first.find("a", rel="next")["href"]
    query = parse_qs(urlsplit(next_link).query)
    assert query["near"] == [NEAR] and query["children"] == ["welcome"] and query["page"] == ["2"]
    second = soup(client.get("/en/" + next_link))
    assert len(second.select("article.result")) == 1
    assert "Page 2 of 2" in second.select_one(".pagination").text


@pytest.mark.parametrize("asked", ["abc", "0", "7"])
def test_a_page_that_does_not_exist_is_a_400_with_a_message(client, asked):
    MeetingFactory()
    response = search(client, page=asked)
    assert response.status_code == 400
    assert f"There is no page '{asked}'" in soup(response).select_one(".results").text


# ---- Errors ----------------------------------------------------------------------------------

def test_errors_show_by_their_fields_with_a_400(client):
    response = search(client, avoid="25:00-26:00", day="funday")
    page = soup(response)

    assert response.status_code == 400
    assert page.title.text.startswith("Error:")
    summary_targets = {link["href"] for link in page.select(".error-summary a")}
    assert summary_targets == {"#avoid-other", "#day-sun"}
    for target in summary_targets:
        field = page.find(id=target[1:]).find_parent(class_="field--error")
        assert field is not None and field.select_one(".error-message"), target
    assert "'funday' is not a day" in page.find(id="days-error").text
    assert "25:00-26:00" in page.find(id="avoid-error").text


def test_a_place_not_found_is_reported_on_the_place_field(client):
    response = client.get("/en/", {"near": "95,200"})
    page = soup(response)
    assert response.status_code == 400
    assert [link["href"] for link in page.select(".error-summary a")] == ["#near"]
    assert "not a place on Earth" in page.find(id="near-error").text
    assert page.find("input", id="near")["aria-describedby"].endswith("near-error")


def test_a_missing_place_is_asked_for_on_the_place_field(client):
    response = client.get("/en/", {"children": "welcome"})
    assert response.status_code == 400
    assert "Say where you are" in soup(response).find(id="near-error").text


def test_an_unknown_time_zone_in_the_link_is_named_as_unknown_on_the_zone_box(client):
    response = search(client, tz="Mars/Olympus")
    page = soup(response)
    assert response.status_code == 400
    assert "'Mars/Olympus' is not an IANA time zone" in page.find(id="tz-error").text
    assert page.find(id="near-error") is None
    assert page.find("option", {"value": "Mars/Olympus"}).has_attr("selected")


def test_zones_are_offered_by_the_names_people_know_and_a_chosen_one_stays_chosen(client):
    MeetingFactory()
    page = soup(search(client, tz="America/Chicago"))
    chosen = page.select_one("#tz option[selected]")
    assert (chosen["value"], chosen.text) == ("America/Chicago", "Central time (Chicago)")
    assert page.find("option", {"value": "America/New_York"}).text == "Eastern time (New York)"


def test_a_page_number_past_any_search_is_a_400_not_a_server_error(client):
    MeetingFactory()
    response = search(client, page="99999999999999999999")
    assert response.status_code == 400
    assert "There is no page '99999999999999999999'" in soup(response).select_one(".results").text


def test_an_online_search_without_a_place_still_needs_the_parents_clock(client):
    response = client.get("/en/", {"attendance": "online"})
    page = soup(response)
    assert response.status_code == 400
    assert "Give your time zone" in page.find(id="tz-error").text
    assert page.select_one("details.more").has_attr("open") is True


def test_an_online_search_with_a_zone_needs_no_place(client):
    MeetingFactory(name="Online Circle", online=True)
    page = soup(client.get("/en/", {"attendance": "online", "tz": "America/Chicago"}))
    assert [heading.get_text(strip=True) for heading in page.select("article.result h2")] == [
        "Online Circle"]


def test_an_unknown_choice_opens_more_choices_and_names_the_field(client):
    response = search(client, fellowship="martians")
    page = soup(response)
    assert response.status_code == 400
    assert page.select_one("details.more").has_attr("open")
    assert "'martians' is not allowed" in page.find(id="fellowship").find_parent(class_="field").text


def test_geocoder_outage_is_a_friendly_503(client, monkeypatch):
    def down(text):
        raise GeocodingUnavailable("timed out")

    monkeypatch.setattr("search.serializers.locate", down)
    response = client.get("/en/", {"near": "Pittsburgh, PA"})
    assert response.status_code == 503
    notice = soup(response).select_one(".notice").text
    assert "can't look up places right now" in notice
    assert soup(response).find("input", id="near")["value"] == "Pittsburgh, PA"


# ---- When nothing fits -----------------------------------------------------------------------

def test_empty_state_suggests_a_loosening_that_works(client):
    MeetingFactory(name="Supper club", start_time=time(18, 0))
    response = search(client, avoid="17:00-20:30", children="")
    page = soup(response)
    assert page.select_one("h1").get_text(strip=True) == "0 meetings fit"
    suggestion = page.select_one("a.suggestion")
    assert suggestion.get_text(strip=True) == "Show 1 meeting if you include dinner and bedtime"

    loosened = soup(client.get(suggestion["href"]))
    assert result_names(loosened) == ["Supper club"]
    assert not loosened.find("input", id="avoid-dinner").has_attr("checked")


def test_empty_state_without_any_loosening_says_what_to_try(client):
    page = soup(search(client))
    assert page.select_one("a.suggestion") is None
    assert "Try a different place" in page.select_one(".empty").text
