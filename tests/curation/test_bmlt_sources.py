"""A moderator registers a BMLT root server as a feed source on the site, and previews it."""
import shutil

import pytest
from django.urls import reverse

from feeds.models import FeedFormat, FeedSource
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory, ModeratorFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db

BMLT_SOURCE = {"name": "Philadelphia Area NA", "location": "https://bmlt.example.org/main_server/",
               "format": "bmlt", "fellowship": "na", "type_codes": "",
               "default_timezone": "America/New_York", "refresh_hours": "24", "active": "on"}


@pytest.fixture
def moderator(client):
    person = ModeratorFactory()
    client.force_login(person)
    return person


def test_the_add_form_offers_a_bmlt_root_server(client, moderator):
    page = soup(client.get(reverse("feed-source-add")))
    options = [option["value"] for option in page.select("select[name=format] option")]
    assert "bmlt" in options


def test_a_bmlt_root_server_is_saved_as_a_source(client, moderator):
    response = client.post(reverse("feed-source-add"), BMLT_SOURCE)
    assert response.status_code == 302
    source = FeedSource.objects.get()
    assert (source.format, source.location) == (FeedFormat.BMLT, BMLT_SOURCE["location"])


def test_type_codes_for_a_bmlt_source_are_refused_by_field(client, moderator):
    response = client.post(reverse("feed-source-add"), {**BMLT_SOURCE, "type_codes": "aa"})
    assert response.status_code == 400
    errors = soup(response).select_one(".error-summary").get_text(" ", strip=True)
    assert "Type codes" in errors and "world ids" in errors
    assert not FeedSource.objects.exists()


def test_previewing_a_bmlt_source_lists_the_meetings_it_would_create(client, moderator, tmp_path):
    path = tmp_path / "bmlt.json"
    shutil.copy(DATA / "bmlt" / "server.json", path)
    source = FeedSourceFactory(location=str(path), format=FeedFormat.BMLT, fellowship="na")
    page = soup(client.get(reverse("feed-source-preview", args=[source.pk])))
    created = page.select("section.preview")[0].get_text(" ", strip=True)
    assert created.startswith("Would be created (5)") and "Monday Night Hope" in created
    assert not Meeting.objects.exists()
