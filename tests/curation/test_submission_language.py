"""Curation's emails go out in the language their reader used: a submission keeps the language
its sender was answered in, the emails about it are written in it whoever or whatever sends them,
and a coach's digest (accounts keep no language for a person) in the site's default. These hold
without a Spanish catalogue of our own; test_spanish_text.py reads the Spanish itself.
"""
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import CoachProfile
from curation import stale
from curation.models import Submission
from tests.factories import (
    PITTSBURGH,
    CoachFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
    new_meeting_data,
)
from tests.pages import english, spanish

pytestmark = pytest.mark.django_db


def test_a_submission_sent_from_a_spanish_page_keeps_spanish(client):
    assert client.post(spanish("submission-new"), new_meeting_data()).status_code == 302
    assert Submission.objects.get().language == "es"


def test_a_submission_sent_from_an_english_page_keeps_english(client):
    assert client.post(english("submission-new"), new_meeting_data()).status_code == 302
    assert Submission.objects.get().language == "en"


def test_an_api_submission_keeps_the_language_it_asked_for(client):
    response = client.post(reverse("api-submissions"), {"kind": "new", **new_meeting_data()},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 201
    assert Submission.objects.get().language == "es"


def test_submissions_made_before_languages_were_kept_are_english():
    assert Submission._meta.get_field("language").default == "en"


def test_the_outcome_links_to_the_page_in_the_submitters_language(
        client, django_capture_on_commit_callbacks):
    """The moderator works in English; the Spanish submitter's link opens the Spanish page."""
    submission = SubmissionFactory(language="es")
    client.force_login(ModeratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english("submission-review", kwargs={"pk": submission.pk}),
                               {"action": "approve"})
    assert response.status_code == 302
    submission.refresh_from_db()
    (message,) = mail.outbox
    assert spanish("meeting-detail", kwargs={"slug": submission.meeting.slug}) in message.body
    assert english("meeting-detail", kwargs={"slug": submission.meeting.slug}) not in message.body


def test_the_stale_digest_is_written_in_the_sites_language_even_from_a_spanish_request():
    """Accounts keep no language for a person, so a coach's digest is in the site's default."""
    coach = CoachFactory(email="robin@example.org")
    CoachProfile.objects.update_or_create(user=coach, defaults={
        "area_name": "Pittsburgh", "latitude": PITTSBURGH[0], "longitude": PITTSBURGH[1]})
    meeting = MeetingFactory(last_verified=None)
    with translation.override("es"):
        assert stale.send_digest(CoachProfile.objects.get(user=coach)) is True
    (message,) = mail.outbox
    assert message.subject == "[Village] 1 listings in Pittsburgh need a check"
    assert english("meeting-edit", kwargs={"slug": meeting.slug}) in message.body


def test_a_spanish_page_tells_djangos_own_problems_in_spanish(client):
    """Django's own catalogue already speaks Spanish: proof that the page's language is active."""
    response = client.post(spanish("submission-new"), new_meeting_data(name=""))
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Este campo es requerido."]


def test_english_pages_and_emails_read_as_before(client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(english("submission-new"), new_meeting_data())
    assert mail.outbox[0].subject == "[Village] We received your new meeting request"
    response = client.post(english("submission-new"), new_meeting_data(conference_url="http://x.org"))
    assert response.context["form"].errors["conference_url"] == [
        "Give a secure web link that starts with https://, such as https://zoom.us/j/123456789."]


def test_english_messages_built_from_counts_read_as_before(client):
    from curation.stale import digest_subject

    first, second = SubmissionFactory(), SubmissionFactory()
    client.force_login(ModeratorFactory())
    response = client.post(english("moderation-queue"),
                           {"submissions": [first.pk, second.pk], "action": "approve"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["Approved 2 submission(s)."]
    assert digest_subject(1, "") == "[Village] 1 listings in your area need a check"
    assert digest_subject(3, "East End") == "[Village] 3 listings in East End need a check"
