"""Peer coaches edit listings directly, mark them verified and leave notes parents see."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curation.models import CoachNote
from tests.factories import (
    CoachFactory,
    CoachNoteFactory,
    MeetingFactory,
    ModeratorFactory,
    UserFactory,
    change_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(client):
    person = CoachFactory()
    client.force_login(person)
    return person


def test_verifying_sets_last_checked_to_today_and_the_listing_is_no_longer_stale(client, coach):
    meeting = MeetingFactory(last_verified=timezone.localdate() - timedelta(days=400))
    assert meeting.is_stale()
    response = client.post(reverse("meeting-verify", kwargs={"slug": meeting.slug}))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.last_verified == timezone.localdate()
    assert not meeting.is_stale()


def test_verify_goes_back_to_a_page_on_this_site_only(client, coach):
    meeting = MeetingFactory()
    url = reverse("meeting-verify", kwargs={"slug": meeting.slug})
    assert client.post(url, {"next": "/en/?near=15222"}).url == "/en/?near=15222"
    assert client.post(url, {"next": "//evil.example/"}).url == meeting.get_absolute_url()


def test_a_coach_edits_a_listing_directly(client, coach):
    meeting = MeetingFactory(children="unknown")
    response = client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                           change_data(meeting, children="childcare"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.children == "childcare"


def test_a_bad_edit_names_the_field_and_changes_nothing(client, coach):
    meeting = MeetingFactory(name="Kept")
    response = client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                           change_data(meeting, name="Changed", conference_url="ftp://x",
                                       attendance="hybrid"))
    assert response.status_code == 400
    assert "https://" in response.context["form"].errors["conference_url"][0]
    meeting.refresh_from_db()
    assert meeting.name == "Kept"
    assert meeting.history.count() == 1


def test_a_new_address_moves_the_map_point(client, coach):
    meeting = MeetingFactory(latitude=10.0, longitude=10.0)
    client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                change_data(meeting, address="1 Main St, Denver, CO 80202"))
    meeting.refresh_from_db()
    assert meeting.latitude == pytest.approx(39.75, abs=0.1)
    assert meeting.location_approximate


def test_a_coach_note_is_shown_to_parents_on_the_meeting_page(client, coach):
    meeting = MeetingFactory()
    response = client.post(reverse("coach-note-add", kwargs={"slug": meeting.slug}),
                           {"text": "Childcare room is downstairs, arrive 10 minutes early."})
    assert response.status_code == 302
    assert CoachNote.objects.get().author == coach

    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = Template("{% load curation %}{% coach_notes meeting %}").render(
        Context({"meeting": meeting, "request": request}))
    assert "Childcare room is downstairs" in html
    assert "Remove note" not in html


def test_an_empty_or_long_note_is_refused(client, coach):
    meeting = MeetingFactory()
    url = reverse("coach-note-add", kwargs={"slug": meeting.slug})
    assert client.post(url, {"text": ""}).status_code == 400
    response = client.post(url, {"text": "x" * 501})
    assert response.status_code == 400
    assert "at most 500" in response.context["form"].errors["text"][0]
    assert not CoachNote.objects.exists()


def test_coaches_remove_their_own_notes_and_moderators_any(client, coach):
    mine = CoachNoteFactory(author=coach)
    theirs = CoachNoteFactory()
    assert client.post(reverse("coach-note-delete", kwargs={"pk": theirs.pk})).status_code == 403
    assert client.post(reverse("coach-note-delete", kwargs={"pk": mine.pk})).status_code == 302
    client.force_login(ModeratorFactory())
    assert client.post(reverse("coach-note-delete", kwargs={"pk": theirs.pk})).status_code == 302
    assert not CoachNote.objects.exists()


def test_the_meeting_page_tools_depend_on_the_role(client):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    meeting = MeetingFactory()
    template = Template("{% load curation %}{% curation_tools meeting %}")

    def tools_for(user):
        request = RequestFactory().get(meeting.get_absolute_url())
        request.user = user
        return template.render(Context({"meeting": meeting, "request": request}))

    anonymous = tools_for(AnonymousUser())
    assert "Suggest a change" in anonymous and "mark verified" not in anonymous
    coach_tools = tools_for(CoachFactory())
    # A coach sees the history (to undo her own last change); only a moderator reverts.
    assert "mark verified" in coach_tools and "History" in coach_tools
    assert "History" in tools_for(ModeratorFactory())
    assert "History" not in tools_for(UserFactory())


def test_a_coach_enters_the_groups_own_contact_and_a_link_that_is_no_link_is_refused(client, coach):
    meeting = MeetingFactory()
    url = reverse("meeting-edit", kwargs={"slug": meeting.slug})

    refused = client.post(url, change_data(meeting, contact_website="ftp://group"))
    saved = client.post(url, change_data(meeting, contact_phone="+1 412 555 0100",
                                         contact_website="https://group.example.org"))

    assert refused.status_code == 400
    assert "https://" in refused.context["form"].errors["contact_website"][0]
    assert saved.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.contact_phone, meeting.contact_website) == (
        "+1 412 555 0100", "https://group.example.org")
