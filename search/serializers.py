"""The search API's input (query parameters) and output (ranked results)."""
from __future__ import annotations

import re

from django.db import DatabaseError
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.exceptions import APIException

from meetings.models import Attendance, Fellowship, Vocabulary
from meetings.schedule import (
    WEEKDAY_SLUGS,
    WINDOW_FORMS,
    Availability,
    TimeWindow,
    Weekday,
    is_timezone,
    timezone_names,
)
from meetings.serializers import MeetingSerializer
from places.geocoding import AmbiguousPlace, GeocodingUnavailable, PlaceNotFound, locate, zone_country
from places.geometry import UNITS, distance_unit, in_unit

from .criteria import DEFAULT_RADIUS_KM, MAX_RADIUS_KM, ChildrenNeed, PhilosophyNeed, SearchCriteria


class GeocoderDown(APIException):
    status_code = 503
    default_detail = gettext_lazy("Place search is unavailable for a moment; try a ZIP code or lat,lng.")
    default_code = "geocoder_unavailable"


def _not_allowed(allowed: str) -> str:
    # DRF fills in {input}, the value given, with str.format.
    # Translators: `input` is the value given for a parameter, `allowed` the values it may take.
    return _("'%(input)s' is not allowed; use one of: %(allowed)s.") % {
        "input": "{input}", "allowed": allowed}


# In the language of the request that fails, not of the import that builds the fields.
_not_allowed_lazy = lazy(_not_allowed, str)


def _choice(choices, **kwargs):
    return serializers.ChoiceField(
        choices=list(choices), required=False, allow_blank=True,
        error_messages={"invalid_choice": _not_allowed_lazy(", ".join(choices))}, **kwargs)


# A week of four windows a day is more than any parent's week needs; beyond it a search only
# grows its statement.
MAX_WINDOWS = 28


def _too_many_windows() -> str:
    # Translators: `forms` are examples of windows, such as sat@08:00-12:00, kept as written.
    return _("At most %(most)s windows in one search (avoid and free together); a window can "
             "hold several days, as in %(forms)s.") % {"most": MAX_WINDOWS, "forms": WINDOW_FORMS}


# What the parameters accept, written once for the validation and the OpenAPI schema (which
# must say no more and no less). Spaces are those str.strip() takes away; digits are ASCII.
_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*"
# Day codes in any case, as "Mon" reads as mon.
_DAY = "(?:" + "|".join("".join(f"[{c}{c.upper()}]" for c in slug) for slug in WEEKDAY_SLUGS) + ")"
_CLOCK = f"{_SPACE}(?:[01]?[0-9]|2[0-3]):[0-5][0-9]{_SPACE}"
_DAY_RANGES = f"{_SPACE}{_DAY}(?:-{_DAY})?{_SPACE}(?:,{_SPACE}{_DAY}(?:-{_DAY})?{_SPACE})*"
# A comma list of days, blanks between commas left out.
DAYS_PATTERN = f"^{_SPACE}(?:{_DAY}{_SPACE})?(?:,{_SPACE}(?:{_DAY}{_SPACE})?)*$"
# A window (sat@08:00-12:00, mon-fri@20:30-23:59, 17:00-20:30), or a blank one left out.
WINDOW_PATTERN = f"^(?:{_SPACE}|(?:{_DAY_RANGES}@)?{_CLOCK}-{_CLOCK})$"
_WINDOW_RE = re.compile(WINDOW_PATTERN)


def _window(text: str) -> TimeWindow:
    window = TimeWindow.parse(text)  # a ValueError saying what is wrong
    if not _WINDOW_RE.match(text):
        # TimeWindow reads the digits of any script; the API's schema only ASCII ones.
        problem = _("'%(text)s' is not a time of day as HH:MM (00:00 to 23:59).") % {"text": text}
        raise ValueError(_("'%(text)s' is not a time window such as %(forms)s: %(problem)s")
                         % {"text": text, "forms": WINDOW_FORMS, "problem": problem})
    return window


def _windows(texts: list[str]) -> tuple[TimeWindow, ...]:
    # Blank windows count towards the most, as the schema's maxItems counts them.
    if len(texts) > MAX_WINDOWS:
        raise serializers.ValidationError(_too_many_windows())
    windows = []
    for text in texts:
        if not text.strip():
            continue
        try:
            windows.append(_window(text))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
    return tuple(windows)


class DaysField(serializers.CharField):
    """A comma list of day codes (`days`)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, **kwargs)


class WindowsField(serializers.ListField):
    """Repeatable time windows (`avoid`, `free`)."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(allow_blank=True), required=False,
                         **kwargs)


class FocusField(serializers.ListField):
    """Repeatable `focus`: slugs of the focus vocabulary, as they are written."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(allow_blank=True, trim_whitespace=False),
                         required=False, **kwargs)


class ZoneField(serializers.CharField):
    """An IANA time zone name, as it is written."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, trim_whitespace=False, **kwargs)


class LanguageField(serializers.CharField):
    """A code of the language vocabulary, as it is written."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, trim_whitespace=False, **kwargs)


def known_zones() -> list[str]:
    return sorted(name for name in timezone_names() if is_timezone(name))


class _Documented(OpenApiSerializerFieldExtension):
    """The schema of a field whose values are read when the schema is written (the zones and
    vocabularies) or hold a pattern; the serializer's validation accepts exactly these."""

    def map_serializer_field(self, auto_schema, direction):
        return self.documented(self.target)


class DaysSchema(_Documented):
    target_class = DaysField

    @staticmethod
    def documented(field):
        return {"type": "string", "pattern": DAYS_PATTERN}


class WindowsSchema(_Documented):
    target_class = WindowsField

    @staticmethod
    def documented(field):
        return {"type": "array", "maxItems": MAX_WINDOWS,
                "items": {"type": "string", "pattern": WINDOW_PATTERN}}


class FocusSchema(_Documented):
    target_class = FocusField

    @staticmethod
    def documented(field):
        return {"type": "array", "items": _enum_of_vocabulary("focus")}


class ZoneSchema(_Documented):
    target_class = ZoneField

    @staticmethod
    def documented(field):
        return {"type": "string", "enum": ["", *known_zones()]}


class LanguageSchema(_Documented):
    target_class = LanguageField

    @staticmethod
    def documented(field):
        return _enum_of_vocabulary("languages")


def _enum_of_vocabulary(kind: str) -> dict:
    """A string that is blank or one of the focus slugs or language codes in the database; any
    string while the database has no tables yet (`manage.py check` on a new clone generates the
    schema), rather than no schema."""
    try:
        known = sorted(getattr(Vocabulary.current(), kind))
    except DatabaseError:
        return {"type": "string"}
    return {"type": "string", "enum": ["", *known]}


def _window_help(kind: str) -> str:
    """The API documentation of `avoid` or `free`."""
    # Translators: API documentation; HH:MM-HH:MM, days@HH:MM-HH:MM and the examples stay as written.
    windows = _("A window is HH:MM-HH:MM on every chosen day, or days@HH:MM-HH:MM on those days "
                "only (a day, a comma list or a range: sat@08:00-12:00, mon-fri@20:30-23:59, "
                "mon,wed@18:00-21:00); a window that crosses midnight belongs to the day it "
                "starts. At most %(most)s windows, avoid and free together.") % {"most": MAX_WINDOWS}
    if kind == "avoid":
        # Translators: API documentation of `avoid`; `windows` says how a window is written.
        return _("Repeatable windows the meeting must not touch. %(windows)s") % {"windows": windows}
    # Translators: API documentation of `free`; `windows` says how a window is written.
    return _("Repeatable windows; the meeting must fit inside one, on its day. %(windows)s") % {
        "windows": windows}


# Read when the schema is written, in its language.
_window_help_lazy = lazy(_window_help, str)


class SearchParamsSerializer(serializers.Serializer):
    # After validation: the AmbiguousPlace when `near` named several places, so that the
    # search page can offer each as a link.
    ambiguous_place = None

    near = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=True,
        help_text=gettext_lazy("A US ZIP code, a city such as 'Pittsburgh, PA', or 'lat,lng'."))
    radius_km = serializers.FloatField(
        required=False, default=DEFAULT_RADIUS_KM, min_value=0.1, max_value=MAX_RADIUS_KM,
        error_messages={"invalid": gettext_lazy("Give the radius in km as a number, at most 500."),
                        "max_value": gettext_lazy("The radius can be at most 500 km."),
                        "min_value": gettext_lazy("The radius must be more than 0 km.")})
    days = DaysField(
        # Translators: API documentation; the day codes stay as written.
        help_text=gettext_lazy("Comma list of sun, mon, tue, wed, thu, fri, sat (the parent's days)."))
    avoid = WindowsField(help_text=_window_help_lazy("avoid"))
    free = WindowsField(help_text=_window_help_lazy("free"))
    tz = ZoneField(
        # Translators: API documentation; `near` is a parameter's name.
        help_text=gettext_lazy("The parent's IANA time zone; defaults to the zone of near."))
    children = _choice(ChildrenNeed.CHOICES)
    philosophy = _choice(PhilosophyNeed.CHOICES)
    medication = _choice(["supportive"])
    attendance = _choice(Attendance.values)
    fellowship = _choice(Fellowship.values)
    focus = FocusField()
    wheelchair = serializers.BooleanField(
        required=False, default=False,
        # Translators: wheelchair=true is a URL parameter and stays as written.
        error_messages={"invalid": gettext_lazy("Use wheelchair=true to ask for step-free access.")})
    language = LanguageField(max_length=12)
    units = _choice(UNITS, help_text=gettext_lazy(
        # Translators: API documentation; "mi or km" are the values the parameter takes.
        "mi or km for the distances in the results; by default miles when the place is in the "
        "United States, km elsewhere."))

    def validate_days(self, value: str) -> frozenset[int]:
        days = set()
        for slug in (part.strip().lower() for part in value.split(",")):
            if not slug:
                continue
            if slug not in WEEKDAY_SLUGS:
                # Translators: `days` are the day codes sun, mon, … which stay as written.
                raise serializers.ValidationError(
                    _("'%(day)s' is not a day; use a comma list of %(days)s.")
                    % {"day": slug, "days": ", ".join(WEEKDAY_SLUGS)})
            days.add(int(Weekday.from_slug(slug)))
        return frozenset(days)

    def validate_avoid(self, value):
        return _windows(value)

    def validate_free(self, value):
        return _windows(value)

    def validate_tz(self, value: str) -> str:
        if value and not is_timezone(value):
            raise serializers.ValidationError(
                _("'%(zone)s' is not an IANA time zone; use a name such as America/New_York.")
                % {"zone": value})
        return value

    def validate_focus(self, value) -> tuple[str, ...]:
        slugs = tuple(dict.fromkeys(slug for slug in value if slug))
        known = Vocabulary.current().focus
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            allowed = ", ".join(sorted(known))
            # Translators: `allowed` are the focus codes, which stay as written.
            raise serializers.ValidationError(
                _("'%(focus)s' is not a focus; use one of: %(allowed)s.")
                % {"focus": unknown[0], "allowed": allowed})
        return slugs

    def validate_language(self, value: str) -> str:
        known = Vocabulary.current().languages
        if value and value not in known:
            allowed = ", ".join(sorted(known))
            # Translators: `allowed` are the language codes, which stay as written.
            raise serializers.ValidationError(
                _("'%(language)s' is not a language; use one of: %(allowed)s.")
                % {"language": value, "allowed": allowed})
        return value

    def validate(self, attrs):
        if len(attrs.get("avoid", ())) + len(attrs.get("free", ())) > MAX_WINDOWS:
            raise serializers.ValidationError({"free": _too_many_windows()})
        near = attrs.get("near", "")
        place = None
        if near:
            try:
                place = locate(near)
            except AmbiguousPlace as error:
                self.ambiguous_place = error
                raise serializers.ValidationError({"near": error.message}) from None
            except PlaceNotFound as error:
                raise serializers.ValidationError({"near": str(error)}) from None
            except GeocodingUnavailable:
                raise GeocoderDown() from None
        elif attrs.get("attendance") != Attendance.ONLINE:
            raise serializers.ValidationError({"near": _(
                "Say where you are: a US ZIP code, a city such as 'Pittsburgh, PA', or lat,lng. "
                "Only a search for online meetings can leave it out.")})
        elif not attrs.get("tz"):
            raise serializers.ValidationError({"tz": _(
                "Give your time zone (such as America/Chicago) or say where you are, "
                "so that meeting times are shown on your clock.")})
        attrs["place"] = place
        return attrs

    def criteria(self) -> SearchCriteria:
        data = self.validated_data
        place = data["place"]
        return SearchCriteria(
            timezone=data.get("tz") or place.timezone,
            place=place,
            radius_km=data["radius_km"],
            availability=Availability(
                days=data.get("days", frozenset()),
                avoid=data.get("avoid", ()),
                free=data.get("free", ()),
            ),
            children=data.get("children") or None,
            philosophy=data.get("philosophy") or None,
            medication_supportive=data.get("medication") == "supportive",
            attendance=data.get("attendance") or None,
            fellowship=data.get("fellowship") or None,
            focus=data.get("focus", ()),
            wheelchair=data["wheelchair"],
            language=data.get("language") or None,
            units=data.get("units") or distance_unit(
                place.country if place else zone_country(data.get("tz", ""))),
        )


class SearchResultSerializer(MeetingSerializer):
    """A meeting as a search result: when it next happens on the parent's clock, and why."""

    # The fields document the result (the OpenAPI schema is generated from them), and
    # `to_representation` writes the same keys directly: DRF's field-by-field machinery
    # costs more than the rest of a search page. tests/test_openapi.py holds results to the
    # schema.

    class Meta(MeetingSerializer.Meta):
        fields = [
            "slug", "name", "fellowship", "weekday", "start_time", "end_time", "timezone",
            "next_start", "attendance", "distance_km", "distance", "distance_unit", "children",
            "philosophy",
            "medication_supportive", "focus", "location_name", "address", "latitude",
            "longitude", "conference_url", "conference_phone", "score", "reasons", "url",
        ]

    next_start = serializers.CharField(
        help_text=gettext_lazy("The next start, ISO 8601 with offset, on the parent's clock."))
    distance_km = serializers.FloatField(
        allow_null=True, help_text=gettext_lazy("Km from the parent; null when they would join online."))
    distance = serializers.FloatField(
        allow_null=True,
        # Translators: API documentation; `distance_unit` is a field's name.
        help_text=gettext_lazy("The same distance in `distance_unit`; null when joined online."))
    distance_unit = serializers.ChoiceField(choices=list(UNITS),
                                            help_text=gettext_lazy("mi or km, as asked."))
    focus = serializers.ListField(child=serializers.SlugField())
    score = serializers.FloatField(help_text=gettext_lazy("How well the meeting fits, 0 to 1."))
    reasons = serializers.ListField(child=serializers.CharField(),
                                    help_text=gettext_lazy("Why it fits, in plain words."))

    @property
    def units(self) -> str:
        return self.context.get("units", "km")

    def to_representation(self, match):
        meeting = match.meeting
        request = self.context.get("request")
        url = meeting.get_absolute_url()
        near = match.distance_km is not None and meeting.meets_in_person
        return {
            "slug": meeting.slug,
            "name": meeting.name,
            "fellowship": meeting.fellowship,
            "weekday": Weekday(meeting.weekday).slug,
            "start_time": f"{meeting.start_time:%H:%M}",
            "end_time": f"{meeting.end_time:%H:%M}",
            "timezone": meeting.timezone,
            "next_start": match.next_start.isoformat(),
            "attendance": meeting.attendance,
            "distance_km": round(match.distance_km, 1) if near else None,
            "distance": round(in_unit(match.distance_km, self.units), 1) if near else None,
            "distance_unit": self.units,
            "children": meeting.children,
            "philosophy": meeting.philosophy,
            "medication_supportive": meeting.medication_supportive,
            "focus": [focus.slug for focus in match.focus],
            "location_name": meeting.location_name,
            "address": meeting.address,
            "latitude": meeting.latitude,
            "longitude": meeting.longitude,
            "conference_url": meeting.conference_url,
            "conference_phone": meeting.conference_phone,
            "score": round(max(0.0, min(1.0, match.score)), 3),
            "reasons": match.reasons,
            "url": request.build_absolute_uri(url) if request else url,
        }
