"""Approve with edits keeps and lets the moderator set "location approximate", and holds the
coaches' time rules; a plain approval of a listing that breaks them says why."""
from datetime import time

import pytest
from django.urls import reverse

from curation.models import Submission, SubmissionStatus
from curation.submissions import DecisionError, approve
from tests.factories import PITTSBURGH, MeetingFactory, ModeratorFactory, SubmissionFactory, change_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def moderator(client):
    """Every test here is a moderator's, signed in."""
    client.force_login(person := ModeratorFactory())
    return person


def review_url(submission):
    return reverse("submission-review", kwargs={"pk": submission.pk})


def approve_edited(client, submission, **edits):
    """Post the moderator's edit form as the review page fills it, with `edits` changed
    (a value of None leaves the field out, as an unticked box is)."""
    form = client.get(review_url(submission)).context["edit_form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in edits:
            value = edits[name]
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        data[f"edit-{name}"] = value
    return client.post(review_url(submission), {**data, "action": "approve_edited"})


def approximate_suggestion(**proposed):
    submission = SubmissionFactory()
    submission.proposed = {**submission.proposed, "location_approximate": True, **proposed}
    submission.save()
    return submission


def test_the_edit_form_offers_location_approximate_ticked_as_proposed(client):
    page = client.get(review_url(approximate_suggestion()))

    box = page.context["edit_form"]["location_approximate"]
    assert box.value() is True
    assert 'name="edit-location_approximate"' in page.content.decode()


def test_approve_with_edits_keeps_location_approximate(client):
    submission = approximate_suggestion()

    response = approve_edited(client, submission, name="Moms in Recovery (Tuesdays)")

    assert response.status_code == 302
    meeting = Submission.objects.get().meeting
    assert meeting.name == "Moms in Recovery (Tuesdays)"
    assert meeting.location_approximate is True


def test_the_moderator_can_say_the_location_is_exact(client):
    response = approve_edited(client, approximate_suggestion(), location_approximate=None)

    assert response.status_code == 302
    assert Submission.objects.get().meeting.location_approximate is False


def test_the_moderator_can_say_the_location_is_approximate(client):
    submission = SubmissionFactory()  # placed exactly

    approve_edited(client, submission, location_approximate=True)

    assert Submission.objects.get().meeting.location_approximate is True


def test_a_change_request_approved_with_edits_keeps_the_meetings_flag(client):
    meeting = MeetingFactory(location_approximate=True)
    proposed = {"name": "Renamed", "latitude": PITTSBURGH[0], "longitude": PITTSBURGH[1]}
    submission = SubmissionFactory(kind="change", meeting=meeting, proposed=proposed,
                                   baseline={"name": meeting.name})

    assert approve_edited(client, submission).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.name, meeting.location_approximate) == ("Renamed", True)


def test_approve_with_edits_refuses_an_end_before_the_start_unless_past_midnight(client):
    submission = SubmissionFactory()

    response = approve_edited(client, submission, start_time="10:00", end_time="09:00",
                              crosses_midnight=None)

    assert response.status_code == 400
    assert "before the start" in response.context["edit_form"].errors["end_time"][0]
    assert Submission.objects.get().status == SubmissionStatus.PENDING


def test_approve_with_edits_refuses_a_meeting_over_six_hours(client):
    response = approve_edited(client, SubmissionFactory(), start_time="10:00", end_time="17:00")

    assert response.status_code == 400
    assert "6 hours" in response.context["edit_form"].errors["end_time"][0]
    assert Submission.objects.get().is_pending


def test_approve_with_edits_takes_a_meeting_past_midnight_when_the_moderator_says_so(client):
    response = approve_edited(client, SubmissionFactory(), start_time="22:30", end_time="00:30",
                              crosses_midnight=True)

    assert response.status_code == 302
    assert Submission.objects.get().meeting.duration_minutes == 120


def test_a_plain_approval_of_10_to_9_is_refused_and_points_to_approve_with_edits(client, moderator):
    # Sent before the forms asked, or through a route that did not: stored as 10:00 to 09:00.
    submission = SubmissionFactory()
    submission.proposed = {**submission.proposed, "start_time": "10:00", "end_time": "09:00"}
    submission.save()

    with pytest.raises(DecisionError) as error:
        approve(submission.pk, moderator)
    assert "approve with edits" in error.value.message
    assert "End time" in error.value.message and "6 hours" in error.value.message

    response = client.post(review_url(submission), {"action": "approve"}, follow=True)
    page = response.content.decode()
    assert "approve with edits" in page and "End time" in page
    assert Submission.objects.get().is_pending


def test_a_change_request_that_leaves_the_position_keeps_the_approximate_flag(client, moderator):
    meeting = MeetingFactory(location_approximate=True)
    client.logout()
    client.post(reverse("submission-change", args=[meeting.slug]), change_data(meeting, name="Renamed"))
    submission = Submission.objects.get()
    client.force_login(moderator)

    page = client.get(review_url(submission))
    assert [change.field for change in page.context["review"].changes] == ["name"]
    approve(submission.pk, moderator)

    meeting.refresh_from_db()
    assert (meeting.name, meeting.location_approximate) == ("Renamed", True)
