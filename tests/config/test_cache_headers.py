"""Pages that show what a parent looks for tell the browser to keep no copy (Cache-Control:
no-store), so that nothing comes back from its cache after they leave."""
import pytest
from django.urls import reverse

from tests.factories import CoachFactory, CollectionFactory, MeetingFactory
from tests.pages import search

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_the_search_page_and_its_results_are_not_stored(client):
    assert no_store(client.get(reverse("search")))
    assert no_store(search(client))
    assert no_store(search(client, radius_km="nearby"))  # a search with an error, too


def test_a_meeting_page_is_not_stored(client):
    assert no_store(client.get(MeetingFactory().get_absolute_url()))


def test_a_collection_and_a_coachs_list_of_collections_are_not_stored(client):
    coach = CoachFactory()
    collection = CollectionFactory(owner=coach)
    assert no_store(client.get(collection.get_absolute_url()))
    client.force_login(coach)
    assert no_store(client.get(reverse("collection-list")))


def test_every_calendar_download_is_not_stored(client):
    meeting = MeetingFactory()
    collection = CollectionFactory()
    for url in (reverse("meeting-calendar", args=[meeting.slug]),
                reverse("collection-calendar", args=[collection.token]),
                f"{reverse('search-calendar')}?near=15222"):
        assert no_store(client.get(url)), url


def test_the_search_api_answers_are_not_stored_either(client):
    assert no_store(client.get(reverse("api-search"), {"near": "40.44,-79.99"}))
    assert no_store(client.get(reverse("api-search"), {"near": "40.44,-79.99", "days": "funday"}))
