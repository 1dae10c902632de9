"""Celery tasks for curation: submission emails, their catch-up run, erasing old submitters'
contacts, the weekly stale digest, and queueing a submission's emails once it is stored.

Task names are pinned to curation.tasks, where these tasks lived first, so that messages
already queued and the beat schedule (config.settings) still find them.
"""
from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from . import contacts, notifications, stale
from .models import Submission

logger = logging.getLogger(__name__)


@shared_task(name="meetings.tasks.send_submission_receipt")
def send_submission_receipt(submission_id: int) -> bool:
    return notifications.send_receipt(submission_id)


@shared_task(name="meetings.tasks.send_submission_outcome")
def send_submission_outcome(submission_id: int) -> bool:
    return notifications.send_outcome(submission_id)


@shared_task(name="meetings.tasks.send_due_notifications")
def send_due_notifications() -> int:
    return notifications.send_due()


@shared_task(name="curation.tasks.erase_old_contacts")
def erase_old_contacts() -> int:
    return contacts.erase_old_contacts()


@shared_task(name="meetings.tasks.send_stale_digests")
def send_stale_digests() -> int:
    return stale.send_digests()


def queue_receipt(submission: Submission):
    """Queue the receipt if one may go (notifications.receipts_due says so again when sending)."""
    if notifications.receipts_due().filter(pk=submission.pk).exists():
        transaction.on_commit(lambda: _enqueue(send_submission_receipt, submission.pk))


def queue_outcome(submission: Submission):
    if notifications.outcomes_due().filter(pk=submission.pk).exists():
        transaction.on_commit(lambda: _enqueue(send_submission_outcome, submission.pk))


def _enqueue(task, submission_id: int):
    try:
        task.delay(submission_id)
    except (OperationalError, OSError) as error:
        # Not the visitor's problem: the email stays due and the periodic task sends it.
        logger.warning("Could not queue %s for submission %s (%s); it stays due.",
                       task.name.rsplit(".", 1)[-1], submission_id, error)
