"""Which language a page speaks: its address says so (/en/, /es/), else the browser does."""
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import MeetingFactory
from tests.pages import NEAR, soup

pytestmark = pytest.mark.django_db


def test_an_address_without_a_language_goes_to_the_browsers_language(client):
    response = client.get("/", {"near": NEAR}, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == f"/es/?near={NEAR.replace(',', '%2C')}"


def test_a_browser_that_asks_for_no_language_we_speak_gets_english(client):
    response = client.get("/meetings/some-group/", HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.8")
    assert response["Location"] == "/en/meetings/some-group/"


def test_a_shared_spanish_link_stays_spanish_whatever_the_browser_says(client):
    page = soup(client.get("/es/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert page.html["lang"] == "es"
    assert page.select_one(".site-header__home")["href"] == "/es/"


def test_every_page_says_its_language(client):
    meeting = MeetingFactory()
    english = meeting.get_absolute_url()
    with translation.override("es"):
        spanish = meeting.get_absolute_url()
    assert (english, spanish) == (f"/en/meetings/{meeting.slug}/", f"/es/meetings/{meeting.slug}/")
    assert soup(client.get(spanish)).html["lang"] == "es"
    assert soup(client.get(english)).html["lang"] == "en"


def test_the_switcher_opens_the_same_search_in_the_other_language(client):
    page = soup(client.get(reverse("search"), {"near": NEAR, "children": "welcome"}))
    switch = page.select_one('a[hreflang="es"]')
    assert switch["href"] == f"/es/?near={NEAR.replace(',', '%2C')}&children=welcome"
    assert switch.get_text(strip=True) == "Español"
    assert switch["lang"] == "es"


def test_the_api_answers_in_the_language_the_client_asks_for(client):
    response = client.get("/api/v1/search/", {"near": NEAR, "free": "whenever"},
                          HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "free" in response.json()
    english = client.get("/api/v1/search/", {"near": NEAR, "free": "whenever"})
    assert response.json()["free"] != english.json()["free"]


def test_the_api_and_the_admin_have_no_language_prefix(client):
    assert reverse("api-search") == "/api/v1/search/"
    assert reverse("admin:index") == "/admin/"
