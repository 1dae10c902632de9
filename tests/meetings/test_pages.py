"""A meeting's page, through Django's test client: when and where, how to join, the warnings
before going, pages that are not found, the way back to the search and the links to report a
problem."""
from datetime import time
from urllib.parse import parse_qs, urlsplit

import pytest

from meetings.models import Attendance, Status
from meetings.schedule import Weekday
from tests.factories import PITTSBURGH, MeetingFactory
from tests.pages import NEAR, search, soup

pytestmark = pytest.mark.django_db





# ---- A meeting's page ------------------------------------------------------------------------

def test_meeting_page_shows_time_place_and_directions(client):
    meeting = MeetingFactory(name="Grant Street Group", weekday=Weekday.THURSDAY,
                             start_time=time(19, 0), end_time=time(20, 15),
                             location_name="St. Mary's Hall", notes="Ring the side door bell.")
    page = soup(client.get(f"/en/meetings/{meeting.slug}/"))
    assert page.select_one("h1").text == "Grant Street Group"
    assert "Thursdays, 7:00 pm to 8:15 pm" in page.select_one(".meeting__when").text
    directions = page.find("a", href=lambda href: href and "openstreetmap.org/directions" in href)
    assert directions["href"] == (
        f"https://www.openstreetmap.org/directions?to={PITTSBURGH[0]}%2C{PITTSBURGH[1]}")
    assert "St. Mary's Hall" in page.text and "Ring the side door bell." in page.text
    assert "Last checked" in page.text and meeting.last_verified.strftime("%Y") in page.text
    assert page.select_one(".warning") is None


def test_online_meeting_page_shows_the_link_and_phone(client):
    meeting = MeetingFactory(online=True, conference_phone="+1 646 558 8656")
    page = soup(client.get(meeting.get_absolute_url()))
    assert page.find("a", href="https://zoom.us/j/123456789") is not None
    assert page.find("a", href="tel:+16465588656") is not None
    assert page.find("a", href=lambda href: href and "directions" in href) is None


def test_a_listing_not_checked_yet_warns_the_parent(client):
    meeting = MeetingFactory(last_verified=None)
    page = soup(client.get(meeting.get_absolute_url()))
    assert "Not checked yet" in page.text
    assert "Check before you go" in page.select_one(".warning").text


def test_a_non_web_join_link_is_not_linked(client):
    meeting = MeetingFactory(online=True, conference_url="javascript:alert(1)",
                             conference_phone="555 0100")
    page = soup(client.get(meeting.get_absolute_url()))
    assert page.find("a", href=lambda href: href and href.startswith("javascript")) is None


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.ARCHIVED])
def test_unpublished_meetings_are_not_found(client, status):
    meeting = MeetingFactory(status=status)
    assert client.get(f"/en/meetings/{meeting.slug}/").status_code == 404


def test_unknown_meeting_is_not_found(client):
    assert client.get("/en/meetings/no-such-meeting/").status_code == 404


def test_back_link_returns_to_the_search_that_led_there(client):
    MeetingFactory(name="Evening", attendance=Attendance.IN_PERSON)
    results = soup(search(client, children="", radius_km="10"))
    detail = soup(client.get(results.select_one("article.result h2 a")["href"]))
    back = detail.select_one("a.back-link")
    assert back.text == "Back to your search"
    query = parse_qs(urlsplit(back["href"]).query)
    assert query["near"] == [NEAR] and query["radius_km"] == ["10"]


def test_meeting_page_offers_to_report_a_problem(client):
    meeting = MeetingFactory()
    page = soup(client.get(meeting.get_absolute_url()))
    assert page.find("a", href=f"/en/meetings/{meeting.slug}/suggest-change/") is not None
    assert page.find("a", href=f"/en/meetings/{meeting.slug}/report-closed/") is not None


def test_the_groups_own_contact_is_offered_as_a_call_a_text_an_email_and_its_site(client):
    meeting = MeetingFactory(contact_email="serenity@example.org", contact_phone="+1 412 555 0100",
                             contact_website="https://serenity.example.org")
    section = soup(client.get(f"/en/meetings/{meeting.slug}/")).find(id="ask-heading").parent
    links = {link["href"] for link in section.find_all("a")}
    assert links == {"tel:+14125550100", "sms:+14125550100", "mailto:serenity@example.org",
                     "https://serenity.example.org"}
    assert "Check with the group before you go" in section.text


def test_a_meeting_without_a_contact_has_no_section_for_one(client):
    meeting = MeetingFactory()
    assert soup(client.get(f"/en/meetings/{meeting.slug}/")).find(id="ask-heading") is None


def test_coming_from_a_search_the_page_reads_the_next_start_on_the_parents_clock_as_the_card_did(client):
    MeetingFactory(name="Evening Group", weekday=Weekday.MONDAY, start_time=time(19),
                   timezone="America/New_York", online=True)
    results = soup(client.get("/en/", {"attendance": "online", "tz": "America/Chicago"}))
    card_when = " ".join(results.select_one(".result__when").get_text().split())
    link = results.select_one("article.result h2 a")["href"]

    page = soup(client.get(link))
    yours = " ".join(page.select_one(".meeting__yours").get_text().split())

    assert "CST (7:00 pm EST meeting time)" in card_when
    assert yours == f"Next, on your clock: {card_when}"
    assert "Mondays, 7:00 pm" in page.select_one(".meeting__when").get_text()


def test_a_zone_that_is_no_zone_in_the_link_is_ignored(client):
    meeting = MeetingFactory()
    page = soup(client.get(f"/en/meetings/{meeting.slug}/", {"tz": "Mars/Olympus"}))
    assert page.select_one(".meeting__yours") is None
