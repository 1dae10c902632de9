"""Celery tasks that refresh registered feed sources on the beat schedule.

Task names are pinned to feeds.tasks, where these tasks lived first, so that queued
messages and the beat schedule (config.settings) still find them."""
from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from config.celery import enqueue

from .exporting import SNAPSHOT_QUEUED, build_snapshot
from .importing import NotAFeed, import_source
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
        if enqueue(refresh_source, source.pk) is None:
            # Not queued (broker down): still due at the next beat.
            FeedSource.objects.filter(pk=source.pk).update(last_run_at=source.last_run_at)
    return [source.pk for source in due]


# A worker killed mid-import loses nothing: the import is one transaction (rolled back with the
# worker), and the message is acknowledged only once the task has finished (acks_late), so
# another worker runs it again; running an import twice gives the rows running it once does.
@shared_task(name="meetings.import_tasks.refresh_source", bind=True, autoretry_for=(FeedError,),
             retry_backoff=60, retry_backoff_max=3600,
             retry_jitter=True, max_retries=3, acks_late=True, reject_on_worker_lost=True)
def refresh_source(self, source_id: int) -> dict:
    """Import one source; a feed that can't be fetched is tried again later, then reported
    (a file that is not a meeting feed at once: reading it again would not change it)."""
    source = FeedSource.objects.filter(pk=source_id).first()
    if source is None:
        return {"error": "deleted"}  # deleted since it was queued
    try:
        summary = import_source(source)
    except FeedError as error:
        if isinstance(error, NotAFeed) or self.request.retries >= self.max_retries:
            log.warning("Feed source %s (%s) failed: %s", source.name, source.location, error)
            return {"error": str(error)}
        raise
    log.info("\n".join(summary.lines()))
    return summary.counts()


@shared_task(name="feeds.tasks.build_feed_snapshot", acks_late=True, reject_on_worker_lost=True)
def build_feed_snapshot() -> int:
    """Build the feed's snapshot if the meetings changed since the last one (safe to repeat);
    then polls may queue the next build."""
    try:
        return build_snapshot().pk
    finally:
        cache.delete(SNAPSHOT_QUEUED)
