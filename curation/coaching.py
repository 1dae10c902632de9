"""What peer coaches do to keep a listing true: edit it, mark it verified, add notes for parents."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from meetings.history import save_meeting
from meetings.models import Meeting, Status

from .models import CheckMethod, CoachNote, ListingCheck


@transaction.atomic
def edit_listing(form, *, by) -> Meeting:
    """Save a coach's edit of a listing (a valid ListingForm bound to the meeting): who looked
    at it closely enough to change it has checked it, so it counts as checked today."""
    meeting = form.save(commit=False)
    meeting.last_verified = timezone.localdate()
    meeting = save_meeting(meeting, by=by, reason="Edited by a peer coach (checked)",
                           save_related=form.save_m2m)
    ListingCheck.objects.create(meeting=meeting, checked_by=by, how=CheckMethod.EDITED)
    return meeting


@transaction.atomic
def publish_listing(form, *, by) -> Meeting:
    """A coach's new meeting (a valid NewMeetingForm), published at once: coaches are trusted,
    and the history keeps who added it."""
    meeting = form.save(commit=False)
    meeting.status = Status.PUBLISHED
    meeting.last_verified = timezone.localdate()
    return save_meeting(meeting, by=by, reason="Added by a peer coach", save_related=form.save_m2m)


@transaction.atomic
def verify(meeting: Meeting, *, by, how: str = CheckMethod.CONFIRMED, note: str = "",
           today=None) -> Meeting:
    """Record that the meeting still meets as listed, checked today `how`, with a note."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.last_verified = today or timezone.localdate()
    # The history's reason is short and English, as every other one; the check keeps the note.
    reason = f"Verified ({CheckMethod(how).name.lower()}): still meets as listed"
    meeting = save_meeting(meeting, by=by, reason=reason)
    ListingCheck.objects.create(meeting=meeting, checked_by=by, how=how, note=note)
    return meeting


def add_note(meeting: Meeting, form, *, by) -> CoachNote:
    note = form.save(commit=False)
    note.meeting = meeting
    note.author = by
    note.save()
    return note
