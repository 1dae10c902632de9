"""A submission sent while Redis (the Celery broker) is unreachable is kept, and its email
goes out once the broker is back. (A receipt goes only to a signed-in person's confirmed
address: tests/curation/test_spam_and_contacts.py.)"""
import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from curation import notifications, tasks
from curation.models import Submission
from curation.submissions import approve
from tests.factories import ModeratorFactory, SubmissionFactory, UserFactory, new_meeting_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    for task in (tasks.send_submission_receipt, tasks.send_submission_outcome):
        monkeypatch.setattr(task, "delay", unreachable)
    return monkeypatch


def test_a_submission_made_while_redis_is_down_is_stored_and_emailed_once_redis_is_back(
        client, broker_down, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submission-new"), new_meeting_data())

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.receipt_sent_at is None
    assert mail.outbox == []

    broker_down.undo()  # Redis is back: the periodic task runs.
    assert tasks.send_due_notifications.delay().get() == 1

    submission.refresh_from_db()
    assert submission.receipt_sent_at is not None
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    assert "We received your" in mail.outbox[0].subject


def test_an_outcome_decided_while_redis_is_down_is_emailed_once_redis_is_back(
        broker_down, django_capture_on_commit_callbacks):
    submission = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission.pk, ModeratorFactory())
    assert mail.outbox == []

    broker_down.undo()
    tasks.send_due_notifications.delay()

    # Only the outcome: a receipt would be news no longer.
    assert [message.subject for message in mail.outbox] == [
        "[Village] Your new meeting request was approved"]


def test_a_due_email_is_sent_once_even_if_both_runs_try(django_capture_on_commit_callbacks):
    submission = SubmissionFactory(confirmed=True)
    assert notifications.send_receipt(submission.pk) is True
    assert notifications.send_receipt(submission.pk) is False
    assert notifications.send_due() == 0
    assert len(mail.outbox) == 1


def test_a_failed_send_stays_due(monkeypatch):
    submission = SubmissionFactory(confirmed=True)

    def smtp_down(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(notifications, "send_mail", smtp_down)
    assert notifications.send_due() == 0
    submission.refresh_from_db()
    assert submission.receipt_sent_at is None

    monkeypatch.undo()
    assert notifications.send_due() == 1
