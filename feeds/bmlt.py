"""A BMLT root server (NA's data network) read through its semantic API — meetings, formats and
service bodies — into the Meeting Guide records feeds.records reads, so that a BMLT source
imports, previews, refreshes and keeps its history as every other feed does."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

from . import bmlt_formats
from .locations import is_url
from .records import VERDICT, NotAFeed, Verdict

SEARCH, FORMATS, SERVICE_BODIES = "GetSearchResults", "GetFormats", "GetServiceBodies"
SWITCHERS = (SEARCH, FORMATS, SERVICE_BODIES)

# The report names a record's fields as the server does.
FIELD_NAMES = {
    "slug": "id_bigint", "name": "meeting_name", "day": "weekday_tinyint", "time": "start_time",
    "end_time": "duration_time", "timezone": "time_zone", "location": "location_text",
    "formatted_address": "location_street", "conference_url": "virtual_meeting_link",
    "conference_phone": "phone_meeting_number", "types": "formats",
}

IN_PERSON, VIRTUAL, HYBRID = "1", "2", "3"
_DURATION = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
# A link without its scheme ("zoom.us/j/123"), as servers often hold them.
_BARE_LINK = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")


def server_urls(location: str) -> dict[str, str]:
    """The semantic API's addresses for a root server given by its address
    (https://bmlt.example.org/main_server/), perhaps with GetSearchResults' own parameters
    (`?services=12&recursive=1` for one service body), or by any client_interface/json URL."""
    parts = urlsplit(location)
    path = parts.path.split("/client_interface/")[0].rstrip("/") + "/"
    base = urlunsplit((parts.scheme, parts.netloc, f"{path}client_interface/json/", "", ""))
    search = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
              if key != "switcher"]
    return {SEARCH: f"{base}?{urlencode([('switcher', SEARCH), *search])}",
            FORMATS: f"{base}?switcher={FORMATS}",
            SERVICE_BODIES: f"{base}?switcher={SERVICE_BODIES}"}


def read_server(location: str, read_json: Callable[[str], object]) -> list[dict]:
    """A root server's meetings as Meeting Guide records. `location` is its address, or a JSON
    file holding its three answers under their switchers' names ({"GetSearchResults": [...],
    "GetFormats": [...], "GetServiceBodies": [...]}; the last two may be left out).
    `read_json` reads the JSON at an address or path (feeds.importing, with its limits)."""
    if is_url(location):
        answers = {name: read_json(url) for name, url in server_urls(location).items()}
    else:
        answers = read_json(location)
        if not isinstance(answers, dict) or SEARCH not in answers:
            # Translators: GetSearchResults, GetFormats and GetServiceBodies are BMLT's names.
            raise NotAFeed(_("A BMLT file is a JSON object holding the server's answers under "
                             "\"GetSearchResults\", \"GetFormats\" and \"GetServiceBodies\"."))
    meetings = answers.get(SEARCH)
    formats = answers.get(FORMATS) or []
    if isinstance(meetings, dict) and isinstance(meetings.get("meetings"), list):
        # Asked with get_used_formats, the server answers {"meetings": [...], "formats": [...]}.
        formats = formats or meetings.get("formats") or []
        meetings = meetings["meetings"]
    for name, answer in ((SEARCH, meetings), (FORMATS, formats),
                         (SERVICE_BODIES, answers.get(SERVICE_BODIES) or [])):
        if not isinstance(answer, list):
            # Translators: `switcher` is the name of a BMLT request (GetFormats); `kind` a
            # Python type's name (dict, str…).
            raise NotAFeed(_("BMLT's %(switcher)s answered a JSON %(kind)s, not a list.")
                           % {"switcher": name, "kind": type(answer).__name__})
    server = _Server(formats, answers.get(SERVICE_BODIES) or [])
    return [server.record(meeting) if isinstance(meeting, dict) else meeting
            for meeting in meetings]


@dataclass(frozen=True)
class Format:
    id: str = ""
    key: str = ""
    world_id: str = ""
    kind: str = ""
    name: str = ""
    description: str = ""

    @property
    def code(self) -> str:
        """The code it is kept as: its world id; for a language, `LANG:` and the language;
        for a format with no world id (or an unknown one), its key string."""
        world = self.world_id
        is_language = bmlt_formats.LANGUAGE_WORLD_ID in (world.upper(), self.kind.upper())
        if is_language or not world:
            language = bmlt_formats.language_of(self.key, self.name)
            if language:
                return bmlt_formats.language_code(language)
        return world if world and not is_language else self.key or world

    @property
    def note(self) -> str:
        return ": ".join(filter(None, (self.name, self.description)))


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    # Some servers write an empty field as the word NULL.
    return "" if text.upper() == "NULL" else text


def _list(value) -> list[str]:
    return [item.strip() for item in _text(value).split(",") if item.strip()]


class _Server:
    """One server's formats and service bodies, and its meetings read against them."""

    def __init__(self, formats: list, service_bodies: list):
        self.by_id: dict[tuple[str, str], Format] = {}
        self.by_key: dict[tuple[str, str], Format] = {}
        for entry in formats:
            if not isinstance(entry, dict):
                continue
            found = Format(id=_text(entry.get("id")), key=_text(entry.get("key_string")),
                           world_id=_text(entry.get("world_id")),
                           kind=_text(entry.get("format_type_enum")),
                           name=_text(entry.get("name_string")),
                           description=_text(entry.get("description_string")))
            # An aggregator's formats and meetings name the root server they come from.
            server = _text(entry.get("server_id"))
            self.by_id.setdefault((server, found.id), found)
            self.by_key.setdefault((server, found.key), found)
        self.bodies = {_text(body.get("id")): body for body in service_bodies
                       if isinstance(body, dict)}

    def formats_of(self, meeting: dict) -> list[Format]:
        """By shared id first (a server's key strings may repeat), then by key string."""
        server = _text(meeting.get("root_server_id"))

        def lookup(table, value):
            return table.get((server, value)) or table.get(("", value))

        found = list(filter(None, (lookup(self.by_id, id_) for id_ in _list(
            meeting.get("format_shared_id_list")))))
        keys = {entry.key for entry in found}
        for key in _list(meeting.get("formats")):
            if key not in keys:
                keys.add(key)
                found.append(lookup(self.by_key, key) or Format(key=key))
        return found

    def regions(self, meeting: dict) -> list[str]:
        """The meeting's service body and those above it, the highest first."""
        names, body_id, seen = [], _text(meeting.get("service_body_bigint")), set()
        while body_id in self.bodies and body_id not in seen:
            seen.add(body_id)
            body = self.bodies[body_id]
            names.insert(0, _text(body.get("name")))
            body_id = _text(body.get("parent_id"))
        return [name for name in names if name] or list(
            filter(None, [_text(meeting.get("service_body_name"))]))

    def record(self, meeting: dict) -> dict:
        return _MeetingReader(meeting, self).record()


class _MeetingReader:
    def __init__(self, meeting: dict, server: _Server):
        self.meeting = meeting
        self.server = server
        self.warnings: list[tuple[str, str]] = []

    def get(self, key: str) -> str:
        return _text(self.meeting.get(key))

    def record(self) -> dict:
        meeting_id = self.get("id_bigint")
        server_id = self.get("root_server_id")
        formats = self.server.formats_of(self.meeting)
        codes = list(dict.fromkeys(entry.code for entry in formats))
        notes = [self.get("comments")] + [
            entry.note for entry in formats if bmlt_formats.is_noted(entry.code)]
        location_notes = [self.get("location_info")] + [
            f"{label}: {self.get(key)}" for key, label in (
                ("bus_lines", "Bus"), ("train_lines", "Train")) if self.get(key)]
        record = {
            "slug": f"{server_id}-{meeting_id}" if server_id and meeting_id else meeting_id,
            "name": self.get("meeting_name"),
            "time": self.get("start_time"),
            "timezone": self.get("time_zone"),
            "location": self.get("location_text"),
            "address": self.get("location_street"),
            "city": self.get("location_municipality") or self.get("location_city_subsection"),
            "state": self.get("location_province"),
            "postal_code": self.get("location_postal_code_1"),
            "country": self.get("location_nation"),
            "latitude": self.get("latitude"),
            "longitude": self.get("longitude"),
            "conference_url": self.link(self.get("virtual_meeting_link")),
            "conference_url_notes": self.get("virtual_meeting_additional_info"),
            "conference_phone": self.get("phone_meeting_number"),
            "conference_phone_notes": self.get("phone_meeting_additional_info"),
            "notes": "\n\n".join(filter(None, notes)),
            "location_notes": "\n".join(filter(None, location_notes)),
            "types": codes,
            "regions": self.server.regions(self.meeting),
        }
        record["region"] = record["regions"][-1] if record["regions"] else ""
        skip, in_feed = self.read_published(), True
        if skip:
            in_feed = False
        else:
            skip = self.read_day(record) or self.read_duration(record) or self.read_venue(record)
        record[VERDICT] = Verdict(skip=skip, in_feed=in_feed, warnings=tuple(self.warnings),
                                  field_names=FIELD_NAMES)
        return record

    def read_published(self):
        if self.get("published").lower() in ("0", "false"):
            return ("published", _("0: the service body has not published this meeting"))
        return None

    def read_day(self, record: dict):
        text = self.get("weekday_tinyint")
        if text.isdigit() and 1 <= int(text) <= 7:
            record["day"] = int(text) - 1  # BMLT counts from 1, Sunday; Village from 0
            return None
        if not text:
            return ("weekday_tinyint", _("missing"))
        return ("weekday_tinyint", _("'%(value)s' is not a day: BMLT's days run from 1 (Sunday) "
                                     "to 7 (Saturday)") % {"value": text})

    def read_duration(self, record: dict):
        text = self.get("duration_time")
        match = _DURATION.match(text)
        if not text:
            return None  # one hour, as for a Meeting Guide record without an end
        if not match or int(match[2]) > 59:
            self.warnings.append(("duration_time", _("'%(value)s' is not a length such as "
                                                    "01:30:00; taken as one hour")
                                  % {"value": text}))
            return None
        length = timedelta(hours=int(match[1]), minutes=int(match[2]))
        if length >= timedelta(hours=24):
            return ("duration_time", _("%(value)s: all day or around the clock; Village lists "
                                       "a meeting by the hours it meets, so it can't list this "
                                       "one") % {"value": text})
        start = _CLOCK.match(record["time"])
        if length and start and int(start[1]) < 24 and int(start[2]) < 60:
            began = datetime(2000, 1, 1, int(start[1]), int(start[2]))
            record["end_time"] = (began + length).strftime("%H:%M")
        return None

    def read_venue(self, record: dict):
        """venue_type says how the meeting is attended; without it (older servers), the
        Meeting Guide reading of its address and links decides."""
        venue = self.get("venue_type")
        joinable = record["conference_url"] or record["conference_phone"]
        if venue == IN_PERSON:
            if joinable:
                # Translators: virtual_meeting_link and phone_meeting_number are BMLT's fields.
                self.warnings.append(("venue_type", _("1 (in person): its virtual_meeting_link "
                                                      "and phone_meeting_number are left out")))
            record["conference_url"] = record["conference_phone"] = ""
        elif venue == VIRTUAL:
            if not joinable:
                # Translators: virtual_meeting_link and phone_meeting_number are BMLT's fields.
                return ("venue_type", _("2 (virtual), but no virtual_meeting_link or "
                                        "phone_meeting_number: no way to join"))
            # An online meeting's address says where it belongs, not where to go.
            record.update(approximate="yes", latitude="", longitude="")
        elif venue == HYBRID:
            if not joinable:
                # Translators: virtual_meeting_link and phone_meeting_number are BMLT's fields.
                self.warnings.append(("venue_type", _("3 (hybrid), but no virtual_meeting_link "
                                                      "or phone_meeting_number: listed as in "
                                                      "person")))
        elif venue:
            self.warnings.append(("venue_type", _("'%(value)s' is not 1 (in person), 2 (virtual) "
                                                  "or 3 (hybrid); read from its address and "
                                                  "links") % {"value": venue}))
        return None

    @staticmethod
    def link(url: str) -> str:
        return f"https://{url}" if _BARE_LINK.match(url) else url
