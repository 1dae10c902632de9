"""Emails to people who sent a submission: a receipt, then the moderator's decision.

A submission is stored first; its emails are queued after the commit (curation.tasks). If the
broker is down the email simply stays due (its *_sent_at is empty) and `send_due` sends it on
a later run.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Submission, SubmissionStatus

logger = logging.getLogger(__name__)


def _claim(submission_id: int, stamp: str, **conditions) -> Submission | None:
    """Mark an email as sent before sending, so two workers never send it twice."""
    claimed = (Submission.objects.filter(pk=submission_id, **{f"{stamp}__isnull": True}, **conditions)
               .exclude(email="").update(**{stamp: timezone.now()}))
    return Submission.objects.select_related("meeting").get(pk=submission_id) if claimed else None


def _send(submission: Submission, stamp: str, template: str, subject: str) -> bool:
    context = {"submission": submission, "site_url": settings.VILLAGE_SITE_URL}
    try:
        send_mail(subject, render_to_string(template, context), None, [submission.email])
    except Exception:
        # Give the claim back so that the next run tries again.
        Submission.objects.filter(pk=submission.pk).update(**{stamp: None})
        raise
    return True


def send_receipt(submission_id: int) -> bool:
    submission = _claim(submission_id, "receipt_sent_at", status=SubmissionStatus.PENDING)
    if submission is None:
        return False
    return _send(submission, "receipt_sent_at", "submissions/email/receipt.txt",
                 f"[Village] We received your {submission.get_kind_display().lower()} request")


def send_outcome(submission_id: int) -> bool:
    conditions = {"status__in": [SubmissionStatus.APPROVED, SubmissionStatus.REJECTED]}
    submission = _claim(submission_id, "outcome_sent_at", **conditions)
    if submission is None:
        return False
    verdict = "approved" if submission.status == SubmissionStatus.APPROVED else "not approved"
    return _send(submission, "outcome_sent_at", "submissions/email/outcome.txt",
                 f"[Village] Your {submission.get_kind_display().lower()} request was {verdict}")


def send_due() -> int:
    """Send every email that is due but was not sent (the broker was down, or a send failed)."""
    sent = 0
    with_email = Submission.objects.exclude(email="")
    for pk in with_email.filter(status=SubmissionStatus.PENDING, receipt_sent_at__isnull=True
                                ).values_list("pk", flat=True):
        sent += _try(send_receipt, pk)
    for pk in with_email.exclude(status=SubmissionStatus.PENDING).filter(
            outcome_sent_at__isnull=True).values_list("pk", flat=True):
        sent += _try(send_outcome, pk)
    return sent


def _try(send, pk) -> int:
    try:
        return int(send(pk))
    except Exception:
        logger.exception("Sending email for submission %s failed; it stays due.", pk)
        return 0
