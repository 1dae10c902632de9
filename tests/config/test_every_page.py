"""What every page a parent uses must carry, through Django's test client: a quick exit that
works without JavaScript, nothing loaded from another site, and no cookies."""
from datetime import time
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import MeetingFactory
from tests.pages import search, soup

pytestmark = pytest.mark.django_db





# ---- Every page ------------------------------------------------------------------------------

@pytest.fixture
def every_page(client):
    meeting = MeetingFactory(start_time=time(18, 0))
    return {
        "home": client.get("/en/"),
        "results": search(client),
        "empty": search(client, avoid="17:00-20:30"),
        "errors": client.get("/en/", {"near": "95,200"}),
        "meeting": client.get(meeting.get_absolute_url()),
        "not found": client.get("/en/meetings/nothing-here/"),
    }


def test_every_page_has_a_quick_exit_that_works_without_javascript(every_page, settings):
    for name, response in every_page.items():
        page = soup(response)
        exit_link = page.select_one("a.quick-exit")
        assert exit_link is not None, name
        assert exit_link["href"] == settings.VILLAGE_QUICK_EXIT_URL, name
        assert "noreferrer" in exit_link["rel"], name
        assert page.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", name
        assert page.select_one("main#main") is not None and page.select_one("a.skip-link"), name


def test_no_page_loads_anything_from_another_site(every_page):
    for name, response in every_page.items():
        page = soup(response)
        assets = [tag.get("src") for tag in page.find_all(["script", "img", "iframe", "source"])]
        assets += [tag.get("href") for tag in page.find_all("link")]
        assert assets, name
        for asset in assets:
            # data: is inline (the empty favicon that spares the browser a request).
            assert asset and asset.startswith(("/static/", "data:")), (name, asset)
        for style in page.find_all(style=True):
            assert "url(" not in style["style"], name
    css = Path(finders.find("css/village.css")).read_text()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    script = Path(finders.find("js/village.js")).read_text()
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "://" not in script


def test_a_parent_browsing_gets_no_cookies(client):
    meeting = MeetingFactory()
    for response in (client.get("/en/"), search(client), client.get(meeting.get_absolute_url())):
        assert not response.cookies, response.request["PATH_INFO"]
