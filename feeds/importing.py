"""Importing a feed source: read its records, then create, update, leave alone or archive its
meetings in bulk, never silently overwriting a field someone edited in Village since."""
from __future__ import annotations

import json
import logging
import time as clock
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from core.bulk_writes import (
    InstanceMaker,
    insert_objects,
    insert_values,
    update_objects,
    values_present,
)
from meetings.duplicates import twins_of_new_meetings
from meetings.history import record_versions, save_meeting
from meetings.models import (
    Focus,
    Language,
    Meeting,
    Status,
    Zone,
    forget_outdated_position,
    link_bits,
    listings_changed,
    needs_position,
)
from meetings.tasks import queue_geocoding

from . import bmlt
from .models import FeedFormat, FeedSource, ImportConflict, conflict_detail, field_label
from .records import (
    IMPORTED_FIELDS,
    SET_FIELDS,
    FeedError,
    FeedMeeting,
    KnownRecord,
    NotAFeed,
    ParsedFeed,
    Problem,
    SortsProblems,
    parse_records,
    read_csv,
    snapshot_of,
)

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 50 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 30
# Fields an update writes besides the imported ones: derived, bookkeeping or stamps.
ALWAYS_WRITTEN = ["start_week_minute", "end_week_minute", "zone", "imported_values",
                  "source_record_digest", "updated"]
SLUG_LENGTH = 60
GEOCODED_FIELDS = ("latitude", "longitude")
_build_meeting = InstanceMaker(Meeting)
# History records written per round (each round reads its records' ids back by a list of ids,
# which SQLite takes up to 32,766 of).
RECORDS_BATCH = 5000


# --- Reading a source ------------------------------------------------------------------------

def fetch_text(location: str) -> str:
    """The text at an http(s) URL or a file path; FeedError says what went wrong."""
    if location.startswith(("http://", "https://")):
        request = urllib.request.Request(location, headers={
            "User-Agent": f"{settings.VILLAGE_GEOCODER_USER_AGENT} (meeting feed import)",
            "Accept": "application/json, text/csv;q=0.9, */*;q=0.1",
        })
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
                body = response.read(MAX_FEED_BYTES + 1)
                charset = response.headers.get_content_charset() or "utf-8"
        except urllib.error.HTTPError as error:
            # Translators: a feed's server answered an error, "https://… answered 404 Not Found."
            raise FeedError(gettext("%(location)s answered %(code)s %(reason)s.") % {
                "location": location, "code": error.code, "reason": error.reason}) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise FeedError(gettext("Could not fetch %(location)s: %(reason)s.") % {
                "location": location, "reason": reason}) from None
    else:
        path = Path(location)
        try:
            body = path.read_bytes()
        except OSError as error:
            raise FeedError(gettext("Could not read %(location)s: %(reason)s.") % {
                "location": location, "reason": error.strerror}) from None
        charset = "utf-8"
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(gettext("%(location)s is larger than %(megabytes)s MB.") % {
            "location": location, "megabytes": MAX_FEED_BYTES // 2**20})
    try:
        return body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return body.decode("utf-8", errors="replace")


def read_json(text: str):
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        # Translators: `problem` is Python's own description of the JSON error, in English.
        raise NotAFeed(gettext("The feed is not JSON: %(problem)s at line %(line)s, column "
                                "%(column)s.") % {"problem": error.msg, "line": error.lineno,
                                                  "column": error.colno}) from None


def read_records(text: str, feed_format: str) -> list:
    if feed_format == FeedFormat.CSV:
        return read_csv(text)
    records = read_json(text)
    if isinstance(records, dict) and isinstance(records.get("meetings"), list):
        # Some servers wrap the list, as {"meetings": [...]}.
        records = records["meetings"]
    if not isinstance(records, list):
        # Translators: `kind` is a Python type's name (dict, str…).
        raise NotAFeed(gettext("A Meeting Guide feed is a JSON list of meetings; this is a JSON "
                          "%(kind)s.") % {"kind": type(records).__name__})
    return records


def read_location(location: str, feed_format: str) -> list:
    """The records at a feed's location, as Meeting Guide records (a BMLT root server's three
    answers made into them by feeds.bmlt)."""
    if feed_format == FeedFormat.BMLT:
        return bmlt.read_server(location, lambda where: read_json(fetch_text(where)))
    return read_records(fetch_text(location), feed_format)


# --- The summary -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PreviewLine:
    """One meeting an import would touch: its name, day and time, and what would change."""

    meeting: str
    slug: str
    detail: str = ""


@dataclass
class ImportSummary(SortsProblems):
    source: str
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    conflicts: int = 0
    geocoding: int = 0
    near_city: int = 0  # placed at their city's centre, their feed giving no position or zone
    problems: list[Problem] = field(default_factory=list)
    unknown_codes: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    geocode_ids: list[int] = field(default_factory=list, repr=False)
    # The meetings of each outcome, for a preview: "created", "updated", "archived" and
    # "conflicts", each a list of PreviewLine (not stored with the run: a feed can be large).
    listed: dict[str, list[PreviewLine]] = field(default_factory=dict, repr=False)
    # Meetings this run created that look like one from elsewhere (meetings.duplicates): the
    # new meeting's slug, its likely twin's slug and the twin's page.
    possible_duplicates: list[tuple[str, str, str]] = field(default_factory=list)

    def counts(self) -> dict:
        return {"records": self.records, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "archived": self.archived,
                "skipped": len(self.skipped), "warnings": len(self.warnings),
                "conflicts": self.conflicts, "geocoding": self.geocoding,
                "near_city": self.near_city,
                "seconds": round(self.seconds, 3)}

    def as_json(self) -> dict:
        return {**self.counts(),
                "skipped_records": [str(problem) for problem in self.skipped],
                "warning_records": [str(problem) for problem in self.warnings],
                "unknown_codes": dict(self.unknown_codes.most_common()),
                "notes": self.notes,
                "possible_duplicates": [list(pair) for pair in self.possible_duplicates]}

    def lines(self) -> list[str]:
        """The run's report, in the active language (the report a source keeps is written in
        the import's: a task's or the command's is the site's default)."""
        lines = [
            # Translators: the first line of an import's report; `seconds` as 0.25.
            gettext("%(source)s: %(records)s records in %(seconds)s s: %(created)s created, "
              "%(updated)s updated, %(unchanged)s unchanged, %(archived)s archived, "
              "%(skipped)s skipped.") % {
                "source": self.source, "records": self.records, "seconds": f"{self.seconds:.2f}",
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "archived": self.archived, "skipped": len(self.skipped)},
        ]
        if self.conflicts:
            # Both English forms say "fields", as the report always has.
            lines.append(ngettext(
                "%(count)s fields edited in Village and changed in the feed were left as edited: "
                "see Import conflicts in the admin.",
                "%(count)s fields edited in Village and changed in the feed were left as edited: "
                "see Import conflicts in the admin.", self.conflicts) % {"count": self.conflicts})
        if self.geocoding:
            lines.append(ngettext(
                "%(count)s meetings without coordinates sent for geocoding.",
                "%(count)s meetings without coordinates sent for geocoding.",
                self.geocoding) % {"count": self.geocoding})
        if self.near_city:
            lines.append(ngettext(
                "%(count)s meeting whose record gives neither coordinates nor a time zone is shown "
                "at the centre of the city its address names, in that city's zone, until "
                "geocoding finds the address.",
                "%(count)s meetings whose records give neither coordinates nor a time zone are "
                "shown at the centre of the city their address names, in that city's zone, until "
                "geocoding finds the address.", self.near_city) % {"count": self.near_city})
        if self.unknown_codes:
            codes = ", ".join(f"{code} ×{n}" for code, n in self.unknown_codes.most_common())
            lines.append(gettext("Unknown type codes (kept as they are): %(codes)s.") % {"codes": codes})
        lines += self.notes
        if self.possible_duplicates:
            # Translators: heads the list of "new-slug → twin-slug (/en/meetings/twin-slug/)".
            lines.append(gettext("Created, but looks like a meeting already listed (the same day, "
                                 "starting within 30 minutes, nearby or under the same name):"))
            lines += [f"  {slug} → {twin} ({url})" for slug, twin, url in self.possible_duplicates]
        if self.skipped:
            # Translators: heads the list of a feed's records that an import skipped.
            lines.append(gettext("Skipped:"))
            lines += [f"  {problem}" for problem in self.skipped]
        if self.warnings:
            lines.append(gettext("Imported, but with a field left out or cut short:"))
            lines += [f"  {problem}" for problem in self.warnings]
        return lines


# --- Applying a feed -------------------------------------------------------------------------

def current_snapshot(meeting: Meeting, focus: list[str], languages: list[str]) -> dict:
    values = {name: getattr(meeting, name) for name in IMPORTED_FIELDS if name not in SET_FIELDS}
    values["focus"] = focus
    values["languages"] = languages
    return snapshot_of(values)


@dataclass
class _Merge:
    """What one feed record does to the meeting it matches."""

    changes: dict  # field -> value in the feed's (snapshot) form
    conflicts: list[tuple[str, object, object, object]]  # field, local, feed, previous feed


def merge(current: dict, last: dict, new: dict) -> _Merge:
    """Three-way merge of one meeting: the feed's new values win only where nobody edited the
    meeting since the last import; focus and languages merge as sets."""
    changes, conflicts = {}, []
    for name in IMPORTED_FIELDS:
        if name in last and new[name] == last[name]:
            continue  # the feed did not change it; a local edit stays
        if name in SET_FIELDS:
            before = set(last.get(name, current[name]))
            merged = (set(current[name]) | (set(new[name]) - before)) - (before - set(new[name]))
            if merged != set(current[name]):
                changes[name] = sorted(merged)
        elif name in GEOCODED_FIELDS and last.get(name) is None:
            # Coordinates the feed never gave were found by geocoding: keep them until the
            # feed gives its own.
            if new[name] is not None and current[name] != new[name]:
                changes[name] = new[name]
        elif name not in last or current[name] == last[name]:
            if current[name] != new[name]:
                changes[name] = new[name]
        elif current[name] != new[name]:
            conflicts.append((name, current[name], new[name], last[name]))
    if "latitude" in changes and current["location_approximate"] != new["location_approximate"]:
        changes["location_approximate"] = new["location_approximate"]
    return _Merge(changes, conflicts)


class _Importer:
    def __init__(self, source: FeedSource, parsed: ParsedFeed, stored: dict[str, _Stored],
                 now: datetime, *, preview: bool = False):
        self.source = source
        self.parsed = parsed
        self.stored = stored
        self.now = now
        self.preview = preview
        self.reason = f"Import: {source.name}"[:100]
        self.summary = ImportSummary(source=source.name, records=parsed.records,
                                     problems=list(parsed.problems),
                                     unknown_codes=parsed.unknown_codes)
        self.focus_ids = dict(Focus.objects.values_list("slug", "pk"))
        self.language_ids = dict(Language.objects.values_list("code", "pk"))
        self.zone_ids = Zone.ids_for(meeting.timezone for meeting in parsed.meetings)
        # The meetings to geocode once the import commits: {id: whether it has no position}.
        self.to_geocode: dict[int, bool] = {}

    def run(self) -> ImportSummary:
        stored = self.stored
        gone_pks = [row.pk for slug, row in stored.items()
                    if slug not in self.parsed.seen_slugs and row.status == Status.PUBLISHED]
        # A meeting the feed gives as it gave it last time is left as it is without being
        # read whole: on a re-import of a large feed, that is nearly every meeting.
        untouched = {feed_meeting.source_slug for feed_meeting in self.parsed.meetings
                     if feed_meeting.source_slug in stored
                     and stored[feed_meeting.source_slug].gives_unchanged(feed_meeting)}
        # Those whose records were not even read again (feeds.records.KnownRecord).
        for slug in self.parsed.unchanged:
            if stored[slug].needs_position:  # again, should an earlier lookup have failed
                self.to_geocode[stored[slug].pk] = stored[slug].latitude is None
        merged_pks = [stored[feed_meeting.source_slug].pk for feed_meeting in self.parsed.meetings
                      if feed_meeting.source_slug in stored
                      and feed_meeting.source_slug not in untouched]
        existing = Meeting.objects.in_bulk(merged_pks + gone_pks)
        # Read straight from the link tables (a prefetch builds a manager per meeting), when
        # some meeting is to be merged.
        self.current_focus = _links(
            Meeting.focus.through, "focus__slug", self.source) if merged_pks else {}
        self.current_languages = _links(
            Meeting.languages.through, "language__code", self.source) if merged_pks else {}
        creates: list[tuple[Meeting, FeedMeeting]] = []
        updates: list[tuple[Meeting, dict]] = []
        conflicts: list[ImportConflict] = []
        quiet: list[Meeting] = []  # bookkeeping only: nothing anyone would see changed
        # Untouched, but read from a record with another fingerprint (or none) than before.
        redigested: list[Meeting] = []
        for feed_meeting in self.parsed.meetings:
            row = stored.get(feed_meeting.source_slug)
            if row is None:
                creates.append((self.new_meeting(feed_meeting), feed_meeting))
            elif feed_meeting.source_slug in untouched:
                if row.needs_position:  # again, should an earlier lookup have failed
                    self.to_geocode[row.pk] = row.latitude is None
                if row.source_record_digest != feed_meeting.record_digest:
                    redigested.append(Meeting(pk=row.pk,
                                              source_record_digest=feed_meeting.record_digest))
            else:
                self.update(existing[row.pk], feed_meeting, updates, conflicts, quiet)
        gone = [existing[pk] for pk in gone_pks]
        if gone and not self.parsed.meeting_count:
            # Both English forms say "meetings", as the report always has.
            self.summary.notes.append(ngettext(
                "The feed had no usable meetings, so its %(count)s published meetings were left "
                "as they are rather than archived.",
                "The feed had no usable meetings, so its %(count)s published meetings were left "
                "as they are rather than archived.", len(gone)) % {"count": len(gone)})
            gone = []
        for meeting in gone:
            meeting.status = Status.ARCHIVED
            meeting.updated = self.now
            meeting.imported_values = {**meeting.imported_values, "archived_as_gone": True}
            meeting.source_record_digest = ""  # read again should it come back
            updates.append((meeting, {"status": Status.ARCHIVED}))

        if self.preview:
            self.list_outcomes(creates, updates, gone, conflicts)
        self.save_creates(creates)
        self.summary.possible_duplicates = [
            (meeting.slug, twin.slug, twin.get_absolute_url())
            for meeting, twin in twins_of_new_meetings([meeting for meeting, _ in creates],
                                                       other_than_source=self.source)]
        self.save_updates(updates)
        update_objects(quiet, ["imported_values", "last_verified", "source_record_digest"])
        update_objects(redigested, ["source_record_digest"])
        self.save_conflicts(conflicts)
        if creates or updates or quiet:
            # core.bulk_writes writes past Meeting.objects, which would have said so itself.
            listings_changed()
        self.summary.created = len(creates)
        self.summary.archived = len(gone)
        self.summary.updated = len(updates) - len(gone)
        self.summary.unchanged = self.parsed.meeting_count - len(creates) - self.summary.updated
        self.summary.geocoding = sum(self.to_geocode.values())
        self.summary.geocode_ids = list(self.to_geocode)
        return self.summary

    def list_outcomes(self, creates, updates, gone, conflicts):
        archived = {meeting.pk for meeting in gone}
        self.summary.listed = {
            "created": [PreviewLine(str(meeting), feed_meeting.source_slug)
                        for meeting, feed_meeting in creates],
            "updated": [PreviewLine(str(meeting), meeting.slug, ", ".join(
                            field_label(name) for name in changes if name != "status")
                            or field_label("status"))
                        for meeting, changes in updates if meeting.pk not in archived],
            "archived": [PreviewLine(str(meeting), meeting.slug) for meeting in gone],
            "conflicts": [PreviewLine(str(conflict.meeting), conflict.meeting.slug,
                                      conflict_detail(conflict)) for conflict in conflicts],
        }

    # -- new meetings --

    def new_meeting(self, feed_meeting: FeedMeeting) -> Meeting:
        values = {name: getattr(feed_meeting, name) for name in IMPORTED_FIELDS
                  if name not in SET_FIELDS}
        meeting = _build_meeting({
            **values,
            "source_id": self.source.pk,
            "source_slug": feed_meeting.source_slug,
            "imported_values": feed_meeting.snapshot(),
            "source_record_digest": feed_meeting.record_digest,
            "status": Status.PUBLISHED,
            "last_verified": feed_meeting.updated,
        }, related={"source": self.source})
        self.summary.near_city += place_near_city(meeting, feed_meeting, {})
        return meeting

    def save_creates(self, creates):
        if not creates:
            return
        meetings = [meeting for meeting, _ in creates]
        self.assign_slugs(meetings, [fm for _, fm in creates])
        for meeting, feed_meeting in creates:
            # What Meeting.save and the link signals would keep, which a bulk insert skips.
            meeting.fill_schedule(self.zone_ids)
            meeting.focus_bits = link_bits(pk for _, pk in self.focus_rows(meeting, feed_meeting.focus))
            meeting.language_bits = link_bits(
                pk for _, pk in self.language_rows(meeting, feed_meeting.languages))
        insert_objects(meetings)
        keys = dict(Meeting.objects.filter(source=self.source).values_list("source_slug", "pk"))
        for meeting in meetings:
            meeting.pk = keys[meeting.source_slug]
            meeting._state.adding, meeting._state.db = False, "default"
            if meeting.needs_position:
                self.to_geocode[meeting.pk] = meeting.latitude is None
        insert_values(Meeting.focus.through, ["meeting_id", "focus_id"], [
            row for meeting, feed_meeting in creates
            for row in self.focus_rows(meeting, feed_meeting.focus)])
        insert_values(Meeting.languages.through, ["meeting_id", "language_id"], [
            row for meeting, feed_meeting in creates
            for row in self.language_rows(meeting, feed_meeting.languages)])
        # The first versions, written once the links are there, so that they hold them too.
        record_versions(meetings, reason=self.reason, when=self.now, batch_size=RECORDS_BATCH)

    def assign_slugs(self, meetings: list[Meeting], feed_meetings: list[FeedMeeting]):
        """Village slugs from the feed's, so that links and a re-export keep them; a slug
        another meeting has already gets a number."""
        bases = []
        for feed_meeting in feed_meetings:
            source_slug = feed_meeting.source_slug
            if source_slug.replace("-", "").isdigit():
                # A database id (BMLT's id_bigint) says nothing in a link: the name goes first.
                source_slug = f"{feed_meeting.name[:SLUG_LENGTH - 12]}-{source_slug}"
            base = slugify(source_slug)[:SLUG_LENGTH].strip("-") or slugify(
                feed_meeting.name)[:SLUG_LENGTH].strip("-") or "meeting"
            bases.append(base)
        taken = values_present(Meeting, "slug", bases)
        crowded = {base for base in bases if base in taken}
        for base in crowded:
            taken.update(Meeting.objects.filter(slug__startswith=f"{base}-").values_list(
                "slug", flat=True))
        for meeting, base in zip(meetings, bases, strict=True):
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            meeting.slug = slug

    # -- existing meetings --

    def update(self, meeting: Meeting, feed_meeting: FeedMeeting, updates, conflicts, quiet):
        last = meeting.imported_values or {}
        new = feed_meeting.snapshot()
        result = merge(current_snapshot(meeting, self.current_focus.get(meeting.pk, []),
                                        self.current_languages.get(meeting.pk, [])), last, new)
        changes = dict(result.changes)
        given = set(changes) | ({"latitude"} if feed_meeting.latitude is not None else set())
        if forget_outdated_position(changes, given):
            meeting.latitude = meeting.longitude = None
        self.summary.near_city += place_near_city(meeting, feed_meeting, changes)
        if last.get("archived_as_gone") and meeting.status == Status.ARCHIVED:
            changes["status"] = Status.PUBLISHED  # back in the feed
            meeting.status = Status.PUBLISHED
        for name, local, feed_value, previous in result.conflicts:
            conflicts.append(ImportConflict(meeting=meeting, source=self.source, field=name,
                                            local_value=local, feed_value=feed_value,
                                            previous_feed_value=previous))
        if meeting.needs_position:  # again, should an earlier lookup have failed
            self.to_geocode[meeting.pk] = meeting.latitude is None
        verified = max(filter(None, (meeting.last_verified, feed_meeting.updated)), default=None)
        bookkeeping = new != {k: v for k, v in last.items() if k != "archived_as_gone"} or (
            verified != meeting.last_verified) or (
            meeting.source_record_digest != feed_meeting.record_digest)
        meeting.imported_values = new
        meeting.source_record_digest = feed_meeting.record_digest
        meeting.last_verified = verified
        if not changes:
            if bookkeeping:
                quiet.append(meeting)
            return
        for name in result.changes:
            if name not in SET_FIELDS:
                setattr(meeting, name, getattr(feed_meeting, name))
        meeting.updated = self.now
        meeting.fill_schedule(self.zone_ids)
        updates.append((meeting, changes))
        if meeting.pk not in self.to_geocode and meeting.needs_position:
            self.to_geocode[meeting.pk] = meeting.latitude is None

    def save_updates(self, updates):
        if not updates:
            return
        # Meetings changed in the same fields are written together (core.bulk_writes), each
        # with just those fields.
        by_fields: dict[tuple[str, ...], list[Meeting]] = {}
        for meeting, changes in updates:
            names = ALWAYS_WRITTEN + ["last_verified"] + [
                name for name in changes if name not in SET_FIELDS]
            attnames = tuple(dict.fromkeys(Meeting._meta.get_field(name).attname for name in names))
            by_fields.setdefault(attnames, []).append(meeting)
        for attnames, meetings in by_fields.items():
            update_objects(meetings, attnames)
        relinked = set()
        for kind, through, column, rows_for in (
                ("focus", Meeting.focus.through, "focus_id", self.focus_rows),
                ("languages", Meeting.languages.through, "language_id", self.language_rows)):
            changed = [(meeting, changes[kind]) for meeting, changes in updates if kind in changes]
            if not changed:
                continue
            through.objects.filter(meeting__in=[meeting for meeting, _ in changed]).delete()
            insert_values(through, ["meeting_id", column],
                          [row for meeting, values in changed for row in rows_for(meeting, values)])
            relinked.update(meeting.pk for meeting, _ in changed)
        Meeting.objects.refresh_link_bits(relinked)
        # Written after the relinking, so each version holds the links it was saved with.
        record_versions([meeting for meeting, _ in updates], history_type="~", reason=self.reason,
                        when=self.now, batch_size=RECORDS_BATCH)

    def save_conflicts(self, conflicts: list[ImportConflict]):
        if not conflicts:
            return
        open_conflicts = {
            (conflict.meeting_id, conflict.field): conflict
            for conflict in ImportConflict.objects.filter(
                meeting__in=[conflict.meeting for conflict in conflicts], resolved_at__isnull=True)
        }
        fresh = []
        for conflict in conflicts:
            known = open_conflicts.get((conflict.meeting.pk, conflict.field))
            if known is None:
                fresh.append(conflict)
            else:
                # The feed changed its mind again; the moderator sees its latest value.
                known.feed_value = conflict.feed_value
                known.local_value = conflict.local_value
                known.save(update_fields=["feed_value", "local_value"])
        ImportConflict.objects.bulk_create(fresh)
        self.summary.conflicts = len(conflicts)
        for conflict in conflicts:
            log.info("Import conflict on %s (%s): kept %r, feed says %r", conflict.meeting.slug,
                     conflict.field, conflict.local_value, conflict.feed_value)

    # -- helpers --

    def focus_rows(self, meeting, slugs) -> list[tuple[int, int]]:
        """The meeting's rows of the focus link table (meeting, focus) for these slugs."""
        return [(meeting.pk, self.focus_ids[slug]) for slug in slugs if slug in self.focus_ids]

    def language_rows(self, meeting, codes) -> list[tuple[int, int]]:
        return [(meeting.pk, self.language_ids[code]) for code in codes
                if code in self.language_ids]


class _Stored(NamedTuple):
    """What an import reads first of each meeting its source has: enough to tell one the feed
    gives as it gave it last time, which needs nothing written."""

    pk: int
    source_slug: str
    status: str
    # As the database gives it: decoding it for every meeting would cost a large re-import
    # more than the rest of this reading, and a meeting whose record is known needs none.
    imported_json: str
    source_record_digest: str
    last_verified: date | None
    attendance: str
    address: str
    latitude: float | None
    location_approximate: bool

    @classmethod
    def of_source(cls, source: FeedSource) -> dict[str, _Stored]:
        """The source's meetings, by their slug in the feed."""
        columns = [Cast("imported_values", models.TextField()) if name == "imported_json"
                   else name for name in cls._fields]
        return {row.source_slug: row for row in map(cls._make, Meeting.objects.filter(
            source=source).values_list(*columns))}

    @property
    def imported_values(self) -> dict:
        return json.loads(self.imported_json) if self.imported_json else {}

    @property
    def needs_position(self) -> bool:
        return needs_position(self.attendance, self.address, self.latitude,
                              self.location_approximate)

    def gives_unchanged(self, feed_meeting: FeedMeeting) -> bool:
        """Whether the feed gives the meeting as the last import wrote it, and nothing of
        its bookkeeping changes: what _Importer.update would find, without building it."""
        last = self.imported_values
        if "archived_as_gone" in last:
            if self.status == Status.ARCHIVED:
                return False  # back in the feed, so published again
            last = {name: value for name, value in last.items() if name != "archived_as_gone"}
        verified = max(filter(None, (self.last_verified, feed_meeting.updated)), default=None)
        return verified == self.last_verified and last == feed_meeting.snapshot()


def known_records(stored: dict[str, _Stored]) -> dict[str, KnownRecord]:
    """The records the last import read without a problem, by fingerprint, with the meetings
    each gave (more than one for a record of several days)."""
    by_digest: dict[str, list[_Stored]] = {}
    for row in stored.values():
        if row.source_record_digest:
            by_digest.setdefault(row.source_record_digest, []).append(row)
    known = {}
    for digest, rows in by_digest.items():
        verified = [row.last_verified for row in rows]
        known[digest] = KnownRecord(tuple(row.source_slug for row in rows),
                                    None if None in verified else min(verified))
    return known


def place_near_city(meeting: Meeting, feed_meeting: FeedMeeting, changes: dict) -> bool:
    """Show a meeting the feed gives no position at the centre of the city its address names
    (FeedMeeting.near), as only near it, until geocoding finds the address; say whether it
    was, with the fields in `changes`."""
    if meeting.latitude is not None or not feed_meeting.near:
        return False
    meeting.latitude, meeting.longitude = feed_meeting.near
    meeting.location_approximate = True
    changes.update(latitude=meeting.latitude, longitude=meeting.longitude,
                   location_approximate=True)
    return True


def _links(through, value: str, source: FeedSource) -> dict[int, list[str]]:
    links: dict[int, list[str]] = {}
    for meeting_id, name in through.objects.filter(meeting__source=source).values_list(
            "meeting_id", value):
        links.setdefault(meeting_id, []).append(name)
    return links


class _Preview(Exception):
    """Raised inside a preview's transaction, so that all it wrote is rolled back."""

    def __init__(self, summary: ImportSummary):
        super().__init__()
        self.summary = summary


def import_records(source: FeedSource, records, *, now: datetime | None = None,
                   geocode: bool = True, preview: bool = False,
                   refuse_twin: bool = False) -> ImportSummary:
    """Apply a feed's records to its source's meetings, in one transaction, and record the run.

    All or nothing: an import that fails or whose worker dies part way leaves the source's
    meetings as they were, and a repeated run changes nothing more.

    `preview` runs the import and rolls it all back: the summary (with the meetings of each
    outcome in `listed`) says what a run would do, and nothing is written, recorded or queued
    (geocoding and every other after-commit task registered inside are dropped with the
    rollback). `refuse_twin` refuses, as NotAFeed, a first import of a feed whose meetings
    another source already holds (see twin_source)."""
    started = clock.perf_counter()
    now = now or timezone.now()
    try:
        with transaction.atomic():
            # Two runs of one source (a redelivered task beside the first) take turns: the
            # second reads the meetings the first wrote (PostgreSQL; SQLite has one writer).
            list(FeedSource.objects.select_for_update().filter(pk=source.pk).values_list("pk"))
            stored = _Stored.of_source(source)
            parsed = parse_records(records, code_set=source.code_set(),
                                   default_timezone=source.default_timezone,
                                   known=known_records(stored))
            refuse_unlisted(parsed)
            if refuse_twin and (twin := twin_source(source, parsed)) is not None:
                raise NotAFeed(gettext(
                    "Most meetings of this feed are already listed from the source '%(twin)s' "
                    "(the same feed at another address?): importing it here would list each of "
                    "them twice.") % {"twin": twin.name})
            summary = _Importer(source, parsed, stored, now, preview=preview).run()
            summary.seconds = clock.perf_counter() - started
            if preview:
                raise _Preview(summary)
            record_run(source, summary, ok=True, now=now)
            if geocode:
                queue_geocoding(summary.geocode_ids)
    except _Preview as rolled_back:
        return rolled_back.summary
    return summary


def refuse_unlisted(parsed: ParsedFeed):
    """NotAFeed for a list of something other than meetings (or of meetings none of which can
    be listed): a failed run, not a run that "created 0"."""
    if parsed.records and not parsed.meeting_count:
        first = parsed.skipped[0] if parsed.skipped else None
        raise NotAFeed(ngettext(
            "None of the feed's %(count)s records is a meeting Village can list, so it is not "
            "taken as a meeting feed (%(first)s).",
            "None of the feed's %(count)s records is a meeting Village can list, so it is not "
            "taken as a meeting feed (%(first)s).", parsed.records) % {
                "count": parsed.records, "first": first or "—"})


# A feed's share of slugs another source's meetings carry that makes it that source's twin.
TWIN_SHARE = 0.5
TWIN_SAMPLE = 500


def twin_source(source: FeedSource, parsed: ParsedFeed) -> FeedSource | None:
    """Another source already holding most of this feed's meetings (by the feed's own slugs
    and names), when this source holds none yet: the same feed registered at a second address,
    whose import would list every meeting twice. (Slugs alone would not do: two BMLT servers
    both number their meetings from 1.)"""
    if not parsed.meetings:
        return None
    others = Meeting.objects.filter(source__isnull=False)
    if source.pk is not None:  # a source not saved yet (import_meetings) holds nothing
        if Meeting.objects.filter(source=source).exists():
            return None
        others = others.exclude(source=source)
    names = {meeting.source_slug: meeting.name for meeting in parsed.meetings}
    sample = sorted(names)[:TWIN_SAMPLE]
    shared = Counter(source_id for source_id, slug, name in others.filter(
        source_slug__in=sample).values_list("source", "source_slug", "name")
        if names[slug] == name)
    best = shared.most_common(1)
    if not best or best[0][1] <= len(sample) * TWIN_SHARE:
        return None
    return FeedSource.objects.get(pk=best[0][0])


def record_run(source: FeedSource, summary: ImportSummary, *, ok: bool, now: datetime):
    source.last_run_at = now
    source.last_run_ok = ok
    source.last_run_summary = summary.as_json()
    source.last_run_report = "\n".join(summary.lines())
    source.save(update_fields=["last_run_at", "last_run_ok", "last_run_summary",
                               "last_run_report"])


def record_failure(source: FeedSource, error: FeedError, *, now: datetime):
    """A run that could not import: its reason, and no counts that would read as "0 created"."""
    source.last_run_at = now
    source.last_run_ok = False
    source.last_run_summary = {"error": str(error)}
    source.last_run_report = str(error)
    source.save(update_fields=["last_run_at", "last_run_ok", "last_run_summary",
                               "last_run_report"])


def read_source(source: FeedSource) -> list:
    return read_location(source.location, source.format)


def import_source(source: FeedSource, *, now: datetime | None = None,
                  geocode: bool = True) -> ImportSummary:
    """Fetch and import a registered source; a feed that can't be read or is not a meeting
    feed changes no meeting and is recorded as a failed run, with its reason."""
    now = now or timezone.now()
    try:
        return import_records(source, read_source(source), now=now, geocode=geocode,
                              refuse_twin=True)
    except FeedError as error:
        record_failure(source, error, now=now)
        raise


def preview_source(source: FeedSource) -> ImportSummary:
    """What importing a registered source now would do, changing nothing (FeedError if it
    can't be read; then no failed run is recorded either)."""
    return import_records(source, read_source(source), geocode=False, preview=True,
                          refuse_twin=True)


# --- Conflicts -------------------------------------------------------------------------------

def _model_value(name: str, value):
    if name in ("start_time", "end_time") and isinstance(value, str):
        return datetime.strptime(value, "%H:%M").time()
    return value


@transaction.atomic
def resolve_conflict(conflict: ImportConflict, *, take_feed: bool, by=None) -> ImportConflict:
    """A moderator's decision on a conflict: keep Village's value, or take the feed's."""
    if not conflict.is_open:
        return conflict
    if take_feed:
        meeting = conflict.meeting
        name, value = conflict.field, conflict.feed_value
        related = None
        if name == "focus":
            def related():
                meeting.focus.set(Focus.objects.filter(slug__in=value))
        elif name == "languages":
            def related():
                meeting.languages.set(Language.objects.filter(code__in=value))
        else:
            setattr(meeting, name, _model_value(name, value))
        save_meeting(meeting, by=by, save_related=related,
                     reason=f"Import conflict: took {conflict.source.name}'s {name}"[:100])
    conflict.resolution = "took_feed" if take_feed else "kept_local"
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["resolution", "resolved_at"])
    return conflict
