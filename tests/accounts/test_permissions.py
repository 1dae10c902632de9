"""Every role against every write action: allowed, or refused (403, or a redirect to log in),
never a 500, and a refused request changes nothing."""
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import CoachProfile
from curation import areas
from curation.models import CoachNote, Collection, ModeratorArea, Submission
from feeds.models import FeedSource, ImportConflict
from meetings.history import latest_version, save_meeting
from meetings.models import Meeting
from tests.factories import (
    CoachFactory,
    CoachNoteFactory,
    CollectionFactory,
    FeedSourceFactory,
    MeetingFactory,
    ModeratorFactory,
    SubmissionFactory,
    UserFactory,
    change_data,
    new_meeting_data,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "parent", "coach", "other_coach", "moderator", "area_moderator")
EVERYONE = set(ROLES)
COACHES = {"coach", "other_coach", "moderator", "area_moderator"}
OWNER = {"coach"}
MODERATOR = {"moderator"}
# A moderator limited to a region far from the world's submission (Columbus, Ohio): what a
# moderator may do anywhere, but neither deciding outside their area nor giving roles or areas.
AREA_MODERATOR = {"area_moderator"}


@dataclass
class World:
    people: dict
    meeting: Meeting
    note: CoachNote
    collection: Collection
    submission: Submission
    source: FeedSource
    conflict: ImportConflict


@pytest.fixture
def world():
    coach = CoachFactory()
    meeting = MeetingFactory(name="Tuesday Serenity")
    meeting.name = "Tuesday Serenity (renamed)"
    save_meeting(meeting, reason="a version to revert from")
    collection = CollectionFactory(owner=coach, visibility="private")
    collection.meetings.add(meeting)
    source = FeedSourceFactory(name="Pittsburgh AA")
    area_moderator = ModeratorFactory()
    areas.add_area(area_moderator, ModeratorArea(area_name="Columbus, OH", latitude=39.96,
                                                 longitude=-83.0, radius_km=25,
                                                 timezone="America/Chicago"))
    return World(
        people={"anonymous": None, "parent": UserFactory(), "coach": coach,
                "other_coach": CoachFactory(), "moderator": ModeratorFactory(),
                "area_moderator": area_moderator},
        meeting=meeting,
        note=CoachNoteFactory(meeting=meeting, author=coach),
        collection=collection,
        submission=SubmissionFactory(),
        # In Pittsburgh, as the meeting is: outside the area moderator's region.
        source=source,
        conflict=ImportConflict.objects.create(meeting=meeting, source=source, field="name",
                                               local_value=meeting.name, feed_value="From the feed"),
    )


def oldest_version(world):
    return world.meeting.history.last().history_id


# name: (allowed roles, url, data)
ACTIONS = {
    "suggest a meeting": (EVERYONE, lambda w: reverse("submission-new"), lambda w: new_meeting_data()),
    "request a change": (EVERYONE, lambda w: reverse("submission-change", args=[w.meeting.slug]),
                         lambda w: change_data(w.meeting, children="welcome")),
    "report a closure": (EVERYONE, lambda w: reverse("submission-closure", args=[w.meeting.slug]),
                         lambda w: {"message": "It stopped in May."}),
    "edit a listing": (COACHES, lambda w: reverse("meeting-edit", args=[w.meeting.slug]),
                       lambda w: change_data(w.meeting, name="Edited")),
    "verify a listing": (COACHES, lambda w: reverse("meeting-verify", args=[w.meeting.slug]), lambda w: {}),
    "add a coach note": (COACHES, lambda w: reverse("coach-note-add", args=[w.meeting.slug]),
                         lambda w: {"text": "Use the side door."}),
    "remove a coach note": (OWNER | MODERATOR | AREA_MODERATOR,
                            lambda w: reverse("coach-note-delete", args=[w.note.pk]), lambda w: {}),
    "create a collection": (COACHES, lambda w: reverse("collection-list"),
                            lambda w: {"name": "Mornings", "visibility": "link"}),
    "add to a collection": (OWNER, lambda w: reverse("meeting-collect", args=[MeetingFactory().slug]),
                            lambda w: {"collection": w.collection.token}),
    "edit a collection": (OWNER, lambda w: reverse("collection-edit", args=[w.collection.token]),
                          lambda w: {"name": "Renamed", "visibility": "link"}),
    "remove from a collection": (OWNER, lambda w: reverse("collection-remove", args=[
        w.collection.token, w.meeting.slug]), lambda w: {}),
    "make a new collection link": (OWNER, lambda w: reverse("collection-new-link", args=[w.collection.token]),
                                   lambda w: {}),
    "delete a collection": (OWNER, lambda w: reverse("collection-delete", args=[w.collection.token]),
                            lambda w: {}),
    "approve a submission": (MODERATOR, lambda w: reverse("submission-review", args=[w.submission.pk]),
                             lambda w: {"action": "approve"}),
    "reject a submission": (MODERATOR, lambda w: reverse("submission-review", args=[w.submission.pk]),
                            lambda w: {"action": "reject", "reason": "Duplicate"}),
    "bulk approve": (MODERATOR, lambda w: reverse("moderation-queue"),
                     lambda w: {"submissions": [w.submission.pk], "action": "approve"}),
    # Reverting is not limited by area (yet): a moderator's tool on any meeting's history.
    "revert a meeting": (MODERATOR | AREA_MODERATOR, lambda w: reverse("meeting-revert", args=[
        w.meeting.slug, oldest_version(w)]), lambda w: {"latest": latest_version(w.meeting)}),
    "undo one field's change": (MODERATOR | AREA_MODERATOR, lambda w: reverse("meeting-undo-field", args=[
        w.meeting.slug, latest_version(w.meeting), "name"]), lambda w: {"latest": latest_version(w.meeting)}),
    "reject as spam": (MODERATOR, lambda w: reverse("submission-review", args=[w.submission.pk]),
                       lambda w: {"action": "spam"}),
    "bulk reject as spam": (MODERATOR, lambda w: reverse("moderation-queue"),
                            lambda w: {"submissions": [w.submission.pk], "action": "spam"}),
    "resolve an import conflict": (MODERATOR, lambda w: reverse("conflict-resolve", args=[w.conflict.pk]),
                                   lambda w: {"choice": "feed"}),
    "add a feed source": (MODERATOR, lambda w: reverse("feed-source-add"), lambda w: {
        "name": "Erie AA", "location": "https://erie-aa.example.org/meetings.json",
        "format": "meeting-guide", "fellowship": "aa", "default_timezone": "America/New_York",
        "refresh_hours": "24", "active": "on"}),
    "edit a feed source": (MODERATOR, lambda w: reverse("feed-source-edit", args=[w.source.pk]), lambda w: {
        "name": "Pittsburgh AA (renamed)", "location": w.source.location, "format": "meeting-guide",
        "fellowship": "aa", "default_timezone": "America/New_York", "refresh_hours": "24"}),
    "delete a feed source": (MODERATOR, lambda w: reverse("feed-source-delete", args=[w.source.pk]),
                             lambda w: {}),
    "give a role": (MODERATOR, lambda w: reverse("account-roles"),
                    lambda w: {"user": w.people["parent"].pk, "role": "coach"}),
    "set a moderator's areas": (MODERATOR, lambda w: reverse("moderator-areas", args=[
        w.people["area_moderator"].pk]), lambda w: {"action": "add_region", "region-radius_km": "25",
                                                    "region-timezone": "America/Denver"}),
    "set a coach area": (COACHES, lambda w: reverse("account-profile"),
                         lambda w: {"place": "Squirrel Hill, Pittsburgh", "radius_km": "10"}),
}


def snapshot():
    """Everything a write action could change."""
    return (
        list(Meeting.objects.values_list("name", "status", "last_verified", "children").order_by("pk")),
        list(Submission.objects.values_list("pk", "status").order_by("pk")),
        list(CoachNote.objects.values_list("pk", "text").order_by("pk")),
        list(Collection.objects.values_list("pk", "name", "token", "visibility").order_by("pk")),
        sorted(Collection.meetings.through.objects.values_list("collection_id", "meeting_id")),
        sorted(get_user_model().groups.through.objects.values_list("user_id", "group__name")),
        list(CoachProfile.objects.values_list("user_id", "area_name").order_by("pk")),
        list(ModeratorArea.objects.values_list("moderator_id", "timezone").order_by("pk")),
        list(FeedSource.objects.values_list("pk", "name", "active").order_by("pk")),
        list(ImportConflict.objects.values_list("pk", "resolved_at").order_by("pk")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_role_against_every_write_action(client, world, role, action):
    allowed, url, data = ACTIONS[action]
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    target, payload = url(world), data(world)
    before = snapshot()

    response = client.post(target, payload)

    if role in allowed:
        assert response.status_code in (200, 302), response.content[:500]
        assert "/en/accounts/login/" not in response.get("Location", "")
        assert snapshot() != before, f"{role} was allowed to {action}, but nothing changed"
    elif person is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert snapshot() == before
    else:
        assert response.status_code == 403
        assert snapshot() == before


@pytest.mark.parametrize("name, args", [
    ("moderation-queue", []), ("submission-review", ["submission"]), ("meeting-history", ["meeting"]),
    ("meeting-edit", ["meeting"]), ("account-roles", []), ("collection-list", []),
    ("account-role-log", []), ("moderator-areas", ["moderator"]), ("feed-sources", []),
    ("feed-source-add", []), ("feed-source-edit", ["source"]), ("feed-source-preview", ["source"]),
    ("feed-source-delete", ["source"]),
])
@pytest.mark.parametrize("role", ["anonymous", "parent"])
def test_curation_pages_are_refused_to_people_without_the_role(client, world, role, name, args):
    if world.people[role]:
        client.force_login(world.people[role])
    values = {"submission": world.submission.pk, "meeting": world.meeting.slug,
              "moderator": world.people["moderator"].pk, "source": world.source.pk}
    response = client.get(reverse(name, args=[values[arg] for arg in args]))
    assert response.status_code == (403 if world.people[role] else 302)
