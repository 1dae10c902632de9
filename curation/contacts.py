"""How long a submitter's contact is kept: erased the moment a submission is rejected as spam,
and VILLAGE_CONTACT_RETENTION_DAYS after any other decision (a daily beat job).

A contact is what a person typed to be reached by: the email and the first name. The record of
the decision stays (what was asked, who decided, when and why), and so does the link to a
signed-in submitter's own account, which lists their requests to them; the account's address
is one its owner confirmed, never one typed for someone else. A spam submission's message is
erased too: it is the spammer's text, can carry anyone's details, and no decision needs it.
"""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Submission, SubmissionStatus

CONTACT = {"email": "", "first_name": ""}


def erase_spam_contact(submission: Submission) -> None:
    """Blank the contact and message of a submission being rejected as spam (saved by the
    caller with the decision)."""
    for field, blank in CONTACT.items():
        setattr(submission, field, blank)
    submission.message = ""
    submission.contact_erased_at = timezone.now()


def erase_old_contacts(now=None) -> int:
    """Blank the contact of every submission decided more than the retention days ago; how
    many were erased."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.VILLAGE_CONTACT_RETENTION_DAYS)
    return (Submission.objects.exclude(status=SubmissionStatus.PENDING)
            .filter(decided_at__lt=cutoff, contact_erased_at__isnull=True)
            .filter(~Q(email="") | ~Q(first_name=""))
            .update(**CONTACT, contact_erased_at=now))
