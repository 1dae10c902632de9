"""Import conflicts as moderators meet them in the queue: the open ones, a page at a time,
with readable field names and the two values side by side, and a moderator's decision on one."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from feeds.importing import resolve_conflict
from feeds.models import ImportConflict
from meetings.models import Meeting

from .submissions import QUEUE_PAGE_SIZE, readable_value, vocabulary


class ConflictDecided(Exception):
    """The conflict was resolved already (by someone else, or in another tab); `message` is
    fit to show the moderator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ConflictRow:
    conflict: ImportConflict
    label: str
    ours: str
    feeds: str


def field_label(name: str) -> str:
    """A listing field's name as the forms call it ("Start time")."""
    try:
        return str(Meeting._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


def open_conflicts(area: str = ""):
    """Open conflicts, oldest first, filtered by area as the submissions are (a time zone, or
    words of the meeting's address)."""
    conflicts = (ImportConflict.objects.filter(resolved_at__isnull=True)
                 .select_related("meeting", "source").order_by("detected_at", "pk"))
    area = area.strip()
    if area:
        conflicts = conflicts.filter(Q(meeting__timezone=area) | Q(meeting__address__icontains=area))
    return conflicts


def conflict_page(conflicts, number=1, size: int = QUEUE_PAGE_SIZE) -> Page:
    """Page `number` of the conflicts of `conflicts` (from open_conflicts), as rows."""
    page = Paginator(conflicts, size).get_page(number)
    labels = vocabulary()
    page.object_list = [
        ConflictRow(conflict, field_label(conflict.field),
                    readable_value(conflict.field, conflict.local_value, labels),
                    readable_value(conflict.field, conflict.feed_value, labels))
        for conflict in page.object_list]
    return page


@transaction.atomic
def resolve(conflict_id: int, *, take_feed: bool, by) -> ImportConflict:
    """Keep Village's value or take the feed's, once: a conflict resolved meanwhile raises
    ConflictDecided saying how it was resolved. Raises ImportConflict.DoesNotExist for none."""
    conflict = (ImportConflict.objects.select_for_update(of=("self",))
                .select_related("meeting", "source").get(pk=conflict_id))
    if not conflict.is_open:
        raise ConflictDecided(
            # Translators: a field's name, a meeting's name, then how the conflict was resolved
            # ("kept the local value").
            _("The conflict over %(field)s of %(meeting)s was already resolved: %(resolution)s.")
            % {"field": field_label(conflict.field), "meeting": conflict.meeting.name,
               "resolution": conflict.get_resolution_display().lower()})
    return resolve_conflict(conflict, take_feed=take_feed, by=by)
