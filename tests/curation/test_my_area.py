"""A coach's My area: the listings there that need a check, never checked first and then the
oldest, with counts; one tap verifies one; and what parents asked about listings there."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CoachProfile
from curation.models import ListingCheck, SubmissionKind, SubmissionStatus
from tests.factories import (
    PITTSBURGH,
    CoachFactory,
    MeetingFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "/en/coach/area/"
TODAY = timezone.localdate()


def checked(days_ago, **fields):
    return MeetingFactory(last_verified=None if days_ago is None else TODAY - timedelta(days=days_ago),
                          **fields)


@pytest.fixture
def coach(client):
    person = CoachFactory()
    CoachProfile.objects.filter(user=person).update(
        area_name="Pittsburgh, PA", latitude=PITTSBURGH[0], longitude=PITTSBURGH[1], radius_km=25,
        timezone="America/Chicago")
    client.force_login(person)
    return person


def names(response):
    return [meeting.name for meeting, _form in response.context["rows"]]


def test_my_area_lists_never_checked_first_then_the_oldest_with_counts(client, coach):
    checked(200, name="Checked 200 days ago")
    checked(None, name="Never checked")
    checked(400, name="Checked 400 days ago")
    checked(5, name="Fresh")
    checked(400, name="Far away", latitude=PITTSBURGH[0] + 2)
    checked(400, name="Online, Chicago time", online=True, timezone="America/Chicago")

    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == ["Never checked", "Checked 400 days ago", "Online, Chicago time",
                               "Checked 200 days ago"]
    page = response.content.decode()
    assert "4 listings need a check" in page
    assert "1 never checked" in page
    assert "3 not checked for 180 days" in page


def test_one_tap_verifies_a_listing_how_it_was_checked_and_comes_back(client, coach):
    meeting = checked(None, name="Never checked")

    response = client.post(reverse("meeting-verify", kwargs={"slug": meeting.slug}),
                           {"how": "visit", "note": "", "next": URL})

    assert response.url == URL
    assert ListingCheck.objects.get().how == "visit"
    assert names(client.get(URL)) == []


def test_my_area_shows_the_requests_parents_sent_about_listings_there(client, coach):
    here = checked(5, name="Here")
    away = checked(5, name="Away", latitude=PITTSBURGH[0] + 2)
    SubmissionFactory(kind=SubmissionKind.CLOSURE, meeting=here)
    SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=away)
    SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=here, status=SubmissionStatus.REJECTED)

    response = client.get(URL)

    assert [request.meeting for request in response.context["worklist"].requests] == [here]
    assert "1 request from parents" in response.content.decode()


def test_a_large_area_comes_a_page_at_a_time(client, coach):
    for number in range(30):
        checked(None, name=f"Group {number:02d}")

    first, second = client.get(URL), client.get(URL, {"page": "2"})

    assert len(names(first)) == 25 and len(names(second)) == 5
    assert "30 listings need a check" in second.content.decode()
    assert client.get(URL, {"page": "zzz"}).status_code == 200  # the first page


def test_without_an_area_my_area_asks_for_one(client):
    client.force_login(CoachFactory())

    response = client.get(URL)

    assert response.status_code == 200
    assert "Set your area first" in response.content.decode()


def test_my_area_is_for_coaches_and_moderators_only(client):
    assert client.get(URL).status_code == 302  # to log in
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
