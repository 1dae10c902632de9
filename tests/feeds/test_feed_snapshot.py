"""The exported feed is sent from a gzipped snapshot that a worker builds when meetings change:
polls meanwhile get the last one built, one build is queued at a time, and old ones go."""
import gzip
import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from feeds import exporting
from feeds.models import FeedSnapshot
from feeds.tasks import build_feed_snapshot
from tests.factories import MeetingFactory

URL = reverse("api-meeting-guide-feed")

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker():
    """Builds queued to a worker that has not run them yet: the calls, not the builds."""
    with mock.patch.object(exporting, "enqueue") as enqueue:
        yield enqueue


def names(response):
    return sorted(record["name"] for record in response.json())


def test_polls_get_the_last_snapshot_until_the_worker_builds_the_new_one(client, broker):
    meeting = MeetingFactory(name="Mothers at Noon")
    build_feed_snapshot()
    first = client.get(URL)
    meeting.name = "Mothers at One"
    meeting.save()
    meanwhile = client.get(URL)
    assert names(meanwhile) == ["Mothers at Noon"] and meanwhile["ETag"] == first["ETag"]
    build_feed_snapshot()  # the worker runs what was queued
    after = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and names(after) == ["Mothers at One"]
    assert after["ETag"] != first["ETag"]


def test_a_change_queues_one_build_however_many_poll(client, broker):
    MeetingFactory()
    build_feed_snapshot()
    MeetingFactory()
    for _poll in range(3):
        assert client.get(URL).status_code == 200
    assert broker.call_count == 1
    build_feed_snapshot()  # done: the next change queues again
    MeetingFactory()
    client.get(URL)
    assert broker.call_count == 2


def test_until_the_first_snapshot_is_built_polls_are_asked_to_come_back(client, broker):
    MeetingFactory(name="Fathers' Saturday")
    waiting = client.get(URL)
    assert waiting.status_code == 503 and int(waiting["Retry-After"]) > 0
    assert "being built" in waiting.json()["detail"]
    assert broker.call_count == 1
    build_feed_snapshot()
    assert names(client.get(URL)) == ["Fathers' Saturday"]


def test_without_a_broker_the_first_poll_builds_the_feed_itself(client):
    MeetingFactory(name="Fathers' Saturday")
    assert names(client.get(URL)) == ["Fathers' Saturday"]
    assert FeedSnapshot.objects.count() == 1


def test_building_twice_without_a_change_builds_nothing_new():
    MeetingFactory()
    first = build_feed_snapshot()
    assert build_feed_snapshot() == first
    assert FeedSnapshot.objects.count() == 1
    assert cache.get(exporting.SNAPSHOT_QUEUED) is None


def test_only_the_newest_two_snapshots_are_kept():
    for n in range(4):
        MeetingFactory(name=f"Group {n}")
        build_feed_snapshot()
    kept = list(FeedSnapshot.objects.order_by("built"))
    assert [snapshot.meetings for snapshot in kept] == [3, 4]


def test_the_snapshot_is_the_gzipped_feed():
    MeetingFactory(name="Recovery Dharma Parents")
    snapshot = FeedSnapshot.objects.get(pk=build_feed_snapshot())
    records = json.loads(gzip.decompress(bytes(snapshot.body)))
    assert [record["name"] for record in records] == ["Recovery Dharma Parents"]
    assert snapshot.meetings == 1


def test_a_build_the_broker_refused_is_queued_again_by_the_next_poll(client, broker):
    MeetingFactory()
    build_feed_snapshot()
    MeetingFactory()
    broker.return_value = None  # the broker is down
    client.get(URL)
    client.get(URL)
    assert broker.call_count == 2
