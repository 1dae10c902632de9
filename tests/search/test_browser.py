"""A parent's search in headless Chromium: find meetings, open one, and leave in a hurry,
with JavaScript and without it."""
import re
from datetime import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as village_urlpatterns
from meetings.models import ChildrenPolicy, Philosophy
from meetings.schedule import Weekday
from tests.factories import PITTSBURGH, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.urls(__name__)]

PHONE = {"width": 390, "height": 844}


def elsewhere(request):
    return HttpResponse("<!doctype html><title>Weather</title><h1>Sunny spells</h1>")


# Village's pages plus a neutral page to quick-exit to: there is no internet in the tests.
urlpatterns = [path("elsewhere/", elsewhere), *village_urlpatterns]


@pytest.fixture(autouse=True)
def exit_url(settings, live_server):
    settings.VILLAGE_QUICK_EXIT_URL = f"{live_server.url}/elsewhere/"
    return settings.VILLAGE_QUICK_EXIT_URL


@pytest.fixture
def family_meetings():
    return {
        "childcare": MeetingFactory(name="Childcare Circle", weekday=Weekday.WEDNESDAY,
                                    start_time=time(10, 0), children=ChildrenPolicy.CHILDCARE,
                                    philosophy=Philosophy.HARM_REDUCTION),
        "welcome": MeetingFactory(name="Family Hope", weekday=Weekday.MONDAY,
                                  start_time=time(12, 0), children=ChildrenPolicy.WELCOME),
        "dinner": MeetingFactory(name="Supper Group", weekday=Weekday.TUESDAY,
                                 start_time=time(18, 0), children=ChildrenPolicy.WELCOME),
        "adults": MeetingFactory(name="Adults Only Noon", children=ChildrenPolicy.ADULTS_ONLY),
    }


def search_as_a_parent(page, near="15222"):
    page.goto("/en/")
    page.get_by_label("Where are you?").fill(near)
    page.get_by_label("Avoid dinner and bedtime (5–8:30 pm)").check()
    page.get_by_label("I'll bring my children").check()
    page.get_by_role("button", name="Find meetings").click()
    page.wait_for_url(re.compile(r"near="))


def result_names(page):
    return page.locator("article.result h2").all_inner_texts()


def assert_left_village(page, exit_url):
    page.wait_for_url(exit_url)
    assert page.get_by_role("heading", name="Sunny spells").is_visible()


def test_parent_finds_ranked_meetings_and_opens_one(page, family_meetings):
    search_as_a_parent(page)

    assert page.get_by_role("heading", level=1).inner_text() == "2 meetings fit"
    assert result_names(page) == ["Childcare Circle", "Family Hope"]
    first = page.locator("article.result").first
    assert "Childcare on site" in first.locator(".reasons").inner_text()
    assert "Done before dinner" in first.locator(".reasons").inner_text()
    query = parse_qs(urlsplit(page.url).query)
    assert query["near"] == ["15222"] and query["children"] == ["welcome"]
    assert query["avoid"] == ["17:00-20:30"]

    page.get_by_role("link", name="Family Hope").click()
    page.wait_for_url(f"**/meetings/{family_meetings['welcome'].slug}/**")
    directions = page.get_by_role("link", name=re.compile("Directions"))
    assert directions.is_visible()
    assert directions.get_attribute("href").startswith("https://www.openstreetmap.org/directions?to=")

    page.get_by_role("link", name="Back to your search").first.click()
    page.wait_for_url(re.compile(r"near=15222"))
    assert page.get_by_label("I'll bring my children").is_checked()


def test_quick_exit_leaves_no_village_page_to_go_back_to(page, family_meetings, exit_url):
    search_as_a_parent(page)
    page.get_by_role("link", name="Family Hope").click()
    page.wait_for_url("**/meetings/**")

    page.get_by_role("link", name="Quick exit").click()
    assert_left_village(page, exit_url)

    page.go_back()
    assert page.url in (exit_url, "about:blank")
    assert page.locator("a.quick-exit").count() == 0


def test_pressing_shift_three_times_exits(page, family_meetings, exit_url):
    page.goto(family_meetings["welcome"].get_absolute_url())
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_village(page, exit_url)


def test_shift_held_for_capital_letters_does_not_exit(page, live_server):
    page.goto("/en/")
    page.get_by_label("Where are you?").focus()
    for letter in "KeyP", "KeyA", "KeyZ":
        page.keyboard.down("Shift")
        page.keyboard.press(letter)
        page.keyboard.up("Shift")
    page.wait_for_timeout(200)  # time enough for an exit to begin, were one triggered
    assert page.get_by_label("Where are you?").input_value() == "PAZ"
    assert page.url == f"{live_server.url}/en/"


def test_pressing_escape_twice_exits(page, exit_url):
    page.goto("/en/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert_left_village(page, exit_url)


def test_empty_state_offers_a_loosening_that_works(page, family_meetings):
    page.goto("/en/")
    page.get_by_label("Where are you?").fill(f"{PITTSBURGH[0]},{PITTSBURGH[1]}")
    page.get_by_label("Avoid dinner and bedtime (5–8:30 pm)").check()
    page.get_by_label("I'll bring my children").check()
    page.get_by_text("More choices").click()
    page.get_by_label("Abstinence-focused").check()
    page.get_by_role("button", name="Find meetings").click()

    assert page.get_by_role("heading", level=1).inner_text() == "0 meetings fit"
    suggestion = page.get_by_role("link", name=re.compile(r"^Show \d+ meetings? if you"))
    assert suggestion.first.inner_text() == "Show 2 meetings if you include any approach to recovery"
    suggestion.first.click()
    page.wait_for_url(re.compile(r"near="))
    assert page.get_by_role("heading", level=1).inner_text() == "2 meetings fit"


def test_use_my_location_fills_in_coordinates(page):
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 40.44062, "longitude": -79.99589})
    page.goto("/en/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_function("document.getElementById('near').value !== ''")
    assert page.get_by_label("Where are you?").input_value() == "40.4406,-79.9959"


def test_search_works_without_javascript(browser, live_server, family_meetings, exit_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, base_url=live_server.url)
    page = context.new_page()
    try:
        search_as_a_parent(page, near=f"{PITTSBURGH[0]},{PITTSBURGH[1]}")
        assert result_names(page) == ["Childcare Circle", "Family Hope"]
        assert not page.get_by_role("button", name="Use my location").is_visible()
        page.get_by_role("link", name="Childcare Circle", exact=True).click()
        assert page.get_by_role("link", name=re.compile("Directions")).is_visible()
        page.get_by_role("link", name="Quick exit").click()
        assert_left_village(page, exit_url)
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_a_mother_free_on_weekday_late_evenings_and_saturday_morning_finds_only_those(
        browser, live_server, javascript):
    for name, weekday, start in [
            ("Wednesday Lunch", Weekday.WEDNESDAY, time(12, 30)),
            ("Thursday Afternoon", Weekday.THURSDAY, time(13, 30)),
            ("Tuesday Late", Weekday.TUESDAY, time(21, 0)),
            ("Saturday Morning", Weekday.SATURDAY, time(9, 0)),
            ("Saturday Night", Weekday.SATURDAY, time(21, 0))]:
        MeetingFactory(name=name, weekday=weekday, start_time=start,
                       end_time=time(start.hour + 1, start.minute))
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE,
                                  base_url=live_server.url)
    page = context.new_page()

    page.goto("/en/")
    page.get_by_label("Where are you?").fill(f"{PITTSBURGH[0]},{PITTSBURGH[1]}")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(f"{day}, late evening").check()
    page.get_by_label("Saturday, morning").check()
    page.get_by_role("button", name="Find meetings").click()
    page.wait_for_url(re.compile(r"free="))

    assert sorted(result_names(page)) == ["Saturday Morning", "Tuesday Late"]
    assert page.get_by_label("Saturday, morning").is_checked()
    assert not page.get_by_label("Saturday, late evening").is_checked()
    context.close()


def test_an_online_search_without_a_place_is_shown_on_this_devices_clock(browser, live_server):
    MeetingFactory(name="Online Circle", online=True, timezone="America/New_York",
                   weekday=Weekday.MONDAY, start_time=time(19, 0))
    context = browser.new_context(viewport=PHONE, base_url=live_server.url,
                                  timezone_id="America/Chicago")
    page = context.new_page()

    page.goto("/en/")
    page.locator("summary", has_text="More choices").click()
    page.get_by_label("Online", exact=True).check()
    page.get_by_role("button", name="Find meetings").click()
    page.wait_for_url(re.compile(r"tz=America%2FChicago"))

    assert result_names(page) == ["Online Circle"]
    assert "6:00" in page.locator(".result__when").inner_text()
    context.close()
