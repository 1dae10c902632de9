"""What peer coaches do to keep a listing true: edit it, mark it verified, add notes for parents."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from meetings.history import save_meeting
from meetings.models import Meeting

from .models import CoachNote


@transaction.atomic
def edit_listing(form, *, by) -> Meeting:
    """Save a coach's edit of a listing (a valid ListingForm bound to the meeting)."""
    meeting = form.save(commit=False)
    return save_meeting(meeting, by=by, reason="Edited by a peer coach", save_related=form.save_m2m)


@transaction.atomic
def verify(meeting: Meeting, *, by, today=None) -> Meeting:
    """Record that the meeting still meets as listed, checked today."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.last_verified = today or timezone.localdate()
    return save_meeting(meeting, by=by, reason="Verified: still meets as listed")


def add_note(meeting: Meeting, form, *, by) -> CoachNote:
    note = form.save(commit=False)
    note.meeting = meeting
    note.author = by
    note.save()
    return note
