"""The Pittsburgh mother's week, played in headless Chromium in English and in Spanish, with
JavaScript and without: free on weekday evenings after 20:30 and on Saturday mornings, bringing
her 3-year-old, wanting a harm-reduction welcome that supports her medication."""
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext

from meetings.models import ChildrenPolicy, Philosophy
from meetings.schedule import Weekday
from tests.factories import PITTSBURGH, MeetingFactory

pytestmark = pytest.mark.browser

HER_ZONE = ZoneInfo("America/New_York")
PHONE = {"width": 390, "height": 844}
BROWSER_LANGUAGE = {"en": "en-US", "es": "es-MX"}
WELCOMING = dict(children=ChildrenPolicy.WELCOME, philosophy=Philosophy.HARM_REDUCTION,
                 medication_supportive=True, timezone="America/New_York")
# (name, weekday, start, how it differs from what she needs); each lasts an hour.
MEETINGS = [
    ("Tuesday Late", Weekday.TUESDAY, time(21, 0), {}),
    ("Friday After Bedtime", Weekday.FRIDAY, time(20, 30), {}),
    ("Saturday Morning", Weekday.SATURDAY, time(9, 0), {"children": ChildrenPolicy.CHILDCARE}),
    ("Wednesday Lunch", Weekday.WEDNESDAY, time(12, 30), {}),
    ("Thursday Afternoon", Weekday.THURSDAY, time(13, 30), {}),
    ("Monday Before Bedtime", Weekday.MONDAY, time(20, 0), {}),
    ("Saturday Night", Weekday.SATURDAY, time(21, 0), {}),
    ("Sunday Morning", Weekday.SUNDAY, time(9, 0), {}),
    ("Late But Adults Only", Weekday.TUESDAY, time(21, 0), {"children": ChildrenPolicy.ADULTS_ONLY}),
    ("Late But Abstinence Only", Weekday.WEDNESDAY, time(21, 0),
     {"philosophy": Philosophy.ABSTINENCE_ONLY}),
    ("Late Without Medication Support", Weekday.THURSDAY, time(21, 0),
     {"medication_supportive": False}),
]
FITS = ["Friday After Bedtime", "Saturday Morning", "Tuesday Late"]


def in_her_windows(start: datetime) -> bool:
    """Weekday evenings from 20:30 to midnight, Saturday mornings 08:00 to 12:00, on her clock,
    for an hour-long meeting."""
    local = start.astimezone(HER_ZONE)
    minute = local.hour * 60 + local.minute
    if local.weekday() < 5:
        return 20 * 60 + 30 <= minute <= 23 * 60 - 1
    return local.weekday() == 5 and 8 * 60 <= minute <= 11 * 60


@pytest.fixture
def her_town():
    for name, weekday, start, difference in MEETINGS:
        MeetingFactory(name=name, weekday=weekday, start_time=start,
                       end_time=time(start.hour + 1, start.minute), **{**WELCOMING, **difference})


def words(language: str, english: str) -> str:
    """What the page says for `english` in `language`; in Spanish, never the English itself."""
    with translation.override(language):
        said = gettext(english)
    assert language == "en" or said != english, f"{english!r} has no Spanish"
    return said


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pittsburgh_mothers_week(browser, live_server, her_town, language, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE,
                                  base_url=live_server.url, locale=BROWSER_LANGUAGE[language],
                                  timezone_id="America/New_York")
    page = context.new_page()
    page.goto("/")  # no language in the address: the browser's own
    assert page.url == f"{live_server.url}/{language}/"
    assert page.locator("html").get_attribute("lang") == language

    page.get_by_label(words(language, "Where are you?")).fill(f"{PITTSBURGH[0]},{PITTSBURGH[1]}")
    page.get_by_label(words(language, "Other free times (optional)")).fill("mon-fri@20:30-23:59")
    page.locator("#free-sat-1").check()  # Saturday, morning (08:00-12:00)
    page.locator('input[name="children"][value="welcome"]').check()
    page.locator("summary", has_text=words(language, "More choices")).click()
    page.locator('input[name="philosophy"][value="harm_reduction"]').check()
    page.get_by_label(words(language, "Welcomes people on methadone or buprenorphine")).check()
    page.get_by_role("button", name=words(language, "Find meetings")).click()
    page.wait_for_url(re.compile(rf"/{language}/\?.*free="))

    cards = page.locator("article.result")
    assert sorted(cards.locator("h2").all_inner_texts()) == FITS
    for card in cards.all():
        start = datetime.fromisoformat(card.locator(".result__when time").get_attribute("datetime"))
        assert in_her_windows(start), card.locator("h2").inner_text()
        reasons = card.locator(".reasons li").all_inner_texts()
        assert words(language, "Harm-reduction friendly") in reasons
        assert words(language, "Welcomes people on methadone or buprenorphine") in reasons
    clock = cards.first.locator(".result__when time").inner_text()
    assert ("pm" in clock or "am" in clock) if language == "en" else re.search(r"\b\d{1,2}:\d{2}$", clock)

    if javascript:
        for name in ("Tuesday Late", "Saturday Morning"):
            save = page.locator("article.result", has_text=name).locator("[data-save-meeting]")
            save.click()
            assert save.get_attribute("aria-pressed") == "true"
            assert save.inner_text().startswith(words(language, "Saved ✓"))
        page.get_by_role("link", name=words(language, "My meetings"), exact=True).click()
        page.wait_for_url(re.compile(r"/my-meetings/\?m="))
        link = page.locator("#shortlist-link").input_value()
        saved = ["Saturday Morning", "Tuesday Late"]
    else:
        # Without JavaScript, "Save" is a link to a list of that meeting, to bookmark or send.
        page.locator("article.result", has_text="Tuesday Late").locator("[data-save-meeting]").click()
        page.wait_for_url(re.compile(r"/my-meetings/\?m="))
        link = page.url
        saved = ["Tuesday Late"]
    context.close()

    fresh = browser.new_context(java_script_enabled=javascript, viewport=PHONE,
                                base_url=live_server.url, locale="en-US")
    page = fresh.new_page()
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == language  # the link keeps its language
    assert sorted(page.locator("article.result h2").all_inner_texts()) == saved
    with page.expect_download() as download:
        page.get_by_role("link", name=words(language, "Add my meetings to your calendar")).click()
    calendar = download.value.path().read_text()
    assert calendar.count("BEGIN:VEVENT") == len(saved) == calendar.count("BEGIN:VALARM")
    assert f"SUMMARY:{words(language, 'Meeting')}" in calendar
    fresh.close()
