"""Registered feed sources refresh themselves on Celery beat, each at its own interval."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import enqueue
from feeds.tasks import refresh_due_sources, refresh_source
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory

FEED = DATA / "meeting-guide" / "intergroup.json"

pytestmark = pytest.mark.django_db


def test_beat_looks_for_due_sources():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-feed-sources"]
    assert entry["task"] == refresh_due_sources.name


def test_only_active_sources_past_their_interval_are_refreshed():
    now = timezone.now()
    never_run = FeedSourceFactory(location=str(FEED))
    due = FeedSourceFactory(location=str(FEED) + "?due", last_run_at=now - timedelta(hours=25))
    FeedSourceFactory(last_run_at=now - timedelta(hours=2))  # ran recently
    FeedSourceFactory(active=False)
    FeedSourceFactory(refresh_hours=0)  # by hand only
    assert sorted(refresh_due_sources()) == sorted([never_run.pk, due.pk])
    assert Meeting.objects.filter(source=never_run).count() == 8


def test_a_source_that_cannot_be_fetched_is_recorded_as_failed_not_raised():
    source = FeedSourceFactory(location="/nonexistent/feed.json")
    result = enqueue(refresh_source, source.pk)  # retried, then reported
    assert "Could not read" in result.result["error"]
    source.refresh_from_db()
    assert source.last_run_ok is False
    assert "Could not read /nonexistent/feed.json" in source.last_run_report
