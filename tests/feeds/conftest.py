"""Fixtures the feeds' tests share: an admin signed in, and an import that left a conflict."""
import json
from datetime import time

import pytest

from feeds.importing import import_records
from feeds.models import ImportConflict
from meetings.models import Meeting
from tests.factories import DATA, FeedSourceFactory, UserFactory

FEED = DATA / "meeting-guide" / "intergroup.json"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def conflict():
    """A meeting changed here (17:00) that the feed then changed too (19:15)."""
    source = FeedSourceFactory(name="Pittsburgh AA")
    records = json.loads(FEED.read_text())
    import_records(source, records, geocode=False)
    Meeting.objects.filter(source_slug="sunday-serenity").update(start_time=time(17))
    records[0]["time"] = "19:15"
    import_records(source, records, geocode=False)
    return ImportConflict.objects.get()
