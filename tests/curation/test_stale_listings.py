"""Listings nobody has checked for VILLAGE_STALE_AFTER_DAYS are stale; each coach gets a weekly
digest of the stale listings in their area."""
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts.models import CoachProfile
from curation import tasks
from curation.stale import in_area, stale_meetings
from meetings.models import Status
from tests.factories import PITTSBURGH, CoachFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def checked(days_ago, **kwargs):
    return MeetingFactory(last_verified=TODAY - timedelta(days=days_ago), **kwargs)


def area(user, **kwargs):
    profile, _ = CoachProfile.objects.get_or_create(user=user)
    for key, value in {"area_name": "Pittsburgh", "latitude": PITTSBURGH[0], "longitude": PITTSBURGH[1],
                       "radius_km": 20, **kwargs}.items():
        setattr(profile, key, value)
    profile.save()
    return profile


def test_stale_means_unchecked_for_longer_than_the_setting(settings):
    settings.VILLAGE_STALE_AFTER_DAYS = 30
    fresh, limit, stale = checked(10), checked(30), checked(31)
    never = MeetingFactory(last_verified=None)
    checked(100, status=Status.ARCHIVED)
    assert set(stale_meetings(TODAY)) == {stale, never}
    assert not limit.is_stale(TODAY) and stale.is_stale(TODAY) and not fresh.is_stale(TODAY)


def test_a_coachs_area_holds_nearby_meetings_and_online_ones_in_their_zone():
    profile = area(CoachFactory(), timezone="America/New_York")
    near = checked(400)
    far = checked(400, latitude=40.0, longitude=-75.2)  # Philadelphia, about 400 km away
    online_here = checked(400, online=True, timezone="America/New_York")
    checked(400, online=True, timezone="America/Denver")
    assert set(in_area(stale_meetings(TODAY), profile)) == {near, online_here}
    assert far in in_area(stale_meetings(TODAY), area(profile.user, radius_km=500))


def test_the_radius_is_a_real_distance_not_a_box():
    profile = area(CoachFactory(), radius_km=20)
    corner = checked(400, latitude=PITTSBURGH[0] + 0.15, longitude=PITTSBURGH[1] + 0.2)  # ~24 km
    inside = checked(400, latitude=PITTSBURGH[0] + 0.1, longitude=PITTSBURGH[1])  # ~11 km
    assert in_area(stale_meetings(TODAY), profile) == [inside]
    assert corner not in in_area(stale_meetings(TODAY), profile)


def test_the_weekly_digest_emails_each_coach_the_stale_listings_in_their_area(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    pittsburgh_coach = CoachFactory(email="robin@example.org")
    area(pittsburgh_coach)
    denver_coach = CoachFactory(email="dana@example.org")
    area(denver_coach, area_name="Denver", latitude=39.74, longitude=-104.99)
    CoachFactory()  # no area set: no digest
    parent = UserFactory()
    area(parent)  # not a coach: no digest
    checked(400, name="Old Pittsburgh Group")
    checked(5, name="Fresh Pittsburgh Group")

    assert tasks.send_stale_digests.delay().get() == 1

    (message,) = mail.outbox
    assert message.to == ["robin@example.org"]
    assert "Old Pittsburgh Group" in message.body
    assert "Fresh Pittsburgh Group" not in message.body
    assert "1 listings in Pittsburgh" in message.subject
    assert "/coach/area/" in message.body


def test_the_digest_runs_weekly_from_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["weekly-stale-digest"]
    assert entry["task"] == tasks.send_stale_digests.name
    assert entry["schedule"].day_of_week == {1}


def test_every_listing_says_when_it_was_last_checked_and_warns_when_stale():
    from django.template import Context, Template

    template = Template("{% load curation %}{% last_checked meeting %}")
    checked_on = timezone.localdate() - timedelta(days=10)
    fresh = template.render(Context({"meeting": MeetingFactory(last_verified=checked_on)}))
    never = template.render(Context({"meeting": MeetingFactory(last_verified=None)}))
    assert f"Last checked {checked_on.day} {checked_on:%B %Y}</p>" in fresh
    assert "Not checked yet: check with the group before you go" in never
