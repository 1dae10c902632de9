"""Reading the site's pages and downloads in tests, through Django's test client."""
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from tests.factories import PITTSBURGH

# Coordinates keep these tests off the ZIP gazetteer, which takes seconds to build.
NEAR = f"{PITTSBURGH[0]},{PITTSBURGH[1]}"


def soup(response):
    # Times keep "pm" beside them with a no-break space; the tests read it as a space.
    return BeautifulSoup(response.content.decode().replace("\u00a0", " "), "html.parser")


def search(client, **params):
    """The search page for a parent near Pittsburgh."""
    return client.get("/en/", {"near": NEAR, **params})


def parsed(response) -> Calendar:
    """A calendar download, once it is known to be one."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def spanish(name, **kwargs):
    """A page's address in Spanish (/es/…)."""
    with translation.override("es"):
        return reverse(name, **kwargs)


def english(name, **kwargs):
    """A page's address in English (/en/…)."""
    with translation.override("en"):
        return reverse(name, **kwargs)
