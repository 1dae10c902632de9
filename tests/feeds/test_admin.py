"""Admins see feed sources with their last run, and moderators settle import conflicts there."""
from datetime import time
from unittest import mock

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import FeedSourceFactory

pytestmark = pytest.mark.django_db


def test_a_source_shows_its_last_runs_summary_and_report(admin_client, conflict):
    listing = admin_client.get(reverse("admin:feeds_feedsource_changelist")).content.decode()
    assert "0 created, 0 updated, 8 unchanged, 0 archived, 0 skipped, 1 conflicts" in listing
    page = admin_client.get(reverse("admin:feeds_feedsource_change",
                                    args=[conflict.source.pk])).content.decode()
    assert "Unknown type codes (kept as they are): ZZZ ×1." in page


def test_conflicts_are_listed_and_taking_the_feeds_value_applies_it(admin_client, conflict):
    url = reverse("admin:feeds_importconflict_changelist")
    assert "19:15" in admin_client.get(url).content.decode()
    admin_client.post(url, {"action": "take_feed_value", "_selected_action": [conflict.pk]})
    assert Meeting.objects.get(source_slug="sunday-serenity").start_time == time(19, 15)
    conflict.refresh_from_db()
    assert conflict.resolution == "took_feed"


def test_a_source_must_name_a_known_code_set(admin_client):
    response = admin_client.post(reverse("admin:feeds_feedsource_add"), {
        "name": "ACA feed", "location": "https://aca.example.org/meetings.json",
        "format": "meeting-guide", "fellowship": "other", "type_codes": "acx",
        "default_timezone": "America/New_York", "refresh_hours": 24, "active": "on"})
    assert response.status_code == 200
    assert "&#x27;acx&#x27; is not a code set" in response.content.decode()


def test_refresh_now_says_which_sources_the_queue_could_not_take(admin_client):
    sources = [FeedSourceFactory(), FeedSourceFactory()]
    url = reverse("admin:feeds_feedsource_changelist")
    # The first send reaches the broker, the second finds it down.
    with mock.patch("feeds.admin.enqueue", side_effect=[object(), None]):
        page = admin_client.post(url, {"action": "refresh_now",
                                       "_selected_action": [source.pk for source in sources]},
                                 follow=True).content.decode()
    assert "Queued 1 sources for refresh." in page
    assert "1 source could not be queued (the task queue is down)" in page
