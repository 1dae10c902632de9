"""Celery tasks that refresh registered feed sources on the beat schedule.

Task names are pinned to feeds.tasks, where these tasks lived first, so that queued
messages and the beat schedule (config.settings) still find them."""
from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from config.celery import enqueue

from .importing import import_source
from .models import FeedSource
from .records import FeedError

log = logging.getLogger(__name__)


@shared_task(name="meetings.import_tasks.refresh_due_sources")
def refresh_due_sources() -> list[int]:
    """Queue an import of every active source whose refresh interval has passed."""
    now = timezone.now()
    due = [source for source in FeedSource.objects.filter(active=True) if source.is_due(now)]
    for source in due:
        # Marked at once, so that the next beat does not queue it again while it runs.
        FeedSource.objects.filter(pk=source.pk).update(last_run_at=now)
        enqueue(refresh_source, source.pk)
    return [source.pk for source in due]


@shared_task(name="meetings.import_tasks.refresh_source", bind=True, autoretry_for=(FeedError,),
             retry_backoff=60, retry_backoff_max=3600,
             retry_jitter=True, max_retries=3)
def refresh_source(self, source_id: int) -> dict:
    """Import one source; a feed that can't be fetched is tried again later, then reported."""
    source = FeedSource.objects.get(pk=source_id)
    try:
        summary = import_source(source)
    except FeedError as error:
        if self.request.retries >= self.max_retries:
            log.warning("Feed source %s (%s) failed: %s", source.name, source.location, error)
            return {"error": str(error)}
        raise
    log.info("\n".join(summary.lines()))
    return summary.counts()
