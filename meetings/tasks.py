"""Celery tasks for curation: submission emails, their catch-up run, the weekly stale digest."""
from celery import shared_task

from . import notifications, stale


@shared_task
def send_submission_receipt(submission_id: int) -> bool:
    return notifications.send_receipt(submission_id)


@shared_task
def send_submission_outcome(submission_id: int) -> bool:
    return notifications.send_outcome(submission_id)


@shared_task
def send_due_notifications() -> int:
    return notifications.send_due()


@shared_task
def send_stale_digests() -> int:
    return stale.send_digests()
