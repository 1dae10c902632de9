"""The quick exit: a setting with a neutral, everyday US page by default, and a keyboard hint
only where there is a keyboard (checked in Chromium)."""
import runpy
from pathlib import Path

import pytest

from tests.factories import MeetingFactory
from tests.pages import soup

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def test_the_quick_exit_defaults_to_a_us_weather_page(monkeypatch):
    monkeypatch.delenv("QUICK_EXIT_URL", raising=False)
    assert runpy.run_path(str(SETTINGS))["VILLAGE_QUICK_EXIT_URL"] == "https://www.weather.gov/"


def test_the_quick_exit_target_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("QUICK_EXIT_URL", "https://www.example.org/news")
    assert runpy.run_path(str(SETTINGS))["VILLAGE_QUICK_EXIT_URL"] == "https://www.example.org/news"


@pytest.mark.django_db
def test_every_page_sends_the_quick_exit_to_the_configured_page(client, settings):
    settings.VILLAGE_QUICK_EXIT_URL = "https://www.example.org/news"
    page = soup(client.get(MeetingFactory().get_absolute_url()))
    assert page.select_one("a.quick-exit")["href"] == "https://www.example.org/news"


def keyboard_hint_visible(browser, live_server, **device) -> bool:
    context = browser.new_context(base_url=live_server.url, **device)
    try:
        page = context.new_page()
        page.goto("/en/")
        # village.js shows the hint once it can act on the keys; CSS hides it on touch screens.
        page.wait_for_function("!document.querySelector('[data-quick-exit-keys]').hidden")
        return page.locator("[data-quick-exit-keys]").is_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_the_keyboard_hint_is_hidden_on_a_touch_phone(browser, live_server):
    assert not keyboard_hint_visible(browser, live_server, viewport=PHONE, has_touch=True)


@pytest.mark.browser
def test_the_keyboard_hint_shows_on_a_desktop(browser, live_server):
    assert keyboard_hint_visible(browser, live_server, viewport=DESKTOP)


@pytest.mark.browser
def test_a_narrow_desktop_window_still_shows_the_keyboard_hint(browser, live_server):
    assert keyboard_hint_visible(browser, live_server, viewport=PHONE)


@pytest.mark.browser
def test_the_privacy_link_shows_beside_the_quick_exit_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, has_touch=True)
    try:
        page = context.new_page()
        page.goto("/en/")
        page.get_by_role("link", name="Staying private on this device").click()
        page.wait_for_url("**/privacy/")
        assert page.get_by_role("heading", level=1).inner_text() == "Staying private on this device"
    finally:
        context.close()
