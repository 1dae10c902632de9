"""Meeting Guide feed records (JSON objects or spreadsheet rows) read into Village's meeting values.

Real feeds are messy; each record is read on its own, and whatever is wrong with it becomes a
Problem naming the record, the field and why, so one bad record never stops the rest.
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from core.text import plain_text
from meetings import schedule
from places.geocoding import Place, place_of_address, timezone_at, zone_of_address

from .type_codes import CodeSet

# The fields an import owns, compared on re-import to tell feed changes from local edits.
IMPORTED_FIELDS = (
    "name", "fellowship", "weekday", "start_time", "end_time", "timezone", "attendance",
    "location_name", "address", "latitude", "longitude", "location_approximate",
    "conference_url", "conference_phone", "notes", "children", "wheelchair_accessible",
    "source_types", "focus", "languages", "contact_email", "contact_phone", "contact_website",
)
# Compared as sets and merged: a coach's added focus survives a feed adding another.
SET_FIELDS = ("focus", "languages")

MAX_LENGTHS = {"name": 200, "location_name": 200, "address": 300, "conference_url": 500,
               "conference_phone": 60, "source_slug": 100, "contact_phone": 60,
               "contact_website": 500, "contact_email": 254}

# Feeds write days in English, whatever language Village shows.
DAY_NAMES = {name: day for day, slug in enumerate(schedule.WEEKDAY_SLUGS)
             for name in (slug, schedule.WEEKDAY_NAMES[day].lower())}

_CLOCK_24 = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
_CLOCK_12 = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m?\.?$", re.IGNORECASE)
_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()


class RecordProblem(ValueError):
    """Something wrong with one field of one record."""

    def __init__(self, field_name: str, reason: str):
        self.field = field_name
        self.reason = reason
        super().__init__(f"{field_name}: {reason}")


@dataclass(frozen=True)
class Problem:
    """A record skipped (or a field of it dropped), said so that a person can find and fix it:
    `reason` in the language active when the feed was read, as its report is written."""

    record: int  # 1-based position in the feed
    slug: str
    field: str
    reason: str
    skipped: bool = True

    def __str__(self):
        # `field` is the feed's own field name, kept as written.
        if self.slug:
            # Translators: one problem in an import's report, "record 3 (slug 'abc'): time: missing".
            return _("record %(number)s (slug '%(slug)s'): %(field)s: %(reason)s") % {
                "number": self.record, "slug": self.slug, "field": self.field,
                "reason": self.reason}
        # Translators: one problem in an import's report, "record 3: time: missing".
        return _("record %(number)s: %(field)s: %(reason)s") % {
            "number": self.record, "field": self.field, "reason": self.reason}


@dataclass
class FeedMeeting:
    """One weekly meeting as the feed gives it, in Village's terms."""

    source_slug: str
    record: int
    name: str
    fellowship: str
    weekday: int
    start_time: time
    end_time: time
    timezone: str
    attendance: str
    location_name: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    location_approximate: bool = False
    conference_url: str = ""
    conference_phone: str = ""
    notes: str = ""
    children: str = "unknown"
    wheelchair_accessible: bool | None = None
    source_types: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    # The group's own contact, as the feed publishes it (`email`, `phone`, `website`).
    contact_email: str = ""
    contact_phone: str = ""
    contact_website: str = ""
    updated: date | None = None
    # The centre of the city its address names, when the feed gives neither coordinates nor a
    # zone: where the meeting is shown until geocoding finds the address. Not an imported
    # value: the feed did not say it.
    near: tuple[float, float] | None = None
    # The fingerprint of the record it was read from (record_digest), when the record read
    # without a problem or an unknown code; "" otherwise, so that it is read again next time.
    record_digest: str = ""

    def values(self) -> dict:
        return {name: getattr(self, name) for name in IMPORTED_FIELDS}

    def snapshot(self) -> dict:
        """The imported values as JSON, kept on the meeting to compare the next import with."""
        return snapshot_of(self.values())


def snapshot_of(values: dict) -> dict:
    out = {}
    for name, value in values.items():
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif name in SET_FIELDS:
            value = sorted(value)
        out[name] = value
    return out


@dataclass(frozen=True)
class Verdict:
    """What another format's reader (feeds.bmlt) found of a record it wrote as a Meeting Guide
    record, carried in the record under VERDICT: why it is skipped, if it is; the fields it
    left out; and the source's own names of the fields, which the report names."""

    skip: tuple[str, str] | None = None  # (field, reason)
    # Withheld at its source (BMLT's published = 0): not in the feed, so a meeting imported
    # from it before is archived as gone. A record skipped for what it says is still there.
    in_feed: bool = True
    warnings: tuple[tuple[str, str], ...] = ()
    field_names: Mapping[str, str] = field(default_factory=dict)


VERDICT = "_verdict"


class SortsProblems:
    """Splits `problems` into the records skipped and the warnings about records kept."""

    problems: list[Problem]

    @property
    def skipped(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.skipped]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.skipped]


@dataclass
class ParsedFeed(SortsProblems):
    meetings: list[FeedMeeting]
    problems: list[Problem]
    # Every slug the feed names, readable or not: a meeting whose record is broken today is
    # still in the feed, so it must not be archived as gone.
    seen_slugs: set[str]
    unknown_codes: Counter
    records: int
    # The slugs of the meetings whose records are as the last import read them (see
    # KnownRecord), which were not read again.
    unchanged: list[str] = field(default_factory=list)

    @property
    def meeting_count(self) -> int:
        return len(self.meetings) + len(self.unchanged)


@dataclass(frozen=True)
class KnownRecord:
    """A record an earlier import read without a problem, by its fingerprint: the meetings it
    gave, and the earliest day any of them was last verified (a record saying it was updated
    later still changes that, so it is read again)."""

    slugs: tuple[str, ...]
    last_verified: date | None


# Reading a record depends on this code, the source's type codes and default zone, and the
# gazetteer; a change to any of them gives every record a new fingerprint (bump this one when
# the code or the gazetteer changes), so the next import reads all of them again.
READING_VERSION = "1"


def reading_key(code_set: CodeSet, default_timezone: str) -> bytes:
    """What a record's fingerprint is keyed with besides the record itself."""
    return hashlib.blake2b(repr((READING_VERSION, default_timezone, code_set)).encode(),
                           digest_size=32).digest()


def record_digest(record: dict, key: bytes) -> str:
    """A record's fingerprint: the same for the same fields in the same order (a feed that
    reorders them only gets read again)."""
    return hashlib.blake2b(repr(record).encode(), key=key, digest_size=16).hexdigest()


# --- Fields ---------------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _plain(value, *, multiline: bool = False) -> str:
    """A feed's text field as plain text: feeds carry HTML in names and notes, which Village
    stores without its markup (core.text)."""
    return plain_text(_text(value), multiline=multiline)


def parse_time(value, field_name: str = "time") -> time:
    """19:30, 7:30 PM, 7:30pm, 7 p.m., 19:30:00, noon, midnight."""
    text = _text(value).lower()
    if not text:
        # Translators: a feed record's field has no value (a reason in an import's report).
        raise RecordProblem(field_name, _("missing"))
    if text in ("noon", "12 noon"):
        return time(12, 0)
    if text == "midnight":
        return time(0, 0)
    match = _CLOCK_24.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    match = _CLOCK_12.match(text)
    if match and 1 <= int(match[1]) <= 12 and int(match[2] or 0) < 60:
        hour = int(match[1]) % 12 + (12 if match[3].lower() == "p" else 0)
        return time(hour, int(match[2] or 0))
    raise RecordProblem(field_name, _("'%(value)s' is not a time of day such as 19:30 or 7:30 PM")
                        % {"value": value})


def parse_days(value) -> list[int]:
    """An integer 0-6 (0 is Sunday), a list of them, or day names as spreadsheets give them."""
    items = value if isinstance(value, list | tuple) else [value]
    if value is None or value == "" or not items:
        raise RecordProblem("day", _("missing: meetings by appointment are not weekly, so Village "
                                     "can't list them"))
    days = []
    for item in items:
        if isinstance(item, bool):
            raise RecordProblem("day", _("'%(value)s' is not a day") % {"value": item})
        text = _text(item).lower()
        if text.lstrip("-").isdigit():
            day = int(text)
            if not 0 <= day <= 6:
                raise RecordProblem("day", _("%(value)s is not a day: use 0 (Sunday) to 6 (Saturday)")
                                    % {"value": day})
        elif text in DAY_NAMES:
            day = DAY_NAMES[text]
        else:
            raise RecordProblem("day", _("'%(value)s' is not a day: use 0 (Sunday) to 6 (Saturday)")
                                % {"value": item})
        if day not in days:
            days.append(day)
    return days


def parse_coordinate(value, field_name: str, limit: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RecordProblem(field_name, _("'%(value)s' is not a number") % {"value": value})
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RecordProblem(field_name, _("'%(value)s' is not a number") % {"value": value}) from None
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise RecordProblem(field_name, _("%(value)s is not between -%(limit)s and %(limit)s")
                            % {"value": value, "limit": f"{limit:g}"})
    return number


def parse_types(value, code_set: CodeSet) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        # Spreadsheets list types as "Open, Discussion" or "O, D".
        items = value.split(",")
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise RecordProblem("types", _("'%(value)s' is not a list of type codes") % {"value": value})
    codes = []
    for item in items:
        text = _text(item)
        if text:
            code = code_set.code_for_text(text)
            if code not in codes:
                codes.append(code)
    return codes


def _is_yes(value) -> bool:
    return value is True or _text(value).lower() in ("yes", "true", "1", "y")


def _address(record: dict) -> str:
    formatted = _plain(record.get("formatted_address"))
    if formatted:
        return formatted
    street = _plain(record.get("address"))
    city = _plain(record.get("city"))
    state_zip = " ".join(filter(None, (_plain(record.get("state")), _plain(record.get("postal_code")))))
    return ", ".join(filter(None, (street, city, state_zip, _plain(record.get("country")))))


# The stamp as feeds write it (WordPress's "2026-09-01 12:00:00", ISO's "T", or the day
# alone), read without strptime, which costs more than the rest of a record's reading.
_STAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2}):([0-9]{2}))?")


def _updated(value) -> date | None:
    text = _text(value)
    if stamp := _STAMP.fullmatch(text[:19]):
        try:
            return datetime(*(int(part) for part in stamp.groups() if part is not None)).date()
        except ValueError:
            pass  # not a real day or time: strptime below says so too
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text[:19], pattern).date()
        except ValueError:
            continue
    return None


# --- Records --------------------------------------------------------------------------------

class _RecordReader:
    """Reads one record; collects warnings (fields dropped) and raises RecordProblem to skip it."""

    def __init__(self, record: dict, position: int, code_set: CodeSet, default_timezone: str):
        self.record = record
        self.position = position
        self.code_set = code_set
        self.default_timezone = default_timezone
        self.slug = ""
        self.warnings: list[Problem] = []
        self.unknown_codes: tuple[str, ...] = ()

    def warn(self, field_name: str, reason: str):
        self.warnings.append(Problem(self.position, self.slug, field_name, reason, skipped=False))

    def optional(self, parse, *args):
        try:
            return parse(*args)
        except RecordProblem as problem:
            # Translators: a field of a feed record that the import dropped, and why.
            self.warn(problem.field, _("%(reason)s; left out") % {"reason": problem.reason})
            return None

    def limited(self, field_name: str, value: str, record_field: str | None = None) -> str:
        limit = MAX_LENGTHS[field_name]
        if len(value) > limit:
            self.warn(record_field or field_name,
                      _("longer than %(limit)s characters; cut short") % {"limit": limit})
            return value[:limit].rstrip()
        return value

    def read_slug(self) -> str:
        value = self.record.get("slug")
        if value is None or isinstance(value, bool | dict | list):
            raise RecordProblem("slug", _("missing: every meeting needs a slug unique in its feed"))
        slug = _text(value)
        if not slug:
            raise RecordProblem("slug", _("missing: every meeting needs a slug unique in its feed"))
        if len(slug) > MAX_LENGTHS["source_slug"] - 4:  # room for a "-mon" day suffix
            raise RecordProblem("slug", _("longer than %(limit)s characters")
                                % {"limit": MAX_LENGTHS["source_slug"] - 4})
        self.slug = slug
        return slug

    def timezone(self, latitude, longitude, address: str) -> tuple[str, Place | None]:
        """The record's zone, else the source's, else the one at its coordinates, else the one
        of the city its address names, with that city (places.geocoding.place_of_address),
        else the one its state or country lies wholly in."""
        zone = _text(self.record.get("timezone"))
        if zone:
            if not schedule.is_timezone(zone):
                raise RecordProblem("timezone", _("'%(zone)s' is not an IANA time zone such as "
                                                  "America/New_York") % {"zone": zone})
            return zone, None
        if self.default_timezone:
            return self.default_timezone, None
        if latitude is not None:
            found = timezone_at(latitude, longitude)
            if found:
                return found, None
        if not address:
            # Translators: --timezone is an option of the import command and stays as written.
            raise RecordProblem("timezone", _("missing, and the source has no default time zone "
                                              "(give one with --timezone)"))
        city = place_of_address(address)
        if city is None and (zone := zone_of_address(address)):
            return zone, None
        if city is None:
            # Translators: --timezone is an option of the import command and stays as written.
            raise RecordProblem("timezone", _(
                "missing, the address names no city Village knows with its province, state or "
                "country, and the source has no default time zone (give one with --timezone)"))
        return city.timezone, city

    def coordinates(self) -> tuple[float | None, float | None]:
        given = [self.record.get(key) not in (None, "") for key in ("latitude", "longitude")]
        latitude = self.optional(parse_coordinate, self.record.get("latitude"), "latitude", 90)
        longitude = self.optional(parse_coordinate, self.record.get("longitude"), "longitude", 180)
        if given[0] != given[1]:
            self.warn("latitude", _("latitude and longitude come as a pair; left out"))
        if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
            # "0,0" is a placeholder in many feeds, not a meeting in the Gulf of Guinea.
            return None, None
        return latitude, longitude

    def conference_url(self) -> str:
        return self.link("conference_url", "conference_url")

    def link(self, record_field: str, field_name: str) -> str:
        """An http(s) link the record gives, or nothing (with a warning) for one that is not."""
        url = _text(self.record.get(record_field))
        if not url:
            return ""
        try:
            _url_validator(url)
        except ValidationError:
            self.warn(record_field, _("'%(url)s' is not an http(s) link; left out") % {"url": url[:80]})
            return ""
        if len(url) > MAX_LENGTHS[field_name]:
            self.warn(record_field, _("longer than %(limit)s characters; left out")
                      % {"limit": MAX_LENGTHS[field_name]})
            return ""
        return url

    def contact(self) -> dict[str, str]:
        """The group's own email, phone and website; an unusable one is left out with a warning."""
        email = _text(self.record.get("email"))
        if email:
            try:
                _email_validator(email)
            except ValidationError:
                self.warn("email", _("'%(email)s' is not an email address; left out")
                          % {"email": email[:80]})
                email = ""
        phone = self.limited("contact_phone", _plain(self.record.get("phone")), "phone")
        return {"contact_email": email[:MAX_LENGTHS["contact_email"]], "contact_phone": phone,
                "contact_website": self.link("website", "contact_website")}

    def notes(self) -> str:
        # The labels are part of the meeting's notes, data kept as the import wrote them:
        # English whatever the language (a translated one would read as a change next time).
        parts = [_plain(self.record.get("notes"), multiline=True)]
        for key, label in (("location_notes", "Location"),
                           ("conference_url_notes", "Online"),
                           ("conference_phone_notes", "By phone")):
            text = _plain(self.record.get(key), multiline=True)
            if text:
                parts.append(f"{label}: {text}")
        return "\n\n".join(part for part in parts if part)

    def read(self) -> list[FeedMeeting]:
        slug = self.read_slug()
        name = self.limited("name", _plain(self.record.get("name")))
        if not name:
            raise RecordProblem("name", _("missing"))
        days = parse_days(self.record.get("day"))
        start = parse_time(self.record.get("time"))
        end = None
        if _text(self.record.get("end_time")):
            end = self.optional(parse_time, self.record.get("end_time"), "end_time")
        if end == start:
            self.warn("end_time", _("the same as the start; taken as one hour"))
            end = None
        end = end or schedule.default_end(start)
        # A feed cannot be asked whether the meeting goes past midnight: an end before the
        # start is the next day's, but not one that makes it too long to be real.
        if problem := schedule.length_problem(start, end, crosses_midnight=None):
            raise RecordProblem("end_time", problem)
        latitude, longitude = self.coordinates()

        codes = parse_types(self.record.get("types"), self.code_set)
        traits = self.code_set.read(codes)
        self.unknown_codes = traits.unknown_codes
        address = self.limited("address", _address(self.record), "formatted_address")
        approximate = _is_yes(self.record.get("approximate"))
        conference_url = self.conference_url()
        conference_phone = self.limited("conference_phone",
                                        _plain(self.record.get("conference_phone")))
        attendance = self.attendance(address, approximate, traits.location_closed,
                                     bool(conference_url or conference_phone))
        if attendance == "online" and not approximate and address:
            # An online meeting's address is where it belongs, not where to go.
            approximate = True
        zone, city = self.timezone(latitude, longitude, address)

        common = dict(
            record=self.position, name=name, fellowship=self.code_set.fellowship,
            start_time=start, end_time=end, timezone=zone, attendance=attendance,
            location_name=self.limited("location_name", _plain(self.record.get("location")),
                                       "location"),
            address=address, latitude=latitude, longitude=longitude,
            location_approximate=approximate, conference_url=conference_url,
            conference_phone=conference_phone, notes=self.notes(),
            children=traits.children or "unknown",
            wheelchair_accessible=traits.wheelchair_accessible, source_types=codes,
            focus=sorted(traits.focus), languages=sorted(traits.languages),
            updated=_updated(self.record.get("updated")),
            near=(city.latitude, city.longitude) if city and attendance != "online" else None,
            **self.contact(),
        )
        if len(days) == 1:
            return [FeedMeeting(source_slug=slug, weekday=days[0], **common)]
        # One Village meeting per day, each with a slug of its own that stays put on re-import.
        return [FeedMeeting(source_slug=f"{slug}-{schedule.WEEKDAY_SLUGS[day]}", weekday=day,
                            **common) for day in days]

    @staticmethod
    def attendance(address: str, approximate: bool, location_closed: bool,
                   has_conference: bool) -> str:
        # The 12 Step Meeting List's reading, which the apps share: a link or phone makes a
        # meeting online; a real address that is not temporarily closed makes it in person too.
        has_place = bool(address) and not approximate and not location_closed
        if has_conference:
            return "hybrid" if has_place else "online"
        if location_closed:
            # Translators: TC, conference_url and conference_phone are a feed's codes and field
            # names and stay as written.
            raise RecordProblem("types", _("TC: the location is temporarily closed and there is no "
                                           "conference_url or conference_phone, so it is not meeting"))
        if not address:
            # Translators: conference_url and conference_phone are a feed's field names.
            raise RecordProblem("formatted_address", _("no address and no conference_url or "
                                                       "conference_phone: nowhere to go"))
        return "in_person"  # an approximate address is still somewhere to go


def parse_records(records, *, code_set: CodeSet, default_timezone: str = "",
                  known: Mapping[str, KnownRecord] | None = None) -> ParsedFeed:
    """Every usable meeting in a feed's records, and a Problem for each one that is not.

    A record whose fingerprint is in `known` (an earlier import's) is not read again: its
    meetings are listed in ParsedFeed.unchanged by slug."""
    meetings: list[FeedMeeting] = []
    unchanged: list[str] = []
    key = reading_key(code_set, default_timezone)
    problems: list[Problem] = []
    seen: set[str] = set()
    first_position: dict[str, int] = {}
    unknown = Counter()
    renamed: dict[int, Mapping[str, str]] = {}  # record -> its source's names of the fields
    if not isinstance(records, list):
        # Translators: `kind` is a Python type's name (dict, str…).
        raise FeedError(_("A Meeting Guide feed is a JSON list of meetings; this is a %(kind)s.")
                        % {"kind": type(records).__name__})
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(position, "", "record", _("not a JSON object")))
            continue
        verdict = record.get(VERDICT)
        if isinstance(verdict, Verdict):
            renamed[position] = verdict.field_names
            slug = _text(record.get("slug"))
            problems.extend(Problem(position, slug, name, reason, skipped=False)
                            for name, reason in verdict.warnings)
            if verdict.skip:
                if verdict.in_feed and slug:
                    seen.add(slug)
                problems.append(Problem(position, slug, *verdict.skip))
                continue
        digest = record_digest(record, key)
        if known and (earlier := known.get(digest)) and _still_as_read(record, earlier) and not (
                any(slug in first_position for slug in earlier.slugs)):
            seen.add(_text(record.get("slug")))
            seen.update(earlier.slugs)
            first_position.update(dict.fromkeys(earlier.slugs, position))
            unchanged.extend(earlier.slugs)
            continue
        reader = _RecordReader(record, position, code_set, default_timezone)
        try:
            read = reader.read()
        except RecordProblem as problem:
            if reader.slug:
                seen.add(reader.slug)
            problems.extend(reader.warnings)
            problems.append(Problem(position, reader.slug, problem.field, problem.reason))
            continue
        problems.extend(reader.warnings)
        unknown.update(reader.unknown_codes)
        accepted = []
        for meeting in read:
            seen.add(meeting.source_slug)
            if reader.slug != meeting.source_slug:
                seen.add(reader.slug)
            if meeting.source_slug in first_position:
                problems.append(Problem(
                    position, meeting.source_slug, "slug",
                    _("already used by record %(number)s; a feed must give each meeting its "
                      "own slug") % {"number": first_position[meeting.source_slug]}))
                continue
            first_position[meeting.source_slug] = position
            accepted.append(meeting)
        meetings.extend(accepted)
        # Only a record that said nothing in the report can go unread next time.
        if len(accepted) == len(read) and not (
                reader.warnings or reader.unknown_codes
                or (isinstance(verdict, Verdict) and verdict.warnings)):
            for meeting in accepted:
                meeting.record_digest = digest
    if renamed:
        problems = [replace(problem, field=renamed[problem.record].get(problem.field, problem.field))
                    if problem.record in renamed else problem for problem in problems]
    return ParsedFeed(meetings, problems, seen, unknown, len(records), unchanged)


def _still_as_read(record: dict, earlier: KnownRecord) -> bool:
    """Whether reading the record again would leave its meetings' last verified days as they
    are (someone may have set one back since)."""
    updated = _updated(record.get("updated"))
    return updated is None or (earlier.last_verified is not None
                               and updated <= earlier.last_verified)


class FeedError(Exception):
    """The feed as a whole can't be read (not found, not JSON, not a list): nothing is changed."""


class NotAFeed(FeedError):
    """What the location holds is not a meeting feed (not JSON, not a list, no meeting in it,
    another source's feed): reading it again later will not help, unlike a server that is down."""


# --- Spreadsheets ---------------------------------------------------------------------------

# The spec's table format names columns in plain words ("Conference URL"); a sheet's `ID` is
# the slug. Anything else is read as the JSON key its words spell.
CSV_ALIASES = {"id": "slug", "zip": "postal_code", "zip_code": "postal_code",
               "location_name": "location", "time_zone": "timezone", "start_time": "time"}


def csv_key(header: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")
    return CSV_ALIASES.get(key, key)


def read_csv(text: str) -> list[dict]:
    """Spreadsheet rows (the spec's column names) as Meeting Guide records."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(rows)
    except StopIteration:
        # Translators: the column names stay as written.
        raise FeedError(_("The CSV file is empty: it needs a header row such as "
                          "Slug,Name,Day,Time,End Time,Timezone,Address,Types.")) from None
    keys = [csv_key(column) for column in header]
    missing = [name for name in ("slug", "name", "day", "time") if name not in keys]
    if missing:
        # Translators: `missing` and `found` are column names, kept as written.
        raise FeedError(_("The CSV header has no %(missing)s column (found: %(found)s).")
                        % {"missing": ", ".join(missing), "found": ", ".join(header)})
    records = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        record = {key: cell for key, cell in zip(keys, row, strict=False) if key}
        if "address" in record and not record.get("formatted_address") and not any(
                record.get(key) for key in ("city", "state", "postal_code")):
            # A sheet's single "Address" column holds the whole address, as the plugin exports it.
            record["formatted_address"] = record.pop("address")
        records.append(record)
    return records
