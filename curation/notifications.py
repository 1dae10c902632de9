"""Emails to people who sent a submission: a receipt, then the moderator's decision.

No one can use the forms to mail a stranger. A receipt goes only to a signed-in submitter's
own confirmed address (allauth's verified EmailAddress); an address typed by anyone else hears
only the outcome, and only once a moderator judged the submission genuine (approved, or
rejected but not as spam). Spam gets no email at all, its contact being erased at once.

A submission is stored first; its emails are queued after the commit (curation.tasks). If the
broker is down the email simply stays due (its *_sent_at is empty) and `send_due` sends it on
a later run.

Both emails are written in the language the submitter used (`Submission.language`), whichever
request or worker sends them: the receipt may go out from a worker, the outcome from a
moderator's request in another language.
"""
from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Submission, SubmissionKind, SubmissionStatus

logger = logging.getLogger(__name__)

# Whole subjects for each kind, so that each language can word them its own way.
RECEIPT_SUBJECTS = {
    SubmissionKind.NEW_MEETING: _("[Village] We received your new meeting request"),
    SubmissionKind.CHANGE: _("[Village] We received your change to a meeting request"),
    SubmissionKind.CLOSURE: _("[Village] We received your meeting closed request"),
}
OUTCOME_SUBJECTS = {
    (SubmissionKind.NEW_MEETING, True): _("[Village] Your new meeting request was approved"),
    (SubmissionKind.NEW_MEETING, False): _("[Village] Your new meeting request was not approved"),
    (SubmissionKind.CHANGE, True): _("[Village] Your change to a meeting request was approved"),
    (SubmissionKind.CHANGE, False): _("[Village] Your change to a meeting request was not approved"),
    (SubmissionKind.CLOSURE, True): _("[Village] Your meeting closed request was approved"),
    (SubmissionKind.CLOSURE, False): _("[Village] Your meeting closed request was not approved"),
}


def receipts_due():
    """Pending submissions whose receipt is unsent and may go: to an address the signed-in
    submitter confirmed as theirs."""
    confirmed = EmailAddress.objects.filter(user=OuterRef("submitter"), email__iexact=OuterRef("email"),
                                            verified=True)
    return (Submission.objects.filter(status=SubmissionStatus.PENDING, receipt_sent_at__isnull=True,
                                      submitter__isnull=False)
            .exclude(email="").filter(Exists(confirmed)))


def outcomes_due():
    """Decided submissions whose outcome is unsent and may go: judged genuine, not spam."""
    return (Submission.objects.filter(status__in=[SubmissionStatus.APPROVED, SubmissionStatus.REJECTED],
                                      is_spam=False, outcome_sent_at__isnull=True)
            .exclude(email=""))


def _claim(due, submission_id: int, stamp: str) -> Submission | None:
    """Mark an email as sent before sending, so two workers never send it twice."""
    claimed = due.filter(pk=submission_id).update(**{stamp: timezone.now()})
    return Submission.objects.select_related("meeting").get(pk=submission_id) if claimed else None


def _send(submission: Submission, stamp: str, template: str, subject) -> bool:
    """Send one email in the submitter's language; `subject` is a lazy text, worded in it too."""
    context = {"submission": submission, "site_url": settings.VILLAGE_SITE_URL}
    try:
        with translation.override(submission.language or settings.LANGUAGE_CODE):
            subject, body = str(subject), render_to_string(template, context)
        send_mail(subject, body, None, [submission.email])
    except Exception:
        # Give the claim back so that the next run tries again.
        Submission.objects.filter(pk=submission.pk).update(**{stamp: None})
        raise
    return True


def send_receipt(submission_id: int) -> bool:
    submission = _claim(receipts_due(), submission_id, "receipt_sent_at")
    if submission is None:
        return False
    return _send(submission, "receipt_sent_at", "submissions/email/receipt.txt",
                 RECEIPT_SUBJECTS[submission.kind])


def send_outcome(submission_id: int) -> bool:
    submission = _claim(outcomes_due(), submission_id, "outcome_sent_at")
    if submission is None:
        return False
    approved = submission.status == SubmissionStatus.APPROVED
    return _send(submission, "outcome_sent_at", "submissions/email/outcome.txt",
                 OUTCOME_SUBJECTS[submission.kind, approved])


def send_due() -> int:
    """Send every email that is due but was not sent (the broker was down, or a send failed)."""
    sent = 0
    for pk in receipts_due().values_list("pk", flat=True):
        sent += _try(send_receipt, pk)
    for pk in outcomes_due().values_list("pk", flat=True):
        sent += _try(send_outcome, pk)
    return sent


def _try(send, pk) -> int:
    try:
        return int(send(pk))
    except Exception:
        logger.exception("Sending email for submission %s failed; it stays due.", pk)
        return 0
