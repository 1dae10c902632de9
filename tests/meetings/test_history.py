"""Every change to a meeting is kept: by whom or from where, when, each field before and
after; moderators read it on the meeting and can revert."""
import pytest
from django.urls import reverse
from django.utils import timezone

from curation.submissions import approve
from meetings.history import meeting_history, revert_meeting, save_meeting
from meetings.models import Focus, Language, Meeting
from tests.factories import (
    CoachFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    change_data,
)

pytestmark = pytest.mark.django_db


def test_a_coachs_edit_is_recorded_with_who_and_each_field_before_and_after(client):
    meeting = MeetingFactory(name="Old name", children="unknown")
    coach = CoachFactory(email="robin@example.org")
    client.force_login(coach)

    response = client.post(reverse("meeting-edit", kwargs={"slug": meeting.slug}),
                           change_data(meeting, name="New name", children="welcome", focus=["mothers"]))

    assert response.status_code == 302
    latest = meeting_history(meeting)[0]
    assert latest.record.history_user == coach
    assert latest.who == "robin@example.org"
    assert latest.reason == "Edited by a peer coach (checked)"
    assert {(c.field, c.before, c.after) for c in latest.changes} == {
        ("name", "Old name", "New name"),
        ("children", "Not known", "Children welcome"),
        ("focus", "—", "Mothers"),
        # An edit counts as a check.
        ("last_verified", str(meeting.last_verified), str(timezone.localdate())),
    }
    assert meeting.history.count() == 2  # created, then this edit: one record per save


def test_a_change_of_languages_shows_in_the_history_page(client):
    meeting = MeetingFactory(languages=["en"])
    save_meeting(meeting, save_related=lambda: meeting.languages.set(
        Language.objects.filter(code__in=["en", "es"])))
    client.force_login(ModeratorFactory())

    response = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug}))

    assert response.status_code == 200
    (change,) = meeting_history(meeting)[0].changes
    assert (change.field, change.before, change.after) == ("languages", "English", "English, Spanish")


def test_an_approved_submission_is_named_in_the_history(client):
    moderator = ModeratorFactory()
    submission = SubmissionFactory()
    approve(submission.pk, moderator)
    meeting = Meeting.objects.get()
    (created,) = meeting_history(meeting)
    assert created.kind == "Created"
    assert created.reason == f"Approved new meeting request #{submission.pk}"
    assert created.record.history_user == moderator


def test_an_import_is_named_as_the_source():
    meeting = MeetingFactory()
    meeting.name = "Renamed by the feed"
    save_meeting(meeting, reason="Import: Pittsburgh AA feed")
    latest = meeting_history(meeting)[0]
    assert latest.who.startswith("Village")
    assert latest.reason == "Import: Pittsburgh AA feed"


def test_revert_restores_fields_and_focus_and_is_recorded_too():
    meeting = MeetingFactory(name="First", focus=["fathers"])
    save_meeting(meeting, reason="setup")
    first_version = meeting.history.first().history_id
    meeting.name = "Second"
    meeting.children = "welcome"
    save_meeting(meeting, save_related=lambda: meeting.focus.set(Focus.objects.filter(slug="mothers")))

    moderator = ModeratorFactory()
    revert_meeting(meeting, first_version, by=moderator)

    meeting.refresh_from_db()
    assert meeting.name == "First"
    assert meeting.children == "unknown"
    assert list(meeting.focus.values_list("slug", flat=True)) == ["fathers"]
    latest = meeting_history(meeting)[0]
    assert latest.reason.startswith("Reverted to the version of")
    assert latest.record.history_user == moderator


def test_a_reverted_closure_publishes_the_meeting_again():
    from curation.models import SubmissionKind
    from meetings.models import Status

    meeting = MeetingFactory()
    save_meeting(meeting, reason="listed")
    published_version = meeting.history.first().history_id
    closure = SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=meeting, proposed={})
    approve(closure.pk, ModeratorFactory())
    revert_meeting(meeting, published_version, by=ModeratorFactory())
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED


def test_moderators_read_the_history_page_and_revert_from_it(client):
    meeting = MeetingFactory(name="First")
    save_meeting(meeting, reason="listed")
    meeting.name = "Second"
    save_meeting(meeting, reason="renamed")
    client.force_login(ModeratorFactory())

    page = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug})).content.decode()
    assert "<del>First</del>" in page and "<ins>Second</ins>" in page
    assert "Revert to this version" in page

    oldest = meeting.history.last().history_id
    url = reverse("meeting-revert", kwargs={"slug": meeting.slug, "history_id": oldest})
    assert client.get(url).status_code == 200  # the preview, which changes nothing
    response = client.post(url, {"latest": meeting.history.first().history_id})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.name == "First"


def test_reverting_to_a_version_of_another_meeting_is_not_found(client):
    meeting, other = MeetingFactory(), MeetingFactory()
    save_meeting(other, reason="x")
    client.force_login(ModeratorFactory())
    response = client.post(reverse("meeting-revert", kwargs={
        "slug": meeting.slug, "history_id": other.history.first().history_id}))
    assert response.status_code == 404


def test_the_history_of_a_meeting_saved_without_any_record_is_empty_not_an_error(client):
    meeting = MeetingFactory()
    meeting.history.all().delete()  # as bulk-created demo and imported meetings are
    client.force_login(ModeratorFactory())

    response = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug}))

    assert response.status_code == 200
    assert meeting_history(meeting) == []
    assert "No recorded changes yet." in response.content.decode()
