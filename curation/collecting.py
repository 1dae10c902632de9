"""Coaches' collections: named lists of meetings, private or shared by an unguessable link."""
from __future__ import annotations

from meetings.models import Meeting

from .models import Collection, new_collection_token


def create(form, *, owner) -> Collection:
    collection = form.save(commit=False)
    collection.owner = owner
    collection.save()
    return collection


def add_meeting(collection: Collection, meeting: Meeting) -> bool:
    """Add a meeting; False if it was already there."""
    if collection.meetings.filter(pk=meeting.pk).exists():
        return False
    collection.meetings.add(meeting)
    return True


def remove_meeting(collection: Collection, meeting: Meeting):
    collection.meetings.remove(meeting)


def new_link(collection: Collection) -> Collection:
    """A fresh link; the old one stops working (for a link shared with the wrong people)."""
    collection.token = new_collection_token()
    collection.save(update_fields=["token", "updated"])
    return collection


def meetings_for(collection: Collection, *, owner_view: bool):
    """What a collection shows: its owner sees every meeting, others only the published ones."""
    meetings = collection.meetings.all()
    return meetings if owner_view else meetings.published()
