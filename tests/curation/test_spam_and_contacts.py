"""Spam without side effects, and contacts kept only as long as needed: "Reject as spam" sends
no email and erases the sender's contact at once; every other contact is erased a set time
after the decision; a receipt goes only to a signed-in person's confirmed address, and an
anonymous sender hears only the outcome of a submission judged genuine."""
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from curation import notifications, tasks
from curation.models import Submission, SubmissionStatus
from curation.submissions import DecisionError, approve, decide_many, reject, reject_as_spam
from tests.factories import ModeratorFactory, SubmissionFactory, UserFactory, new_meeting_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    person = ModeratorFactory()
    client.force_login(person)
    return person


def sent_to():
    return [message.to for message in mail.outbox]


# --- Reject as spam --------------------------------------------------------------------------

def test_rejecting_as_spam_sends_no_email_and_erases_the_contact_at_once(
        django_capture_on_commit_callbacks):
    moderator = ModeratorFactory()
    submission = SubmissionFactory(confirmed=True, message="Write to jane.doe@example.net!")
    with django_capture_on_commit_callbacks(execute=True):
        reject_as_spam(submission.pk, moderator)

    assert mail.outbox == []
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED and submission.is_spam
    assert (submission.email, submission.first_name, submission.message) == ("", "", "")
    assert submission.contact_erased_at is not None
    # The record of the decision stays, and the signed-in sender still sees it in their account.
    assert submission.decided_by == moderator and submission.decided_at is not None
    assert submission.submitter is not None
    assert submission.proposed["name"] == "Moms in Recovery"


def test_no_later_run_ever_sends_a_spam_submissions_receipt_or_outcome():
    # Its receipt could not be queued (broker down) before a moderator saw it was spam.
    submission = SubmissionFactory(confirmed=True)
    reject_as_spam(submission.pk, ModeratorFactory())

    assert notifications.send_due() == 0
    assert notifications.send_receipt(submission.pk) is False
    assert notifications.send_outcome(submission.pk) is False
    # Even were an address put back, an outcome is never due for spam.
    Submission.objects.filter(pk=submission.pk).update(email="sam@example.org")
    assert notifications.send_due() == 0
    assert mail.outbox == []


def test_the_review_pages_reject_as_spam_button_sends_nothing_and_says_so(
        client, moderator, django_capture_on_commit_callbacks):
    submission = SubmissionFactory()
    url = reverse("submission-review", kwargs={"pk": submission.pk})
    assert 'value="spam"' in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "spam"}, follow=True)

    assert response.redirect_chain[-1][0].endswith(reverse("moderation-queue"))
    assert "rejected as spam: no email" in " ".join(str(m) for m in response.context["messages"])
    assert mail.outbox == []
    submission.refresh_from_db()
    assert submission.is_spam and submission.email == ""
    page = client.get(url).content.decode()
    assert "Rejected as spam" in page
    assert "sam@example.org" not in page and "Contact erased" in page


def test_spam_already_decided_by_someone_else_is_a_clear_message(client, moderator):
    submission = SubmissionFactory()
    reject_as_spam(submission.pk, ModeratorFactory())
    url = reverse("submission-review", kwargs={"pk": submission.pk})

    response = client.post(url, {"action": "spam"})

    assert response.status_code == 400
    assert f"Submission {submission.pk} was already rejected as spam." in [
        str(message) for message in response.context["messages"]]
    with pytest.raises(DecisionError, match="already approved"):
        other = SubmissionFactory()
        approve(other.pk, ModeratorFactory())
        reject_as_spam(other.pk, ModeratorFactory())


def test_bulk_spam_rejects_every_one_without_a_single_email(django_capture_on_commit_callbacks):
    moderator = ModeratorFactory()
    spam = [SubmissionFactory(email=f"stranger{n}@example.net") for n in range(5)]
    decided_already = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approve(decided_already.pk, moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = decide_many([s.pk for s in spam] + [decided_already.pk], "spam", moderator)

    assert outcome.done == [s.pk for s in spam]
    assert list(outcome.failed) == [decided_already.pk]
    assert mail.outbox == []
    assert notifications.send_due() == 0
    assert not Submission.objects.filter(pk__in=outcome.done).exclude(email="").exists()
    assert Submission.objects.filter(is_spam=True).count() == 5


# --- Contacts erased a set time after the decision -------------------------------------------

def decided(days_ago):
    submission = SubmissionFactory(message="I go every week.")
    reject(submission.pk, ModeratorFactory(), "Not a meeting for parents.")
    Submission.objects.filter(pk=submission.pk).update(
        decided_at=timezone.now() - timedelta(days=days_ago))
    return submission


def test_contacts_are_erased_once_the_retention_days_after_the_decision_have_passed(settings):
    settings.VILLAGE_CONTACT_RETENTION_DAYS = 30
    old, recent = decided(31), decided(29)
    waiting = SubmissionFactory()
    Submission.objects.filter(pk=waiting.pk).update(created=timezone.now() - timedelta(days=90))

    assert tasks.erase_old_contacts.delay().get() == 1

    old.refresh_from_db(), recent.refresh_from_db(), waiting.refresh_from_db()
    assert (old.email, old.first_name) == ("", "")
    assert old.contact_erased_at is not None
    # The record of the decision and what was asked stay.
    assert old.decision_reason == "Not a meeting for parents." and old.message == "I go every week."
    assert recent.email == "sam@example.org" and recent.first_name == "Sam"
    assert waiting.email == "sam@example.org"  # not decided yet: its outcome is still to come
    assert tasks.erase_old_contacts.delay().get() == 0  # nothing left to erase


def test_the_retention_days_are_a_setting(settings):
    settings.VILLAGE_CONTACT_RETENTION_DAYS = 7
    submission = decided(8)
    assert tasks.erase_old_contacts.delay().get() == 1
    submission.refresh_from_db()
    assert submission.email == ""


def test_beat_runs_the_erasure_every_day():
    (entry,) = [entry for entry in django_settings.CELERY_BEAT_SCHEDULE.values()
                if entry["task"] == "curation.tasks.erase_old_contacts"]
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {20}


def test_the_setting_comes_from_the_environment(monkeypatch):
    import importlib

    import config.settings

    monkeypatch.setenv("CONTACT_RETENTION_DAYS", "14")
    try:
        assert importlib.reload(config.settings).VILLAGE_CONTACT_RETENTION_DAYS == 14
    finally:
        monkeypatch.delenv("CONTACT_RETENTION_DAYS")
        importlib.reload(config.settings)
    assert config.settings.VILLAGE_CONTACT_RETENTION_DAYS == 30


# --- Nobody can use the forms to mail a stranger ---------------------------------------------

def post_suggestion(client, capture, **data):
    with capture(execute=True):
        response = client.post(reverse("submission-new"), new_meeting_data(**data))
    assert response.status_code == 302
    return Submission.objects.latest("pk")


def test_a_signed_in_person_gets_a_receipt_at_the_address_they_confirmed(
        client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    submission = post_suggestion(client, django_capture_on_commit_callbacks)
    assert sent_to() == [["sam@example.org"]]
    assert "We received your" in mail.outbox[0].subject
    submission.refresh_from_db()
    assert submission.receipt_sent_at is not None


def test_an_address_its_owner_never_confirmed_gets_no_receipt(
        client, django_capture_on_commit_callbacks):
    person = UserFactory(email="sam@example.org")
    EmailAddress.objects.filter(user=person).update(verified=False)
    client.force_login(person)
    post_suggestion(client, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert notifications.send_due() == 0


def test_a_signed_in_person_typing_someone_elses_address_sends_them_no_receipt(
        client, django_capture_on_commit_callbacks):
    client.force_login(UserFactory(email="sam@example.org"))
    post_suggestion(client, django_capture_on_commit_callbacks, email="stranger@example.net")
    assert mail.outbox == []
    assert notifications.send_due() == 0


def test_an_anonymous_address_gets_no_receipt_only_the_outcome_of_a_genuine_submission(
        client, django_capture_on_commit_callbacks):
    approved = post_suggestion(client, django_capture_on_commit_callbacks, email="a@example.net")
    rejected = post_suggestion(client, django_capture_on_commit_callbacks, email="b@example.net")
    spam = post_suggestion(client, django_capture_on_commit_callbacks, email="c@example.net")
    assert mail.outbox == [] and notifications.send_due() == 0

    moderator = ModeratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        approve(approved.pk, moderator)
        reject(rejected.pk, moderator, "We could not find this group.")
        reject_as_spam(spam.pk, moderator)

    assert sent_to() == [["a@example.net"], ["b@example.net"]]
    assert [message.subject for message in mail.outbox] == [
        "[Village] Your new meeting request was approved",
        "[Village] Your new meeting request was not approved"]
    assert notifications.send_due() == 0


def test_the_pages_say_who_gets_a_receipt_and_when_contacts_go(client, settings):
    settings.VILLAGE_CONTACT_RETENTION_DAYS = 30
    form = client.get(reverse("submission-new")).content.decode()
    assert "We send no receipt" in form
    thanks = client.get(reverse("submission-thanks")).content.decode()
    assert "We sent no receipt" in thanks
    assert "erased 30 days after the decision" in thanks

    client.force_login(UserFactory())
    assert "you get a receipt now" in client.get(reverse("submission-new")).content.decode()
    assert "we are emailing you a receipt" in client.get(reverse("submission-thanks")).content.decode()
