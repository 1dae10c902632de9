"""A moderator limited to areas (a region or a feed source) sees and decides only what is in
them; with no areas, the whole site. Set by a whole-site moderator on the moderator's areas page."""
import pytest
from django.urls import reverse

from curation import areas
from curation.models import ModeratorArea, Submission, SubmissionKind
from feeds.models import FeedSource, ImportConflict
from meetings.listing import current_listing
from tests.factories import (
    PITTSBURGH,
    CoachFactory,
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.pages import soup

pytestmark = pytest.mark.django_db

# About 185 km west of Pittsburgh: outside a 25 km region around it.
COLUMBUS = (39.9612, -82.9988)


def pittsburgh_region(moderator, **overrides):
    values = {"area_name": "Pittsburgh, PA", "latitude": PITTSBURGH[0], "longitude": PITTSBURGH[1],
              "radius_km": 25, "timezone": "America/New_York", **overrides}
    return areas.add_area(moderator, ModeratorArea(**values))


def suggestion_at(latitude, longitude, **proposed):
    submission = SubmissionFactory()
    submission.proposed = {**submission.proposed, "latitude": latitude, "longitude": longitude,
                           **proposed}
    submission.save()
    return submission


def change_request(meeting, **proposed):
    listing = current_listing(meeting)
    return SubmissionFactory(kind=SubmissionKind.CHANGE, meeting=meeting, baseline=listing,
                             proposed={**listing, **proposed})


def queue_ids(client):
    return {int(row["data-submission"]) for row in soup(client.get(reverse("moderation-queue")))
            .select("[data-submission]")}


@pytest.fixture
def limited(client):
    moderator = ModeratorFactory()
    pittsburgh_region(moderator)
    client.force_login(moderator)
    return moderator


# --- Which items an area holds ----------------------------------------------------------------

def test_a_moderator_without_areas_has_the_whole_site():
    moderator = ModeratorFactory()
    far = suggestion_at(*COLUMBUS)

    assert areas.submissions_in_areas(moderator, Submission.objects.all()).count() == 1
    assert areas.may_act_on_submission(moderator, far)
    assert areas.sources_in_areas(moderator, FeedSource.objects.all()).count() == 0  # none exist
    FeedSourceFactory()
    assert areas.sources_in_areas(moderator, FeedSource.objects.all()).count() == 1


def test_a_region_holds_suggestions_proposed_inside_its_radius_only(limited):
    near, far = suggestion_at(*PITTSBURGH), suggestion_at(*COLUMBUS)

    inside = areas.submissions_in_areas(limited, Submission.objects.all())

    assert list(inside) == [near]
    assert areas.may_act_on_submission(limited, near)
    assert not areas.may_act_on_submission(limited, far)


def test_an_online_suggestion_is_in_the_region_of_its_time_zone(limited):
    online = dict(attendance="online", latitude=None, longitude=None)
    eastern = suggestion_at(**online, timezone="America/New_York")
    central = suggestion_at(**online, timezone="America/Chicago")

    assert areas.may_act_on_submission(limited, eastern)
    assert not areas.may_act_on_submission(limited, central)


def test_a_change_request_is_in_the_region_where_the_meeting_meets_or_would_move(limited):
    here, there = MeetingFactory(), MeetingFactory(latitude=COLUMBUS[0], longitude=COLUMBUS[1])

    assert areas.may_act_on_submission(limited, change_request(here, start_time="12:30"))
    assert areas.may_act_on_submission(limited, change_request(
        there, latitude=PITTSBURGH[0], longitude=PITTSBURGH[1]))
    assert not areas.may_act_on_submission(limited, change_request(there, start_time="12:30"))


def test_a_source_area_holds_requests_about_that_sources_meetings_and_its_conflicts():
    moderator = ModeratorFactory()
    ours, theirs = FeedSourceFactory(), FeedSourceFactory()
    areas.add_area(moderator, ModeratorArea(source=ours))
    imported = MeetingFactory(source=ours, source_slug="a", latitude=COLUMBUS[0], longitude=COLUMBUS[1])
    other = MeetingFactory(source=theirs, source_slug="b")
    conflict = ImportConflict.objects.create(meeting=imported, source=ours, field="name")
    ImportConflict.objects.create(meeting=other, source=theirs, field="name")

    assert areas.may_act_on_submission(moderator, change_request(imported, start_time="12:30"))
    assert not areas.may_act_on_submission(moderator, change_request(other, start_time="12:30"))
    assert not areas.may_act_on_submission(moderator, SubmissionFactory())  # a suggestion has no source
    assert list(areas.sources_in_areas(moderator, FeedSource.objects.all())) == [ours]
    assert list(areas.conflicts_in_areas(moderator, ImportConflict.objects.all())) == [conflict]
    assert areas.may_act_on_source(moderator, ours) and not areas.may_act_on_source(moderator, theirs)


def test_a_region_sees_conflicts_about_its_meetings_but_no_source(limited):
    source = FeedSourceFactory()
    near = ImportConflict.objects.create(meeting=MeetingFactory(source=source, source_slug="a"),
                                         source=source, field="name")
    ImportConflict.objects.create(meeting=MeetingFactory(
        source=source, source_slug="b", latitude=COLUMBUS[0], longitude=COLUMBUS[1]),
        source=source, field="name")

    assert list(areas.conflicts_in_areas(limited, ImportConflict.objects.all())) == [near]
    assert areas.may_act_on_conflict(limited, near)
    assert list(areas.sources_in_areas(limited, FeedSource.objects.all())) == []


def test_a_deleted_source_leaves_its_moderator_with_nothing_not_the_whole_site():
    moderator = ModeratorFactory()
    source = FeedSourceFactory()
    areas.add_area(moderator, ModeratorArea(source=source))
    source.delete()
    moderator.__dict__.pop("_moderator_areas", None)

    assert areas.is_limited(moderator)
    assert not areas.may_act_on_submission(moderator, SubmissionFactory())


def test_a_superuser_is_never_limited():
    admin = UserFactory(is_staff=True, is_superuser=True)
    ModeratorArea.objects.create(moderator=admin, source=FeedSourceFactory())

    assert not areas.is_limited(admin)


# --- The queue, the review and the bulk decision -----------------------------------------------

def test_the_queue_of_an_area_limited_moderator_shows_only_their_area(client, limited):
    near, far = suggestion_at(*PITTSBURGH), suggestion_at(*COLUMBUS)

    assert queue_ids(client) == {near.pk}

    client.force_login(ModeratorFactory())
    assert queue_ids(client) == {near.pk, far.pk}


def test_the_queue_counts_only_what_lies_in_a_limited_moderators_areas(client, limited):
    suggestion_at(*PITTSBURGH)
    suggestion_at(*COLUMBUS)
    suggestion_at(*COLUMBUS)
    source = FeedSourceFactory()
    ImportConflict.objects.create(meeting=MeetingFactory(
        source=source, source_slug="far", latitude=COLUMBUS[0], longitude=COLUMBUS[1]),
        source=source, field="name")

    counts = client.get(reverse("moderation-queue")).context["counts"]

    assert (counts["total"], counts["new"], counts["conflicts"]) == (1, 1, 0)


def test_the_conflicts_of_a_limited_moderator_hold_only_their_area(client, limited):
    source = FeedSourceFactory()
    near = ImportConflict.objects.create(meeting=MeetingFactory(source=source, source_slug="a"),
                                         source=source, field="name")
    ImportConflict.objects.create(meeting=MeetingFactory(
        source=source, source_slug="b", latitude=COLUMBUS[0], longitude=COLUMBUS[1]),
        source=source, field="name")

    page = soup(client.get(reverse("moderation-queue") + "?kind=conflicts"))

    assert [int(row["data-conflict"]) for row in page.select("[data-conflict]")] == [near.pk]


def test_resolving_a_conflict_outside_ones_areas_is_refused_and_changes_nothing(client, limited):
    source = FeedSourceFactory()
    far = ImportConflict.objects.create(meeting=MeetingFactory(
        source=source, source_slug="far", latitude=COLUMBUS[0], longitude=COLUMBUS[1]),
        source=source, field="name", local_value="Ours", feed_value="Theirs")

    response = client.post(reverse("conflict-resolve", args=[far.pk]), {"choice": "feed"})

    assert response.status_code == 403
    far.refresh_from_db()
    assert far.is_open


def test_reviewing_a_submission_outside_ones_areas_is_refused(client, limited):
    far = suggestion_at(*COLUMBUS)

    page = client.get(reverse("submission-review", args=[far.pk]))
    response = client.post(reverse("submission-review", args=[far.pk]), {"action": "approve"})

    assert page.status_code == 403
    assert response.status_code == 403
    assert f"Submission {far.pk} is outside the areas you moderate" in response.content.decode()
    far.refresh_from_db()
    assert far.status == "pending"


def test_reviewing_inside_ones_area_works(client, limited):
    near = suggestion_at(*PITTSBURGH)

    response = client.post(reverse("submission-review", args=[near.pk]), {"action": "approve"})

    assert response.status_code == 302
    near.refresh_from_db()
    assert near.status == "approved"


def test_a_bulk_decision_with_items_outside_is_refused_naming_them(client, limited):
    near, far, farther = suggestion_at(*PITTSBURGH), suggestion_at(*COLUMBUS), suggestion_at(10.0, 10.0)

    response = client.post(reverse("moderation-queue"), {
        "submissions": [near.pk, far.pk, farther.pk], "action": "reject", "reason": "Spam"})

    assert response.status_code == 403
    text = soup(response).select_one("[data-outside]").get_text(" ", strip=True)
    assert f"Submissions {far.pk}, {farther.pk} are outside" in text
    assert set(Submission.objects.values_list("status", flat=True)) == {"pending"}


def test_a_bulk_decision_inside_ones_area_goes_through(client, limited):
    near = suggestion_at(*PITTSBURGH)

    response = client.post(reverse("moderation-queue"), {
        "submissions": [near.pk], "action": "reject", "reason": "Spam"})

    assert response.status_code == 302
    near.refresh_from_db()
    assert near.status == "rejected"


# --- Setting a moderator's areas -------------------------------------------------------------

def areas_url(person):
    return reverse("moderator-areas", args=[person.pk])


def test_a_moderator_limits_another_to_a_region_and_a_source(client):
    boss, moderator = ModeratorFactory(), ModeratorFactory()
    source = FeedSourceFactory(name="Pittsburgh AA")
    client.force_login(boss)

    added = client.post(areas_url(moderator), {
        "action": "add_region", "region-place": "Squirrel Hill, Pittsburgh", "region-radius_km": "10"})
    client.post(areas_url(moderator), {"action": "add_source", "source-source": source.pk})

    assert added.status_code == 302
    region, by_source = ModeratorArea.objects.filter(moderator=moderator)
    assert (region.radius_km, region.timezone, region.latitude is not None) == (10, "America/New_York", True)
    assert by_source.source == source
    page = soup(client.get(areas_url(moderator))).select("[data-area]")
    assert "Feed source: Pittsburgh AA" in page[1].get_text()


def test_removing_the_last_area_gives_back_the_whole_site(client):
    boss, moderator = ModeratorFactory(), ModeratorFactory()
    area = pittsburgh_region(moderator)
    client.force_login(boss)

    client.post(areas_url(moderator), {"action": "remove", "area": area.pk})

    assert not ModeratorArea.objects.exists()
    assert soup(client.get(areas_url(moderator))).select_one("[data-whole-site]") is not None


@pytest.mark.parametrize(("data", "field"), [
    ({"action": "add_region", "region-place": "", "region-radius_km": "10"}, "Place or ZIP code"),
    ({"action": "add_region", "region-place": "Squirrel Hill, Pittsburgh", "region-radius_km": "0"},
     "Radius (km)"),
    ({"action": "add_region", "region-timezone": "Mars/Olympus", "region-radius_km": "10"},
     "Time zone for online meetings"),
    ({"action": "add_source", "source-source": "99999"}, "Feed source"),
    ({"action": "remove", "area": "99999"}, "area"),
    ({"action": "burn"}, "action"),
])
def test_bad_input_on_the_areas_page_is_a_400_naming_the_field(client, data, field):
    moderator = ModeratorFactory()
    client.force_login(ModeratorFactory())

    response = client.post(areas_url(moderator), data)

    assert response.status_code == 400
    assert f"{field}:" in soup(response).get_text(" ")
    assert not ModeratorArea.objects.exists()


@pytest.mark.parametrize("who", ["coach", "parent", "limited moderator"])
def test_only_a_whole_site_moderator_sets_areas(client, who):
    moderator = ModeratorFactory()
    person = {"coach": CoachFactory, "parent": UserFactory, "limited moderator": ModeratorFactory}[who]()
    if who == "limited moderator":
        pittsburgh_region(person)
    client.force_login(person)

    response = client.post(areas_url(person if who == "limited moderator" else moderator),
                           {"action": "remove", "area": "1"})

    assert response.status_code == 403


def test_an_area_limited_moderator_gives_no_roles(client, limited):
    assert client.get(reverse("account-roles")).status_code == 403


def test_only_moderators_have_an_areas_page(client):
    client.force_login(ModeratorFactory())

    assert client.get(areas_url(CoachFactory())).status_code == 404
    assert client.get(areas_url(UserFactory(is_superuser=True, is_staff=True))).status_code == 404


def test_the_roles_page_links_to_a_moderators_areas(client):
    moderator, coach = ModeratorFactory(), CoachFactory()
    client.force_login(ModeratorFactory())

    page = soup(client.get(reverse("account-roles")))

    assert page.select_one(f'[data-person="{moderator.pk}"] a[href="{areas_url(moderator)}"]')
    assert not page.select_one(f'[data-person="{coach.pk}"] a[href="{areas_url(coach)}"]')
