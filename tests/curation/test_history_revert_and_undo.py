"""Going back in a meeting's history is previewed first and confirmed, refused when the meeting
changed since the preview; one field's change is undone alone, leaving later changes; versions
are named to the second with who made them and their role; an approved request names who asked."""
from datetime import UTC, datetime, time

import pytest
from django.urls import reverse

from curation.submissions import approve
from meetings.history import meeting_history, save_meeting
from meetings.models import Focus, Meeting
from tests.factories import CoachFactory, MeetingFactory, ModeratorFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def changed_three_times(name="First"):
    """A meeting renamed (to "Second"), then moved from 12:00 to 19:00, then given the focus
    "fathers", each by a coach."""
    meeting = MeetingFactory(name=name, start_time=time(12))
    coach = CoachFactory()
    meeting.name = "Second"
    save_meeting(meeting, by=coach, reason="Edited by a peer coach (checked)")
    meeting.start_time = time(19)
    save_meeting(meeting, by=coach, reason="Edited by a peer coach (checked)")
    save_meeting(meeting, by=coach, reason="Edited by a peer coach (checked)",
                 save_related=lambda: meeting.focus.set(Focus.objects.filter(slug="fathers")))
    return meeting


@pytest.fixture
def three_changes():
    return changed_three_times()


def version(meeting, back):
    """The id of the version `back` saves before the latest (0 is the latest)."""
    return list(meeting.history.order_by("-history_date", "-history_id").values_list(
        "history_id", flat=True))[back]


def revert_url(meeting, history_id):
    return reverse("meeting-revert", kwargs={"slug": meeting.slug, "history_id": history_id})


def undo_url(meeting, history_id, field):
    return reverse("meeting-undo-field", kwargs={"slug": meeting.slug, "history_id": history_id,
                                                 "field": field})


@pytest.fixture
def moderator(client):
    person = ModeratorFactory(first_name="Ana", last_name="")
    client.force_login(person)
    return person


def test_the_revert_preview_lists_exactly_what_would_change_and_changes_nothing(client, moderator,
                                                                                three_changes):
    meeting = three_changes
    before = meeting.history.count()

    response = client.get(revert_url(meeting, version(meeting, 3)))

    assert response.status_code == 200
    assert [(c.field, c.before, c.after) for c in response.context["changes"]] == [
        ("name", "Second", "First"), ("start_time", "19:00", "12:00"), ("focus", "Fathers", "—")]
    assert meeting.history.count() == before
    meeting.refresh_from_db()
    assert meeting.name == "Second"


def test_confirming_the_preview_reverts_and_names_the_version_to_the_second(client, moderator,
                                                                           three_changes):
    meeting = three_changes
    target = meeting.history.get(history_id=version(meeting, 3))

    response = client.post(revert_url(meeting, target.history_id), {"latest": version(meeting, 0)})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.name, meeting.start_time, meeting.focus.count()) == ("First", time(12), 0)
    assert meeting.start_week_minute == 1 * 24 * 60 + 12 * 60  # Monday 12:00, kept with the time
    latest = meeting_history(meeting)[0]
    assert latest.reason == f"Reverted to the version of {target.history_date:%Y-%m-%d %H:%M:%S} UTC"


def test_a_confirmation_after_the_meeting_changed_is_refused_clearly(client, moderator, three_changes):
    meeting = three_changes
    shown_latest = version(meeting, 0)
    meeting.notes = "Changed by someone else meanwhile"
    save_meeting(meeting, reason="someone else")

    response = client.post(revert_url(meeting, version(meeting, 4)), {"latest": shown_latest})

    assert response.status_code == 409
    assert "changed since you opened this preview" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.name == "Second"
    # The fresh preview carries the new latest version, to confirm again.
    assert response.context["latest"] == version(meeting, 0)


def test_a_confirmation_without_the_previews_version_is_a_400_naming_it(client, moderator, three_changes):
    response = client.post(revert_url(three_changes, version(three_changes, 3)))
    assert response.status_code == 400
    assert "latest" in response.content.decode()


def test_a_middle_change_is_undone_alone_leaving_the_later_ones(client, moderator, three_changes):
    meeting = three_changes
    renamed = version(meeting, 2)
    url = undo_url(meeting, renamed, "name")

    preview = client.get(url)
    assert preview.status_code == 200
    change = preview.context["undo"].change
    assert (change.before, change.after) == ("Second", "First")
    assert client.post(url, {"latest": version(meeting, 0)}).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.name, meeting.start_time) == ("First", time(19))
    assert list(meeting.focus.values_list("slug", flat=True)) == ["fathers"]
    latest = meeting_history(meeting)[0]
    assert [c.field for c in latest.changes] == ["name"]
    stamp = meeting.history.get(history_id=renamed).history_date
    assert latest.reason == f"Undid the change of name from {stamp:%Y-%m-%d %H:%M:%S} UTC"


def test_a_change_of_focus_is_undone_alone(client, moderator, three_changes):
    meeting = three_changes
    client.post(undo_url(meeting, version(meeting, 0), "focus"), {"latest": version(meeting, 0)})
    meeting.refresh_from_db()
    assert (meeting.name, meeting.focus.count(), meeting.focus_bits) == ("Second", 0, 0)


def test_undoing_a_change_made_again_later_is_refused_and_offers_nothing(client, moderator,
                                                                         three_changes):
    meeting = three_changes
    renamed = version(meeting, 2)
    meeting.name = "Third"
    save_meeting(meeting, reason="renamed again")

    preview = client.get(undo_url(meeting, renamed, "name"))
    page = preview.content.decode()
    assert "was changed again later" in page and 'name="latest"' not in page
    response = client.post(undo_url(meeting, renamed, "name"), {"latest": version(meeting, 0)})
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.name == "Third"


def test_versions_are_named_to_the_second_in_the_readers_zone_with_who_and_role(client, moderator):
    meeting = MeetingFactory(name="First")
    meeting.name = "Second"
    meeting._history_date = datetime(2026, 12, 3, 19, 5, 9, tzinfo=UTC)
    save_meeting(meeting, by=moderator, reason="Edited by a peer coach (checked)")
    moderator.coach_profile.timezone = "America/New_York"
    moderator.coach_profile.save()

    page = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug})).content.decode()

    assert "3 December 2026 14:05:09 EST, by Ana (moderator)" in page
    assert "Edited and checked" in page


def test_an_approved_request_reads_requested_by_and_approved_by(client, moderator):
    named = SubmissionFactory(first_name="Maria")
    approve(named.pk, moderator)
    unnamed = SubmissionFactory(first_name="")
    approve(unnamed.pk, moderator)

    for submission, requester in ((named, "Maria"), (unnamed, "a visitor")):
        submission.refresh_from_db()
        meeting = Meeting.objects.get(pk=submission.meeting_id)
        page = client.get(reverse("meeting-history", kwargs={"slug": meeting.slug})).content.decode()
        assert (f"Requested by {requester}, approved by Ana (moderator) (request #{submission.pk})"
                in page)


@pytest.mark.parametrize("path", ["revert", "undo"])
def test_only_moderators_preview_or_confirm_and_a_bad_version_is_a_404(client, three_changes, path):
    meeting = three_changes
    url = (revert_url(meeting, version(meeting, 3)) if path == "revert"
           else undo_url(meeting, version(meeting, 2), "name"))

    assert client.get(url).status_code == 302  # to log in
    client.force_login(CoachFactory())
    assert client.get(url).status_code == 403
    assert client.post(url, {"latest": version(meeting, 0)}).status_code == 403
    client.force_login(ModeratorFactory())
    assert client.get(url).status_code == 200
    other = MeetingFactory()
    assert client.get(revert_url(meeting, other.history.first().history_id)).status_code == 404
    assert client.get(undo_url(meeting, 999999, "name")).status_code == 404
    assert client.get(undo_url(meeting, version(meeting, 2), "start_time")).status_code == 404
    assert client.get(undo_url(meeting, version(meeting, 2), "no_such_field")).status_code == 404
    meeting.refresh_from_db()
    assert meeting.name == "Second"
