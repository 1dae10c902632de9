"""How meeting times read on the pages: "Tue 25 Nov, 7:00 pm", and the zone when it matters."""
from datetime import datetime, time

from django import template

from meetings.schedule import zone

register = template.Library()


@register.filter
def clock(value: time | datetime) -> str:
    """7:00 pm; 12:00 pm is noon. A no-break space keeps "pm" on the line of its time."""
    if value in (None, ""):
        return ""
    suffix = "am" if value.hour < 12 else "pm"
    return f"{value.hour % 12 or 12}:{value.minute:02d}\u00a0{suffix}"


@register.filter
def day_and_clock(value: datetime) -> str:
    """Tue 25 Nov, 7:00 pm."""
    if value in (None, ""):
        return ""
    return f"{value:%a} {value.day} {value:%b}, {clock(value)}"


@register.filter
def short_date(value) -> str:
    """Tue 25 Nov."""
    if value in (None, ""):
        return ""
    return f"{value:%a} {value.day} {value:%b}"


@register.filter
def zone_abbreviation(value: datetime) -> str:
    """EST, CDT…, as the zone calls itself on that date."""
    if value in (None, ""):
        return ""
    return value.tzname() or ""


@register.filter
def on_meeting_clock(value: datetime, timezone_name: str) -> datetime | None:
    """The same moment on the meeting's clock, or None when that clock reads the same."""
    if value in (None, "") or not timezone_name:
        return None
    local = value.astimezone(zone(timezone_name))
    return None if local.utcoffset() == value.utcoffset() else local


@register.filter
def zone_place(timezone_name: str) -> str:
    """New York time, for America/New_York: a zone as people say it; UTC stays UTC."""
    if not timezone_name:
        return ""
    if "/" not in timezone_name:
        return timezone_name
    return timezone_name.rsplit("/", 1)[1].replace("_", " ") + " time"
