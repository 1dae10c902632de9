"""Suggestions, change and closure requests: stored at once, validated, spam-proofed."""
import pytest
from django.core import mail
from django.urls import reverse

from curation.models import Submission, SubmissionKind, SubmissionStatus
from meetings.models import Meeting, Status
from tests.factories import MeetingFactory, UserFactory, change_data, new_meeting_data

pytestmark = pytest.mark.django_db


def test_a_suggestion_is_stored_pending_and_publishes_nothing(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submission-new"), new_meeting_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.kind == SubmissionKind.NEW_MEETING
    assert submission.status == SubmissionStatus.PENDING
    assert submission.proposed["name"] == "Moms in Recovery"
    assert submission.proposed["focus"] == ["mothers"]
    assert not Meeting.objects.exists()
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    submission.refresh_from_db()
    assert submission.receipt_sent_at is not None


def test_a_suggestion_without_email_sends_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("submission-new"), new_meeting_data(email=None))
    assert Submission.objects.count() == 1
    assert mail.outbox == []


def test_coordinates_and_zone_are_found_from_the_address(client):
    client.post(reverse("submission-new"), new_meeting_data(timezone=None))
    proposed = Submission.objects.get().proposed
    assert proposed["timezone"] == "America/New_York"
    assert proposed["latitude"] == pytest.approx(40.44, abs=0.05)
    assert proposed["location_approximate"] is True


def test_an_unknown_place_without_a_zone_asks_for_the_zone(client):
    response = client.post(reverse("submission-new"),
                           new_meeting_data(timezone=None, address="5 Nowhere Lane, Xanadu Vale"))
    assert response.status_code == 400
    assert "time zone" in response.context["form"].errors["timezone"][0]
    assert not Submission.objects.exists()


@pytest.mark.parametrize("field, value, words", [
    ("conference_url", "http://zoom.us/j/1", "https://"),
    ("conference_url", "javascript:alert(1)", "https://"),
    ("conference_phone", "call me maybe", "digits"),
    ("name", "x" * 201, "at most 200"),
    ("message", "x" * 1001, "at most 1000"),
    ("first_name", "x" * 41, "at most 40"),
    ("timezone", "Mars/Olympus", "not a time zone"),
    ("email", "not-an-email", "valid email"),
    ("weekday", "9", "valid choice"),
])
def test_bad_input_is_refused_naming_the_field_and_stores_nothing(client, field, value, words):
    response = client.post(reverse("submission-new"),
                           new_meeting_data(attendance="hybrid", **{field: value}))
    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    assert not Submission.objects.exists()


def test_a_tel_link_is_accepted_for_phones(client):
    response = client.post(reverse("submission-new"), new_meeting_data(
        attendance="online", address="", location_name="", conference_phone="tel:+1-646-558-8656"))
    assert response.status_code == 302


def test_the_honeypot_refuses_robots_and_stores_nothing(client):
    response = client.post(reverse("submission-new"), new_meeting_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "website" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_too_many_submissions_from_one_client_are_refused(client, settings):
    settings.VILLAGE_SUBMISSION_RATE = "2/h"
    for _ in range(2):
        assert client.post(reverse("submission-new"), new_meeting_data()).status_code == 302
    response = client.post(reverse("submission-new"), new_meeting_data())
    assert response.status_code == 429
    assert "You can send it in 1\xa0hour" in response.content.decode()
    assert Submission.objects.count() == 2
    other_client = client.post(reverse("submission-new"), new_meeting_data(), REMOTE_ADDR="10.1.2.3")
    assert other_client.status_code == 302


def test_the_forms_ask_for_a_first_name_only_and_say_why(client):
    page = client.get(reverse("submission-new")).content.decode()
    assert 'name="first_name"' in page
    assert "last_name" not in page
    assert "We never ask for last names" in page


def test_the_change_form_starts_from_the_current_listing(client):
    meeting = MeetingFactory(name="Tuesday Serenity", location_name="St. Paul's Hall")
    page = client.get(reverse("submission-change", kwargs={"slug": meeting.slug})).content.decode()
    assert 'value="Tuesday Serenity"' in page
    assert 'value="St. Paul&#x27;s Hall"' in page


def test_a_change_request_stores_the_edit_and_the_listing_as_it_was(client):
    meeting = MeetingFactory(name="Tuesday Serenity")
    response = client.post(reverse("submission-change", kwargs={"slug": meeting.slug}),
                           change_data(meeting, children="welcome"))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.kind == SubmissionKind.CHANGE
    assert submission.meeting == meeting
    assert submission.proposed["children"] == "welcome"
    assert submission.baseline["children"] == "unknown"
    meeting.refresh_from_db()
    assert meeting.children == "unknown"


def test_a_change_request_that_changes_nothing_is_refused(client):
    meeting = MeetingFactory()
    response = client.post(reverse("submission-change", kwargs={"slug": meeting.slug}), change_data(meeting))
    assert response.status_code == 400
    assert "did not change anything" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_closure_report_needs_to_say_how_they_know(client):
    meeting = MeetingFactory()
    url = reverse("submission-closure", kwargs={"slug": meeting.slug})
    assert client.post(url, {"first_name": "Jo"}).status_code == 400
    assert not Submission.objects.exists()
    assert client.post(url, {"message": "The church told us it stopped in May."}).status_code == 302
    assert Submission.objects.get().kind == SubmissionKind.CLOSURE


def test_requests_about_unpublished_meetings_are_not_found(client):
    meeting = MeetingFactory(status=Status.ARCHIVED)
    assert client.get(reverse("submission-change", kwargs={"slug": meeting.slug})).status_code == 404


def test_a_signed_in_parent_sees_their_requests_under_their_account(client):
    parent = UserFactory()
    client.force_login(parent)
    client.post(reverse("submission-new"), new_meeting_data(email=""))
    submission = Submission.objects.get()
    assert submission.submitter == parent
    assert submission.email == parent.email
    page = client.get(reverse("account-profile")).content.decode()
    assert "Moms in Recovery" in page
    assert "Waiting for review" in page
