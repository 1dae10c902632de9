"""A meeting's history: who changed what and why (a person, an import, an approved
submission), field by field, and going back to an earlier version."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .listing import FieldChange, display_value
from .models import MEETING_HISTORY, Focus, Language, Meeting
from .tasks import geocode_if_unplaced

# What going back to an earlier version restores: every field the history keeps, except the
# meeting's identity and creation time.
REVERTED_FIELDS = tuple(
    field.attname for field in Meeting._meta.concrete_fields
    if field.name not in ("id", "created")
    and field.attname in {f.attname for f in MEETING_HISTORY.fields_included(Meeting)}
)
# Translators: what a version in a meeting's history did to the meeting's listing.
HISTORY_KINDS = {"+": pgettext_lazy("history", "Created"), "~": pgettext_lazy("history", "Changed"),
                 "-": pgettext_lazy("history", "Deleted")}


def save_meeting(meeting: Meeting, *, by=None, reason: str = "", save_related=None) -> Meeting:
    """Save a meeting and its focus/language changes as ONE history record, and have it
    geocoded after the commit if it meets in person at an address without coordinates.

    `by` is the person (None for an import or a task); `reason` says why or from where, such
    as "Approved submission #12" or "Import: Pittsburgh AA feed". `save_related` saves the
    many-to-many fields, such as a ModelForm's save_m2m.
    """
    created = meeting._state.adding
    # Without this each focus/language change would write its own record.
    meeting.skip_history_when_saving = True
    try:
        meeting.save()
        if save_related is not None:
            save_related()
    finally:
        del meeting.skip_history_when_saving
    geocode_if_unplaced(meeting)
    if by is not None:
        meeting._history_user = by
    meeting._change_reason = reason
    try:
        MEETING_HISTORY.create_historical_record(meeting, "+" if created else "~")
    finally:
        meeting.__dict__.pop("_history_user", None)
        meeting.__dict__.pop("_change_reason", None)
    return meeting


@dataclass(frozen=True)
class HistoryEntry:
    record: object
    when: datetime
    who: str
    reason: str
    kind: str
    changes: list[FieldChange]

    @property
    def history_id(self) -> int:
        return self.record.history_id


def _who(record) -> str:
    user = record.history_user
    if user is None:
        # Translators: who made a change in a meeting's history when no person did.
        return _("Village (import or automatic task)")
    return user.get_full_name() or user.email or user.get_username()


def _m2m_values(field: str, rows) -> list[str]:
    # Each row is a link-table record, keyed by the link's own name for the other side
    # ("language" for the `languages` field).
    key = Meeting._meta.get_field(field).m2m_reverse_field_name()
    ids = [row[key] for row in rows]
    if field == "focus":
        return sorted(Focus.objects.filter(pk__in=ids).values_list("slug", flat=True))
    return sorted(Language.objects.filter(pk__in=ids).values_list("code", flat=True))


def _field_changes(newer, older) -> list[FieldChange]:
    delta = newer.diff_against(older)
    changes = []
    for change in delta.changes:
        name = change.field
        old, new = change.old, change.new
        if name in ("focus", "languages"):
            old, new = _m2m_values(name, old), _m2m_values(name, new)
            if old == new:
                continue
        label = str(Meeting._meta.get_field(name).verbose_name).capitalize()
        changes.append(FieldChange(name, label, display_value(name, old), display_value(name, new)))
    return changes


def meeting_history(meeting: Meeting) -> list[HistoryEntry]:
    """Every recorded version of a meeting, newest first, with what changed from the one before."""
    records = list(meeting.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    # The version each record follows; the oldest follows none (and a meeting saved without
    # history, as bulk-created demo and imported ones are, has no records at all).
    for newer, older in zip(records, [*records[1:], None][:len(records)], strict=True):
        changes = _field_changes(newer, older) if older is not None else []
        entries.append(HistoryEntry(newer, newer.history_date, _who(newer),
                                    newer.history_change_reason or "",
                                    str(HISTORY_KINDS.get(newer.history_type, newer.history_type)),
                                    changes))
    return entries


@transaction.atomic
def revert_meeting(meeting: Meeting, history_id: int, *, by, reason: str = "") -> Meeting:
    """Put a meeting back as it was in one of its history records; the revert is recorded too,
    with `reason` or the version it went back to."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    record = meeting.history.get(history_id=history_id)
    for attname in REVERTED_FIELDS:
        setattr(meeting, attname, getattr(record, attname))
    focus_ids = [row.focus_id for row in record.focus.all()]
    language_ids = [row.language_id for row in record.languages.all()]

    def restore_related():
        meeting.focus.set(focus_ids)
        meeting.languages.set(language_ids)

    # The reason is a record, kept in English whoever reads it (as every reason is).
    when = record.history_date.strftime("%Y-%m-%d %H:%M UTC")
    return save_meeting(meeting, by=by, reason=reason or f"Reverted to the version of {when}",
                        save_related=restore_related)


def undoable_by(meeting: Meeting, person) -> int | None:
    """The history record that undoing `person`'s last change goes back to: the version
    before the meeting's latest, when that latest is theirs; None otherwise."""
    latest_two = list(meeting.history.order_by("-history_date", "-history_id")
                      .values_list("history_user_id", "history_id")[:2])
    if len(latest_two) < 2 or latest_two[0][0] != person.pk:
        return None
    return latest_two[1][1]


@transaction.atomic
def undo_last_change(meeting: Meeting, *, by) -> Meeting | None:
    """Put the meeting back as it was before `by`'s last change, if the latest is theirs."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    previous = undoable_by(meeting, by)
    if previous is None:
        return None
    return revert_meeting(meeting, previous, by=by, reason="Undid their own last change")

