"""Coaches' collections: named lists of meetings in the coach's order, each with her note,
private or shared by an unguessable link; as a page, a calendar and a spreadsheet."""
from __future__ import annotations

import csv
from dataclasses import dataclass

import segno
from django.db import transaction
from django.db.models import Max
from django.utils.safestring import SafeString, mark_safe

from meetings.models import Meeting, Status

from .models import Collection, CollectionItem, new_collection_token


def create(form, *, owner) -> Collection:
    collection = form.save(commit=False)
    collection.owner = owner
    collection.save()
    return collection


def add_meeting(collection: Collection, meeting: Meeting) -> bool:
    """Add a meeting at the end; False if it was already there."""
    last = collection.items.aggregate(last=Max("position"))["last"]
    _item, added = CollectionItem.objects.get_or_create(
        collection=collection, meeting=meeting,
        defaults={"position": 0 if last is None else last + 1})
    return added


def add_meetings(collection: Collection, meetings) -> int:
    """Add these meetings at the end, in their order; how many were not there yet."""
    with transaction.atomic():
        return sum(add_meeting(collection, meeting) for meeting in meetings)


def remove_meeting(collection: Collection, meeting: Meeting):
    collection.items.filter(meeting=meeting).delete()


@transaction.atomic
def move(collection: Collection, meeting: Meeting, step: int) -> bool:
    """Move a meeting one place earlier (`step` -1) or later (+1); False at either end."""
    items = list(collection.items.select_for_update().order_by("position", "pk"))
    index = next((n for n, item in enumerate(items) if item.meeting_id == meeting.pk), None)
    if index is None or not 0 <= index + step < len(items):
        return False
    items[index], items[index + step] = items[index + step], items[index]
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return True


def set_note(collection: Collection, meeting: Meeting, note: str) -> bool:
    """The coach's note on a meeting in the collection; False if it is not in it."""
    return bool(collection.items.filter(meeting=meeting).update(note=note))


def new_link(collection: Collection) -> Collection:
    """A fresh link; the old one stops working (for a link shared with the wrong people)."""
    collection.token = new_collection_token()
    collection.save(update_fields=["token", "updated"])
    return collection


def items_for(collection: Collection, *, owner_view: bool) -> list[CollectionItem]:
    """What a collection shows, in the coach's order, with the meetings' coach notes: its
    owner sees every meeting, others only the published ones."""
    items = collection.items.select_related("meeting").prefetch_related("meeting__coach_notes")
    if not owner_view:
        items = items.filter(meeting__status=Status.PUBLISHED)
    return list(items.order_by("position", "pk"))


def meetings_for(collection: Collection, *, owner_view: bool) -> list[Meeting]:
    return [item.meeting for item in items_for(collection, owner_view=owner_view)]


def notes_of(item: CollectionItem) -> list[str]:
    """What coaches say of a meeting in a collection: the collection's own note on it first,
    then the notes on the meeting's page."""
    return ([item.note] if item.note else []) + [note.text for note in item.meeting.coach_notes.all()]


# Columns of a collection's spreadsheet: what a coach hands out or pastes into a list.
CSV_COLUMNS = ("name", "fellowship", "day", "start", "end", "time zone", "attendance", "place",
               "address", "online link", "dial-in", "children", "notes", "page")


# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)" typed as a meeting's name).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(out, items: list[CollectionItem], *, page_url) -> None:
    """A collection's meetings, one row each in its order, to `out` (a file or a response);
    `page_url(meeting)` is the link to each meeting's page."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        meeting = item.meeting
        writer.writerow(_cell(str(value)) for value in [
            meeting.name, meeting.get_fellowship_display(), meeting.get_weekday_display(),
            f"{meeting.start_time:%H:%M}", f"{meeting.end_time:%H:%M}", meeting.timezone,
            meeting.get_attendance_display(), meeting.location_name, meeting.address,
            meeting.conference_url, meeting.conference_phone, meeting.get_children_display(),
            " / ".join(notes_of(item)), page_url(meeting)])


@dataclass(frozen=True)
class Flyer:
    """A collection on one printed page: its meetings with their notes, the time zone said
    once when they share one, and the share link as a QR code."""

    items: list[CollectionItem]
    shared_zone: str  # "" when the meetings meet on different clocks
    qr_svg: SafeString


def flyer(collection: Collection, share_url: str) -> Flyer:
    items = items_for(collection, owner_view=False)
    zones = {item.meeting.timezone for item in items}
    qr = segno.make(share_url, error="m")
    # segno's inline SVG has no style attribute, so the page's Content-Security-Policy holds.
    svg = qr.svg_inline(scale=3, border=2, title=share_url)
    return Flyer(items, zones.pop() if len(zones) == 1 else "", mark_safe(svg))

