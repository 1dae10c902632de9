"""GET /api/v1/meetings/ and /api/v1/meetings/{slug}/: published meetings only, filterable."""
from datetime import time

import pytest

from meetings.models import Fellowship, Status
from meetings.schedule import Weekday
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_list_shows_published_meetings_only(client):
    MeetingFactory(slug="open")
    MeetingFactory(slug="waiting", status=Status.PENDING)

    body = client.get("/api/v1/meetings/").json()

    assert body["count"] == 1
    assert body["results"][0]["slug"] == "open"


def test_list_filters_by_fellowship_day_and_focus(client):
    MeetingFactory(slug="na-tue", fellowship=Fellowship.NA, weekday=Weekday.TUESDAY, focus=["fathers"])
    MeetingFactory(slug="na-wed", fellowship=Fellowship.NA, weekday=Weekday.WEDNESDAY)
    MeetingFactory(slug="aa-tue", fellowship=Fellowship.AA, weekday=Weekday.TUESDAY)

    def slugs(**params):
        return sorted(r["slug"] for r in client.get("/api/v1/meetings/", params).json()["results"])

    assert slugs(fellowship="na") == ["na-tue", "na-wed"]
    assert slugs(fellowship="na", day="tue") == ["na-tue"]
    assert slugs(focus="fathers") == ["na-tue"]


def test_detail_shows_the_meeting_in_its_own_zone(client):
    MeetingFactory(slug="evening", weekday=Weekday.THURSDAY, start_time=time(18, 30),
                   timezone="America/Chicago", languages=["en", "es"])

    body = client.get("/api/v1/meetings/evening/").json()

    assert body["weekday"] == "thu" and body["start_time"] == "18:30" and body["end_time"] == "19:30"
    assert body["timezone"] == "America/Chicago"
    assert body["next_start"].endswith("T18:30:00-06:00")
    assert body["languages"] == ["en", "es"]
    assert body["url"] == "http://testserver/en/meetings/evening/"


def test_unpublished_or_unknown_meeting_is_404(client):
    MeetingFactory(slug="archived", status=Status.ARCHIVED)

    assert client.get("/api/v1/meetings/archived/").status_code == 404
    assert client.get("/api/v1/meetings/nothing-here/").status_code == 404


@pytest.mark.parametrize(("params", "field"), [
    ({"fellowship": "knitting"}, "fellowship"),
    ({"day": "someday"}, "day"),
    ({"wheelchair": "perhaps"}, "wheelchair"),
    ({"page": "5"}, "page"),
])
def test_bad_filter_is_a_400_naming_it(client, params, field):
    MeetingFactory()

    response = client.get("/api/v1/meetings/", params)

    assert response.status_code == 400
    assert field in response.json()
