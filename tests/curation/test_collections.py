"""Coaches' collections: named lists of meetings, private or open to anyone with the link."""
import pytest
from django.urls import reverse

from curation.models import Collection
from meetings.models import Status
from tests.factories import CoachFactory, CollectionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_coach_creates_a_collection_and_adds_a_meeting_from_its_page(client):
    coach = CoachFactory()
    meeting = MeetingFactory(name="Evening Hope")
    client.force_login(coach)

    response = client.post(reverse("collection-list"), {
        "name": "Evening meetings that welcome kids, East End", "description": "", "visibility": "link"})
    collection = Collection.objects.get()
    assert response.url == collection.get_absolute_url()
    assert collection.owner == coach

    response = client.post(reverse("meeting-collect", kwargs={"slug": meeting.slug}),
                           {"collection": collection.token})
    assert response.status_code == 302
    assert list(collection.meetings.all()) == [meeting]


def test_a_stranger_opens_a_shared_collection_by_its_link(client):
    collection = CollectionFactory(visibility="link")
    collection.meetings.add(MeetingFactory(name="Evening Hope"))
    page = client.get(collection.get_absolute_url())
    assert page.status_code == 200
    assert "Evening Hope" in page.content.decode()
    assert "Remove" not in page.content.decode()


def test_a_private_collection_is_not_found_by_anyone_but_its_owner(client):
    collection = CollectionFactory(visibility="private")
    assert client.get(collection.get_absolute_url()).status_code == 404
    client.force_login(CoachFactory())
    assert client.get(collection.get_absolute_url()).status_code == 404
    client.force_login(collection.owner)
    assert client.get(collection.get_absolute_url()).status_code == 200


def test_the_link_is_unguessable_and_a_new_link_retires_the_old(client):
    collection = CollectionFactory()
    old_url = collection.get_absolute_url()
    assert len(collection.token) >= 24
    client.force_login(collection.owner)
    client.post(reverse("collection-new-link", kwargs={"token": collection.token}))
    collection.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(collection.get_absolute_url()).status_code == 200


def test_strangers_see_only_published_meetings_in_a_collection(client):
    collection = CollectionFactory()
    collection.meetings.add(MeetingFactory(name="Still Meets"), MeetingFactory(name="Long Gone",
                                                                              status=Status.ARCHIVED))
    page = client.get(collection.get_absolute_url()).content.decode()
    assert "Still Meets" in page and "Long Gone" not in page
    client.force_login(collection.owner)
    assert "Long Gone" in client.get(collection.get_absolute_url()).content.decode()


def test_a_coach_cannot_add_to_another_coachs_collection(client):
    collection = CollectionFactory()
    meeting = MeetingFactory()
    client.force_login(CoachFactory())
    response = client.post(reverse("meeting-collect", kwargs={"slug": meeting.slug}),
                           {"collection": collection.token})
    assert response.status_code == 403
    assert not collection.meetings.exists()


def test_adding_to_a_collection_that_does_not_exist_names_the_field(client):
    client.force_login(CoachFactory())
    response = client.post(reverse("meeting-collect", kwargs={"slug": MeetingFactory().slug}),
                           {"collection": "no-such-token"})
    assert response.status_code == 400
    assert "no such collection" in response.context["form"].errors["collection"][0]


def test_the_owner_renames_removes_and_deletes(client):
    collection = CollectionFactory(name="Old")
    meeting = MeetingFactory()
    collection.meetings.add(meeting)
    client.force_login(collection.owner)

    client.post(reverse("collection-edit", kwargs={"token": collection.token}),
                {"name": "New", "description": "", "visibility": "private"})
    collection.refresh_from_db()
    assert (collection.name, collection.visibility) == ("New", "private")

    client.post(reverse("collection-remove", kwargs={"token": collection.token, "slug": meeting.slug}))
    assert not collection.meetings.exists()

    client.post(reverse("collection-delete", kwargs={"token": collection.token}))
    assert not Collection.objects.exists()


def test_a_nameless_or_badly_shared_collection_is_refused(client):
    client.force_login(CoachFactory())
    response = client.post(reverse("collection-list"), {"name": "", "visibility": "everyone"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "visibility"}
    assert not Collection.objects.exists()
