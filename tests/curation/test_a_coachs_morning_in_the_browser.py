"""A peer coach's morning in headless Chromium: log in as the demo coach that seed_demo makes,
set the area by ZIP code, open My area, verify two stale listings (one by phone, one by
visit), be refused a 20:00 to 19:00 meeting, fix one listing's children policy and see it
counted as checked, build a collection from search results, print its flyer (one page holding
every meeting's address and a QR code of the share link) and open its calendar subscription
as a stranger."""
import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from accounts.people import DEMO_PEOPLE
from accounts.roles import Role
from curation.models import ListingCheck
from tests.curation.test_flyer_in_the_browser import qr_text
from tests.factories import PITTSBURGH, MeetingFactory

pytestmark = pytest.mark.browser
LONG_AGO = timezone.localdate() - timedelta(days=400)


def test_a_coachs_morning(page, browser, live_server, settings):
    settings.DEBUG = True  # the demo people exist only then
    call_command("seed_demo", count=1, stdout=StringIO())
    coach = next(person for person in DEMO_PEOPLE if person.role == Role.COACH)
    first = MeetingFactory(name="Aaa Sunrise Group", last_verified=None,
                           address="11 Penn Ave, Pittsburgh, PA 15222")
    second = MeetingFactory(name="Bbb Lunch Group", last_verified=LONG_AGO,
                            address="22 Liberty Ave, Pittsburgh, PA 15222")
    third = MeetingFactory(name="Ccc Evening Group", last_verified=LONG_AGO, children="unknown",
                           latitude=PITTSBURGH[0] + 0.05, address="33 Murray Ave, Pittsburgh, PA 15217")

    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(coach.email)
    page.locator("input[name=password]").fill(coach.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/profile/")
    page.get_by_label("Place or ZIP code").fill("15222")
    page.get_by_label("Radius (km)").fill("25")
    page.get_by_role("button", name="Save area").click()
    page.wait_for_url("**/accounts/profile/")

    page.get_by_role("link", name="My area", exact=True).first.click()
    page.wait_for_url("**/coach/area/")
    assert "need a check" in page.locator(".area-counts").inner_text()
    for meeting, how in ((first, "Phone call"), (second, "Visit")):
        listing = page.locator(".area-listing", has_text=meeting.name)
        listing.get_by_label("How did you check?").select_option(label=how)
        listing.get_by_role("button", name=re.compile("Still meets here")).click()
        page.wait_for_url("**/coach/area/")
        assert page.locator(".area-listing", has_text=meeting.name).count() == 0
    assert sorted(ListingCheck.objects.values_list("how", flat=True)) == ["phone", "visit"]

    page.locator(".area-listing", has_text=third.name).get_by_role("link", name="Edit listing").click()
    page.get_by_label("Children", exact=True).select_option(label="Children welcome")
    page.get_by_label("Start time").fill("20:00")
    page.get_by_label("End time").fill("19:00")
    page.get_by_role("button", name="Save listing").click()
    assert "past midnight" in page.locator(".field--error").first.inner_text()
    third.refresh_from_db()
    assert third.children == "unknown"

    page.get_by_label("End time").fill("21:00")
    page.get_by_role("button", name="Save listing").click()
    page.wait_for_url(f"**/meetings/{third.slug}/")
    assert "Checked by a peer coach: Edited the listing" in page.content()
    third.refresh_from_db()
    assert (third.children, third.last_verified) == ("welcome", timezone.localdate())

    page.goto("/en/collections/")
    page.get_by_label("Name").fill("Mornings and evenings, East End")
    page.get_by_label("Anyone with the link").check()
    page.get_by_role("button", name="Create collection").click()
    page.wait_for_url(re.compile(r"/collections/[\w-]{20,}/$"))
    share_url = page.locator("[data-share-url]").input_value()
    page.goto("/en/?near=15222&radius_km=25")
    for meeting in (first, second, third):
        page.get_by_label(re.compile(f"Tick to add {meeting.name}")).check()
    page.get_by_label("Add the meetings you tick to").select_option(label="Mornings and evenings, East End")
    page.get_by_role("button", name="Add to collection").click()
    page.wait_for_url("**/?near=15222*")
    assert "Added 3 meetings" in page.locator(".messages").inner_text()

    page.goto(share_url + "flyer/")
    assert qr_text(page.locator(".flyer__qr svg").screenshot()) == share_url
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(printed.pages) == 1
    text = " ".join(printed.pages[0].extract_text().split())
    assert all(" ".join(meeting.address.split()) in text for meeting in (first, second, third))
    page.emulate_media(media="screen")

    page.goto(share_url)
    webcal = page.get_by_role("link", name=re.compile("Subscribe in your calendar app")).get_attribute("href")
    assert webcal.startswith("webcal://")
    stranger = browser.new_context(base_url=live_server.url)
    calendar = stranger.request.get("http://" + webcal.removeprefix("webcal://"))
    assert calendar.status == 200 and calendar.text().count("BEGIN:VEVENT") == 3
    stranger.close()

