"""A listing as plain data: what a request proposes, what a meeting says now, and the
field-by-field differences between them, in words a moderator reads."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Focus, Language, Meeting

LISTING_FIELDS = (
    "name", "fellowship", "weekday", "start_time", "end_time", "timezone",
    "attendance", "location_name", "address", "latitude", "longitude",
    "conference_url", "conference_phone", "children", "philosophy",
    "medication_supportive", "focus", "languages", "wheelchair_accessible", "notes",
    "contact_email", "contact_phone", "contact_website",
)


def as_proposal(values: dict) -> dict:
    """Form values (cleaned data or a meeting's attributes) as JSON-ready form data."""
    proposal = {}
    for name in LISTING_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif name == "focus":
            value = sorted(item.slug for item in value or ())
        elif name == "languages":
            value = sorted(item.code for item in value or ())
        elif value is None and name not in ("latitude", "longitude", "wheelchair_accessible"):
            value = ""
        proposal[name] = value
    if "location_approximate" in values:
        proposal["location_approximate"] = bool(values["location_approximate"])
    return proposal


def current_listing(meeting: Meeting) -> dict:
    values = {name: getattr(meeting, name) for name in LISTING_FIELDS
              if name not in ("focus", "languages")}
    values["focus"] = list(meeting.focus.all())
    values["languages"] = list(meeting.languages.all())
    values["location_approximate"] = meeting.location_approximate
    return as_proposal(values)


def as_form_data(proposal: dict) -> dict:
    """A stored proposal as data for the listing form (which validates it again)."""
    data = {}
    for name in LISTING_FIELDS:
        value = proposal.get(name)
        if value is None:
            value = [] if name in ("focus", "languages") else ""
        data[name] = value
    # A stored listing that ends before it starts was said (or known) to go on past midnight.
    start, end = proposal.get("start_time"), proposal.get("end_time")
    if start and end and isinstance(start, str) and isinstance(end, str) and end < start:
        data["crosses_midnight"] = "on"
    return data


def _label(name: str) -> str:
    return str(Meeting._meta.get_field(name).verbose_name).capitalize()


def display_value(name: str, value) -> str:
    """How a moderator reads a stored value: choice labels, names, Yes / No / Not known."""
    if value in (None, "", []):
        # Translators: a listing's value nobody has given, such as its wheelchair access.
        return pgettext("value", "Not known") if name == "wheelchair_accessible" else "—"
    if name == "focus":
        names = {focus.slug: focus.label for focus in Focus.objects.filter(slug__in=value)}
        return ", ".join(names.get(slug, slug) for slug in value)
    if name == "languages":
        names = {language.code: language.label
                 for language in Language.objects.filter(code__in=value)}
        return ", ".join(names.get(code, code) for code in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    field = Meeting._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    # The meeting changed this field since the requester saw it.
    changed_since_request: bool = False


def _normal(name, value):
    if value in (None, ""):
        return None
    if name in ("focus", "languages"):
        return sorted(value) or None
    if name == "weekday":
        return int(value)
    if name in ("start_time", "end_time") and isinstance(value, str):
        return value[:5]
    if name in ("latitude", "longitude"):
        return round(float(value), 6)
    return value


def requested_listing(current: dict, proposed: dict, baseline: dict) -> dict:
    """The listing as it stands now with only the fields the requester changed (from the
    `baseline` they started from) taken from their proposal, so that approving a change
    request never undoes an edit made since it was sent."""
    requested = dict(current)
    changed = {name for name, value in proposed.items()
               if name not in baseline or _normal(name, value) != _normal(name, baseline.get(name))}
    if not changed & {"latitude", "longitude"}:
        # Whether the position is approximate goes with the position: a request that leaves
        # it where it was leaves the flag too (the request's form cannot say it).
        changed.discard("location_approximate")
    for name in changed:
        requested[name] = proposed[name]
    return requested


def listing_diff(before: dict, after: dict, baseline: dict | None = None) -> list[FieldChange]:
    """The fields whose values differ between two listings, in form order."""
    changes = []
    for name in (*LISTING_FIELDS, "location_approximate"):
        if name not in after:
            continue
        old, new = before.get(name), after.get(name)
        if _normal(name, old) == _normal(name, new):
            continue
        drifted = baseline is not None and name in baseline and (
            _normal(name, baseline.get(name)) != _normal(name, old))
        changes.append(FieldChange(name, _label(name), display_value(name, old),
                                   display_value(name, new), drifted))
    return changes
