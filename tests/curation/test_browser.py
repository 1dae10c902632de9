"""The curation loop in headless Chromium: a visitor suggests a meeting, a moderator approves
it, a parent finds it; a coach verifies a listing and shares it in a collection that opens
for a stranger by its link."""
import re
from contextlib import contextmanager

import pytest
from django.utils import timezone

from meetings.models import Meeting, Status
from tests.factories import CoachFactory, MeetingFactory, ModeratorFactory

pytestmark = pytest.mark.browser


@contextmanager
def another_person(browser, live_server):
    """A separate browser (its own cookies), as a different person on another device."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_suggested_meeting_is_approved_and_found_by_a_parent(page, browser, live_server, log_in):
    moderator = ModeratorFactory()

    page.goto("/en/suggest/")
    page.get_by_label("Name", exact=True).fill("Moms in Recovery")
    page.get_by_label("Fellowship").select_option("na")
    page.get_by_label("Weekday").select_option("3")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Address").fill("200 Ross St, Pittsburgh, PA 15219")
    page.get_by_label("Children", exact=True).select_option("childcare")
    page.get_by_label("Mothers", exact=True).check()
    page.get_by_label("Your first name (optional)").fill("Sam")
    page.get_by_role("button", name="Send suggestion").click()
    page.wait_for_url("**/suggest/thanks/")
    assert not Meeting.objects.exists()

    with another_person(browser, live_server) as moderator_page:
        log_in(moderator_page, moderator)
        moderator_page.goto("/en/moderate/")
        assert "1 waiting" in moderator_page.locator("[data-waiting-total]").inner_text()
        moderator_page.get_by_role("link", name="Moms in Recovery").click()
        assert moderator_page.locator("tr[data-field=children] ins").inner_text() == "Childcare provided"
        moderator_page.get_by_role("button", name="Approve", exact=True).click()
        moderator_page.wait_for_url("**/moderate/")
        assert "0 waiting" in moderator_page.locator("[data-waiting-total]").inner_text()

    assert Meeting.objects.get().status == Status.PUBLISHED
    with another_person(browser, live_server) as parent_page:
        parent_page.goto("/en/?near=40.44,-79.99")
        assert "Moms in Recovery" in parent_page.locator("article.result h2").all_inner_texts()


def test_a_coach_verifies_a_listing_and_shares_it_with_a_stranger(page, browser, live_server, log_in):
    coach = CoachFactory()
    meeting = MeetingFactory(name="Evening Hope", last_verified=None)

    log_in(page, coach)
    page.goto("/en/collections/")
    page.get_by_label("Name").fill("Evening meetings that welcome kids, East End")
    page.get_by_label("Anyone with the link").check()
    page.get_by_role("button", name="Create collection").click()
    page.wait_for_url(re.compile(r"/collections/[\w-]{20,}/$"))

    page.goto(f"/en/meetings/{meeting.slug}/edit/")
    page.get_by_role("button", name=re.compile("mark verified")).click()
    page.wait_for_url(f"**/meetings/{meeting.slug}/")
    meeting.refresh_from_db()
    assert meeting.last_verified == timezone.localdate()
    assert f"{meeting.last_verified.day} {meeting.last_verified:%B %Y}" in page.content()

    page.goto(f"/en/meetings/{meeting.slug}/collect/")
    page.get_by_label("Collection").select_option(label="Evening meetings that welcome kids, East End")
    page.get_by_role("button", name="Add to collection").click()
    page.wait_for_url(f"**/meetings/{meeting.slug}/")

    page.goto("/en/collections/")
    page.get_by_role("link", name="Evening meetings that welcome kids, East End").click()
    share_url = page.locator("[data-share-url]").input_value()

    with another_person(browser, live_server) as stranger:
        stranger.goto(share_url)
        assert stranger.get_by_role("heading", level=1).inner_text() == (
            "Evening meetings that welcome kids, East End")
        assert "Evening Hope" in stranger.locator(".result__name").all_inner_texts()
        assert stranger.get_by_role("button", name=re.compile("Remove")).count() == 0


def test_a_coachs_changes_survive_still_meets_and_each_check_says_how(page, live_server, log_in):
    coach = CoachFactory()
    meeting = MeetingFactory(name="Morning Light", children="unknown", last_verified=None)
    other = MeetingFactory(name="Noon Serenity", last_verified=None)
    log_in(page, coach)

    page.goto(f"/en/meetings/{meeting.slug}/edit/")
    page.get_by_label("Children", exact=True).select_option(label="Childcare provided")
    page.get_by_role("button", name=re.compile("Still meets as listed")).click()
    page.wait_for_url(f"**/meetings/{meeting.slug}/")
    meeting.refresh_from_db()
    assert (meeting.children, meeting.last_verified) == ("childcare", timezone.localdate())
    assert "Checked by a peer coach: Edited the listing" in page.content()

    page.goto(f"/en/meetings/{other.slug}/")
    page.get_by_label("How did you check?").select_option(label="Phone call")
    page.get_by_label("Note (optional)").fill("Spoke to the secretary.")
    page.get_by_role("button", name=re.compile("Still meets here")).click()
    page.wait_for_url(f"**/meetings/{other.slug}/")
    assert "Checked by a peer coach: Phone call" in page.content()
    assert other.checks.get().note == "Spoke to the secretary."
