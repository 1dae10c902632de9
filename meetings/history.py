"""A meeting's history: who changed what and why (a person, an import, an approved
submission), field by field; going back to an earlier version, or undoing one field's change
alone, each after a preview of exactly what it would change.

Every meeting has a first record ("+"), however it was made: saved one at a time
(save_meeting) or in bulk (record_versions, for the demo, imports and the migration that gave
older meetings theirs), so that every later change has something to differ from. The reasons
are stored in English, as records; `describe_reason` words the known ones in the reader's
language."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from core.bulk_writes import among, insert_values

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


# The fields undone together: a position is both its coordinates.
UNDONE_TOGETHER = {"latitude": ("latitude", "longitude"), "longitude": ("latitude", "longitude")}
LINKS = ("focus", "languages")
# How a version's time is written in a stored reason (English, UTC, to the second); older
# reasons were written to the minute.
REASON_TIME = "%Y-%m-%d %H:%M:%S"
_REASON_TIME_PATTERN = r"(?P<when>\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?) UTC"


class HistoryMoved(Exception):
    """The meeting changed since the preview was shown: nothing was done."""


class ChangedAgainLater(Exception):
    """The field no longer holds the value the change gave it: undoing it would undo a later change."""


def record_versions(meetings: Iterable[Meeting], *, history_type: str = "+", reason: str = "",
                    by=None, when: datetime | None = None, batch_size: int = 1000) -> int:
    """Write one history record per meeting, with its focus and language links, in bulk: for
    meetings saved with bulk_create or update, whose link tables already hold their links.
    Every record has the same reason, person (`by`, else the request's, as simple_history
    records it) and time.

    simple_history's own bulk helpers leave the link records out, which makes the next
    version seem to add every focus and language the meeting had all along; and they build a
    historical instance of every meeting for bulk_create, which costs an import of thousands
    of meetings more than all the rest of its writing (core.bulk_writes writes the rows).
    """
    meetings = list(meetings)
    if not meetings:
        return 0
    history_model = Meeting.history.model
    when = when or timezone.now()
    user = by or history_model.get_default_history_user(meetings[0])
    user_id = user.pk if user is not None else None
    tracked = [field.attname for field in history_model.tracked_fields]
    read = attrgetter(*tracked)
    columns = [*tracked, "history_date", "history_change_reason", "history_type",
               "history_user_id"]
    for start in range(0, len(meetings), batch_size):
        batch = meetings[start:start + batch_size]
        insert_values(history_model, columns, (
            (*read(meeting), when, reason, history_type, user_id) for meeting in batch))
        # The records just written, by what they share; should a meeting have another record
        # of that very moment, type and reason, the later (higher) id is this one.
        record_of = dict(history_model.objects.filter(
            among(history_model, "id", [meeting.pk for meeting in batch]), history_date=when,
            history_type=history_type, history_change_reason=reason,
        ).order_by("history_id").values_list("id", "history_id"))
        for field in LINKS:
            through = Meeting._meta.get_field(field).remote_field.through
            other = Meeting._meta.get_field(field).m2m_reverse_name()
            link_model = MEETING_HISTORY.m2m_models[Meeting._meta.get_field(field)]
            insert_values(link_model, ["id", "meeting_id", other, "history_id"], (
                (row_id, meeting_id, linked, record_of[meeting_id])
                for row_id, meeting_id, linked in through.objects.filter(
                    among(through, "meeting_id", list(record_of))).values_list(
                    "id", "meeting_id", other)))
    return len(meetings)


def reader_zone(name: str | None):
    """The time zone a person reads history in: theirs if they gave one, else the site's."""
    try:
        return ZoneInfo(name) if name else timezone.get_default_timezone()
    except (ValueError, KeyError):
        return timezone.get_default_timezone()


def version_time(when: datetime, zone=None) -> str:
    """A version's time to the second, in `zone`, with the zone named: 3 December 2026 14:05:09 EST."""
    local = timezone.localtime(when, zone or timezone.get_default_timezone())
    # Translators: how a version in a meeting's history is dated, in Django's date format
    # (j day, F month, Y year, H:i:s time, T time zone); keep the seconds and the zone.
    return date_format(local, pgettext("history version time", "j F Y H:i:s T"))


@dataclass(frozen=True)
class HistoryEntry:
    record: object
    when: datetime
    who: str
    reason: str  # as stored, in English
    kind: str
    changes: list[FieldChange]
    role: str = ""  # the person's role, in the reader's language: moderator, peer coach
    note: str = ""  # the reason in the reader's language
    when_shown: str = ""  # `when` to the second, in the reader's zone

    @property
    def history_id(self) -> int:
        return self.record.history_id

    @property
    def by(self) -> str:
        """Who made the version, with their role: Ana (moderator)."""
        return _with_role(self.who, self.role)

    @property
    def name(self) -> str:
        """The version's name: its time to the second and who made it."""
        # Translators: a version of a meeting's listing: "3 December 2026 14:05:09 EST, by Ana (moderator)".
        return _("%(when)s, by %(who)s") % {"when": self.when_shown, "who": self.by}


def _with_role(who: str, role: str) -> str:
    if not role:
        return who
    # Translators: who made a version of a meeting's listing and their role: "Ana (moderator)".
    return _("%(who)s (%(role)s)") % {"who": who, "role": role}


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
    return _link_names(field, [row[key] for row in rows])


def _link_names(field: str, ids) -> list[str]:
    if field == "focus":
        return sorted(Focus.objects.filter(pk__in=ids).values_list("slug", flat=True))
    return sorted(Language.objects.filter(pk__in=ids).values_list("code", flat=True))


def _label(name: str) -> str:
    return str(Meeting._meta.get_field(name).verbose_name).capitalize()


def _field_changes(newer, older) -> list[FieldChange]:
    delta = newer.diff_against(older)
    changes = []
    for change in delta.changes:
        name = change.field
        old, new = change.old, change.new
        if name in LINKS:
            old, new = _m2m_values(name, old), _m2m_values(name, new)
            if old == new:
                continue
        changes.append(FieldChange(name, _label(name), display_value(name, old), display_value(name, new)))
    return changes


# --- Reasons in the reader's language --------------------------------------------------------

def _reason_words():
    """The stored reasons this module can word, each a pattern and how to say it."""
    return (
        (re.compile(r"^Approved (?P<kind>.+) request #(?P<number>\d+)$"), None),
        (re.compile(rf"^Reverted to the version of {_REASON_TIME_PATTERN}$"),
         # Translators: why a meeting's listing changed; %(version)s is a version's date and time.
         lambda parts: _("Reverted to the version of %(version)s") % parts),
        (re.compile(rf"^Undid the change of (?P<field>.+) from {_REASON_TIME_PATTERN}$"),
         # Translators: why a meeting's listing changed: one field's change was undone alone.
         lambda parts: _("Undid the change of %(field)s from %(version)s") % parts),
        (re.compile(r"^Import: (?P<source>.+)$"),
         # Translators: why a meeting's listing changed: a feed import, named.
         lambda parts: _("Import: %(source)s") % parts),
        (re.compile(r"^Undid their own last change$"), lambda parts: _("Undid their own last change")),
        # Who made these, with their role, is named next to them.
        (re.compile(r"^Edited by a peer coach \(checked\)$"), lambda parts: _("Edited and checked")),
        (re.compile(r"^Added by a peer coach$"), lambda parts: _("Added to the listings")),
        (re.compile(r"^Demo meeting$"), lambda parts: _("Demo meeting")),
        (re.compile(r"^Archived in the admin$"), lambda parts: _("Archived in the admin")),
        (re.compile(r"^Feed source deleted: (?P<source>.+)$"),
         # Translators: why a meeting was archived: the feed source that listed it was deleted.
         lambda parts: _("Feed source deleted: %(source)s") % parts),
        (re.compile(r"^Listing as it stood when its history began$"),
         lambda parts: _("Listing as it stood when its history began")),
    )


def _field_named(english_label: str) -> str:
    with translation.override("en"):
        names = {str(field.verbose_name): field.name for field in Meeting._meta.get_fields()
                 if hasattr(field, "verbose_name")}
    name = names.get(english_label)
    return str(Meeting._meta.get_field(name).verbose_name) if name else english_label


def describe_reason(reason: str, *, approver: str, zone=None,
                    requesters: dict[int, str] | None = None) -> str:
    """A stored reason in the reader's language (a reason this module does not know, as stored).

    `requesters` gives the first name, if any, of the person who sent each request, by the
    request's number: read at the time of reading, so that a name erased with the rest of the
    submitter's contact is no longer shown here either.
    """
    for pattern, words in _reason_words():
        found = pattern.match(reason)
        if not found:
            continue
        parts = found.groupdict()
        if "when" in parts:
            stamp = datetime.fromisoformat(parts.pop("when")).replace(tzinfo=UTC)
            parts["version"] = version_time(stamp, zone)
        if "field" in parts:
            parts["field"] = _field_named(parts["field"])
        if words is None:
            number = int(parts["number"])
            name = (requesters or {}).get(number) or ""
            # Translators: who asked for a change that a moderator approved, when they gave no name.
            requester = name or _("a visitor")
            # Translators: an approved request in a meeting's history:
            # "Requested by Maria, approved by Ana (moderator) (request #12)".
            return _("Requested by %(requester)s, approved by %(approver)s (request #%(number)s)") % {
                "requester": requester, "approver": approver, "number": number}
        return words(parts)
    return reason


def request_numbers(reasons: Iterable[str]) -> set[int]:
    """The numbers of the approved requests these reasons name."""
    pattern = _reason_words()[0][0]
    return {int(found["number"]) for reason in reasons if (found := pattern.match(reason or ""))}


def meeting_history(meeting: Meeting, *, zone=None, role_of: Callable | None = None,
                    requesters: Callable[[set[int]], dict[int, str]] | None = None
                    ) -> list[HistoryEntry]:
    """Every recorded version of a meeting, newest first, with what changed from the one before.

    `zone` is the reader's time zone; `role_of(user)` names a person's role (a moderator, a
    peer coach); `requesters(numbers)` gives the first names of requests' senders.
    """
    records = list(meeting.history.select_related("history_user").order_by("-history_date", "-history_id"))
    names = requesters(request_numbers(r.history_change_reason for r in records)) if requesters else {}
    roles = {}
    entries = []
    # The version each record follows; the oldest follows none.
    for newer, older in zip(records, [*records[1:], None][:len(records)], strict=True):
        changes = _field_changes(newer, older) if older is not None else []
        who = _who(newer)
        user = newer.history_user
        role = ""
        if user is not None and role_of is not None:
            if user.pk not in roles:
                roles[user.pk] = str(role_of(user) or "")
            role = roles[user.pk]
        entries.append(HistoryEntry(
            newer, newer.history_date, who, newer.history_change_reason or "",
            str(HISTORY_KINDS.get(newer.history_type, newer.history_type)), changes,
            role=role, when_shown=version_time(newer.history_date, zone),
            note=describe_reason(newer.history_change_reason or "", approver=_with_role(who, role),
                                 zone=zone,
                                 requesters=names)))
    return entries


# --- Going back ------------------------------------------------------------------------------

def latest_version(meeting: Meeting) -> int | None:
    """The id of the meeting's latest history record, which a preview carries to its confirmation."""
    return meeting.history.order_by("-history_date", "-history_id").values_list(
        "history_id", flat=True).first()


def _live_value(meeting: Meeting, name: str):
    if name in LINKS:
        return _link_names(name, getattr(meeting, name).values_list("pk", flat=True))
    return getattr(meeting, Meeting._meta.get_field(name).attname)


def _recorded_value(record, name: str):
    if name in LINKS:
        return _link_names(name, _recorded_ids(record, name))
    return getattr(record, Meeting._meta.get_field(name).attname)


def _recorded_ids(record, name: str) -> list[int]:
    key = Meeting._meta.get_field(name).m2m_reverse_field_name()
    return list(getattr(record, name).values_list(key, flat=True))


def _compared_fields() -> list[str]:
    # get_field knows a foreign key by its column's name too (source_id).
    return [*(Meeting._meta.get_field(attname).name for attname in REVERTED_FIELDS), *LINKS]


def revert_changes(meeting: Meeting, history_id: int) -> list[FieldChange]:
    """What going back to a version would change, field by field: before is the meeting now,
    after is the value it goes back to. Changes nothing. Raises DoesNotExist for a record
    not in this meeting's history."""
    record = meeting.history.get(history_id=history_id)
    changes = []
    for name in _compared_fields():
        now, then = _live_value(meeting, name), _recorded_value(record, name)
        if now != then:
            changes.append(FieldChange(name, _label(name), display_value(name, now),
                                       display_value(name, then)))
    return changes


def _locked(meeting: Meeting, expected_latest: int | None) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if expected_latest is not None and latest_version(meeting) != expected_latest:
        raise HistoryMoved
    return meeting


def _stamp(record) -> str:
    return record.history_date.astimezone(UTC).strftime(REASON_TIME)


@transaction.atomic
def revert_meeting(meeting: Meeting, history_id: int, *, by, reason: str = "",
                   expected_latest: int | None = None) -> Meeting:
    """Put a meeting back as it was in one of its history records; the revert is recorded too,
    with `reason` or the version it went back to. With `expected_latest` (the latest version
    when the preview was shown), raises HistoryMoved if the meeting changed since."""
    meeting = _locked(meeting, expected_latest)
    record = meeting.history.get(history_id=history_id)
    for attname in REVERTED_FIELDS:
        setattr(meeting, attname, getattr(record, attname))
    focus_ids = _recorded_ids(record, "focus")
    language_ids = _recorded_ids(record, "languages")

    def restore_related():
        meeting.focus.set(focus_ids)
        meeting.languages.set(language_ids)

    # The reason is a record, kept in English whoever reads it (as every reason is).
    return save_meeting(meeting, by=by, reason=reason or f"Reverted to the version of {_stamp(record)} UTC",
                        save_related=restore_related)


# --- Undoing one change alone ----------------------------------------------------------------

@dataclass(frozen=True)
class FieldUndo:
    """Undoing one field's change of one version: `change` goes from the meeting now (before)
    to the value the version changed (after); `possible` is False when the field was changed
    again later, so that undoing it would undo that later change too."""
    record: object
    field: str
    change: FieldChange
    changed_to: str  # the value the version gave the field
    possible: bool
    together: tuple[str, ...]  # every field undone with it (a position is both coordinates)


def _previous_record(meeting: Meeting, record):
    ids = list(meeting.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True))
    position = ids.index(record.history_id)
    if position + 1 >= len(ids):
        return None
    return meeting.history.get(history_id=ids[position + 1])


def undo_preview(meeting: Meeting, history_id: int, field: str) -> FieldUndo:
    """What undoing `field`'s change in version `history_id` would do. Raises DoesNotExist
    (no such version in this meeting's history, or no change of that field in it)."""
    record = meeting.history.get(history_id=history_id)
    older = _previous_record(meeting, record)
    if older is None or field not in {change.field for change in _field_changes(record, older)}:
        raise Meeting.history.model.DoesNotExist(f"Version {history_id} did not change {field}.")
    together = tuple(UNDONE_TOGETHER.get(field, (field,)))
    possible = all(_live_value(meeting, name) == _recorded_value(record, name) for name in together)
    now = _live_value(meeting, field)
    return FieldUndo(
        record, field,
        FieldChange(field, _label(field), display_value(field, now),
                    display_value(field, _recorded_value(older, field))),
        display_value(field, _recorded_value(record, field)), possible, together)


@transaction.atomic
def undo_field_change(meeting: Meeting, history_id: int, field: str, *, by,
                      expected_latest: int | None = None) -> Meeting:
    """Set one field back to its value before version `history_id`, leaving every other change
    as it is; recorded with the field and the version. Raises HistoryMoved if the meeting
    changed since the preview, ChangedAgainLater if the field no longer holds the version's
    value (nothing is done then)."""
    meeting = _locked(meeting, expected_latest)
    undo = undo_preview(meeting, history_id, field)
    if not undo.possible:
        raise ChangedAgainLater
    older = _previous_record(meeting, undo.record)
    related = {}
    for name in undo.together:
        if name in LINKS:
            related[name] = _recorded_ids(older, name)
        else:
            attname = Meeting._meta.get_field(name).attname
            setattr(meeting, attname, getattr(older, attname))

    def restore_related():
        for name, ids in related.items():
            getattr(meeting, name).set(ids)

    with translation.override("en"):
        label = str(Meeting._meta.get_field(field).verbose_name)
    return save_meeting(meeting, by=by, reason=f"Undid the change of {label} from {_stamp(undo.record)} UTC",
                        save_related=restore_related if related else None)


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
