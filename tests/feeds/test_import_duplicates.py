"""An import lists the meetings it created that look like one from elsewhere (another source or
listed here), with the likely twin, in the source's run report."""
import json
from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from feeds.importing import import_records, record_run
from meetings.models import Meeting
from meetings.schedule import Weekday
from tests.factories import DATA, FeedSourceFactory, MeetingFactory, ModeratorFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db


def intergroup():
    return json.loads((DATA / "meeting-guide" / "intergroup.json").read_text())


def test_a_created_meeting_that_looks_like_a_local_one_is_listed_with_its_twin():
    # The feed's "Sunday Serenity" meets Sundays at 19:00 at the Alano Club.
    local = MeetingFactory(name="Sunday Serenity Group", slug="sunday-serenity-here",
                           weekday=Weekday.SUNDAY, start_time=time(19, 15), latitude=40.5, longitude=-80.2)

    summary = import_records(FeedSourceFactory(), intergroup(), geocode=False)

    created = Meeting.objects.get(source_slug="sunday-serenity")
    assert summary.possible_duplicates == [(created.slug, local.slug, local.get_absolute_url())]
    report = "\n".join(summary.lines())
    assert "looks like a meeting already listed" in report
    assert f"{created.slug} → {local.slug} ({local.get_absolute_url()})" in report
    assert summary.as_json()["possible_duplicates"] == [[created.slug, local.slug, local.get_absolute_url()]]


def test_the_same_feed_imported_as_a_second_source_lists_every_meeting_it_repeats():
    import_records(FeedSourceFactory(), intergroup(), geocode=False)

    summary = import_records(FeedSourceFactory(), intergroup(), geocode=False)

    assert summary.created == 8
    assert len(summary.possible_duplicates) == 8
    assert all(twin == slug.rsplit("-", 1)[0] for slug, twin, _ in summary.possible_duplicates)


def test_a_sources_own_meetings_and_a_reimport_list_no_duplicates():
    source = FeedSourceFactory()
    assert import_records(source, intergroup(), geocode=False).possible_duplicates == []
    assert import_records(source, intergroup(), geocode=False).possible_duplicates == []


def test_the_sources_page_links_each_created_twin_to_the_meeting_it_looks_like(client):
    local = MeetingFactory(name="Sunday Serenity Group", slug="sunday-serenity-here",
                           weekday=Weekday.SUNDAY, start_time=time(19, 15), latitude=40.5, longitude=-80.2)
    source = FeedSourceFactory()
    record_run(source, import_records(source, intergroup(), geocode=False), ok=True, now=timezone.now())
    client.force_login(ModeratorFactory())

    twins = soup(client.get(reverse("feed-sources"))).select_one(f"[data-source='{source.pk}'] [data-twins]")

    created = Meeting.objects.get(source_slug="sunday-serenity")
    assert [link["href"] for link in twins.select("a")] == [
        created.get_absolute_url(), local.get_absolute_url()]
