"""My meetings: a shortlist that lives in a link (and, with JavaScript, in this browser), with its
next dates, a way to remove each, and one calendar for all of them."""
import pytest
from django.urls import reverse

from meetings.models import Status
from tests.factories import MeetingFactory
from tests.pages import parsed, soup

pytestmark = pytest.mark.django_db


def shortlist(client, *slugs, **params):
    return client.get(reverse("shortlist"), {"m": ",".join(slugs), **params})


def names(page):
    return [heading.get_text(strip=True) for heading in page.select("article.result h2")]


def test_the_link_lists_its_meetings_in_its_order_each_once(client):
    first, second = MeetingFactory(name="First"), MeetingFactory(name="Second")
    page = soup(shortlist(client, second.slug, first.slug, second.slug))
    assert names(page) == ["Second", "First"]


def test_a_meeting_no_longer_listed_drops_out_with_a_word_about_it(client):
    kept = MeetingFactory(name="Kept")
    closed = MeetingFactory(name="Closed", status=Status.ARCHIVED)
    page = soup(shortlist(client, kept.slug, closed.slug, "no-such-meeting"))
    assert names(page) == ["Kept"]
    assert "no longer listed" in page.select_one(".notice").text


def test_each_meeting_can_be_removed_by_a_link_without_it(client):
    first, second = MeetingFactory(), MeetingFactory()
    page = soup(shortlist(client, first.slug, second.slug))
    remove = page.find("a", {"data-remove-meeting": first.slug})["href"]
    assert names(soup(client.get(remove))) == [second.name]


def test_the_link_to_keep_and_the_calendar_hold_the_same_meetings(client):
    first, second = MeetingFactory(), MeetingFactory()
    page = soup(shortlist(client, first.slug, second.slug))
    link = page.find(id="shortlist-link")["value"]
    assert link.endswith(f"/en/my-meetings/?m={first.slug}%2C{second.slug}")
    calendar = page.find("a", string="Add my meetings to your calendar")["href"]
    assert [str(event["SUMMARY"]) for event in parsed(client.get(calendar)).events] == ["Meeting"] * 2


def test_with_the_parents_zone_the_dates_are_on_their_clock(client):
    meeting = MeetingFactory(timezone="America/New_York")
    page = soup(shortlist(client, meeting.slug, tz="America/Chicago"))
    assert "meeting time" in page.select_one(".result__when").text


def test_an_empty_shortlist_says_how_to_save_and_sets_no_cookie(client):
    response = client.get(reverse("shortlist"))
    assert "You have not saved any meetings yet" in response.content.decode()
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_every_result_and_meeting_page_offers_save_as_a_link_to_a_shortlist(client):
    meeting = MeetingFactory()
    for page in (soup(client.get(meeting.get_absolute_url())),
                 soup(client.get("/en/", {"near": "40.44,-79.99"}))):
        save = page.find("a", {"data-save-meeting": meeting.slug})
        assert save["href"] == f"/en/my-meetings/?m={meeting.slug}"


@pytest.mark.browser
def test_a_parent_saves_two_meetings_and_opens_her_list_in_a_fresh_browser(browser, live_server):
    from tests.factories import PITTSBURGH

    for name in ("Morning Hope", "Evening Calm", "Not Saved"):
        MeetingFactory(name=name)
    phone = {"viewport": {"width": 390, "height": 844}, "base_url": live_server.url}
    mine = browser.new_context(**phone)
    page = mine.new_page()
    page.goto(f"/en/?near={PITTSBURGH[0]},{PITTSBURGH[1]}")
    for name in ("Morning Hope", "Evening Calm"):
        page.get_by_role("button", name=f"Save {name} to My meetings").click()
        assert page.get_by_role("button", name=f"Save {name} to My meetings").get_attribute(
            "aria-pressed") == "true"
    page.get_by_role("link", name="My meetings").click()
    page.wait_for_url("**/my-meetings/?m=*")
    assert sorted(page.locator("article.result h2").all_inner_texts()) == ["Evening Calm", "Morning Hope"]
    link = page.get_by_label("Bookmark this page").input_value()
    mine.close()

    fresh = browser.new_context(**phone)
    page = fresh.new_page()
    page.goto(link)
    assert sorted(page.locator("article.result h2").all_inner_texts()) == ["Evening Calm", "Morning Hope"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Add my meetings to your calendar").click()
    calendar = download.value.path().read_text()
    assert calendar.count("BEGIN:VEVENT") == 2 and calendar.count("BEGIN:VALARM") == 2
    fresh.close()
