"""A coach's new meeting is published at once and recorded in its history; a coach sees a
listing's history and undoes her own last change, and no one else's."""
import pytest
from django.urls import reverse

from curation.models import Submission
from meetings.history import meeting_history
from meetings.models import Meeting, Status
from tests.factories import CoachFactory, MeetingFactory, UserFactory, change_data, new_meeting_data

pytestmark = pytest.mark.django_db


def test_a_coachs_new_meeting_is_published_at_once_and_the_history_says_who(client):
    coach = CoachFactory()
    client.force_login(coach)
    assert "published at once" in client.get(reverse("submission-new")).content.decode()

    response = client.post(reverse("submission-new"), new_meeting_data(name="Coach's Group"))

    meeting = Meeting.objects.get(name="Coach's Group")
    assert response.url == meeting.get_absolute_url()
    assert meeting.status == Status.PUBLISHED
    assert not Submission.objects.exists()
    (created,) = meeting_history(meeting)
    assert (created.record.history_user, created.reason) == (coach, "Added by a peer coach")


def test_a_coachs_bad_new_meeting_names_the_field_and_stores_nothing(client):
    client.force_login(CoachFactory())

    response = client.post(reverse("submission-new"), new_meeting_data(end_time="09:00",
                                                                      start_time="20:00"))

    assert response.status_code == 400
    assert "end_time" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_a_parents_suggestion_still_waits_for_a_moderator(client):
    client.force_login(UserFactory())
    client.post(reverse("submission-new"), new_meeting_data(name="Parent's Group"))
    assert not Meeting.objects.filter(name="Parent's Group").exists()
    assert Submission.objects.count() == 1


def test_a_coach_undoes_her_own_last_change(client):
    coach = CoachFactory()
    client.force_login(coach)
    meeting = MeetingFactory(name="Right name")
    client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                change_data(meeting, name="Wrong name"))
    page = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug}))
    assert page.status_code == 200 and "Undo my last change" in page.content.decode()

    response = client.post(reverse("meeting-undo", kwargs={"slug": meeting.slug}))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.name == "Right name"
    assert meeting_history(meeting)[0].reason == "Undid their own last change"


def test_a_coach_cannot_undo_a_change_someone_made_after_hers(client):
    coach, other = CoachFactory(), CoachFactory()
    meeting = MeetingFactory(name="First")
    client.force_login(coach)
    client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}), change_data(meeting, name="Hers"))
    client.force_login(other)
    meeting.refresh_from_db()
    client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}), change_data(meeting, name="Theirs"))
    client.force_login(coach)

    assert "Undo my last change" not in client.get(
        reverse("meeting-history", kwargs={"slug": meeting.slug})).content.decode()
    client.post(reverse("meeting-undo", kwargs={"slug": meeting.slug}))

    meeting.refresh_from_db()
    assert meeting.name == "Theirs"


def test_undo_is_refused_to_people_without_a_coachs_role(client):
    meeting = MeetingFactory()
    client.force_login(UserFactory())
    assert client.post(reverse("meeting-undo", kwargs={"slug": meeting.slug})).status_code == 403
