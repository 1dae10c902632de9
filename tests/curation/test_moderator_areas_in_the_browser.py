"""A whole-site moderator limits another to a feed source from the roles page, in headless
Chromium; the limited moderator's queue then holds only requests about that source's meetings."""
import pytest

from curation.models import ModeratorArea, SubmissionKind
from meetings.listing import current_listing
from tests.factories import FeedSourceFactory, MeetingFactory, ModeratorFactory, SubmissionFactory

pytestmark = pytest.mark.browser


def test_a_moderator_limits_another_to_a_feed_source(page, log_in):
    boss = ModeratorFactory(email="boss@example.org")
    helper = ModeratorFactory(email="helper@example.org")
    source = FeedSourceFactory(name="Pittsburgh AA")
    imported = MeetingFactory(name="Imported Group", source=source, source_slug="imported")
    listing = current_listing(imported)
    about_source = SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=imported, baseline=listing,
                                     proposed={**listing, "start_time": "12:30"})
    elsewhere = SubmissionFactory()

    log_in(page, boss)
    page.goto("/en/accounts/roles/")
    page.get_by_role("link", name="Areas of helper@example.org").click()
    page.get_by_label("Feed source").select_option(label="Pittsburgh AA")
    page.get_by_role("button", name="Add feed source").click()

    page.wait_for_url(f"**/moderate/moderators/{helper.pk}/areas/")
    assert "Feed source: Pittsburgh AA" in page.locator("[data-area]").inner_text()
    assert ModeratorArea.objects.get(moderator=helper).source == source

    page.context.clear_cookies()
    log_in(page, helper)
    page.goto("/en/moderate/")
    shown = page.locator("[data-submission]")
    assert shown.count() == 1
    assert shown.first.get_attribute("data-submission") == str(about_source.pk)
    page.goto(f"/en/moderate/{elsewhere.pk}/")
    assert "outside the areas you moderate" in page.locator("main").inner_text()
