"""The curation pages as one site with the parent pages: the header each role sees, status
messages after an action, hints and errors tied to their fields, and "last checked" on every
listing a parent reads (django-allauth's pages in our layout: tests/accounts/test_pages.py)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CoachFactory,
    CollectionFactory,
    MeetingFactory,
    ModeratorFactory,
    UserFactory,
)
from tests.pages import NEAR, soup

pytestmark = pytest.mark.django_db




def header_links(page):
    return {link.get_text(strip=True): link["href"] for link in page.select("nav.site-nav a")}


def long_date(day):
    return f"{day.day} {day:%B %Y}"


# ---- The header ------------------------------------------------------------------------------

@pytest.mark.parametrize("role, expected, hidden", [
    (None, {"Suggest a meeting", "Log in"}, {"Your account", "Collections", "Moderate"}),
    ("parent", {"Suggest a meeting", "Your account"}, {"Log in", "Collections", "Moderate"}),
    ("coach", {"Suggest a meeting", "Your account", "Collections"}, {"Log in", "Moderate"}),
    ("moderator", {"Suggest a meeting", "Your account", "Collections", "Moderate"}, {"Log in"}),
])
def test_the_header_offers_each_role_its_own_links(client, role, expected, hidden):
    if role is not None:
        factory = {"parent": UserFactory, "coach": CoachFactory, "moderator": ModeratorFactory}[role]
        client.force_login(factory())
    links = header_links(soup(client.get("/en/")))
    assert expected <= set(links)
    assert not hidden & set(links)
    routes = {"Suggest a meeting": "submission-new", "Log in": "account_login",
              "Your account": "account-profile", "Collections": "collection-list",
              "Moderate": "moderation-queue"}
    for name in expected:
        assert links[name] == reverse(routes[name]), name


def test_logging_out_from_the_header_is_a_post_form(client):
    client.force_login(UserFactory())
    form = soup(client.get("/en/")).select_one("nav.site-nav form")
    assert form["method"] == "post" and form["action"] == reverse("account_logout")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    assert form.find("button", type="submit").get_text(strip=True) == "Log out"


def test_a_visitor_gets_no_log_out_form_and_so_no_cookie(client):
    response = client.get("/en/")
    assert soup(response).select_one("nav.site-nav form") is None
    assert not response.cookies


def test_the_quick_exit_comes_before_the_navigation(client):
    client.force_login(ModeratorFactory())
    page = soup(client.get("/en/"))
    exit_link = page.select_one("a.quick-exit")
    first_nav_link = page.select_one("nav.site-nav a")
    assert exit_link.sourceline < first_nav_link.sourceline


def test_the_header_marks_the_page_you_are_on(client):
    page = soup(client.get(reverse("submission-new")))
    current = page.select("nav.site-nav [aria-current=page]")
    assert [link.get_text(strip=True) for link in current] == ["Suggest a meeting"]


# ---- Messages --------------------------------------------------------------------------------

def test_a_message_confirms_an_action_once_in_a_status_region(client):
    client.force_login(CoachFactory())
    meeting = MeetingFactory(last_verified=None)
    response = client.post(reverse("meeting-verify", kwargs={"slug": meeting.slug}), follow=True)
    page = soup(response)
    region = page.select_one("main .messages")
    assert region["role"] == "status"
    messages = [message.get_text(strip=True) for message in page.select(".message")]
    assert messages == [f"Marked verified: still meets here, checked on "
                        f"{long_date(timezone.localdate())}."]
    assert "message--success" in page.select_one(".message")["class"]
    again = soup(client.get(meeting.get_absolute_url()))
    assert again.select(".message") == []


def test_an_error_message_is_styled_as_an_error(client):
    moderator = ModeratorFactory()
    client.force_login(moderator)
    response = client.post(reverse("account-roles"), {"user": moderator.pk, "role": "parent"},
                           follow=True)
    message = soup(response).select_one(".message")
    assert "message--error" in message["class"]
    assert "own moderator role" in message.get_text()


# ---- Hints and errors are tied to their fields ---------------------------------------------

def test_every_described_by_points_at_a_hint_or_error_on_the_page(client):
    response = client.post(reverse("submission-new"), {"name": "", "email": "not an email"})
    page = soup(response)
    described = page.select("main [aria-describedby]")
    assert len(described) > 3
    for element in described:
        for target in element["aria-describedby"].split():
            assert page.find(id=target) is not None, (element.get("name"), target)


# ---- Last checked ----------------------------------------------------------------------------

def test_each_search_result_says_when_it_was_last_checked(client):
    fresh = MeetingFactory(name="Fresh", last_verified=timezone.localdate() - timedelta(days=3))
    MeetingFactory(name="Never checked", last_verified=None)
    page = soup(client.get("/en/", {"near": NEAR}))
    cards = {card.select_one("h2").get_text(strip=True): card for card in page.select("article.result")}
    fresh_line = cards["Fresh"].select_one(".last-checked")
    assert fresh_line.get_text(strip=True) == f"Last checked {long_date(fresh.last_verified)}"
    assert "last-checked--stale" not in fresh_line["class"]
    stale_line = cards["Never checked"].select_one(".last-checked")
    assert "last-checked--stale" in stale_line["class"]
    assert stale_line.get_text(strip=True).startswith("Not checked yet")


def test_a_result_checked_too_long_ago_is_flagged_stale(client, settings):
    settings.VILLAGE_STALE_AFTER_DAYS = 30
    old = MeetingFactory(last_verified=timezone.localdate() - timedelta(days=31))
    line = soup(client.get("/en/", {"near": NEAR})).select_one("article.result .last-checked")
    assert "last-checked--stale" in line["class"]
    assert f"Last checked {long_date(old.last_verified)}" in line.get_text()


def test_the_meeting_page_says_when_it_was_last_checked(client):
    meeting = MeetingFactory(last_verified=timezone.localdate() - timedelta(days=5))
    page = soup(client.get(meeting.get_absolute_url()))
    line = page.select_one(".meeting .last-checked")
    assert line.get_text(strip=True) == f"Last checked {long_date(meeting.last_verified)}"
    assert page.select_one(".warning") is None


def test_a_stale_meeting_page_warns_with_the_date_instead(client):
    meeting = MeetingFactory(last_verified=timezone.localdate() - timedelta(days=400))
    page = soup(client.get(meeting.get_absolute_url()))
    assert page.select_one(".meeting .last-checked") is None
    warning = page.select_one(".warning").get_text(" ", strip=True)
    assert "Check before you go" in warning and long_date(meeting.last_verified) in warning


def test_a_shared_collection_names_the_meetings_zone_as_people_say_it(client):
    collection = CollectionFactory()
    collection.meetings.add(MeetingFactory(timezone="America/Los_Angeles"))
    page = soup(client.get(collection.get_absolute_url()))
    assert "Los Angeles time" in page.select_one(".result__when").get_text()
    assert page.select_one(".result .last-checked") is not None
