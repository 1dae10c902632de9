"""The moderation queue: oldest first, filters, counts, approve (with edits), reject, bulk."""
from datetime import time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from curation.models import Submission, SubmissionKind, SubmissionStatus
from curation.submissions import DecisionError, approve, reject
from meetings.models import Meeting, Status
from tests.factories import MeetingFactory, ModeratorFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    person = ModeratorFactory()
    client.force_login(person)
    return person


def aged(submission, days):
    Submission.objects.filter(pk=submission.pk).update(created=timezone.now() - timedelta(days=days))
    return submission


def change_of(meeting, **proposed):
    from meetings.listing import current_listing

    listing = current_listing(meeting)
    return SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=meeting, baseline=listing,
                             proposed={**listing, **proposed})


def queue_ids(response):
    return [row.submission.pk for row in response.context["page"]]


def test_the_queue_lists_waiting_submissions_oldest_first_with_counts(client, moderator):
    newer = aged(SubmissionFactory(), 1)
    older = aged(SubmissionFactory(), 5)
    closure = aged(SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=MeetingFactory(), proposed={}), 3)
    SubmissionFactory(status=SubmissionStatus.REJECTED)

    response = client.get(reverse("moderation-queue"))

    assert queue_ids(response) == [older.pk, closure.pk, newer.pk]
    assert response.context["counts"] == {"total": 3, "new": 2, "change": 0, "closure": 1,
                                         "conflicts": 0}
    assert "3 waiting" in response.content.decode()


def test_the_queue_filters_by_kind_and_area(client, moderator):
    pittsburgh = SubmissionFactory()
    denver = SubmissionFactory(proposed={**SubmissionFactory().proposed, "address": "1 Main St, Denver, CO",
                                         "timezone": "America/Denver"})
    closure = SubmissionFactory(kind=SubmissionKind.CLOSURE, proposed={},
                                meeting=MeetingFactory(timezone="America/Denver",
                                                       address="9 Elm, Boulder, CO"))
    Submission.objects.exclude(pk__in=[pittsburgh.pk, denver.pk, closure.pk]).delete()

    url = reverse("moderation-queue")
    assert queue_ids(client.get(url, {"kind": "closure"})) == [closure.pk]
    assert queue_ids(client.get(url, {"area": "America/Denver"})) == [denver.pk, closure.pk]
    assert queue_ids(client.get(url, {"area": "pittsburgh"})) == [pittsburgh.pk]
    assert queue_ids(client.get(url, {"area": "Boulder", "kind": "new"})) == []


def test_approving_a_new_meeting_publishes_it_and_emails_the_outcome(
        moderator, django_capture_on_commit_callbacks):
    submission = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission.pk, moderator)

    submission.refresh_from_db()
    meeting = submission.meeting
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.decided_by == moderator
    assert meeting.status == Status.PUBLISHED
    assert meeting.name == "Moms in Recovery"
    assert list(meeting.focus.values_list("slug", flat=True)) == ["mothers"]
    assert meeting.last_verified == timezone.localdate()
    assert "approved" in mail.outbox[-1].subject
    assert meeting.get_absolute_url() in mail.outbox[-1].body


def test_approving_a_change_applies_it(moderator):
    meeting = MeetingFactory(children="unknown")
    submission = change_of(meeting, children="welcome")
    approve(submission.pk, moderator)
    meeting.refresh_from_db()
    assert meeting.children == "welcome"
    assert Meeting.objects.count() == 1


def test_approving_a_closure_archives_and_never_deletes(moderator):
    meeting = MeetingFactory()
    submission = SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=meeting, proposed={})
    approve(submission.pk, moderator)
    meeting.refresh_from_db()
    assert meeting.status == Status.ARCHIVED


def test_the_review_page_shows_each_changed_field_before_and_after(client, moderator):
    meeting = MeetingFactory(children="unknown", start_time=time(12, 0))
    submission = change_of(meeting, children="welcome", start_time="18:30", end_time="19:30")

    response = client.get(reverse("submission-review", kwargs={"pk": submission.pk}))

    changes = {change.field: (change.before, change.after) for change in response.context["review"].changes}
    assert changes == {"children": ("Not known", "Children welcome"), "start_time": ("12:00", "18:30"),
                       "end_time": ("13:00", "19:30")}
    page = response.content.decode()
    assert "<del>Not known</del>" in page and "<ins>Children welcome</ins>" in page


def test_the_review_flags_fields_that_changed_since_the_request(client, moderator):
    meeting = MeetingFactory(children="unknown")
    submission = change_of(meeting, children="welcome")
    Meeting.objects.filter(pk=meeting.pk).update(children="adults_only")
    response = client.get(reverse("submission-review", kwargs={"pk": submission.pk}))
    assert response.context["review"].drifted


def test_approving_a_change_keeps_edits_made_since_it_was_sent(moderator):
    meeting = MeetingFactory(children="unknown", notes="")
    submission = change_of(meeting, children="welcome")
    Meeting.objects.filter(pk=meeting.pk).update(notes="Enter by the side door")  # a coach, later

    approve(submission.pk, moderator)

    meeting.refresh_from_db()
    assert meeting.children == "welcome"
    assert meeting.notes == "Enter by the side door"


def test_submitted_html_is_shown_escaped(client, moderator):
    proposed = {**SubmissionFactory.build().proposed, "name": "<script>alert(1)</script>"}
    submission = SubmissionFactory(proposed=proposed, message="<b>hi</b>")
    page = client.get(reverse("submission-review", kwargs={"pk": submission.pk})).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;hi&lt;/b&gt;" in page


def test_the_moderator_sees_the_submitters_contact_details(client, moderator):
    submission = SubmissionFactory(first_name="Sam", email="sam@example.org")
    page = client.get(reverse("submission-review", kwargs={"pk": submission.pk})).content.decode()
    assert "sam@example.org" in page


def test_contact_details_never_reach_the_public_meeting_page(client, moderator):
    submission = SubmissionFactory(first_name="Samwise", email="sam@example.org")
    approve(submission.pk, moderator)
    client.logout()
    page = client.get(Submission.objects.get().meeting.get_absolute_url()).content.decode()
    assert "sam@example.org" not in page and "Samwise" not in page


def test_approve_with_edits_applies_the_moderators_listing(client, moderator):
    submission = SubmissionFactory()
    edited = {**submission.proposed, "name": "Moms in Recovery (Wednesday)", "weekday": "3",
              "latitude": "40.44", "longitude": "-79.99", "wheelchair_accessible": "unknown",
              "focus": ["mothers", "parents"], "medication_supportive": "on"}
    response = client.post(reverse("submission-review", kwargs={"pk": submission.pk}),
                           {**{f"edit-{key}": value for key, value in edited.items()},
                            "action": "approve_edited"})
    assert response.status_code == 302
    meeting = Submission.objects.get().meeting
    assert meeting.name == "Moms in Recovery (Wednesday)"
    assert meeting.weekday == 3
    assert sorted(meeting.focus.values_list("slug", flat=True)) == ["mothers", "parents"]


def test_approve_with_invalid_edits_changes_nothing(client, moderator):
    meeting = MeetingFactory(name="Unchanged")
    submission = change_of(meeting, name="Changed")
    response = client.post(reverse("submission-review", kwargs={"pk": submission.pk}),
                           {"edit-name": "", "edit-weekday": "8", "action": "approve_edited"})
    assert response.status_code == 400
    assert "name" in response.context["edit_form"].errors
    meeting.refresh_from_db()
    assert meeting.name == "Unchanged"
    assert Submission.objects.get().status == SubmissionStatus.PENDING


def test_a_proposal_that_is_no_longer_valid_cannot_be_approved_without_edits(moderator):
    proposed = {**SubmissionFactory.build().proposed, "timezone": "Nowhere/Land"}
    submission = SubmissionFactory(proposed=proposed)
    with pytest.raises(DecisionError) as error:
        approve(submission.pk, moderator)
    assert "timezone" in error.value.form.errors
    assert not Meeting.objects.exists()
    assert Submission.objects.get(pk=submission.pk).is_pending


def test_rejecting_needs_a_reason_and_tells_the_submitter(
        client, moderator, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(name="Kept")
    submission = SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=meeting, proposed={})
    url = reverse("submission-review", kwargs={"pk": submission.pk})

    assert client.post(url, {"action": "reject", "reason": ""}).status_code == 400
    assert Submission.objects.get().is_pending

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "reject", "reason": "It still meets; we called them."})
    assert response.status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.REJECTED
    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    assert "we called them" in mail.outbox[-1].body


def test_a_decided_submission_cannot_be_decided_again(moderator):
    submission = SubmissionFactory()
    reject(submission.pk, moderator, "Duplicate")
    with pytest.raises(DecisionError, match="already rejected"):
        approve(submission.pk, moderator)
    assert not Meeting.objects.exists()


def test_bulk_approve_and_reject(client, moderator):
    first, second, third = SubmissionFactory(), SubmissionFactory(), SubmissionFactory()
    url = reverse("moderation-queue")
    response = client.post(url, {"submissions": [first.pk, second.pk], "action": "approve"})
    assert response.status_code == 302
    assert Meeting.objects.published().count() == 2

    assert client.post(url, {"submissions": [third.pk], "action": "reject"}).status_code == 400
    assert Submission.objects.get(pk=third.pk).is_pending
    client.post(url, {"submissions": [third.pk], "action": "reject", "reason": "Spam"})
    assert Submission.objects.get(pk=third.pk).status == SubmissionStatus.REJECTED


def test_bulk_actions_refuse_submissions_that_no_longer_wait(client, moderator):
    decided = SubmissionFactory(status=SubmissionStatus.REJECTED)
    waiting = SubmissionFactory()
    response = client.post(reverse("moderation-queue"),
                           {"submissions": [decided.pk, waiting.pk], "action": "approve"})
    assert response.status_code == 400
    assert f"{decided.pk} is no longer waiting" in response.content.decode()
    assert Submission.objects.get(pk=waiting.pk).is_pending


def test_bulk_approval_goes_on_past_an_invalid_listing(moderator):
    from curation.submissions import decide_many

    broken = SubmissionFactory(proposed={**SubmissionFactory.build().proposed, "name": ""})
    fine = SubmissionFactory()
    outcome = decide_many([broken.pk, fine.pk], "approve", moderator)
    assert outcome.done == [fine.pk]
    assert list(outcome.failed) == [broken.pk]
